import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';

const bin = new URL('../../bin/maestro.js', import.meta.url).pathname;

test('maestro --help lists the commands and exits 0', () => {
  const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.match(out, /Usage: maestro <command>/);
  assert.match(out, /\bserve\b/);
});

test('an unknown command exits 2 with the usage on stderr', () => {
  const res = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /unknown command "no-such-command"/);
});

test('an unknown flag exits 2 and names the flag', () => {
  const res = spawnSync(process.execPath, [bin, 'serve', '--no-such-flag'], { encoding: 'utf8' });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /--no-such-flag/);
});
