// The command table. Each entry imports its module only when it runs.
import type { CommandModule } from './command.ts';

export interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

export const commands: Record<string, CommandEntry> = {
  serve: {
    summary:
      'Serve the Metacontroller hooks, the admission and conversion webhooks, health and metrics',
    load: () => import('./commands/serve.ts'),
  },
  package: {
    summary: 'Verify an operator package (KUDO format): package verify DIR',
    load: () => import('./commands/package.ts'),
  },
  render: {
    summary:
      "Render an operator package with no cluster: a plan's children, or --raw template output",
    load: () => import('./commands/render.ts'),
  },
  simulate: {
    summary: "Run a package's plans in an emulated Metacontroller and cluster, on a virtual clock",
    load: () => import('./commands/simulate.ts'),
  },
};
