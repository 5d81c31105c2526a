// KUDO's repository index and package tarballs: built, parsed, picked, and
// read back by the loader `install` uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  buildIndex,
  entryUrl,
  indexYaml,
  parseIndex,
  pickEntry,
  tarballName,
} from '../../src/package/repo-index.ts';
import { readTarball, loadPackageFiles } from '../../src/package/loader/index.ts';
import { writeTarball } from '../../src/package/loader/tarball.ts';

const pkgs = [
  { name: 'zk', operatorVersion: '0.3.0', appVersion: '3.6.2', digest: 'a' },
  { name: 'zk', operatorVersion: '0.3.3', appVersion: '3.6.2', digest: 'b' },
  { name: 'zk', operatorVersion: '0.1.0', appVersion: '3.4.14', digest: 'c' },
  { name: 'cowsay', operatorVersion: '0.2.0', description: 'moo', digest: 'd' },
];

test("tarballName is KUDO's", () => {
  assert.equal(tarballName('zk', '0.3.3', '3.6.2'), 'zk-3.6.2_0.3.3.tgz');
  assert.equal(tarballName('cowsay', '0.2.0'), 'cowsay-0.2.0.tgz');
  assert.equal(tarballName('cowsay', '0.2.0', ''), 'cowsay-0.2.0.tgz');
});

test('buildIndex: entries by name, newest first (appVersion, then operatorVersion), URLs and digests', () => {
  const { index, problems } = buildIndex(
    pkgs,
    'https://repo.example.com/ops',
    '2026-01-01T00:00:00Z',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(Object.keys(index.entries), ['cowsay', 'zk']);
  assert.deepEqual(
    index.entries.zk!.map((e) => `${e.appVersion}_${e.operatorVersion}`),
    ['3.6.2_0.3.3', '3.6.2_0.3.0', '3.4.14_0.1.0'],
  );
  assert.deepEqual(index.entries.zk![0]!.urls, ['https://repo.example.com/ops/zk-3.6.2_0.3.3.tgz']);
  assert.deepEqual(index.entries.cowsay![0], {
    name: 'cowsay',
    operatorVersion: '0.2.0',
    description: 'moo',
    urls: ['https://repo.example.com/ops/cowsay-0.2.0.tgz'],
    digest: 'd',
  });
  const again = parseIndex(indexYaml(index), 'index.yaml');
  assert.deepEqual(again, index);
});

test('buildIndex reports duplicates and versionless packages, and keeps going', () => {
  const { index, problems } = buildIndex(
    [...pkgs, { ...pkgs[0]!, digest: 'z' }, { name: 'x', operatorVersion: '', digest: 'e' }],
    'http://localhost/',
    't',
  );
  assert.deepEqual(problems, [
    "operator 'zk' version: 3.6.2_0.3.0 already exists",
    "operator 'x' is missing operator version",
  ]);
  assert.equal(index.entries.zk!.length, 3);
});

test("parseIndex: KUDO's validation, the pre-0.11 `version` key, newest first", () => {
  const idx = parseIndex(
    'apiVersion: v1\nentries:\n  a:\n    - name: a\n      version: 1.0.0\n      urls: [a-1.0.0.tgz]\n    - name: a\n      version: 1.2.0\n      urls: [a-1.2.0.tgz]\n',
    'i',
  );
  assert.deepEqual(
    idx.entries.a!.map((e) => e.operatorVersion),
    ['1.2.0', '1.0.0'],
  );
  const bad: [string, RegExp][] = [
    ['entries: {}\n', /no API version defined/],
    ['- a\n', /not a repository index/],
    ['apiVersion: v1\nentries:\n  a:\n    - name: a\n', /package a is missing an operator version/],
    ['apiVersion: v1\nentries:\n  a: 3\n', /entries\.a is not a list/],
    ['apiVersion: [\n', /not YAML/],
  ];
  for (const [text, msg] of bad) assert.throws(() => parseIndex(text, 'i'), msg, text);
});

test("pickEntry: newest, or the asked version; removed entries never; KUDO's messages", () => {
  const { index } = buildIndex(pkgs, 'http://localhost/', 't');
  assert.equal(pickEntry(index, 'zk').operatorVersion, '0.3.3');
  assert.equal(pickEntry(index, 'zk', { operatorVersion: '0.1.0' }).appVersion, '3.4.14');
  assert.equal(pickEntry(index, 'zk', { appVersion: '3.6.2' }).operatorVersion, '0.3.3');
  assert.throws(() => pickEntry(index, 'kafka'), /no operator found for: kafka/);
  assert.throws(
    () => pickEntry(index, 'zk', { operatorVersion: '9.9.9' }),
    /no operator version found for zk-9\.9\.9 \(the repository has 3\.6\.2_0\.3\.3, 3\.6\.2_0\.3\.0, 3\.4\.14_0\.1\.0\)/,
  );
  index.entries.zk![0]!.removed = true;
  assert.equal(pickEntry(index, 'zk').operatorVersion, '0.3.0');
});

test('entryUrl resolves relative URLs against the repository', () => {
  const e = { name: 'a', operatorVersion: '1', urls: ['a-1.tgz'] };
  assert.equal(entryUrl(e, 'https://r.example.com/ops'), 'https://r.example.com/ops/a-1.tgz');
  assert.equal(
    entryUrl({ ...e, urls: ['https://cdn.example.com/a-1.tgz'] }, 'https://r.example.com/'),
    'https://cdn.example.com/a-1.tgz',
  );
  assert.throws(() => entryUrl({ ...e, urls: [] }, 'https://r/'), /has no urls/);
});

test("writeTarball: KUDO's layout (files at the root, root:root, mtime 0), deterministic, read back", () => {
  const files = new Map([
    ['operator.yaml', 'name: a\n'],
    ['params.yaml', 'parameters: []\n'],
    ['templates/sub/deep.yaml', 'kind: ConfigMap\n'],
  ]);
  const tgz = writeTarball(files);
  assert.deepEqual(writeTarball(new Map([...files].reverse())), tgz);
  assert.deepEqual(readTarball('x.tgz', tgz), files);
  const tar = gunzipSync(tgz);
  assert.equal(tar.subarray(0, 13).toString(), 'operator.yaml');
  assert.equal(tar.subarray(136, 147).toString(), '00000000000'); // mtime
  assert.equal(tar.subarray(265, 269).toString(), 'root');
  assert.equal(tar.length % 512, 0);
  // GNU tar agrees, when it is installed.
  let listing: string | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'maestro-tgz-'));
  writeFileSync(join(dir, 'p.tgz'), tgz);
  try {
    listing = execFileSync('tar', ['tzf', join(dir, 'p.tgz')]).toString();
  } catch {
    listing = undefined;
  }
  if (listing !== undefined) assert.deepEqual(listing.trim().split('\n'), [...files.keys()]);
});

test('writeTarball: long paths go to the ustar prefix; read back intact (property)', () => {
  const long = `templates/${'d'.repeat(80)}/${'f'.repeat(60)}.yaml`;
  assert.deepEqual(
    readTarball('x', writeTarball(new Map([[long, 'x: 1\n']]))),
    new Map([[long, 'x: 1\n']]),
  );
  const seg = fc.stringMatching(/^[a-z0-9._-]{1,20}$/).filter((s) => s !== '.' && s !== '..');
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.array(seg, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
        fc.string({ maxLength: 2000 }),
        { minKeys: 1, maxKeys: 8 },
      ),
      (obj) => {
        const keys = Object.keys(obj);
        // A path may not also be a folder of another path.
        fc.pre(!keys.some((a) => keys.some((b) => b.startsWith(`${a}/`))));
        const files = new Map(Object.entries(obj));
        files.set('operator.yaml', 'name: p\n');
        const back = readTarball('p.tgz', writeTarball(files));
        assert.deepEqual(back, files);
      },
    ),
    { numRuns: 100 },
  );
});

test('a corpus package survives create and read: same files', () => {
  const dir = new URL(
    '../../../shared/corpus/kudo-operators/zookeeper/3.6.2-0.3.3',
    import.meta.url,
  ).pathname;
  const files = loadPackageFiles(dir);
  assert.deepEqual(readTarball('zk.tgz', writeTarball(files)), files);
});
