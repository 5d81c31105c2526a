// `maestro package new`: the scaffold verifies with no error or warning,
// renders, and its deploy plan simulates to COMPLETE as created.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { run as packageCmd } from '../../src/cli/commands/package.ts';
import { run as renderCmd } from '../../src/cli/commands/render.ts';
import { run as simulateCmd } from '../../src/cli/commands/simulate.ts';
import { scaffoldPackage } from '../../src/package/scaffold.ts';
import { collectingIO } from './cli-io.ts';

const root = mkdtempSync(join(tmpdir(), 'maestro-new-'));
const dir = join(root, 'hello');

test('package new writes the scaffold, with schema lines that resolve to the schemas', async () => {
  const c = collectingIO();
  assert.equal(await packageCmd(['new', 'hello', '--dir', dir], c.io), 0, c.stderr());
  for (const [file, schema] of [
    ['operator.yaml', 'operator.json'],
    ['params.yaml', 'params.json'],
  ] as const) {
    const first = readFileSync(join(dir, file), 'utf8').split('\n')[0]!;
    const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    assert.ok(m, first);
    assert.ok(m[1]!.endsWith(`/${schema}`), m[1]);
    // The relative path leads to the committed schema.
    const target = readFileSync(join(dir, m[1]!), 'utf8');
    assert.equal(target, readFileSync(new URL(`../../schemas/${schema}`, import.meta.url), 'utf8'));
  }
  const again = collectingIO();
  assert.equal(await packageCmd(['new', 'hello', '--dir', dir], again.io), 1);
  assert.match(again.stderr(), /not empty/);
});

test('the scaffold verifies with no error and no warning', async () => {
  const c = collectingIO();
  assert.equal(await packageCmd(['verify', dir, '-o', 'json'], c.io), 0);
  assert.deepStrictEqual(JSON.parse(c.stdout()), { valid: true, errors: [], warnings: [] });
});

test('the scaffold renders its ConfigMap and Deployment with the typed defaults', async () => {
  const c = collectingIO();
  assert.equal(await renderCmd([dir, '-p', 'REPLICAS=3'], c.io), 0, c.stderr());
  const docs = c
    .stdout()
    .split(/^---$/m)
    .map((d) => parse(d) as { kind: string; spec?: { replicas?: number } } | null)
    .filter((d) => d !== null);
  assert.deepStrictEqual(docs.map((d) => d.kind).sort(), ['ConfigMap', 'Deployment']);
  assert.equal(docs.find((d) => d.kind === 'Deployment')!.spec!.replicas, 3);
});

test('the scaffold deploy plan simulates to COMPLETE, both phases in order', async () => {
  const c = collectingIO();
  const code = await simulateCmd([dir, '-o', 'json'], c.io);
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    status: { planStatus: Record<string, { phases: { name: string; status: string }[] }> };
  };
  assert.equal(code, 0, c.stderr());
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.deepStrictEqual(
    doc.status.planStatus.deploy!.phases.map((p) => `${p.name}:${p.status}`),
    ['config:COMPLETE', 'app:COMPLETE'],
  );
});

test('a name that is not a DNS-1123 label is refused', async () => {
  assert.throws(() => scaffoldPackage('Bad_Name'), /DNS-1123/);
  const c = collectingIO();
  await assert.rejects(packageCmd(['new', 'Bad_Name', '--dir', join(root, 'x')], c.io), /DNS-1123/);
});

test('--schema-base sets the schema lines; the files are otherwise the same', () => {
  const a = scaffoldPackage('x', { schemaBase: 'https://example.com/schemas/' });
  const b = scaffoldPackage('x');
  assert.match(
    a['operator.yaml']!,
    /^# yaml-language-server: \$schema=https:\/\/example.com\/schemas\/operator.json\n/,
  );
  assert.equal(a['operator.yaml']!.split('\n').slice(1).join('\n'), b['operator.yaml']);
});
