// Golden manifests: `maestro render` of a few corpus packages with their
// defaults. The template output inside them is checked byte for byte against
// the Go oracle by render-oracle.test.ts; these files pin the post-processing
// (labels, annotations, namespace, plan order). Regenerate after a deliberate
// change with UPDATE_GOLDEN=1 npm test -- test/package/render-golden.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { run } from '../../src/cli/commands/render.ts';
import { collectingIO } from './cli-io.ts';
import { corpusPackages } from './corpus.ts';

const golden = ['cowsay', 'zookeeper', 'mysql', 'flink-demo'];

for (const name of golden) {
  test(`maestro render ${name} matches test/golden/render/${name}.yaml`, async () => {
    const [, dir] = corpusPackages().find(([n]) => n.startsWith(`${name}/`))!;
    const c = collectingIO();
    assert.equal(await run([dir, '--namespace', 'demo'], c.io), 0, c.stderr());
    const file = new URL(`../golden/render/${name}.yaml`, import.meta.url);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, c.stdout());
    assert.equal(c.stdout(), readFileSync(file, 'utf8'));
  });
}

test('render -o json prints a v1 List, and --raw -o json every template', async () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('cowsay/'))!;
  const list = collectingIO();
  assert.equal(await run([dir, '-o', 'json'], list.io), 0);
  const parsed = JSON.parse(list.stdout()) as { kind: string; items: { kind: string }[] };
  assert.equal(parsed.kind, 'List');
  assert.deepStrictEqual(
    parsed.items.map((i) => i.kind),
    ['Deployment'],
  );
  const raw = collectingIO();
  assert.equal(await run([dir, '--raw', '-o', 'json', '--instance', 'moo'], raw.io), 0);
  const out = JSON.parse(raw.stdout()) as Record<string, { ok: boolean; out: string }>;
  assert.deepStrictEqual(Object.keys(out).sort(), ['deployment.yaml', 'pipe-pod.yaml']);
  assert.match(out['deployment.yaml']!.out, /name: moo-deployment/);
  assert.match(out['deployment.yaml']!.out, /name: moo\.deploy\.main\.genfiles\.genwww\.indexhtml/);
});

test('render rejects an undeclared parameter and a malformed -p', async () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('cowsay/'))!;
  const c = collectingIO();
  assert.equal(await run([dir, '-p', 'NOPE=1'], c.io), 1);
  assert.match(c.stderr(), /parameter NOPE is not declared/);
  await assert.rejects(run([dir, '-p', 'novalue'], collectingIO().io), /expected NAME=VALUE/);
});

test('-p values and -P files reach the templates; Toggle follows its parameter', async () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('kafka/'))!;
  const off = collectingIO();
  assert.equal(await run([dir, '-o', 'json'], off.io), 0, off.stderr());
  const on = collectingIO();
  assert.equal(
    await run(
      [dir, '-o', 'json', '-p', 'MIRROR_MAKER_ENABLED=true', '-p', 'BROKER_COUNT=5'],
      on.io,
    ),
    0,
    on.stderr(),
  );
  type List = {
    items: { kind: string; metadata: { name: string }; spec?: { replicas?: number } }[];
  };
  const names = (l: List) => l.items.map((i) => `${i.kind}/${i.metadata.name}`);
  const a = JSON.parse(off.stdout()) as List;
  const b = JSON.parse(on.stdout()) as List;
  assert.ok(!names(a).some((n) => n.includes('mirror')), names(a).join());
  assert.ok(
    names(b).some((n) => n.includes('mirror')),
    names(b).join(),
  );
  assert.equal(b.items.find((i) => i.kind === 'StatefulSet')!.spec!.replicas, 5);
});
