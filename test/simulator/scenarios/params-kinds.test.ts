// A package written for these tests (the corpus has few such parameters):
// array and map parameters with list, empty, null and absent defaults. It
// verifies, renders what the Go oracle renders with the values KUDO's
// ParamsMap gives (kudo-semantics.md §1.3, §3.2), deploys to COMPLETE in
// `simulate`, upgrades, and on delete leaves no child behind.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { run as simulate } from '../../../src/cli/commands/simulate.ts';
import { run as pkgCommand } from '../../../src/cli/commands/package.ts';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../../src/package/parse.ts';
import { renderRaw } from '../../../src/package/render/index.ts';
import { templateSupport } from '../../../src/package/template-engine.ts';
import { collectingIO } from '../../package/cli-io.ts';

const dir = (v: string) =>
  new URL(`../../fixtures/packages/params-kinds/${v}`, import.meta.url).pathname;

const oracle = execFileSync(process.execPath, ['scripts/oracle.mjs', '--build'], {
  encoding: 'utf8',
}).trim();

test('params-kinds verifies as valid', async () => {
  for (const v of ['0.1.0', '0.2.0']) {
    const c = collectingIO();
    assert.equal(await pkgCommand(['verify', dir(v)], c.io), 0, c.stdout() + c.stderr());
  }
});

test('params-kinds renders what the Go oracle renders with KUDO’s parameter values', () => {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir('0.1.0')));
  const raw = renderRaw(pkg, templateSupport(), {
    instance: 'pk',
    namespace: 'ns',
    plan: 'deploy',
    phase: 'main',
    step: 'config',
    values: {},
  }) as Record<string, { ok: boolean; out?: string; err?: string }>;
  // What KUDO's ParamsMap holds for the defaults: yaml.v2 reads 12:30 as a
  // string; the empty, null and absent array/map defaults are "null\n".
  const data = {
    Name: 'pk',
    Namespace: 'ns',
    OperatorName: 'params-kinds',
    OperatorVersion: '0.1.0',
    AppVersion: '',
    PlanName: 'deploy',
    PhaseName: 'main',
    StepName: 'config',
    Pipes: {},
    Params: {
      ARGS: ['--verbose', 'yes', '12:30'],
      EXTRA_ARGS: [],
      LABELS: { on: 'off', tier: 'web' },
      ANNOTATIONS: null,
      PORTS: [],
      REPLICAS: '1',
    },
  };
  for (const name of ['config.yaml', 'app.yaml']) {
    const line = JSON.stringify({ template: pkg.templates[name], data });
    const go = JSON.parse(execFileSync(oracle, { input: `${line}\n`, encoding: 'utf8' })) as {
      ok: boolean;
      out: string;
      err?: string;
    };
    assert.ok(go.ok, go.err);
    assert.ok(raw[name]!.ok, raw[name]!.err);
    assert.equal(raw[name]!.out, go.out, name);
  }
});

test('params-kinds deploys to COMPLETE, upgrades, and on delete leaves no child behind', async () => {
  const c = collectingIO();
  const code = await simulate(
    [dir('0.1.0'), '--upgrade-to', dir('0.2.0'), '--delete', '-o', 'json'],
    c.io,
  );
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    children: unknown[];
    deleted: boolean;
    problems: string[];
    notes: string[];
  };
  assert.equal(code, 0, JSON.stringify({ problems: doc.problems, notes: doc.notes }));
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.equal(doc.plans.cleanup!.status, 'COMPLETE');
  assert.equal(doc.deleted, true);
  assert.deepEqual(doc.children, []);
  // Deploy alone leaves the ConfigMap and the Deployment.
  const d = collectingIO();
  assert.equal(await simulate([dir('0.1.0'), '-o', 'json'], d.io), 0);
  const kinds = (JSON.parse(d.stdout()) as { children: { kind: string }[] }).children
    .map((o) => o.kind)
    .sort();
  assert.deepEqual(kinds, ['ConfigMap', 'Deployment']);
});
