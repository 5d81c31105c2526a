// esbuild plugins for scripts/build.mjs (also used by test/server/lazy-bundle-parts.test.ts):
// keep packages that `maestro serve` does not need before it is ready out of
// the eager bundle, loading them on first use instead.
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';

// prom-client's process CPU metric requires @opentelemetry/api at load time,
// for exemplars that Maestro never enables; resolving it from node_modules
// (44 files) cost about 100 ms of `serve`'s cold start on a loaded machine.
// prom-client gets a stand-in that requires the real API on first property
// access, so the API loads only if exemplars are ever read.
//
// fastify requires its JSON-schema validator and serializer compilers (ajv with
// its formats, fast-json-stringify: about 150 modules) when it builds an app,
// though Maestro's routes declare no schema; and it bundles light-my-request,
// which only `inject` (tests) uses. Those stay out of the bundle: fastify gets
// stand-ins that load the real package from fastify's own node_modules the
// first time it is needed (a schema compiler asked for, an inject call).
const fromFastify = (name) =>
  `require('node:module').createRequire(require.resolve('fastify'))(${JSON.stringify(name)})`;
export const lazyFastifyParts = {
  name: 'lazy-fastify-parts',
  setup(b) {
    b.onResolve(
      { filter: /^(@fastify\/(ajv-compiler|fast-json-stringify-compiler)|light-my-request)$/ },
      (args) =>
        /[\\/]node_modules[\\/]fastify[\\/]/.test(args.importer)
          ? { path: args.path, namespace: 'lazy-fastify' }
          : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-fastify' }, (args) => ({
      contents:
        args.path === 'light-my-request'
          ? `module.exports = ${fromFastify(args.path)};`
          : `module.exports = function lazySelector(...selectorArgs) {
  let build;
  return (...args) => (build ??= ${fromFastify(args.path)}(...selectorArgs))(...args);
};`,
      loader: 'js',
    }));
  },
};

export const lazyOtelApiForPromClient = {
  name: 'lazy-otel-api-for-prom-client',
  setup(b) {
    b.onResolve({ filter: /^@opentelemetry\/api$/ }, (args) => {
      // The stand-in's own require stays a run-time require of the real package.
      if (args.namespace === 'lazy-otel-api') return { path: args.path, external: true };
      return /[\\/]node_modules[\\/]prom-client[\\/]/.test(args.importer)
        ? { path: 'otel-api', namespace: 'lazy-otel-api' }
        : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-otel-api' }, () => ({
      contents:
        "let api; module.exports = new Proxy({}, { get: (_t, key) => (api ??= require('@opentelemetry/api'))[key] });",
      loader: 'js',
    }));
  },
};

// Node built-ins that fastify and prom-client require at load time but use
// only in functions `serve` never calls without HTTPS or a push gateway:
// fastify's server.js requires node:https, node:http2 (with tls and crypto,
// several milliseconds of a cold start) and node:dns; prom-client's push
// gateway requires https. Each gets a stand-in that requires the built-in on
// first property access. Listed per importing file, so that a package that
// reads a built-in's properties at load time is never given a stand-in.
const lazyBuiltinsByImporter = [
  [
    /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]server\.js$/,
    ['node:https', 'node:http2', 'node:dns'],
  ],
  [/[\\/]node_modules[\\/]prom-client[\\/]lib[\\/]pushgateway\.js$/, ['https']],
];
export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(https|http2|dns)$/ }, (args) => {
      if (args.namespace === 'lazy-builtin') return { path: args.path, external: true };
      const lazy = lazyBuiltinsByImporter.some(
        ([importer, names]) => importer.test(args.importer) && names.includes(args.path),
      );
      return lazy ? { path: args.path, namespace: 'lazy-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m; module.exports = new Proxy({}, { get: (_t, key) => (m ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
    }));
  },
};

// The serve bundle in two scripts (scripts/build.mjs): dist/serve.cjs holds
// what `maestro serve` runs before it answers /healthz, and dist/serve-lazy.cjs
// the modules that its routes import on first use (the plan and template
// engines, YAML, the webhook handlers), each with its own V8 code cache, so
// that a cold start reads, deserialises and compiles less than half the code.
// Listed by source file: every dynamic import of one of them in the eager
// bundle becomes a call of __maestroLazy(name, shared), a function that
// bin/serve-bundle.js passes in and that runs the lazy script once.
export const lazyServeModules = {
  metacontrollerRuntime: 'src/server/plugins/metacontroller-runtime.ts',
  admission: 'src/webhooks/admission/index.ts',
  conversion: 'src/webhooks/conversion/index.ts',
  renderWorker: 'src/server/render-worker.ts',
};
const lazyNames = new Map(
  Object.entries(lazyServeModules).map(([name, file]) => [resolve(file), name]),
);

/**
 * For the eager bundle. `shared`: the files (relative to the working
 * directory) that both bundles import; the lazy script reads them from the
 * eager one through `shared(file)`, so that each module (its classes, its
 * state) exists once.
 * @param {string[]} shared
 */
export function cutLazyServeModules(shared) {
  return {
    name: 'cut-lazy-serve-modules',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const name = lazyNames.get(resolve(args.resolveDir, args.path));
        return name === undefined ? undefined : { path: name, namespace: 'serve-lazy' };
      });
      b.onLoad({ filter: /.*/, namespace: 'serve-lazy' }, (args) => ({
        contents: `module.exports = __maestroLazy(${JSON.stringify(args.path)}, {\n${shared
          .map(
            (file) => `  ${JSON.stringify(file)}: () => require(${JSON.stringify(`./${file}`)}),`,
          )
          .join('\n')}\n});`,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}

/**
 * For the lazy bundle: its entry exports each lazy module's namespace by name,
 * and a module that the eager bundle holds (`eagerInputs`, its metafile's
 * inputs) is replaced by the eager bundle's instance (`__maestroShared(file)`).
 * `shared` collects those files.
 * @param {Set<string>} eagerInputs
 * @param {Set<string>} shared
 */
export function shareEagerServeModules(eagerInputs, shared) {
  return {
    name: 'share-eager-serve-modules',
    setup(b) {
      b.onResolve({ filter: /^serve-lazy-entry$/ }, () => ({
        path: 'entry',
        namespace: 'serve-lazy-entry',
      }));
      b.onLoad({ filter: /.*/, namespace: 'serve-lazy-entry' }, () => ({
        contents: Object.entries(lazyServeModules)
          .map(([name, file]) => `export * as ${name} from ${JSON.stringify(`./${file}`)};`)
          .join('\n'),
        loader: 'js',
        resolveDir: process.cwd(),
      }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.sharing || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { sharing: true },
        });
        if (found.errors.length > 0 || found.namespace !== 'file' || found.external) return found;
        const file = relative(process.cwd(), found.path).split(sep).join('/');
        if (!eagerInputs.has(file)) return found;
        shared.add(file);
        return { path: file, namespace: 'serve-shared' };
      });
      b.onLoad({ filter: /.*/, namespace: 'serve-shared' }, (args) => ({
        contents: `module.exports = __maestroShared(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

// Modules that `serve` loads with its dependencies but never uses before a
// rarely taken path: prom-client's push gateway (it requires zlib at load,
// for a gateway Maestro never pushes to) and its Summary (with tdigest; Maestro
// has no summary metric), pino's thread-stream (worker threads for log
// transports, which Maestro does not configure) and fastify's proxy-addr (with
// ipaddr.js, for trustProxy, which Maestro does not set). Each exports a class
// or a function; its importer gets a stand-in that requires the real module
// (still in the bundle) the first time it is called, constructed or read.
const lazyModuleByImporter = [
  [/[\\/]node_modules[\\/]prom-client[\\/]index\.js$/, './lib/pushgateway'],
  [/[\\/]node_modules[\\/]prom-client[\\/]index\.js$/, './lib/summary'],
  [/[\\/]node_modules[\\/]pino[\\/]lib[\\/]transport\.js$/, 'thread-stream'],
  [/[\\/]node_modules[\\/]fastify[\\/]lib[\\/]request\.js$/, '@fastify/proxy-addr'],
];
export const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve(
      { filter: /^(\.\/lib\/(pushgateway|summary)|thread-stream|@fastify\/proxy-addr)$/ },
      async (args) => {
        if (args.pluginData?.lazyModule) return undefined;
        const lazy = lazyModuleByImporter.some(
          ([importer, path]) => importer.test(args.importer) && path === args.path,
        );
        if (!lazy) return undefined;
        const real = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { lazyModule: true },
        });
        if (real.errors.length > 0) return { errors: real.errors };
        // Relative to the working directory: no absolute path in the source map.
        return {
          path: relative(process.cwd(), real.path).split(sep).join('/'),
          namespace: 'lazy-module',
        };
      },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({
      contents: `let real;
const load = () => (real ??= require(${JSON.stringify(`./${args.path}`)}));
const standIn = new Proxy(function lazyModule() {}, {
  construct: (_t, args, newTarget) => Reflect.construct(load(), args, newTarget === standIn ? load() : newTarget),
  apply: (_t, self, args) => Reflect.apply(load(), self, args),
  get: (_t, key) => load()[key],
});
module.exports = standIn;`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

// fastify requires all of semver (about 50 modules, some building regular
// expressions at load) to check plugins' `fastify` version ranges with three of
// its functions; the first check compiles semver's range expressions (about a
// millisecond of a cold start). Its plugin-utils.js gets a stand-in: the range
// every plugin `serve` registers declares, a major such as '5.x', is checked
// against a release version by comparing majors (what semver answers for
// them), and anything else goes to those three semver functions, loaded on
// first use. The build fails if fastify starts calling another.
const fastifySemverFunctions = ['coerce', 'gt', 'satisfies'];
export const fastifySemverSubset = {
  name: 'fastify-semver-subset',
  setup(b) {
    b.onResolve({ filter: /^semver$/ }, (args) =>
      /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]plugin-utils\.js$/.test(args.importer)
        ? {
            path: relative(process.cwd(), args.importer).split(sep).join('/'),
            namespace: 'fastify-semver',
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'fastify-semver' }, async (args) => {
      const used = new Set(
        [...(await readFile(resolve(args.path), 'utf8')).matchAll(/\bsemver\.(\w+)/g)].map(
          (m) => m[1],
        ),
      );
      const other = [...used].filter((name) => !fastifySemverFunctions.includes(name));
      if (other.length > 0) {
        return {
          errors: [
            {
              text: `fastify uses semver.${other.join(', semver.')}: add it to fastifySemverFunctions`,
            },
          ],
        };
      }
      return {
        contents: `let semver;
const load = () => (semver ??= {
${fastifySemverFunctions.map((name) => `  ${name}: require('semver/functions/${name}'),`).join('\n')}
});
const release = /^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$/;
const major = /^(0|[1-9]\\d*)\\.x$/;
module.exports = {
  coerce: (...args) => load().coerce(...args),
  gt: (...args) => load().gt(...args),
  satisfies(version, range, options) {
    const wanted = typeof range === 'string' ? major.exec(range) : null;
    const found = typeof version === 'string' ? release.exec(version) : null;
    if (wanted !== null && found !== null) return found[1] === wanted[1];
    return load().satisfies(version, range, options);
  },
};`,
        loader: 'js',
        resolveDir: dirname(resolve(args.path)),
      };
    });
  },
};

// find-my-way, fastify's plugin checks, under-pressure and sonic-boom (pino's
// destination) require node:assert at load and call assert(condition,
// message) while routes, plugins and the logger are set up. Loading node:assert builds process.stderr (to decide on colours
// for its messages), about a millisecond of a cold start. Those files get a
// stand-in: a condition that holds passes without the module, which is all
// that happens when the arguments are right; a failing one, and any other use,
// goes to the real node:assert (the same AssertionError).
const lazyAssertImporters =
  /[\\/]node_modules[\\/](find-my-way[\\/]|@fastify[\\/]under-pressure[\\/]index\.js$|fastify[\\/]lib[\\/]plugin-utils\.js$|sonic-boom[\\/]index\.js$)/;
export const lazyAssert = {
  name: 'lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      lazyAssertImporters.test(args.importer)
        ? { path: 'assert', namespace: 'lazy-assert' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: `let real;
const load = () => (real ??= require('node:assert'));
module.exports = new Proxy(function assert() {}, {
  apply: (_t, self, args) => (args.length > 0 && args[0] ? undefined : Reflect.apply(load(), self, args)),
  get: (_t, key) => load()[key],
});`,
      loader: 'js',
    }));
  },
};

/** Every plugin above, in the order the build applies them to what `serve` runs. */
export const servePlugins = [
  lazyOtelApiForPromClient,
  lazyFastifyParts,
  lazyBuiltins,
  lazyModules,
  fastifySemverSubset,
  lazyAssert,
];
