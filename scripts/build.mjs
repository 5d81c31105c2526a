// Builds dist/ with esbuild: one ESM bundle per command entry (and the render
// worker), split so that `serve` loads only what serving needs. The Kubernetes
// client and the OpenTelemetry SDK stay external and are imported lazily, only
// when configured; piscina stays external because it starts its own worker
// script from its package directory.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { lazyFastifyParts, lazyOtelApiForPromClient } from './build-plugins.mjs';

// MAESTRO_BUILD_OUTDIR builds elsewhere (test/hostile builds its own copy, so
// that it never runs a stale dist/ nor replaces one another test is using).
const outdir = process.env.MAESTRO_BUILD_OUTDIR ?? 'dist';
await rm(outdir, { recursive: true, force: true });
await build({
  // The render worker is an entry of its own: piscina starts it by file name
  // (dist/render-worker.js, next to the chunk of src/server/render-pool.ts).
  entryPoints: { main: 'src/cli/main.ts', 'render-worker': 'src/server/render-worker.ts' },
  outdir,
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
  external: ['@kubernetes/client-node', '@opentelemetry/*', '@fastify/otel', 'piscina'],
  // fastify and its plugins are CommonJS and call require() at run time.
  banner: {
    js: "import { createRequire as __maestroCreateRequire } from 'node:module'; const require = __maestroCreateRequire(import.meta.url);",
  },
});
