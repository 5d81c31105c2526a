// Mechanism 3d of reference/plan-engine-scenarios.md: a declarative child that
// was applied and then deleted by hand is re-created when rendering its
// recorded step again reproduces the applied hash, and only reported under
// ChildrenMissing when it does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityOf } from '../../../src/engine/identity.ts';
import { provenanceAnnotations } from '../../../src/engine/provenance.ts';
import { loadPackage, simulate } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import { child, condition, creations, triggerPlan } from './helpers.ts';

const demo = () => loadPackage(demoFiles());

/** The object as Maestro emitted it: what Metacontroller would apply again. */
const emitted = (o: { metadata: Record<string, unknown> } | undefined) =>
  JSON.stringify(
    (o?.metadata.annotations as Record<string, string> | undefined)?.[
      'metacontroller.k8s.io/last-applied-configuration'
    ],
  );

test('a ConfigMap and a Deployment deleted by hand after deploy come back byte-identical', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  for (const [kind, name] of [
    ['ConfigMap', 'inst-config'],
    ['Deployment', 'inst-app'],
  ] as const) {
    const before = child(s, kind, name)!;
    s.sim.cluster.delete(identityOf(before));
    s.sim.run({ maxSyncs: 20 });
    const after = child(s, kind, name);
    assert.ok(after, `${kind}/${name} is back`);
    assert.equal(emitted(after), emitted(before), `${kind}/${name} is applied as before`);
    assert.equal(creations(s, `${kind}/${name}`), 2);
  }
  assert.equal(condition(s, 'ChildrenMissing'), undefined);
  assert.equal(s.planStatus('deploy'), 'COMPLETE', 'no plan ran for it');
});

test('a child applied by an earlier execution comes back with that execution as its provenance', () => {
  const s = simulate(demo());
  s.runUntilSettled();
  const deployed = child(s, 'ConfigMap', 'inst-config')!;
  triggerPlan(s, 'extra', 'x-1');
  s.runUntilSettled();
  assert.equal(s.planStatus('extra'), 'COMPLETE');
  s.sim.cluster.delete(identityOf(deployed));
  s.sim.run({ maxSyncs: 20 });
  const back = child(s, 'ConfigMap', 'inst-config');
  assert.ok(back);
  assert.equal(
    back.metadata.annotations?.[provenanceAnnotations.execution],
    deployed.metadata.annotations?.[provenanceAnnotations.execution],
  );
  assert.equal(emitted(back), emitted(deployed));
});

test('a child whose step now renders differently is not re-created, and ChildrenMissing says why', () => {
  const p = demo();
  const s = simulate(p);
  s.runUntilSettled();
  // The OperatorVersion is edited in place: the next render of config.yaml differs.
  const ov = s.sim.cluster.get(identityOf(p.ov))!;
  const edited = structuredClone(ov);
  const templates = (edited.spec as { templates: Record<string, string> }).templates;
  templates['config.yaml'] = templates['config.yaml']!.replace('plan:', 'planName:');
  s.sim.cluster.update(edited);
  s.sim.cluster.delete(identityOf(child(s, 'ConfigMap', 'inst-config')!));
  s.sim.run({ maxSyncs: 20 });
  assert.equal(child(s, 'ConfigMap', 'inst-config'), undefined);
  assert.equal(creations(s, 'ConfigMap/inst-config'), 1);
  const missing = condition(s, 'ChildrenMissing');
  assert.equal(missing?.status, 'True');
  assert.match(
    String(missing?.message),
    /ConfigMap\/inst-config \(rendering deploy\.main\.config again gives a different body/,
  );
  assert.ok(child(s, 'Deployment', 'inst-app'), 'the other children are untouched');
});
