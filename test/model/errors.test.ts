// Every model and package error code is documented in docs/errors.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { modelErrors, packageErrors } from '../../src/errors.ts';

test('every model and package error code is listed in docs/errors.md', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  for (const code of [...Object.keys(modelErrors), ...Object.keys(packageErrors)]) {
    assert.ok(doc.includes(`\`${code}\``), code);
  }
});
