// Scenario 4 ("Echo, don't re-render") under Metacontroller's
// `--apply-strategy=server-side-apply`: no last-applied annotation exists, so
// the engine recovers each child's body from its managedFields Apply entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonEqual } from '../../../src/engine/canonical-json.ts';
import { identityKey, identityOf } from '../../../src/engine/identity.ts';
import { getPath } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { hashedBody, LAST_APPLIED_ANNOTATION } from '../../../src/engine/provenance.ts';
import { corpusDir, loadPackage, simulate } from '../../engine/plan/support.ts';
import { appTemplate, demoFiles } from '../../engine/plan/demo-package.ts';
import { child, creations, resync, triggerPlan } from './helpers.ts';
import { run } from '../../../src/cli/commands/simulate.ts';
import { UsageError } from '../../../src/cli/command.ts';
import { collectingIO } from '../../package/cli-io.ts';

const ssa = { metacontroller: { applyStrategy: 'server-side-apply' as const } };

/** The children of the last answer, by identity. */
function lastAnswer(s: ReturnType<typeof simulate>): Map<string, KObject> {
  const r = [...s.sim.records].reverse().find((x) => x.response);
  return new Map((r?.response?.children ?? []).map((c) => [identityKey(identityOf(c)), c]));
}

for (const [label, pkg] of [
  ['zookeeper', () => loadPackage(corpusDir('zookeeper'))],
  ['the demo package', () => loadPackage(demoFiles())],
] as const) {
  test(`scenario 4 under SSA: ${label} deploys, echoes exactly what was applied (no server defaults) and is byte-identical across syncs`, () => {
    const s = simulate(pkg(), ssa);
    s.runUntilSettled(400);
    assert.equal(s.planStatus('deploy'), 'COMPLETE');
    const children = s.children();
    assert.ok(children.length > 0);
    for (const c of children) {
      assert.equal(c.metadata.annotations?.[LAST_APPLIED_ANNOTATION], undefined);
      const mf = c.metadata.managedFields as { manager: string; operation: string }[];
      assert.ok(mf.some((e) => e.manager === 'metacontroller' && e.operation === 'Apply'));
    }
    // The server defaulted fields the bodies did not set.
    const defaulted = children.filter(
      (c) =>
        (c.kind === 'Service' && (c.spec as Record<string, unknown>).sessionAffinity === 'None') ||
        ((c.kind === 'StatefulSet' || c.kind === 'Deployment') &&
          (c.spec as Record<string, unknown>).revisionHistoryLimit === 10),
    );
    assert.ok(defaulted.length > 0, 'some child has a server default');

    resync(s);
    const first = lastAnswer(s);
    resync(s);
    const second = lastAnswer(s);
    assert.ok(first.size > 0);
    for (const c of children) {
      const key = identityKey(identityOf(c));
      const echoed = first.get(key);
      assert.ok(echoed, `${key} is echoed`);
      // What Metacontroller applied is what the Apply entry lists; the
      // echo equals it: in particular no defaulted field is claimed.
      const spec = echoed.spec as Record<string, unknown> | undefined;
      if (c.kind === 'Service') assert.equal(spec?.sessionAffinity, undefined, key);
      if (c.kind === 'StatefulSet' || c.kind === 'Deployment')
        assert.equal(spec?.revisionHistoryLimit, undefined, key);
      assert.equal(echoed.metadata.managedFields, undefined, key);
      assert.equal(echoed.status, undefined, key);
      // Byte-identical across syncs.
      assert.equal(JSON.stringify(second.get(key)), JSON.stringify(echoed), key);
    }
    // No child changed after deploy: the echo re-applied is a no-op.
    const after = s.children();
    for (const c of children) {
      const now = after.find((a) => jsonEqual(identityOf(a), identityOf(c)))!;
      assert.equal(now.metadata.resourceVersion, c.metadata.resourceVersion);
    }
  });
}

test('scenario 4 under SSA: the echo of an unchanged child equals the body Maestro rendered for it', () => {
  const s = simulate(loadPackage(demoFiles()), ssa);
  s.runUntilSettled(400);
  // The body the step rendered is in the answer of the sync that created it.
  const created = new Map<string, KObject>();
  for (const r of s.sim.records) {
    for (const c of r.response?.children ?? []) {
      const k = identityKey(identityOf(c));
      if (!created.has(k)) created.set(k, c);
    }
  }
  resync(s);
  for (const [k, echoed] of lastAnswer(s)) {
    const rendered = created.get(k)!;
    assert.deepEqual(hashedBody(echoed), hashedBody(rendered), k);
  }
});

test('maestro simulate --apply-strategy server-side-apply deploys zookeeper; a bad value is a usage error', async () => {
  const c = collectingIO();
  const dir = corpusDir('zookeeper');
  const code = await run([dir, '--apply-strategy', 'server-side-apply', '-o', 'json'], c.io);
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    notes: string[];
  };
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.deepEqual(doc.notes, []);
  assert.equal(code, 0);
  const bad = collectingIO();
  await assert.rejects(() => run([dir, '--apply-strategy', 'client'], bad.io), UsageError);
});

test('scenario 4 under SSA: an upgrade re-renders through apply (a removed field goes, defaults stay), the Job is recreated, untouched children keep their bytes', () => {
  const v1 = loadPackage(demoFiles({ withCleanup: true }));
  const s = simulate(v1, ssa);
  s.runUntilSettled(400);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  triggerPlan(s, 'extra', 'x-1');
  s.runUntilSettled(400);
  const extra = child(s, 'ConfigMap', 'inst-extra')!;
  // 0.2.0 drops the Deployment's volumes and changes the image.
  const v2 = loadPackage(
    demoFiles({
      withCleanup: true,
      version: '0.2.0',
      image: 'nginx:2',
      templates: {
        'app.yaml': appTemplate(undefined, ''),
      },
    }),
  );
  s.sim.apply(v2.ov);
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: v2.ov.metadata.name };
  });
  s.runUntilSettled(400);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const app = child(s, 'Deployment', 'inst-app')!;
  const pod = getPath(app, 'spec', 'template', 'spec') as Record<string, unknown>;
  assert.equal(pod.volumes, undefined);
  assert.equal(getPath(pod, 'containers', 0, 'image'), 'nginx:2');
  assert.equal(pod.dnsPolicy, 'ClusterFirst'); // a server default stays
  assert.equal(getPath(pod, 'containers', 0, 'terminationMessagePolicy'), 'File');
  assert.equal(creations(s, 'Job/inst-init'), 2); // recreated for the new execution
  // Not in the upgrade's plan: the same object, the same bytes.
  const extraAfter = child(s, 'ConfigMap', 'inst-extra')!;
  assert.equal(extraAfter.metadata.resourceVersion, extra.metadata.resourceVersion);
});
