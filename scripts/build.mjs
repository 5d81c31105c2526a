// Builds dist/ with esbuild: one ESM bundle per command entry, split so that
// `serve` loads only what serving needs. The Kubernetes client and the
// OpenTelemetry SDK stay external and are imported lazily, only when configured.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { lazyFastifyParts, lazyOtelApiForPromClient } from './build-plugins.mjs';

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyOtelApiForPromClient, lazyFastifyParts],
  external: ['@kubernetes/client-node', '@opentelemetry/*', '@fastify/otel'],
  // fastify and its plugins are CommonJS and call require() at run time.
  banner: {
    js: "import { createRequire as __maestroCreateRequire } from 'node:module'; const require = __maestroCreateRequire(import.meta.url);",
  },
});
