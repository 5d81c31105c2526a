#!/usr/bin/env node
// The `maestro` command. It runs the bundle that `npm run build` (run by
// `npm ci` through `prepare`) writes to dist/; it never compiles at start-up.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('maestro: dist/main.js is missing. Run `npm run build` (npm ci runs it for you).');
  process.exit(70);
}
await import(entry.href);
