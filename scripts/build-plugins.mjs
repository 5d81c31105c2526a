// esbuild plugins for scripts/build.mjs (also used by test/server/lazy-bundle-parts.test.ts):
// keep packages that `maestro serve` does not need before it is ready out of
// the eager bundle, loading them on first use instead.

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
