// Determinism across processes: answers must not depend on what a process
// computed before (a memo key that omits an input would leak one package's
// render into another's). Two fresh processes deploy the same packages, as
// the same Instance name, in opposite orders; every answer must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = new URL('./run-corpus.ts', import.meta.url).pathname;
const packages = ['demo-a', 'zookeeper', 'kafka', 'demo-b', 'cowsay', 'mysql', 'redis'];

async function digests(order: string[]): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...order], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, string>;
}

test('two fresh processes, packages in opposite orders, give byte-identical answers', async () => {
  const [forward, backward] = await Promise.all([
    digests(packages),
    digests([...packages].reverse()),
  ]);
  assert.deepEqual(Object.keys(forward).sort(), [...packages].sort());
  for (const name of packages) assert.equal(forward[name], backward[name], name);
  assert.notEqual(forward['demo-a'], forward['demo-b'], 'the two demo variants differ');
});
