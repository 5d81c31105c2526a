// Builds dist/ with esbuild: one ESM bundle per command entry (and the render
// worker), split so that `serve` loads only what serving needs. The Kubernetes
// client and the OpenTelemetry SDK stay external and are imported lazily, only
// when configured; piscina stays external because it starts its own worker
// script from its package directory.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cutLazyServeModules, servePlugins, shareEagerServeModules } from './build-plugins.mjs';

// MAESTRO_BUILD_OUTDIR builds elsewhere (test/hostile builds its own copy, so
// that it never runs a stale dist/ nor replaces one another test is using).
const outdir = process.env.MAESTRO_BUILD_OUTDIR ?? 'dist';
await rm(outdir, { recursive: true, force: true });
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  // The stand-ins of build-plugins.mjs resolve fastify's own dependencies at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
  plugins: servePlugins,
  external: ['@kubernetes/client-node', '@opentelemetry/*', '@fastify/otel', 'piscina'],
};
await build({
  ...shared,
  // The render worker is an entry of its own: piscina starts it by file name
  // (dist/render-worker.js, next to the chunk of src/server/render-pool.ts).
  entryPoints: { main: 'src/cli/main.ts', 'render-worker': 'src/server/render-worker.ts' },
  outdir,
  splitting: true,
  format: 'esm',
  // fastify and its plugins are CommonJS and call require() at run time.
  banner: {
    js: "import { createRequire as __maestroCreateRequire } from 'node:module'; const require = __maestroCreateRequire(import.meta.url);",
  },
});
// A script compiled from a code cache loses its dynamic-import callback in
// Node 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), so the serve bundle's
// import() of external packages becomes a call of __imp_, a function that
// bin/serve-bundle.js passes in and that imports through Node's own loader.
// The name has the length of `import`, so the source map stays exact.
//
// `maestro serve` is bundled as two scripts (build-plugins.mjs): serve.cjs,
// what start-up runs, and serve-lazy.cjs, the modules its routes import on
// first use. Three builds: the eager bundle once for its list of modules; the
// lazy bundle, which takes the modules both import from the eager one; the
// eager bundle again, now handing those modules to the lazy one.
const serveOptions = (extra, lazyParameter) => ({
  ...shared,
  ...extra,
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  write: false,
  metafile: true,
  plugins: [...extra.plugins, ...shared.plugins],
  // One function expression with CommonJS's arguments, __imp_ and the link
  // between the two scripts (bin/serve-bundle.js calls it).
  banner: {
    js: `(function (exports, require, module, __filename, __dirname, __imp_, ${lazyParameter}) {const __maestroImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
  footer: { js: '\n})' },
  // render-pool.ts finds dist/render-worker.js next to its own file.
  define: { 'import.meta.url': '__maestroImportMetaUrl' },
});
const eagerEntry = { entryPoints: { serve: 'src/cli/serve-entry.ts' } };
const firstEager = await build(
  serveOptions({ ...eagerEntry, plugins: [cutLazyServeModules([])] }, '__maestroLazy'),
);
const eagerInputs = new Set(Object.keys(firstEager.metafile.inputs));
const sharedFiles = new Set();
const lazyBundle = await build(
  serveOptions(
    {
      entryPoints: { 'serve-lazy': 'serve-lazy-entry' },
      plugins: [shareEagerServeModules(eagerInputs, sharedFiles)],
    },
    '__maestroShared',
  ),
);
const eagerBundle = await build(
  serveOptions(
    { ...eagerEntry, plugins: [cutLazyServeModules([...sharedFiles].sort())] },
    '__maestroLazy',
  ),
);
const lazyInputs = Object.keys(lazyBundle.metafile.inputs);
const twice = lazyInputs.filter((file) => eagerInputs.has(file));
if (twice.length > 0) throw new Error(`serve bundles: in both scripts: ${twice.join(', ')}`);
for (const file of [...eagerBundle.outputFiles, ...lazyBundle.outputFiles]) {
  let text = file.text;
  if (file.path.endsWith('.cjs')) {
    if (text.match(/\b__imp_\b/g).length !== 1)
      throw new Error(`${file.path} uses the name __imp_`);
    text = text.replace(/\bimport\((?=["'])/g, '__imp_(');
    if (/\bimport\(/.test(text)) throw new Error(`${file.path} has an import() of a computed name`);
  }
  await writeFile(file.path, text);
}
const cache = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('code-cache.mjs', import.meta.url)), outdir],
  { stdio: 'inherit' },
);
if (cache.status !== 0) {
  // Serving works without the cache, only starting slower.
  console.warn(`build: no code cache for ${outdir}/serve*.cjs (exit ${cache.status})`);
}
