// Package references (src/cli/cluster/resolve.ts): with a repository, a bare
// name is the repository's package even when a folder of that name is in the
// working directory; `./NAME` is the folder. Found by the e2e journey:
// `maestro upgrade zk zookeeper --repo URL --operator-version 0.3.4` run next
// to a ./zookeeper folder took the folder's 0.3.3.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { create } from '../../src/cli/commands/package-create.ts';
import { run as repoIndex } from '../../src/cli/commands/repo.ts';
import { resolvePackage } from '../../src/cli/cluster/resolve.ts';

const fixtures = new URL('../fixtures/cli/', import.meta.url).pathname;

test('a bare name with a repository is the repository entry; ./NAME and no repository are the folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-resolve-'));
  cpSync(join(fixtures, 'demo-1.0.0'), join(dir, 'demo'), { recursive: true });
  mkdirSync(join(dir, 'repo'));
  const io = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
  };
  assert.equal(await create([join(fixtures, 'demo-1.1.0'), '-d', join(dir, 'repo')], io), 0);
  assert.equal(await repoIndex(['index', join(dir, 'repo')], io), 0);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const repo = join(dir, 'repo');
    const rows: [string, { repo?: string; operatorVersion?: string }, string][] = [
      ['demo', { repo }, '1.1.0'],
      ['demo', { repo, operatorVersion: '1.1.0' }, '1.1.0'],
      ['./demo', { repo }, '1.0.0'],
      ['demo', {}, '1.0.0'],
      [join(dir, 'demo'), { repo }, '1.0.0'],
    ];
    for (const [ref, options, version] of rows) {
      const r = await resolvePackage(ref, options);
      assert.equal(r.pkg.operator.operatorVersion, version, `${ref} ${JSON.stringify(options)}`);
    }
    await assert.rejects(resolvePackage('demo', { repo, operatorVersion: '1.0.0' }), /1\.0\.0/);
  } finally {
    process.chdir(cwd);
  }
});
