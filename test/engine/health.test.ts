import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessHealth, hasHealthRule, parseFieldPath } from '../../src/engine/health/index.ts';
import type { HealthCheck } from '../../src/engine/health/index.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const meta = (name: string, generation = 1) => ({
  name,
  namespace: 'data',
  generation,
  uid: `uid-${name}`,
  resourceVersion: '100',
});

const deployment = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  generation = 2,
): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('web', generation),
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, ...spec },
  status,
});
const rolledOut = {
  observedGeneration: 2,
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  conditions: [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
  ],
};

const statefulSet = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  generation = 1,
): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: meta('zk', generation),
  spec: {
    replicas: 3,
    serviceName: 'zk-hs',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ...spec,
  },
  status,
});
const stsDone = {
  observedGeneration: 1,
  replicas: 3,
  readyReplicas: 3,
  currentReplicas: 3,
  updatedReplicas: 3,
  currentRevision: 'zk-6b9f7c',
  updateRevision: 'zk-6b9f7c',
};

const daemonSet = (status: Record<string, unknown>, strategy = 'RollingUpdate'): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: meta('agent'),
  spec: { updateStrategy: { type: strategy } },
  status,
});

const job = (status: Record<string, unknown>, completions?: number): KObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: meta('init'),
  spec: {
    ...(completions === undefined ? {} : { completions }),
    template: { spec: { restartPolicy: 'Never' } },
  },
  status,
});

const pod = (status: Record<string, unknown>, restartPolicy = 'Always'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta('p-0'),
  spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox' }] },
  status,
});

const service = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta('svc'),
  spec,
  status,
});

const instance = (
  planStatus: unknown,
  extra: { generation?: number; observedGeneration?: number; spec?: unknown } = {},
): KObject => ({
  apiVersion: 'maestro.dev/v1',
  kind: 'Instance',
  metadata: meta('kafka-zk', extra.generation ?? 1),
  spec: extra.spec ?? {},
  status: { observedGeneration: extra.observedGeneration ?? 1, planStatus },
});
const plan = (status: string, at: string, message?: string) => ({
  status,
  lastUpdatedTimestamp: at,
  uid: `u-${status}`,
  ...(message ? { message } : {}),
});

type Row = [label: string, obj: KObject, healthy: boolean, reason: RegExp, terminal?: 'failed'];

const rows: Row[] = [
  // Deployment: kubectl's DeploymentStatusViewer.
  [
    'deployment rolled out',
    deployment({}, rolledOut),
    true,
    /^Deployment\/web: rolled out, 3 of 3 replicas available$/,
  ],
  [
    'deployment spec not observed',
    deployment({}, { ...rolledOut, observedGeneration: 1 }),
    false,
    /^Deployment\/web: waiting for the deployment controller to observe generation 2 \(observed 1\)$/,
  ],
  ['deployment no status at all', deployment({}, {}), false, /observe generation 2 \(observed 0\)/],
  [
    'deployment progress deadline',
    deployment(
      {},
      {
        ...rolledOut,
        updatedReplicas: 1,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-5d" has timed out progressing.',
          },
        ],
      },
    ),
    false,
    /^Deployment\/web: exceeded its progress deadline \(ProgressDeadlineExceeded: ReplicaSet "web-5d" has timed out progressing\.\)$/,
  ],
  [
    'deployment updating',
    deployment({}, { ...rolledOut, updatedReplicas: 1 }),
    false,
    /1 of 3 replicas updated/,
  ],
  [
    'deployment old replicas left',
    deployment({}, { ...rolledOut, replicas: 4 }),
    false,
    /1 old replicas pending termination/,
  ],
  [
    'deployment not available',
    deployment({}, { ...rolledOut, availableReplicas: 2 }),
    false,
    /2 of 3 updated replicas available/,
  ],
  [
    'deployment scaled to zero',
    deployment({ replicas: 0 }, { observedGeneration: 2 }),
    true,
    /0 of 0 replicas available/,
  ],
  [
    'extensions/v1beta1 deployment uses the same rule',
    { ...deployment({}, rolledOut), apiVersion: 'extensions/v1beta1' },
    true,
    /rolled out/,
  ],
  // StatefulSet: kubectl's StatefulSetStatusViewer.
  [
    'statefulset rolled out (partition 0)',
    statefulSet({}, stsDone),
    true,
    /^StatefulSet\/zk: partitioned rollout complete, 3 pods updated$/,
  ],
  [
    'statefulset without rollingUpdate uses revisions',
    statefulSet({ updateStrategy: { type: 'RollingUpdate' } }, stsDone),
    true,
    /rolled out, 3 of 3 pods ready at revision zk-6b9f7c/,
  ],
  [
    'statefulset revisions differ',
    statefulSet(
      { updateStrategy: { type: 'RollingUpdate' } },
      { ...stsDone, updateRevision: 'zk-77aa00' },
    ),
    false,
    /rolling from revision zk-6b9f7c to zk-77aa00/,
  ],
  [
    'statefulset not ready',
    statefulSet({}, { ...stsDone, readyReplicas: 1 }),
    false,
    /^StatefulSet\/zk: 1 of 3 pods ready$/,
  ],
  [
    'statefulset generation not observed',
    statefulSet({}, stsDone, 2),
    false,
    /observe generation 2 \(observed 1\)/,
  ],
  [
    'statefulset partition pending',
    statefulSet(
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
      { ...stsDone, updatedReplicas: 1 },
    ),
    false,
    /1 of 2 pods updated \(partition 1\)/,
  ],
  [
    'statefulset partition reached',
    statefulSet(
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
      { ...stsDone, updatedReplicas: 2, updateRevision: 'zk-new' },
    ),
    true,
    /partitioned rollout complete, 2 pods updated/,
  ],
  [
    'statefulset OnDelete',
    statefulSet({ updateStrategy: { type: 'OnDelete' } }, stsDone),
    false,
    /updateStrategy OnDelete has no rollout to track/,
  ],
  // DaemonSet: kubectl's DaemonSetStatusViewer.
  [
    'daemonset rolled out',
    daemonSet({
      observedGeneration: 1,
      desiredNumberScheduled: 4,
      updatedNumberScheduled: 4,
      numberAvailable: 4,
    }),
    true,
    /^DaemonSet\/agent: rolled out, 4 of 4 pods available$/,
  ],
  [
    'daemonset updating',
    daemonSet({
      observedGeneration: 1,
      desiredNumberScheduled: 4,
      updatedNumberScheduled: 2,
      numberAvailable: 4,
    }),
    false,
    /2 of 4 pods updated/,
  ],
  [
    'daemonset not available',
    daemonSet({
      observedGeneration: 1,
      desiredNumberScheduled: 4,
      updatedNumberScheduled: 4,
      numberAvailable: 3,
    }),
    false,
    /3 of 4 updated pods available/,
  ],
  [
    'daemonset OnDelete',
    daemonSet({ observedGeneration: 1 }, 'OnDelete'),
    false,
    /updateStrategy OnDelete/,
  ],
  // Job.
  [
    'job complete',
    job({ succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }),
    true,
    /^Job\/init: complete$/,
  ],
  ['job counted', job({ succeeded: 1 }), true, /1 of 1 completions succeeded/],
  [
    'job running',
    job({ active: 1 }),
    false,
    /^Job\/init: 0 of 1 completions succeeded, 1 running$/,
  ],
  ['job with completions 3', job({ succeeded: 2, active: 1 }, 3), false, /2 of 3 completions/],
  [
    'job failed is terminal',
    job({
      failed: 6,
      conditions: [
        {
          type: 'Failed',
          status: 'True',
          reason: 'BackoffLimitExceeded',
          message: 'Job has reached the specified backoff limit',
        },
      ],
    }),
    false,
    /^Job\/init: failed \(BackoffLimitExceeded: Job has reached the specified backoff limit\)$/,
    'failed',
  ],
  // Pod.
  [
    'pod running and ready',
    pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
    true,
    /^Pod\/p-0: running and ready$/,
  ],
  [
    'pod running not ready',
    pod({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
    }),
    false,
    /running but not ready \(ContainersNotReady\)/,
  ],
  ['pod pending', pod({ phase: 'Pending' }), false, /^Pod\/p-0: phase Pending$/],
  ['pod without status', pod({}), false, /phase Pending/],
  [
    'pod succeeded, run to completion',
    pod({ phase: 'Succeeded' }, 'Never'),
    true,
    /ran to completion/,
  ],
  [
    'pod succeeded with restartPolicy Always',
    pod({ phase: 'Succeeded' }),
    false,
    /exited although restartPolicy is Always/,
  ],
  [
    'pod failed is terminal',
    pod({ phase: 'Failed', reason: 'Evicted' }, 'Never'),
    false,
    /^Pod\/p-0: failed \(Evicted\)$/,
    'failed',
  ],
  // PVC.
  [
    'pvc bound',
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data-zk-0'),
      spec: {},
      status: { phase: 'Bound' },
    },
    true,
    /^PersistentVolumeClaim\/data-zk-0: bound$/,
  ],
  [
    'pvc pending',
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data-zk-0'),
      spec: {},
      status: { phase: 'Pending' },
    },
    false,
    /Pending, not yet bound/,
  ],
  [
    'pvc lost is terminal',
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta('data-zk-0'),
      spec: {},
      status: { phase: 'Lost' },
    },
    false,
    /lost its volume/,
    'failed',
  ],
  // Service, as KUDO.
  [
    'service ClusterIP',
    service({ type: 'ClusterIP', clusterIP: '10.0.0.7' }),
    true,
    /^Service\/svc: ClusterIP service$/,
  ],
  ['headless service', service({ clusterIP: 'None' }), true, /ClusterIP service/],
  [
    'service without cluster IP',
    service({ type: 'ClusterIP' }),
    false,
    /no cluster IP assigned yet/,
  ],
  [
    'service ExternalName',
    service({ type: 'ExternalName', externalName: 'db.example.com' }),
    true,
    /ExternalName service/,
  ],
  [
    'load balancer pending',
    service({ type: 'LoadBalancer', clusterIP: '10.0.0.8' }, { loadBalancer: {} }),
    false,
    /waiting for the load balancer's ingress address/,
  ],
  [
    'load balancer ready',
    service(
      { type: 'LoadBalancer', clusterIP: '10.0.0.8' },
      { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } },
    ),
    true,
    /load balancer ready/,
  ],
  [
    'load balancer with externalIPs',
    service({ type: 'LoadBalancer', clusterIP: '10.0.0.8', externalIPs: ['198.51.100.1'] }),
    true,
    /has external IPs/,
  ],
  // Child Instance: its latest execution.
  [
    'instance deploy complete',
    instance({ deploy: plan('COMPLETE', '2026-11-26T09:00:00Z'), update: { status: 'NEVER_RUN' } }),
    true,
    /^Instance\/kafka-zk: plan deploy COMPLETE$/,
  ],
  [
    'instance latest is newest timestamp',
    instance({
      deploy: plan('COMPLETE', '2026-11-26T09:00:00Z'),
      backup: plan('FATAL_ERROR', '2026-11-26T10:00:00Z', 'step dump failed'),
    }),
    false,
    /plan backup FATAL_ERROR: step dump failed/,
    'failed',
  ],
  [
    'instance running plan wins',
    instance({
      deploy: plan('COMPLETE', '2026-11-26T11:00:00Z'),
      update: plan('IN_PROGRESS', '2026-11-26T10:00:00Z'),
    }),
    false,
    /plan update IN_PROGRESS/,
  ],
  [
    'instance ERROR is not terminal',
    instance({ deploy: plan('ERROR', '2026-11-26T10:00:00Z', 'waiting') }),
    false,
    /plan deploy ERROR: waiting/,
  ],
  [
    'instance never ran',
    instance({ deploy: { status: 'NEVER_RUN' } }),
    false,
    /no plan has run yet/,
  ],
  [
    'instance with no status',
    { apiVersion: 'maestro.dev/v1', kind: 'Instance', metadata: meta('kafka-zk'), spec: {} },
    false,
    /no plan has run yet/,
  ],
  [
    'instance spec not observed',
    instance(
      { deploy: plan('COMPLETE', '2026-11-26T09:00:00Z') },
      { generation: 3, observedGeneration: 2 },
    ),
    false,
    /observe generation 3 \(observed 2\)/,
  ],
  [
    'instance requested plan not started',
    instance(
      { deploy: plan('COMPLETE', '2026-11-26T09:00:00Z') },
      { spec: { planExecution: { planName: 'update', uid: 'u-new' } } },
    ),
    false,
    /plan update requested but not started yet/,
  ],
  [
    'kudo.dev instance uses the same rule',
    { ...instance({ deploy: plan('COMPLETE', 'x') }), apiVersion: 'kudo.dev/v1beta1' },
    true,
    /COMPLETE/,
  ],
  // CRD and the rest.
  [
    'crd established',
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      status: { conditions: [{ type: 'Established', status: 'True' }] },
    },
    true,
    /established/,
  ],
  [
    'configmap exists',
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg'), data: {} },
    true,
    /^ConfigMap\/cfg: exists \(ConfigMap has no health rule\)$/,
  ],
  [
    'custom resource exists',
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: meta('sm') },
    true,
    /ServiceMonitor has no health rule/,
  ],
];

test('health per kind: table of real-shaped objects', () => {
  for (const [label, obj, healthy, reason, terminal] of rows) {
    const got = assessHealth(obj);
    assert.equal(got.healthy, healthy, `${label}: ${got.reason}`);
    assert.match(got.reason, reason, label);
    assert.equal(got.terminal, terminal, label);
  }
});

test('every reason names the child', () => {
  for (const [label, obj] of rows) {
    const { kind, metadata } = obj;
    assert.ok(assessHealth(obj).reason.startsWith(`${kind}/${metadata.name}: `), label);
  }
});

const widget = (status: Record<string, unknown>): KObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: meta('w', 1),
  spec: {},
  status,
});

test('declared checks: conditions and field equality, on custom resources', () => {
  const cond: HealthCheck = {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Synced', status: 'True' },
    ],
  };
  const field: HealthCheck = { fieldPath: 'status.phase', equals: 'Ready' };
  const table: [string, KObject, HealthCheck[], boolean, RegExp][] = [
    [
      'conditions hold',
      widget({
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Synced', status: 'True' },
        ],
      }),
      [cond],
      true,
      /^Widget\/w: its declared check holds$/,
    ],
    [
      'a condition is false',
      widget({
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Synced', status: 'False' },
        ],
      }),
      [cond],
      false,
      /^Widget\/w: condition Synced is False, want True$/,
    ],
    ['a condition is absent', widget({}), [cond], false, /condition Ready is absent, want True/],
    ['field equals', widget({ phase: 'Ready' }), [field], true, /its declared check holds/],
    [
      'field differs',
      widget({ phase: 'Provisioning' }),
      [field],
      false,
      /^Widget\/w: status\.phase is "Provisioning", want "Ready"$/,
    ],
    ['field missing', widget({}), [field], false, /status\.phase is not set, want "Ready"/],
    [
      'structured value',
      widget({ endpoints: [{ ready: true }] }),
      [{ fieldPath: '.status.endpoints[0]', equals: { ready: true } }],
      true,
      /holds/,
    ],
    [
      'quoted key',
      { ...widget({}), metadata: { ...meta('w'), annotations: { 'example.com/ready': 'yes' } } },
      [{ fieldPath: "metadata.annotations['example.com/ready']", equals: 'yes' }],
      true,
      /holds/,
    ],
    [
      'both kinds of check',
      widget({
        phase: 'Ready',
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Synced', status: 'True' },
        ],
      }),
      [cond, field],
      true,
      /all 2 declared checks hold/,
    ],
    [
      'bad path is reported, not thrown',
      widget({}),
      [{ fieldPath: 'status[x]', equals: 1 }],
      false,
      /declared check has a bad field path "status\[x\]"/,
    ],
  ];
  for (const [label, obj, checks, healthy, reason] of table) {
    const got = assessHealth(obj, { checks });
    assert.equal(got.healthy, healthy, `${label}: ${got.reason}`);
    assert.match(got.reason, reason, label);
  }
});

test('declared checks add to a built-in rule, never replace it', () => {
  const notRolledOut = deployment({}, { ...rolledOut, availableReplicas: 1 });
  const check: HealthCheck = { fieldPath: 'spec.replicas', equals: 3 };
  assert.match(
    assessHealth(notRolledOut, { checks: [check] }).reason,
    /1 of 3 updated replicas available/,
  );
  const annotated = deployment({}, rolledOut);
  assert.equal(
    assessHealth(annotated, { checks: [{ fieldPath: 'spec.replicas', equals: 5 }] }).healthy,
    false,
  );
  assert.equal(assessHealth(annotated, { checks: [check] }).healthy, true);
});

test('field paths parse names, indices and quoted keys', () => {
  assert.deepEqual(parseFieldPath('status.phase'), ['status', 'phase']);
  assert.deepEqual(parseFieldPath('.status.items[2].ready'), ['status', 'items', 2, 'ready']);
  assert.deepEqual(parseFieldPath(`metadata.labels["a.b/c"]`), ['metadata', 'labels', 'a.b/c']);
  for (const bad of ['', '.', 'a..b', 'a.', 'a[', 'a[x]']) {
    assert.throws(() => parseFieldPath(bad), /field path/, bad);
  }
});

test('hasHealthRule knows the built-in kinds, including aliased apiVersions', () => {
  assert.equal(hasHealthRule('apps/v1', 'StatefulSet'), true);
  assert.equal(hasHealthRule('extensions/v1beta1', 'Deployment'), true);
  assert.equal(hasHealthRule('v1', 'ConfigMap'), false);
  assert.equal(hasHealthRule('example.com/v1', 'Deployment'), false);
});

test('an OnDelete StatefulSet is judged by its declared checks alone', () => {
  const onDelete = statefulSet(
    { updateStrategy: { type: 'OnDelete' } },
    { ...stsDone, readyReplicas: 3 },
  );
  const bare = assessHealth(onDelete);
  assert.deepEqual(Object.keys(bare).sort(), ['healthy', 'reason']);
  assert.equal(bare.healthy, false);
  const check: HealthCheck = { fieldPath: 'status.readyReplicas', equals: 3 };
  assert.deepEqual(assessHealth(onDelete, { checks: [check] }), {
    healthy: true,
    reason: 'StatefulSet/zk: its declared check holds',
  });
  const failing: HealthCheck = { fieldPath: 'status.readyReplicas', equals: 5 };
  assert.match(
    assessHealth(onDelete, { checks: [failing] }).reason,
    /status\.readyReplicas is 3, want 5/,
  );
});
