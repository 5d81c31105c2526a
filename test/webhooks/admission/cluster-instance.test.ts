// ClusterInstance admission: the Instance rules (parameters, immutable values,
// plan controls, the operator label) plus its own: spec.namespace is a
// required, immutable namespace name and spec.operatorVersion names its
// namespace (the parent has none to default it to). Table-driven.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleAdmission } from '../../../src/webhooks/admission/index.ts';
import { applied, lookupOf, ov1, review } from './support.ts';

/** ov1 lives in namespace `default`; a copy of it lives in `operators`. */
const ovElsewhere = { ...ov1, metadata: { ...ov1.metadata, namespace: 'operators' } };
const lookup = lookupOf([ov1, ovElsewhere]);

function clusterInstance(
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'maestro.dev/v1',
    kind: 'ClusterInstance',
    metadata: { name: 'zk', uid: 'ci-uid', resourceVersion: '7', ...metadata },
    spec: {
      namespace: 'zk-system',
      operatorVersion: { name: 'zk-1.0.0', namespace: 'default' },
      parameters: { DISK: '10Gi' },
      ...spec,
    },
  };
}

/** An AdmissionReview of a ClusterInstance: cluster-scoped, so no request.namespace. */
function clusterReview(request: Record<string, unknown>) {
  const r = review(request);
  const { namespace: _none, ...rest } = r.request;
  return {
    ...r,
    request: {
      ...rest,
      kind: { group: 'maestro.dev', version: 'v1', kind: 'ClusterInstance' },
      resource: { group: 'maestro.dev', version: 'v1', resource: 'clusterinstances' },
    },
  };
}

const withLabel = (o: Record<string, unknown>, operator = 'zk') => ({
  ...o,
  metadata: {
    ...(o.metadata as object),
    labels: { 'maestro.dev/operator': operator },
  },
});

interface Row {
  name: string;
  operation: 'CREATE' | 'UPDATE';
  object: Record<string, unknown>;
  oldObject?: Record<string, unknown>;
  allowed: boolean;
  code?: number;
  message?: RegExp;
}

const base = withLabel(clusterInstance());
const rows: Row[] = [
  {
    name: 'CREATE of a complete ClusterInstance',
    operation: 'CREATE',
    object: base,
    allowed: true,
  },
  {
    name: 'CREATE with the OperatorVersion in another namespace than the children',
    operation: 'CREATE',
    object: withLabel(
      clusterInstance({ operatorVersion: { name: 'zk-1.0.0', namespace: 'operators' } }),
    ),
    allowed: true,
  },
  {
    name: 'CREATE without spec.namespace',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ namespace: undefined })),
    allowed: false,
    code: 422,
    message:
      /^ClusterInstance zk: spec\.namespace is required: the namespace of its namespaced children.*\[MAESTRO_INSTANCE_INVALID\]$/,
  },
  {
    name: 'CREATE with an empty spec.namespace',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ namespace: '' })),
    allowed: false,
    code: 422,
    message: /spec\.namespace is required/,
  },
  {
    name: 'CREATE with a spec.namespace that is no namespace name',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ namespace: 'Not_A_Namespace' })),
    allowed: false,
    code: 422,
    message: /spec\.namespace "Not_A_Namespace" is not a namespace name/,
  },
  {
    name: 'CREATE with a 64-character spec.namespace',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ namespace: 'a'.repeat(64) })),
    allowed: false,
    code: 422,
    message: /is not a namespace name/,
  },
  {
    name: 'CREATE without spec.operatorVersion.namespace',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ operatorVersion: { name: 'zk-1.0.0' } })),
    allowed: false,
    code: 422,
    message:
      /^ClusterInstance zk: spec\.operatorVersion\.namespace is required: a ClusterInstance has no namespace of its own/,
  },
  {
    name: 'CREATE naming an OperatorVersion that is not in that namespace',
    operation: 'CREATE',
    object: withLabel(
      clusterInstance({ operatorVersion: { name: 'zk-1.0.0', namespace: 'nowhere' } }),
    ),
    allowed: false,
    code: 404,
    message: /cannot admit ClusterInstance zk: OperatorVersion nowhere\/zk-1\.0\.0 not found/,
  },
  {
    name: 'CREATE with an undeclared parameter (the Instance rules apply)',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ parameters: { DISK: '1Gi', NOPE: 'x' } })),
    allowed: false,
    code: 422,
    message: /parameter "NOPE" is not defined in OperatorVersion default\/zk-1\.0\.0/,
  },
  {
    name: 'CREATE without a required parameter',
    operation: 'CREATE',
    object: withLabel(clusterInstance({ parameters: {} })),
    allowed: false,
    code: 422,
    message: /DISK/,
  },
  {
    name: 'CREATE labelled for another operator',
    operation: 'CREATE',
    object: withLabel(clusterInstance(), 'evil'),
    allowed: false,
    code: 403,
    message: /label is "evil".*\[MAESTRO_INSTANCE_OPERATOR_MISMATCH\]$/,
  },
  {
    name: 'UPDATE of a parameter',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ parameters: { DISK: '10Gi', MEMORY: '2Gi' } })),
    allowed: true,
  },
  {
    name: 'UPDATE changing spec.namespace',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ namespace: 'elsewhere' })),
    allowed: false,
    code: 422,
    message:
      /^ClusterInstance zk: spec\.namespace is immutable \(it was "zk-system", the update makes it "elsewhere"\).*\[MAESTRO_INSTANCE_INVALID\]$/,
  },
  {
    name: 'UPDATE removing spec.namespace',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ namespace: undefined })),
    allowed: false,
    code: 422,
    message: /spec\.namespace is immutable/,
  },
  {
    name: 'UPDATE removing spec.operatorVersion.namespace',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ operatorVersion: { name: 'zk-1.0.0' } })),
    allowed: false,
    code: 422,
    message: /spec\.operatorVersion\.namespace is required/,
  },
  {
    name: 'UPDATE changing an immutable parameter',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ parameters: { DISK: '20Gi' } })),
    allowed: false,
    code: 422,
    message:
      /failed to check immutable parameters for ClusterInstance zk: parameter 'DISK' is immutable/,
  },
  {
    name: 'UPDATE changing the operator label',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance(), 'other'),
    allowed: false,
    code: 403,
    message: /cannot change/,
  },
  {
    name: 'UPDATE of labels only (spec unchanged)',
    operation: 'UPDATE',
    oldObject: base,
    object: {
      ...base,
      metadata: { ...(base.metadata as object), annotations: { note: 'x' } },
    },
    allowed: true,
  },
  {
    name: 'UPDATE with an unknown plan control target (plan controls apply)',
    operation: 'UPDATE',
    oldObject: base,
    object: withLabel(clusterInstance({ planExecution: { planName: 'nope', uid: 'u1' } })),
    allowed: false,
    code: 422,
    message: /plan nope does not exist/,
  },
];

for (const mode of ['validate', 'mutate'] as const) {
  for (const row of rows) {
    test(`ClusterInstance ${row.operation} on /${mode}: ${row.name}`, async () => {
      const res = await handleAdmission(
        clusterReview({
          operation: row.operation,
          object: row.object,
          ...(row.oldObject && { oldObject: row.oldObject }),
        }),
        lookup,
        mode,
      );
      assert.equal(res.response.allowed, row.allowed, res.response.status?.message);
      if (!row.allowed) {
        assert.equal(res.response.status?.code, row.code);
        assert.match(res.response.status?.message ?? '', row.message!);
      }
      if (mode === 'validate') assert.equal(res.response.patch, undefined);
    });
  }
}

test('CREATE on /mutate sets the operator label and immutable defaults on a ClusterInstance, and looks the OperatorVersion up in spec.operatorVersion.namespace', async () => {
  const calls = lookupOf([ov1, ovElsewhere]);
  const obj = clusterInstance({ operatorVersion: { name: 'zk-1.0.0', namespace: 'operators' } });
  const res = await handleAdmission(
    clusterReview({ operation: 'CREATE', object: obj }),
    calls,
    'mutate',
  );
  assert.equal(res.response.allowed, true, res.response.status?.message);
  assert.deepEqual(calls.calls, ['operators/zk-1.0.0']);
  const out = applied(res, structuredClone(obj)) as {
    metadata: { labels?: Record<string, string>; namespace?: string };
    spec: Record<string, unknown>;
  };
  assert.deepEqual(out.metadata.labels, { 'maestro.dev/operator': 'zk' });
  assert.equal(out.metadata.namespace, undefined, 'a ClusterInstance gets no namespace');
  assert.deepEqual(out.spec.parameters, { DISK: '10Gi', STORAGE_CLASS: 'standard' });
  assert.equal(out.spec.namespace, 'zk-system');
});
