// Every corpus package's deploy plan in the simulator reaches COMPLETE (Pipe
// tasks, in cowsay and kafka, through the simulator's pipe Job emulation).
// The children Maestro emits validate against the Kubernetes schemas
// (kubernetes-models).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { getPath } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { CORPUS, corpusDir, loadPackage, simulate } from '../../engine/plan/support.ts';
import { child, creations } from './helpers.ts';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';

async function validateAgainstKubernetes(obj: KObject): Promise<void> {
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion];
  if (group === 'maestro.dev') return;
  const mod = (await import(
    `kubernetes-models/${group === '' ? '' : `${group}/`}${version}/${obj.kind}`
  )) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = mod[obj.kind]!;
  new Model(obj).validate();
}

for (const name of readdirSync(CORPUS).sort()) {
  test(`corpus ${name}: deploy reaches COMPLETE and its children validate`, async () => {
    const s = simulate(loadPackage(corpusDir(name)));
    const run = s.runUntilSettled(500);
    const deploy = getPath(s.status, 'planStatus', 'deploy');
    assert.equal(
      s.planStatus('deploy'),
      'COMPLETE',
      `${run.stoppedBecause}: ${JSON.stringify(deploy)}`,
    );
    const emitted = s.sim.records.at(-1)!.response!.children;
    assert.ok(emitted.length > 0);
    for (const c of emitted) {
      await assert.doesNotReject(validateAgainstKubernetes(c), `${c.kind}/${c.metadata.name}`);
    }
  });
}

test('zookeeper: a parameter update runs deploy again and rolls the StatefulSet', () => {
  const s = simulate(loadPackage(corpusDir('zookeeper')));
  s.runUntilSettled(300);
  s.updateSpec((spec) => {
    spec.parameters = { NODE_COUNT: '5' };
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(getPath(child(s, 'StatefulSet', 'inst-zookeeper'), 'spec', 'replicas'), 5);
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'parameters');
  // The validation Job ran once per deploy execution.
  assert.equal(creations(s, 'Job/inst-validation'), 2);
});

test('elastic: a parameter update (no update plan) re-runs deploy phase by phase', () => {
  const s = simulate(loadPackage(corpusDir('elastic')));
  s.runUntilSettled(300);
  s.updateSpec((spec) => {
    spec.parameters = { DATA_NODE_COUNT: '3' };
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(getPath(child(s, 'StatefulSet', 'inst-data'), 'spec', 'replicas'), 3);
});

test('flink-demo: KudoOperator children are Instances; deploy completes when their plans do', () => {
  const s = simulate(loadPackage(corpusDir('flink-demo')));
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const zk = child(s, 'Instance', 'zk')!;
  assert.equal(getPath(zk, 'spec', 'operatorVersion', 'name'), 'zookeeper-3.4.14-0.3.1');
  assert.equal(zk.metadata.labels?.['maestro.dev/operator'], 'zookeeper');
});

test('zookeeper: an upgrade to a changed copy runs deploy as the upgrade plan and rolls the new image', () => {
  const files = loadPackageFiles(corpusDir('zookeeper'));
  const changed = new Map(files);
  changed.set(
    'operator.yaml',
    files.get('operator.yaml')!.replace('operatorVersion: "0.3.3"', 'operatorVersion: "0.3.4"'),
  );
  changed.set(
    'templates/statefulset.yaml',
    files
      .get('templates/statefulset.yaml')!
      .replace('image: "zookeeper:3.6.2"', 'image: "zookeeper:3.6.3"'),
  );
  const s = simulate(loadPackage(files));
  s.runUntilSettled(300);
  const next = loadPackage(changed);
  assert.notEqual(
    next.ov.metadata.name,
    s.instance!.spec &&
      (s.instance!.spec as { operatorVersion: { name: string } }).operatorVersion.name,
  );
  s.sim.apply(next.ov);
  s.updateSpec((spec) => {
    spec.operatorVersion = { name: next.ov.metadata.name };
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(getPath(s.status, 'maestro', 'execution', 'reason'), 'upgrade');
  assert.equal(
    getPath(
      child(s, 'StatefulSet', 'inst-zookeeper'),
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'image',
    ),
    'zookeeper:3.6.3',
  );
});

test('kafka: BROKER_COUNT runs update-instance, rolls the StatefulSet, and leaves the TLS pipe Job alone', () => {
  const s = simulate(loadPackage(corpusDir('kafka')));
  s.runUntilSettled(500);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const pipeJobs = () =>
    s.sim.records.flatMap((r) => r.operations).filter((op) => op.startsWith('create Job/')).length;
  const jobsAfterDeploy = pipeJobs();
  assert.ok(jobsAfterDeploy > 0, 'deploy ran its pipe Job');
  s.updateSpec((spec) => {
    spec.parameters = { BROKER_COUNT: '5' };
  });
  s.runUntilSettled(500);
  assert.equal(s.planStatus('update-instance'), 'COMPLETE');
  assert.equal(getPath(child(s, 'StatefulSet', 'inst-kafka'), 'spec', 'replicas'), 5);
  assert.equal(getPath(s.status, 'maestro', 'execution', 'plan'), 'update-instance');
  assert.equal(pipeJobs(), jobsAfterDeploy, 'update-instance has no pipe step');
});

test('kafka: MIRROR_MAKER_ENABLED toggles the mirror maker on through its plan, then off again', () => {
  const s = simulate(loadPackage(corpusDir('kafka')));
  s.runUntilSettled(500);
  assert.equal(child(s, 'Deployment', 'inst-mirror-maker'), undefined);
  s.updateSpec((spec) => {
    spec.parameters = { MIRROR_MAKER_ENABLED: 'true' };
  });
  s.runUntilSettled(500);
  assert.equal(s.planStatus('mirrormaker'), 'COMPLETE');
  assert.ok(child(s, 'Deployment', 'inst-mirror-maker'));
  assert.ok(child(s, 'ConfigMap', 'inst-mirror-maker-config'));
  s.updateSpec((spec) => {
    spec.parameters = { MIRROR_MAKER_ENABLED: 'false' };
  });
  s.runUntilSettled(500);
  assert.equal(s.planStatus('mirrormaker'), 'COMPLETE');
  assert.equal(child(s, 'Deployment', 'inst-mirror-maker'), undefined);
  assert.equal(child(s, 'ConfigMap', 'inst-mirror-maker-config'), undefined);
  assert.ok(child(s, 'StatefulSet', 'inst-kafka'), 'the brokers stay');
});
