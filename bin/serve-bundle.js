// Loads dist/serve.cjs, the `maestro serve` bundle, as a vm.Script with the V8
// code cache that the build wrote beside it (dist/serve.cjs.cache, see
// scripts/code-cache.mjs): with the cache V8 skips parsing and compiling the
// functions start-up runs, which Node 20 cannot do for ES modules. A cache
// that does not match this Node (another V8 version or flags) is rejected by
// V8 and the script compiles from source, only slower.
//
// The modules that routes import on first use (the engines, YAML, the webhook
// handlers) are a second script, dist/serve-lazy.cjs with its own cache, run
// the first time one of them is imported (scripts/build-plugins.mjs).
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { fileURLToPath } = require('node:url');
const { Script } = require('node:vm');

/**
 * Compiles FILE with FILE.cache when `cache` and that file exists.
 * @param {string} file
 * @param {boolean} cache
 */
function compileCached(file, cache = true) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache (a build that could not write one): compile from source.
    }
  }
  const script = new Script(source, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  /** undefined without a cache file, else whether V8 refused it. */
  const cacheRejected = cachedData === undefined ? undefined : script.cachedDataRejected;
  return { script, cacheRejected };
}

// The import() that the bundles' calls of external packages (piscina,
// OpenTelemetry, the Kubernetes client) go through: a script compiled from a
// code cache has no dynamic-import callback of its own in Node 20
// (scripts/build.mjs).
const dynamicImport = (specifier) => import(specifier);

/**
 * Runs one of the bundles: a function expression taking CommonJS's arguments,
 * the import() above and `link` (how the two scripts reach each other).
 */
function run(file, cache, link) {
  const { script, cacheRejected } = compileCached(file, cache);
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
    dynamicImport,
    link,
  );
  return { exports: /** @type {any} */ (module.exports), script, cacheRejected };
}

/**
 * @param {URL} dist the dist/ directory
 * @param {{ cache?: boolean }} [options] cache: false compiles from source (the build, writing the cache)
 */
function loadServeBundle(dist, { cache = true } = {}) {
  /** @type {ReturnType<typeof run> | undefined} */
  let lazy;
  // Called by the eager script with a lazy module's name and the modules it
  // shares with the lazy script, as functions that return the eager instance.
  const loadLazy = (name, shared) => {
    lazy ??= run(fileURLToPath(new URL('serve-lazy.cjs', dist)), cache, (file) => shared[file]());
    return lazy.exports[name];
  };
  const eager = run(fileURLToPath(new URL('serve.cjs', dist)), cache, loadLazy);
  return {
    /** @type {{ start(args: string[]): Promise<void> }} */
    exports: eager.exports,
    script: eager.script,
    /** undefined without a cache file, else whether V8 refused it. */
    cacheRejected: eager.cacheRejected,
    /** The lazy script once a route has loaded it, else undefined. */
    lazy: () => lazy,
  };
}

exports.compileCached = compileCached;
exports.loadServeBundle = loadServeBundle;
