import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessConvergence } from '../../src/engine/convergence.ts';
import {
  duplicateIdentities,
  guardRenderedChild,
  isClusterScoped,
} from '../../src/engine/child-guards.ts';
import { identityOf } from '../../src/engine/identity.ts';
import { bodyHash, stampProvenance } from '../../src/engine/provenance.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const prov = { execution: 'e1', plan: 'update', phase: 'app', step: 'app', task: 'app' };
const stsBody = (image: string): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'zk', namespace: 'data' },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'zk', image }] } } },
});
const rolledOut = {
  observedGeneration: 1,
  replicas: 1,
  readyReplicas: 1,
  updatedReplicas: 1,
  currentRevision: 'r1',
  updateRevision: 'r1',
};
const observed = (body: KObject, status: Record<string, unknown> = rolledOut): KObject => ({
  ...body,
  metadata: { ...body.metadata, generation: 1, uid: 'u' },
  status,
});

test('convergence: a rolled-out old body does not count for a step that wants the new one', () => {
  const old = stampProvenance(stsBody('zookeeper:3.4'), prov);
  const want = bodyHash(stsBody('zookeeper:3.5'));
  const id = identityOf(old);
  const got = assessConvergence(id, observed(old), want);
  assert.equal(got.converged, false);
  assert.equal(got.healthy, false);
  assert.match(
    got.reason,
    new RegExp(
      `^StatefulSet/zk: not yet updated \\(observed body hash ${bodyHash(old)}, want ${want}\\)$`,
    ),
  );
});

test('convergence: the desired hash and a healthy object pass; health still decides', () => {
  const body = stampProvenance(stsBody('zookeeper:3.5'), prov);
  const want = bodyHash(body);
  const id = identityOf(body);
  assert.deepEqual(assessConvergence(id, observed(body), want), {
    converged: true,
    healthy: true,
    reason: 'StatefulSet/zk: rolled out, 1 of 1 pods ready at revision r1',
  });
  const notReady = assessConvergence(id, observed(body, { ...rolledOut, readyReplicas: 0 }), want);
  assert.deepEqual([notReady.converged, notReady.healthy], [true, false]);
  assert.match(notReady.reason, /0 of 1 pods ready/);
});

test('convergence: missing, unstamped and deleting children', () => {
  const body = stsBody('x');
  const id = identityOf(body);
  assert.match(assessConvergence(id, undefined, 'h').reason, /^StatefulSet\/zk: not observed yet$/);
  assert.match(
    assessConvergence(id, observed(body), 'h').reason,
    /observed no Maestro body hash, want h/,
  );
  const deleting = observed(stampProvenance(body, prov));
  deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  assert.match(assessConvergence(id, deleting, bodyHash(body)).reason, /being deleted/);
});

const declared = [
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
];

test('guards: aliases rewrite the apiVersion, undeclared and cluster-scoped kinds fail naming the template', () => {
  const pdb: KObject = {
    apiVersion: 'policy/v1beta1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'p' },
    spec: {},
  };
  const ok = guardRenderedChild(pdb, declared, 'templates/pdb.yaml');
  assert.deepEqual(ok, { ok: true, body: { ...pdb, apiVersion: 'policy/v1' } });
  assert.equal(pdb.apiVersion, 'policy/v1beta1', 'input untouched');
  const cm: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
  assert.deepEqual(guardRenderedChild(cm, declared, 't'), { ok: true, body: cm });
  const role: KObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'r' },
  };
  const scoped = guardRenderedChild(role, declared, 'templates/external-access.yaml');
  assert.equal(scoped.ok, false);
  assert.match(
    !scoped.ok ? scoped.reason : '',
    /^ClusterRole\/r \(templates\/external-access\.yaml\): ClusterRole is cluster-scoped/,
  );
  assert.equal(
    guardRenderedChild(role, declared, 't', false).ok,
    true,
    'fine under a cluster-scoped parent',
  );
  const sm: KObject = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 's' },
  };
  const undeclared = guardRenderedChild(sm, declared, 'templates/sm.yaml');
  assert.match(
    !undeclared.ok ? undeclared.reason : '',
    /^ServiceMonitor\/s \(templates\/sm\.yaml\): ServiceMonitor monitoring\.coreos\.com\/v1 is not a declared child type/,
  );
});

test('guards: cluster scope follows aliases and knows the usual kinds', () => {
  assert.equal(isClusterScoped('rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding'), true);
  assert.equal(isClusterScoped('v1', 'Namespace'), true);
  assert.equal(isClusterScoped('v1', 'Service'), false);
  assert.equal(isClusterScoped('example.com/v1', 'Widget'), false);
});

test('duplicate identities are found across apiVersions', () => {
  const a: KObject = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'p', namespace: 'n' },
  };
  const b: KObject = { ...a, apiVersion: 'policy/v1beta1' };
  const c: KObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'p', namespace: 'n' },
  };
  assert.deepEqual(duplicateIdentities([a, c, b]), [
    {
      identity: { group: 'policy', kind: 'PodDisruptionBudget', namespace: 'n', name: 'p' },
      indexes: [0, 2],
    },
  ]);
  assert.deepEqual(duplicateIdentities([a, c]), []);
});
