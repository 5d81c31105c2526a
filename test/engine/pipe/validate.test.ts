// KUDO's pipe pod rules (kudo-semantics.md §2.4, docs/pipe.md), each with
// KUDO's message, in KUDO's order: the first broken rule is the one reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPipeFiles, validatePipePod } from '../../../src/engine/pipe/index.ts';
import type { PipeFileSpec } from '../../../src/engine/pipe/index.ts';

const init = (mounts: unknown[] = [{ name: 'shared', mountPath: '/tmp' }]) => ({
  name: 'init',
  image: 'busybox',
  volumeMounts: mounts,
});
const good = (): Record<string, unknown> => ({
  initContainers: [init()],
  volumes: [{ name: 'shared', emptyDir: {} }],
});
const file = (f: string): PipeFileSpec => ({ file: f, kind: 'ConfigMap', key: 'k' });

const cases: {
  name: string;
  spec: Record<string, unknown>;
  files?: PipeFileSpec[];
  message?: string;
}[] = [
  { name: 'a valid pod', spec: good(), files: [file('/tmp/index.html')] },
  { name: 'restartPolicy OnFailure is allowed', spec: { ...good(), restartPolicy: 'OnFailure' } },
  { name: 'a file in a subdirectory of the mount', spec: good(), files: [file('/tmp/a/b.txt')] },
  {
    name: 'containers',
    spec: { ...good(), containers: [{ name: 'x', image: 'y' }] },
    message:
      'pipe pod should not have containers. pipe artifacts are generated in the init container',
  },
  {
    name: 'no init container',
    spec: { ...good(), initContainers: [] },
    message: 'pipe pod should define one init container that generated artifacts defined',
  },
  {
    name: 'two init containers',
    spec: { ...good(), initContainers: [init(), init()] },
    message: 'pipe pod should define one init container that generated artifacts defined',
  },
  {
    name: 'restartPolicy Always',
    spec: { ...good(), restartPolicy: 'Always' },
    message: 'pipe pod RestartPolicy should be OnFailure',
  },
  {
    name: 'restartPolicy Never',
    spec: { ...good(), restartPolicy: 'Never' },
    message: 'pipe pod RestartPolicy should be OnFailure',
  },
  {
    name: 'no volume',
    spec: { ...good(), volumes: [] },
    message:
      'pipe pod should define one emptyDir shared volume where the artifacts are temporary stored',
  },
  {
    name: 'two volumes',
    spec: {
      ...good(),
      volumes: [
        { name: 'shared', emptyDir: {} },
        { name: 'other', emptyDir: {} },
      ],
    },
    message:
      'pipe pod should define one emptyDir shared volume where the artifacts are temporary stored',
  },
  {
    name: 'a volume that is not an emptyDir',
    spec: { ...good(), volumes: [{ name: 'shared', configMap: { name: 'c' } }] },
    message:
      'pipe pod should define one emptyDir shared volume where the artifacts are temporary stored',
  },
  {
    name: 'the volume not mounted in the init container',
    spec: { ...good(), initContainers: [init([{ name: 'else', mountPath: '/x' }])] },
    message: 'pipe pod should save generated artifacts in shared',
  },
  {
    name: 'a file outside the mount path',
    spec: good(),
    files: [file('/etc/passwd')],
    message: 'pipe file /etc/passwd should be a child of /tmp mount path',
  },
  {
    name: 'a file climbing out of the mount path',
    spec: good(),
    files: [file('/tmp/../etc/x')],
    message: 'pipe file /tmp/../etc/x should be a child of /tmp mount path',
  },
  {
    name: 'a file whose base name has a space',
    spec: good(),
    files: [file('/tmp/index page.html')],
    message:
      "pipe file name index page.html should only contain alphanumeric characters, '.', '_' and '-'",
  },
  {
    name: 'containers win over every later rule',
    spec: { containers: [{ name: 'x' }], restartPolicy: 'Always' },
    message:
      'pipe pod should not have containers. pipe artifacts are generated in the init container',
  },
];

for (const c of cases) {
  test(`pipe pod: ${c.name} → ${c.message ?? 'valid'}`, () => {
    const r = validatePipePod(c.spec, c.files ?? [file('/tmp/out.txt')]);
    if (c.message === undefined) {
      assert.deepEqual(r, { ok: true, mountPath: '/tmp', volume: 'shared' });
    } else {
      assert.deepEqual(r, { ok: false, message: c.message });
    }
  });
}

test('pipe entries: kinds, keys and files are checked; duplicated keys are refused', () => {
  assert.equal(readPipeFiles([]).ok, false);
  assert.deepEqual(readPipeFiles([{ file: '/tmp/a', kind: 'Secret', key: 'a' }]), {
    ok: true,
    files: [{ file: '/tmp/a', kind: 'Secret', key: 'a' }],
  });
  const bad = [
    [{ file: '/tmp/a', kind: 'Volume', key: 'a' }, /kind "Volume"/],
    [{ file: '/tmp/a', kind: 'Secret' }, /has no key/],
    [{ kind: 'Secret', key: 'a' }, /has no file/],
  ] as const;
  for (const [entry, re] of bad) {
    const r = readPipeFiles([entry]);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, re);
  }
  const dup = readPipeFiles([
    { file: '/tmp/a', kind: 'Secret', key: 'a' },
    { file: '/tmp/b', kind: 'ConfigMap', key: 'a' },
  ]);
  assert.deepEqual(dup, { ok: false, message: 'duplicated pipe key a' });
});
