#!/usr/bin/env node
// The `maestro` command. It runs the bundles that `npm run build` (run by
// `npm ci` through `prepare`) writes to dist/; it never compiles at start-up.
// `maestro serve` runs dist/serve.cjs with its V8 code cache (serve-bundle.js):
// the cold start of a replica scaled from zero. Every other command, and serve
// when that bundle is absent, runs dist/main.js.
import { existsSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const entry = new URL('main.js', dist);
if (!existsSync(entry)) {
  console.error('maestro: dist/main.js is missing. Run `npm run build` (npm ci runs it for you).');
  process.exit(70);
}
if (process.argv[2] === 'serve' && existsSync(new URL('serve.cjs', dist))) {
  const { loadServeBundle } = await import('./serve-bundle.js');
  await loadServeBundle(dist).exports.start(process.argv.slice(3));
} else {
  await import(entry.href);
}
