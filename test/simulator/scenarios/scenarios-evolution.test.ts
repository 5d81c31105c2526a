// Scenario 11 of reference/plan-engine-scenarios.md (OperatorVersion
// evolution), cases not covered by scenarios.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { loadPackage, simulate } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';
import { child } from './helpers.ts';

const ann = (o: KObject | undefined, k: string) => o?.metadata.annotations?.[`maestro.dev/${k}`];

test('scenario 11b: a resource moved to a later step is not deleted, is re-rendered only when its new step runs, and ends with its provenance', () => {
  const v1 = loadPackage(demoFiles({ operatorApiVersion: 'maestro.dev/v1' }));
  const s = simulate(v1);
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const before = child(s, 'ConfigMap', 'inst-config')!;
  const oldExec = ann(before, 'execution');
  assert.equal(ann(before, 'step'), 'config');

  // 0.2.0: the ConfigMap's task moves from the first step to a new last step
  // (and its content changes with the image).
  const v2 = loadPackage(
    demoFiles({
      operatorApiVersion: 'maestro.dev/v1',
      version: '0.2.0',
      image: 'nginx:2',
      deploySteps: `          - name: app
            tasks: [app]
          - name: init
            tasks: [init]
          - name: init-cleanup
            tasks: [init-cleanup]
          - name: late-config
            tasks: [config]`,
    }),
  );
  s.sim.apply(v2.ov);
  const n = s.sim.records.length;
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: v2.ov.metadata.name };
  });
  s.runUntilSettled();
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const after = s.sim.records.slice(n);
  const newExec = getPath(s.status, 'planStatus', 'deploy', 'uid');
  assert.notEqual(newExec, oldExec);

  // Never deleted during the upgrade.
  const ops = after.flatMap((r) => r.operations);
  assert.ok(!ops.some((o) => /^(delete|recreate) ConfigMap\/inst-config$/.test(o)), ops.join(','));

  // Re-rendered only by a sync whose answer has the new step reached; echoed before.
  let echoedWhileRunning = 0;
  for (const r of after) {
    const body = r.answer?.body as { children?: KObject[]; status?: unknown } | undefined;
    const cm = body?.children?.find(
      (c) => c.kind === 'ConfigMap' && c.metadata.name === 'inst-config',
    );
    if (!cm) continue;
    const late = getPath(body?.status, 'planStatus', 'deploy', 'phases', 0, 'steps', 3, 'status');
    const reached =
      getPath(body?.status, 'planStatus', 'deploy', 'uid') === newExec &&
      (late === 'IN_PROGRESS' || late === 'COMPLETE');
    if (ann(cm, 'execution') === newExec) {
      assert.ok(
        reached,
        `sync ${r.seq} re-rendered inst-config before step late-config (${String(late)})`,
      );
    } else {
      assert.equal(ann(cm, 'execution'), oldExec, `sync ${r.seq}`);
      assert.equal(getPath(cm, 'data', 'image'), 'nginx:1', `sync ${r.seq}`);
      if (!reached) echoedWhileRunning++;
    }
    if (r.operations.includes('update ConfigMap/inst-config'))
      assert.ok(reached, `sync ${r.seq} updated inst-config before its step`);
  }
  assert.ok(echoedWhileRunning > 0, 'the upgrade ran steps while inst-config was echoed');

  // Ends with the new step's provenance and content.
  const end = child(s, 'ConfigMap', 'inst-config')!;
  assert.equal(ann(end, 'execution'), newExec);
  assert.equal(ann(end, 'plan'), 'deploy');
  assert.equal(ann(end, 'step'), 'late-config');
  assert.equal(getPath(end, 'data', 'image'), 'nginx:2');
  assert.equal(end.metadata.uid, before.metadata.uid);
});
