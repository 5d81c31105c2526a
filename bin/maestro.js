#!/usr/bin/env node
// The `maestro` command. It runs the bundles that `npm run build` (run by
// `npm ci` through `prepare`) writes to dist/; it never compiles at start-up.
// `maestro serve` runs dist/serve.cjs with its V8 code cache (serve-bundle.js):
// the cold start of a replica scaled from zero. Every other command, and serve
// when that bundle is absent, runs dist/main.js.
//
// bin/ is CommonJS (bin/package.json): Node starts a CommonJS entry without
// setting up its ES module loader, some milliseconds of every cold start, and
// `maestro serve` needs none (its bundles are scripts). The other commands
// import dist/main.js, an ES module, as before.
'use strict';
const { existsSync } = require('node:fs');
const { pathToFileURL } = require('node:url');

const dist = new URL('../dist/', pathToFileURL(__filename));
const entry = new URL('main.js', dist);
if (!existsSync(entry)) {
  console.error('maestro: dist/main.js is missing. Run `npm run build` (npm ci runs it for you).');
  process.exit(70);
}
if (process.argv[2] === 'serve' && existsSync(new URL('serve.cjs', dist))) {
  const { loadServeBundle } = require('./serve-bundle.js');
  // A rejection ends the process as an uncaught error, as the top-level await of an ES module did.
  void loadServeBundle(dist).exports.start(process.argv.slice(3));
} else {
  void import(entry.href);
}
