// Pipe tasks end to end in the simulator (docs/pipe.md): the engine renders
// empty artifacts and a publisher Job, the simulator plays the Job (it
// publishes content derived from the file names), and the step finishes when
// the artifacts carry the active execution's data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPath, isRecord } from '../../src/engine/kobject.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { isPipeJob, simulatedContent } from '../../src/simulator/pipe.ts';
import { engineHooks } from '../../src/simulator/plan-simulation.ts';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { corpusDir, loadPackage, NS, simulate } from '../engine/plan/support.ts';
import { child, condition, creations, resync, triggerPlan } from './scenarios/helpers.ts';

const ARTIFACT = 'inst.deploy.main.genfiles.genwww.indexhtml';
const INDEX = simulatedContent('/tmp/index.html').toString('base64');

const jobsCreated = (s: ReturnType<typeof simulate>): string[] =>
  s.sim.records
    .flatMap((r) => r.operations)
    .filter((op) => op.startsWith('create Job/'))
    .map((op) => op.slice('create Job/'.length));

const execution = (s: ReturnType<typeof simulate>): string =>
  String(getPath(s.status, 'maestro', 'execution', 'id'));

test('cowsay: the pipe step publishes, the app mounts .Pipes.indexHtml, the runner is deleted', () => {
  const s = simulate(loadPackage(corpusDir('cowsay')));
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const cm = child(s, 'ConfigMap', ARTIFACT)!;
  assert.deepEqual(cm.binaryData, { 'index.html': INDEX });
  assert.equal(cm.metadata.annotations?.['maestro.dev/pipe-execution'], execution(s));
  // `.Pipes.indexHtml` in deployment.yaml resolved to the artifact's name.
  const volumes = getPath(
    child(s, 'Deployment', 'inst-deployment')!,
    'spec',
    'template',
    'spec',
    'volumes',
  ) as { configMap?: { name: string } }[];
  assert.ok(
    volumes.some((v) => v.configMap?.name === ARTIFACT),
    JSON.stringify(volumes),
  );
  // Job, ServiceAccount, Role and RoleBinding are gone; the artifact stays.
  assert.deepEqual(
    s
      .children()
      .map((c) => c.kind)
      .sort(),
    ['ConfigMap', 'Deployment'],
  );
  assert.equal(jobsCreated(s).length, 1);
  assert.equal(condition(s, 'StaleChildren'), undefined, 'the artifact is rendered by its task');
  for (const k of ['ServiceAccount', 'Role', 'RoleBinding'])
    assert.equal(creations(s, `${k}/${jobsCreated(s)[0]}`), 1, k);
});

test('the artifact keeps its data through many re-syncs, unchanged', () => {
  const s = simulate(loadPackage(corpusDir('cowsay')));
  s.runUntilSettled(300);
  const before = child(s, 'ConfigMap', ARTIFACT)!;
  for (let i = 0; i < 20; i++) resync(s, 5);
  const after = child(s, 'ConfigMap', ARTIFACT)!;
  assert.deepEqual(after.binaryData, { 'index.html': INDEX });
  assert.equal(after.metadata.resourceVersion, before.metadata.resourceVersion, 'never written');
});

test('a sync that cannot render the pipe step (broken template) still emits the artifact, data intact', () => {
  const p = loadPackage(corpusDir('cowsay'));
  const s = simulate(p);
  s.runUntilSettled(300);
  // Break the pipe pod template in place, then run deploy again.
  const ov = s.sim.cluster.get({
    group: 'maestro.dev',
    kind: 'OperatorVersion',
    namespace: NS,
    name: p.ov.metadata.name!,
  })!;
  const next = structuredClone(ov);
  (next.spec as { templates: Record<string, string> }).templates['pipe-pod.yaml'] =
    'apiVersion: v1\nkind: Pod\nspec: {{ .Params.NOPE }}\n';
  s.sim.cluster.update(next);
  triggerPlan(s, 'deploy', 'again-1');
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.match(JSON.stringify(getPath(s.status, 'planStatus', 'deploy')), /pipe-pod\.yaml/);
  for (let i = 0; i < 5; i++) resync(s, 5);
  const cm = child(s, 'ConfigMap', ARTIFACT);
  assert.ok(cm, 'artifact still there');
  assert.deepEqual(cm.binaryData, { 'index.html': INDEX });
  const last = s.sim.records.at(-1)!.response!.children;
  assert.ok(last.some((c: KObject) => c.kind === 'ConfigMap' && c.metadata.name === ARTIFACT));
});

test('a missing OperatorVersion mid-way: the artifact is still emitted and keeps its data', () => {
  const p = loadPackage(corpusDir('kafka'));
  const s = simulate(p);
  // Run until the certificates are published, then remove the OperatorVersion.
  s.sim.run({
    maxSyncs: 300,
    until: () =>
      s
        .children()
        .some((c) => c.kind === 'Secret' && isRecord(c.data) && Object.keys(c.data).length > 0),
  });
  s.sim.cluster.delete({
    group: 'maestro.dev',
    kind: 'OperatorVersion',
    namespace: NS,
    name: p.ov.metadata.name!,
  });
  for (let i = 0; i < 10; i++) resync(s, 5);
  const secrets = s.children().filter((c) => c.kind === 'Secret');
  assert.equal(secrets.length, 2);
  for (const sec of secrets) assert.equal(Object.keys(sec.data as object).length, 1);
  const last = s.sim.records.at(-1)!.response!.children;
  assert.equal(last.filter((c: KObject) => c.kind === 'Secret').length, 2);
});

test('re-running the plan runs a new Job and republishes; each Job runs once', () => {
  const s = simulate(loadPackage(corpusDir('cowsay')));
  s.runUntilSettled(300);
  const first = execution(s);
  triggerPlan(s, 'deploy', 'rerun-1');
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  const second = execution(s);
  assert.notEqual(second, first);
  const jobs = jobsCreated(s);
  assert.equal(jobs.length, 2);
  assert.notEqual(jobs[0], jobs[1]);
  const cm = child(s, 'ConfigMap', ARTIFACT)!;
  assert.equal(cm.metadata.annotations?.['maestro.dev/pipe-execution'], second);
  assert.deepEqual(cm.binaryData, { 'index.html': INDEX });
});

test('crash-consistency: with status writes dropped, the pipe Job still runs exactly once', () => {
  for (const drop of [(seq: number) => seq % 2 === 0, (seq: number) => seq % 3 !== 0]) {
    const s = simulate(loadPackage(corpusDir('cowsay')), {
      metacontroller: { faults: { dropStatusWrite: ({ seq }) => seq > 1 && drop(seq) } },
    });
    s.runUntilSettled(600);
    for (let i = 0; i < 5; i++) resync(s, 5);
    assert.equal(s.planStatus('deploy'), 'COMPLETE');
    assert.equal(jobsCreated(s).length, 1, JSON.stringify(jobsCreated(s)));
    assert.ok(!s.children().some((c) => c.kind === 'Job'));
  }
});

test('a failed pipe Job fails the step FATAL, naming the Job and its publish container log', () => {
  const s = simulate(loadPackage(corpusDir('cowsay')), {
    controllers: { faults: { failJob: (job) => isPipeJob(job) } },
  });
  s.runUntilSettled(300);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  const job = jobsCreated(s)[0]!;
  const step = (
    getPath(s.status, 'planStatus', 'deploy', 'phases', 0, 'steps') as {
      name: string;
      status: string;
      message?: string;
    }[]
  ).find((x) => x.name === 'genfiles')!;
  assert.equal(step.status, 'FATAL_ERROR');
  assert.ok(step.message?.includes(`pipe Job ${NS}/${job} failed`), step.message);
  assert.match(step.message ?? '', /publish container/);
  assert.match(step.message ?? '', new RegExp(`kubectl logs -n ${NS} job/${job} -c publish`));
});

test('kafka with TLS: .Pipes.privatekey and .Pipes.certificate name the published Secrets', () => {
  const s = simulate(
    loadPackage(corpusDir('kafka')),
    {},
    {
      TRANSPORT_ENCRYPTION_ENABLED: 'true',
      USE_AUTO_TLS_CERTIFICATE: 'true',
    },
  );
  s.runUntilSettled(600);
  assert.equal(s.planStatus('deploy'), 'COMPLETE', JSON.stringify(getPath(s.status, 'planStatus')));
  const volumes = getPath(
    child(s, 'StatefulSet', 'inst-kafka')!,
    'spec',
    'template',
    'spec',
    'volumes',
  ) as { secret?: { secretName: string } }[];
  const names = volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []));
  const prefix = 'inst.deploy.deploykafka.generatetlscertificates.generatetlscertificates';
  assert.ok(names.includes(`${prefix}.privatekey`), JSON.stringify(names));
  assert.ok(names.includes(`${prefix}.certificate`), JSON.stringify(names));
  for (const n of ['privatekey', 'certificate'])
    assert.ok(isRecord(child(s, 'Secret', `${prefix}.${n}`)?.data));
});

test('the configured pipe image is the image of the publish container', () => {
  const holder: { s?: ReturnType<typeof simulate> } = {};
  const s = simulate(loadPackage(corpusDir('cowsay')), {
    hooks: engineHooks(() => holder.s!.sim.clock.now(), { pipeImage: 'registry.example/m:9' }),
  });
  holder.s = s;
  s.sim.run({ maxSyncs: 50, until: () => s.children().some((c) => c.kind === 'Job') });
  const job = s.children().find((c) => c.kind === 'Job')!;
  assert.equal(
    getPath(job, 'spec', 'template', 'spec', 'containers', 0, 'image'),
    'registry.example/m:9',
  );
});

test('crash-consistency: lagging children and dropped status writes together still run the Job once', () => {
  const s = simulate(loadPackage(corpusDir('cowsay')), {
    metacontroller: {
      faults: {
        staleChildren: ({ seq }) => seq % 2 === 0,
        dropStatusWrite: ({ seq }) => seq > 1 && seq % 3 === 0,
      },
    },
  });
  s.runUntilSettled(600);
  for (let i = 0; i < 5; i++) resync(s, 5);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  assert.equal(jobsCreated(s).length, 1, JSON.stringify(jobsCreated(s)));
  assert.deepEqual(child(s, 'ConfigMap', ARTIFACT)!.binaryData, { 'index.html': INDEX });
});

test("a pipe pod that breaks KUDO's rules fails its step FATAL with KUDO's message", () => {
  const files = loadPackageFiles(corpusDir('cowsay'));
  const changed = new Map(files);
  changed.set(
    'templates/pipe-pod.yaml',
    files.get('templates/pipe-pod.yaml')!.replace('spec:\n', 'spec:\n  restartPolicy: Always\n'),
  );
  const s = simulate(loadPackage(changed));
  s.runUntilSettled(100);
  assert.equal(s.planStatus('deploy'), 'FATAL_ERROR');
  assert.match(
    JSON.stringify(getPath(s.status, 'planStatus', 'deploy')),
    /pipe-pod\.yaml: pipe pod RestartPolicy should be OnFailure/,
  );
  assert.ok(!s.children().some((c) => c.kind === 'Job'), 'nothing runs');
});
