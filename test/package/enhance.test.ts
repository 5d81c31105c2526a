// KUDO's enhancer plus Maestro's labels, on each kind of object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enhance } from '../../src/package/render/enhance.ts';

const ctx = {
  operatorName: 'op',
  instanceName: 'inst',
  namespace: 'ns',
  operatorVersion: '0.1.0',
  planName: 'deploy',
  phaseName: 'main',
  stepName: 'app',
};
const objectLabels = {
  heritage: 'kudo',
  'kudo.dev/operator': 'op',
  'kudo.dev/instance': 'inst',
  'app.kubernetes.io/managed-by': 'maestro',
  'maestro.dev/operator': 'op',
  'maestro.dev/instance': 'inst',
};

test('every object gets both label sets, plan annotations and the instance namespace', () => {
  const o = enhance(
    { kind: 'ConfigMap', metadata: { name: 'c', namespace: 'elsewhere', labels: { a: 'b' } } },
    ctx,
  );
  assert.deepStrictEqual(o.metadata, {
    name: 'c',
    namespace: 'ns',
    labels: { a: 'b', ...objectLabels },
    annotations: { 'kudo.dev/plan': 'deploy', 'kudo.dev/phase': 'main', 'kudo.dev/step': 'app' },
  });
});

test('pod templates of workloads get the labels and the operator version, not the plan', () => {
  for (const kind of [
    'Deployment',
    'StatefulSet',
    'ReplicaSet',
    'ReplicationController',
    'DaemonSet',
    'Job',
  ]) {
    const o = enhance(
      { kind, metadata: {}, spec: { template: { metadata: { labels: { app: 'x' } } } } },
      ctx,
    );
    const t = (o.spec as { template: { metadata: unknown } }).template.metadata;
    assert.deepStrictEqual(
      t,
      {
        labels: { app: 'x', ...objectLabels },
        annotations: { 'kudo.dev/operator-version': '0.1.0' },
      },
      kind,
    );
  }
  const cron = enhance(
    { kind: 'CronJob', metadata: {}, spec: { jobTemplate: { spec: { template: {} } } } },
    ctx,
  );
  assert.deepStrictEqual(
    (cron.spec as { jobTemplate: { spec: { template: { metadata: { labels: unknown } } } } })
      .jobTemplate.spec.template.metadata.labels,
    objectLabels,
  );
});

test('StatefulSet volume claim templates get the labels; selectors are left alone', () => {
  const o = enhance(
    {
      kind: 'StatefulSet',
      metadata: {},
      spec: {
        selector: { matchLabels: { app: 'x' } },
        volumeClaimTemplates: [{ metadata: { name: 'data' } }],
      },
    },
    ctx,
  );
  const spec = o.spec as { selector: unknown; volumeClaimTemplates: { metadata: unknown }[] };
  assert.deepStrictEqual(spec.volumeClaimTemplates[0]!.metadata, {
    name: 'data',
    labels: objectLabels,
  });
  assert.deepStrictEqual(spec.selector, { matchLabels: { app: 'x' } });
});

test('cluster-scoped kinds lose their namespace', () => {
  const o = enhance({ kind: 'ClusterRole', metadata: { name: 'r', namespace: 'x' } }, ctx);
  assert.equal(Object.hasOwn(o.metadata as object, 'namespace'), false);
});
