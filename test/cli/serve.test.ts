// The built command, as `npm start` runs it: no configuration, no cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, spawnServer } from '../support/http.ts';

const bin = new URL('../../bin/maestro.js', import.meta.url).pathname;

test('the built `maestro serve` answers /healthz within 2 seconds of spawning, with no configuration', async () => {
  const started = Date.now();
  const server = await spawnServer([bin, 'serve', '--port', '0', '--drain-delay', '0'], {}, 2_000);
  try {
    const res = await request(`${server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started < 2_000, `answered after ${Date.now() - started} ms`);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  }
});

test('serve exits 2 and names the variable when the environment is invalid', async () => {
  const { spawnSync } = await import('node:child_process');
  const res = spawnSync(process.execPath, [bin, 'serve'], {
    env: { ...process.env, MAESTRO_PORT: 'eighty' },
    encoding: 'utf8',
  });
  assert.equal(res.status, 2);
  assert.match(
    res.stderr,
    /MAESTRO_PORT: "eighty" is not a whole number \[MAESTRO_CONFIG_INVALID\]/,
  );
});

test('serve exits 1 with a clear message when the port is taken', async () => {
  const first = await spawnServer([bin, 'serve', '--port', '0', '--drain-delay', '0']);
  try {
    const port = new URL(first.url).port;
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync(
      process.execPath,
      [bin, 'serve', '--port', port, '--log-level', 'silent'],
      { encoding: 'utf8' },
    );
    assert.equal(res.status, 1);
    assert.match(res.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}`));
  } finally {
    first.child.kill('SIGTERM');
    await first.exited;
  }
});
