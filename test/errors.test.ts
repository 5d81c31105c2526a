// docs/errors.md and src/errors.ts list the same codes with the same statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCatalogue, MaestroError } from '../src/errors.ts';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));
const catalogueFile = join(srcDir, 'errors.ts');
const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

test('every error code in src/errors.ts is documented in docs/errors.md', () => {
  const missing = Object.keys(errorCatalogue).filter((code) => !documented.has(code));
  assert.deepEqual(missing, []);
});

test('docs/errors.md lists no code that src/errors.ts lacks', () => {
  const unknown = [...documented.keys()].filter((code) => !(code in errorCatalogue));
  assert.deepEqual(unknown, []);
});

test('the documented HTTP status matches the catalogue where the doc gives one', () => {
  for (const [code, status] of documented) {
    const spec = errorCatalogue[code as keyof typeof errorCatalogue];
    if (spec === undefined || status === '—') continue;
    assert.equal(Number(status), spec.status, code);
  }
});

test('codes follow the MAESTRO_ naming scheme', () => {
  for (const code of Object.keys(errorCatalogue)) assert.match(code, /^MAESTRO_[A-Z0-9_]+$/);
});

test('MaestroError carries the code and its status', () => {
  const err = new MaestroError('MAESTRO_BODY_TOO_LARGE', 'too big', { details: { limit: 1 } });
  assert.equal(err.code, 'MAESTRO_BODY_TOO_LARGE');
  assert.equal(err.statusCode, 413);
  assert.deepEqual(err.details, { limit: 1 });
});

test('every documented code is emitted somewhere in src (no code that nothing sends)', () => {
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && path !== catalogueFile)
        sources.push(readFileSync(path, 'utf8'));
    }
  };
  walk(srcDir);
  const text = sources.join('\n');
  const silent = [...documented.keys()].filter((code) => !text.includes(code));
  assert.deepEqual(silent, []);
});
