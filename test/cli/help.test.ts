// Every command answers --help with its usage and at least one example
// (issue 14), and the kubectl plugin entry runs the same program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { commands } from '../../src/cli/commands.ts';
import { setPath } from '../../src/cli/commands/init.ts';

test('every command has --help with a usage line and an example', async () => {
  for (const [name, entry] of Object.entries(commands)) {
    const { help } = await entry.load();
    assert.match(help, new RegExp(`^Usage: maestro ${name}\\b`), name);
    assert.match(help, /\nExamples?( \([^)]*\))?:\n {2}(maestro|echo) /, name);
  }
});

test('the kubectl-maestro bin runs the maestro entry point', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.bin['kubectl-maestro'], 'bin/kubectl-maestro.js');
  const text = readFileSync(new URL('../../bin/kubectl-maestro.js', import.meta.url), 'utf8');
  assert.match(text, /^#!\/usr\/bin\/env node\n/);
  assert.match(text, /import\('\.\/maestro\.js'\)/);
});

test('init --set paths: nested maps created, values replaced, __proto__ is data', () => {
  const v: Record<string, unknown> = { image: { tag: 'a', repository: 'r' } };
  setPath(v, 'image.tag', 'b');
  setPath(v, 'auth.enabled', false);
  setPath(v, 'image', { tag: 'c' });
  setPath(v, 'x.__proto__.y', 1);
  assert.deepEqual(v.image, { tag: 'c' });
  assert.deepEqual(v.auth, { enabled: false });
  assert.equal(({} as Record<string, unknown>).y, undefined);
  assert.throws(() => setPath(v, 'a..b', 1), /empty key/);
});
