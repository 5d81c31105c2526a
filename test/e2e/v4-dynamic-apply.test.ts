// End to end on real Metacontroller v4.17.2 with its default apply strategy
// (dynamic apply, last-applied annotation), kube-apiserver, controller-manager
// and scheduler 1.20.2, and Maestro as local HTTPS processes. Run with
// `npm run test:e2e` (scripts/test-e2e.mjs); docs/e2e.md.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Stack, freePort, sleep, until } from './support/stack.ts';
import { resourcePath } from './support/kube.ts';
import { FIXTURES, KAFKA, ZOOKEEPER, scenario } from './support/scenario.ts';
import {
  assertNoJobRanTwice,
  childrenOf,
  deployZookeeper,
  ovVariant,
  stsOf,
} from './support/zookeeper.ts';

let stack: Stack;
before(async () => {
  stack = new Stack({ name: 'v4-dynamic', mc: 'v4.17.2', apply: 'dynamic-apply' });
  await stack.start();
});
after(async () => {
  if (process.env.E2E_KEEP !== '1') await stack?.stop();
});

const NS = 'zk';

scenario(
  () => stack,
  'zookeeper deploys to COMPLETE; no child is updated once applied',
  async (ctx) => {
    const set = await deployZookeeper(stack, NS, 'zk', ctx);
    const container = set.spec.template.spec.containers[0];
    // Emitted as the API server stores it: last applied equals what is read back.
    const last = JSON.parse(
      set.metadata.annotations['metacontroller.k8s.io/last-applied-configuration'],
    );
    assert.deepEqual(last.spec.template.spec.containers[0].resources, container.resources);
    assert.deepEqual(container.resources, {
      requests: { cpu: '250m', memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    });
    assert.deepEqual(last.spec.volumeClaimTemplates, set.spec.volumeClaimTemplates);
    // Settled: resyncs and pod updates change nothing.
    await sleep(3000);
    const again = await stsOf(stack, NS, 'zk');
    assert.equal(again.metadata.generation, set.metadata.generation);
    assert.equal(again.metadata.resourceVersion, set.metadata.resourceVersion);
    assertNoJobRanTwice(stack, NS);
  },
);

scenario(
  () => stack,
  'a parameter update runs its plan and updates the StatefulSet once',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const before = await stack.instance(NS, 'zk');
    const uid = before.status.planStatus.deploy.uid;
    const gen = (await stsOf(stack, NS, 'zk')).metadata.generation;
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { parameters: { CPUS: '0.5' } },
    });
    await stack.planStatus(NS, 'zk', 'deploy', 'COMPLETE', 120_000, uid);
    const set = await stsOf(stack, NS, 'zk');
    assert.equal(set.spec.template.spec.containers[0].resources.requests.cpu, '500m');
    assert.equal(set.metadata.generation, gen + 1);
    await sleep(2000);
    assert.equal((await stsOf(stack, NS, 'zk')).metadata.generation, gen + 1);
    assertNoJobRanTwice(stack, NS);
  },
);

scenario(
  () => stack,
  'pause holds a plan before its next step; resume completes it',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const uid = (await stack.instance(NS, 'zk')).status.planStatus.deploy.uid;
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { planControl: { paused: true } },
    });
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { parameters: { CPUS: '300m' } },
    });
    const paused = await until(
      'the Paused condition',
      async () => {
        const i = await stack.instance(NS, 'zk');
        return i.status?.conditions?.find((c: any) => c.type === 'Paused' && c.status === 'True')
          ? i
          : undefined;
      },
      60_000,
    );
    assert.notEqual(paused.status.planStatus.deploy.status, 'COMPLETE');
    await sleep(3000);
    const still = await stack.instance(NS, 'zk');
    assert.notEqual(still.status.planStatus.deploy.status, 'COMPLETE');
    assert.equal(
      (await stsOf(stack, NS, 'zk')).spec.template.spec.containers[0].resources.requests.cpu,
      '500m',
    );
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { planControl: { paused: false } },
    });
    await stack.planStatus(NS, 'zk', 'deploy', 'COMPLETE', 120_000, uid);
    assert.equal(
      (await stsOf(stack, NS, 'zk')).spec.template.spec.containers[0].resources.requests.cpu,
      '300m',
    );
  },
);

scenario(
  () => stack,
  'an upgrade to a new OperatorVersion runs and rolls the StatefulSet',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const uid = (await stack.instance(NS, 'zk')).status.planStatus.deploy.uid;
    const next = stack.installPackage(
      ZOOKEEPER,
      NS,
      ovVariant('0.3.4', (t) => ({
        ...t,
        'statefulset.yaml': t['statefulset.yaml']!.replace(
          '      labels:\n        app: zookeeper\n',
          '      labels:\n        app: zookeeper\n        e2e-upgraded: "true"\n',
        ),
      })),
    );
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { operatorVersion: { name: next.ov } },
    });
    await stack.planStatus(NS, 'zk', 'deploy', 'COMPLETE', 120_000, uid);
    const set = await stsOf(stack, NS, 'zk');
    assert.equal(set.spec.template.metadata.labels['e2e-upgraded'], 'true');
    assert.equal(set.status.readyReplicas, 3);
  },
);

scenario(
  () => stack,
  'a broken OperatorVersion fails the plan in status and keeps every child',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const uid = (await stack.instance(NS, 'zk')).status.planStatus.deploy.uid;
    const before = await childrenOf(stack, NS);
    const broken = stack.installPackage(
      ZOOKEEPER,
      NS,
      ovVariant('0.3.5-broken', (t) => ({
        ...t,
        // Admission renders templates with placeholder names, so this passes it.
        'statefulset.yaml': `{{ if eq .Name "zk" }}{{ fail "e2e: this OperatorVersion is broken" }}{{ end }}\n${t['statefulset.yaml']}`,
      })),
    );
    await stack.kube.mergePatch(stack.instancePath(NS, 'zk'), {
      spec: { operatorVersion: { name: broken.ov } },
    });
    const inst = await stack.planStatus(NS, 'zk', 'deploy', 'FATAL_ERROR', 120_000, uid);
    assert.match(JSON.stringify(inst.status.planStatus.deploy), /this OperatorVersion is broken/);
    await sleep(3000);
    const afterwards = await childrenOf(stack, NS);
    assert.deepEqual(afterwards, before);
  },
);

scenario(
  () => stack,
  'Maestro killed and restarted in the middle of a plan',
  async (ctx) => {
    const ns = 'zk-maestro-kill';
    const port = stack.maestroPorts[0]!;
    await deployZookeeper(stack, ns, 'zk', ctx, async () => {
      await until('the StatefulSet', () => stsOf(stack, ns, 'zk'), 60_000, 100);
      await stack.killMaestro(port);
      await sleep(3000);
      await stack.startMaestro(port);
    });
    assertNoJobRanTwice(stack, ns);
  },
);

scenario(
  () => stack,
  'Metacontroller killed and restarted in the middle of a plan',
  async (ctx) => {
    const ns = 'zk-mc-kill';
    await deployZookeeper(stack, ns, 'zk', ctx, async () => {
      await until('the StatefulSet', () => stsOf(stack, ns, 'zk'), 60_000, 100);
      await stack.killMetacontroller();
      await sleep(3000);
      await stack.startMetacontroller();
    });
    assertNoJobRanTwice(stack, ns);
  },
);

scenario(
  () => stack,
  'two Maestro processes answering alternately',
  async (ctx) => {
    const ns = 'zk-two';
    const second = await freePort();
    await stack.startMaestro(second);
    const first = stack.maestroPorts[0]!;
    stack.recorder.backends = [first, second];
    const since = stack.recorder.calls.length;
    try {
      await deployZookeeper(stack, ns, 'zk', ctx);
      const used = new Set(
        stack.recorder.calls
          .slice(since)
          .filter((c) => c.path.startsWith('/sync'))
          .map((c) => c.backend),
      );
      assert.deepEqual([...used].sort(), [first, second].sort());
      assertNoJobRanTwice(stack, ns);
    } finally {
      stack.recorder.backends = [first];
      await stack.killMaestro(second);
    }
  },
);

scenario(
  () => stack,
  'delete runs the cleanup plan, then no child is left',
  async (ctx) => {
    const ns = 'zk-delete';
    await stack.namespace(ns);
    const withCleanup = stack.installPackage(
      ZOOKEEPER,
      ns,
      ovVariant(
        '0.3.3-cleanup',
        (t) => t,
        (plans) => ({
          ...plans,
          cleanup: {
            strategy: 'serial',
            phases: [
              {
                name: 'cleanup',
                strategy: 'serial',
                steps: [{ name: 'cleanup', tasks: ['validation'] }],
              },
            ],
          },
        }),
      ),
    );
    ctx.parents.push(`${ns}/zk`);
    await stack.createInstance(ns, 'zk', withCleanup.operator, withCleanup.ov);
    const inst = await stack.planStatus(ns, 'zk', 'deploy', 'COMPLETE');
    const owner = inst.metadata.uid;
    const jobsBefore = stack.kubelet.jobPods.filter((j) => j.startsWith(`${ns}/`)).length;
    await stack.kube.must('DELETE', stack.instancePath(ns, 'zk'));
    await until(
      'the Instance to be gone',
      async () => (await stack.instance(ns, 'zk')) === undefined,
      120_000,
    );
    assert.ok(
      stack.kubelet.jobPods.filter((j) => j.startsWith(`${ns}/`)).length > jobsBefore,
      'cleanup ran no Job',
    );
    await until(
      'no child left',
      async () => (await childrenOf(stack, ns, owner)).length === 0,
      60_000,
    );
  },
);

scenario(
  () => stack,
  'kafka with its TLS Pipe deploys to COMPLETE',
  async (ctx) => {
    const ns = 'kafka';
    await stack.namespace(ns);
    stack.kubectl(['apply', '-f', `${FIXTURES}/servicemonitor-crd.yaml`]);
    stack.kubectl([
      'wait',
      '--for=condition=Established',
      'crd/servicemonitors.monitoring.coreos.com',
    ]);
    const pkg = stack.installPackage(KAFKA, ns);
    ctx.parents.push(`${ns}/kafka`);
    await stack.createInstance(ns, 'kafka', pkg.operator, pkg.ov, {
      TRANSPORT_ENCRYPTION_ENABLED: 'true',
      USE_AUTO_TLS_CERTIFICATE: 'true',
    });
    await stack.planStatus(ns, 'kafka', 'deploy', 'COMPLETE', 240_000);
    const secrets = await stack.kube.list(resourcePath('v1', 'secrets', ns));
    const published = secrets.filter((s) => s.metadata.annotations?.['maestro.dev/pipe-published']);
    assert.equal(published.length, 2, secrets.map((s: any) => s.metadata.name).join(', '));
    for (const s of published) assert.ok(Object.keys(s.data ?? {}).length === 1);
    const set = await stack.kube.get(resourcePath('apps/v1', 'statefulsets', ns, 'kafka-kafka'));
    assert.equal(set.status.readyReplicas, set.spec.replicas);
    assertNoJobRanTwice(stack, ns);
  },
);
