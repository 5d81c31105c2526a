// Builds dist/ with esbuild: one ESM bundle per command entry, split so that
// `serve` loads only what serving needs. The Kubernetes client and the
// OpenTelemetry SDK stay external and are imported lazily, only when configured.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

// prom-client's process CPU metric requires @opentelemetry/api at load time,
// for exemplars that Maestro never enables; resolving it from node_modules
// (44 files) cost about 100 ms of `serve`'s cold start on a loaded machine.
// prom-client gets a stand-in that requires the real API on first property
// access, so the API loads only if exemplars are ever read.
const lazyOtelApiForPromClient = {
  name: 'lazy-otel-api-for-prom-client',
  setup(b) {
    b.onResolve({ filter: /^@opentelemetry\/api$/ }, (args) =>
      /[\\/]node_modules[\\/]prom-client[\\/]/.test(args.importer)
        ? { path: 'otel-api', namespace: 'lazy-otel-api' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-otel-api' }, () => ({
      contents:
        "let api; module.exports = new Proxy({}, { get: (_t, key) => (api ??= require('@opentelemetry/api'))[key] });",
      loader: 'js',
    }));
  },
};

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
  plugins: [lazyOtelApiForPromClient],
  external: ['@kubernetes/client-node', '@opentelemetry/*', '@fastify/otel'],
  // fastify and its plugins are CommonJS and call require() at run time.
  banner: {
    js: "import { createRequire as __maestroCreateRequire } from 'node:module'; const require = __maestroCreateRequire(import.meta.url);",
  },
});
