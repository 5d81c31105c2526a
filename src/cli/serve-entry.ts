// The entry of dist/serve.cjs: `maestro serve` alone, bundled as one CommonJS
// script that bin/maestro.js compiles with a V8 code cache written at build
// time (scripts/code-cache.mjs), since Node 20 has no compile cache for ES
// modules. Everything serve loads lazily (engines, render pool, OpenTelemetry,
// the Kubernetes client) stays behind the same dynamic imports as in dist/main.js.
import type { CommandIO } from './command.ts';
import { runCommand } from './run-command.ts';
import * as serve from './commands/serve.ts';

/** Runs `maestro serve ARGS` and sets the process exit code when it returns. */
export async function start(args: string[]): Promise<void> {
  // Getters: process.stdin and friends build a stream when first read, and
  // serve never reads stdin (a millisecond of the cold start).
  const io: CommandIO = {
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
    env: process.env,
  };
  process.exitCode = await runCommand('serve', serve, args, io);
}
