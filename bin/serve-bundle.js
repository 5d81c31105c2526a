// Loads dist/serve.cjs, the `maestro serve` bundle, as a vm.Script with the V8
// code cache that the build wrote beside it (dist/serve.cjs.cache, see
// scripts/code-cache.mjs): with the cache V8 skips parsing and compiling the
// functions start-up runs, which Node 20 cannot do for ES modules. A cache
// that does not match this Node (another V8 version or flags) is rejected by
// V8 and the script compiles from source, only slower.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/**
 * @param {URL} dist the dist/ directory
 * @param {{ cache?: boolean }} [options] cache: false compiles from source (the build, writing the cache)
 */
export function loadServeBundle(dist, { cache = true } = {}) {
  const file = fileURLToPath(new URL('serve.cjs', dist));
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
  const module = { exports: {} };
  // The file is one function expression taking CommonJS's arguments, and the
  // import() that its calls of external packages (piscina, OpenTelemetry, the
  // Kubernetes client) go through: a script compiled from a code cache has no
  // dynamic-import callback of its own in Node 20 (scripts/build.mjs).
  const dynamicImport = (specifier) => import(specifier);
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
    dynamicImport,
  );
  return {
    /** @type {{ start(args: string[]): Promise<void> }} */
    exports: /** @type {any} */ (module.exports),
    script,
    /** undefined without a cache file, else whether V8 refused it. */
    cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected,
  };
}
