// Builders for admission tests: OperatorVersions, Instances, AdmissionReviews,
// and a lookup function over a fixed set of OperatorVersions.
import jsonpatch from 'jsonpatch';
import assert from 'node:assert/strict';
import type {
  LookupResult,
  OperatorVersionLookup,
} from '../../../src/webhooks/admission/lookup.ts';
import type { AdmissionReviewResponse } from '../../../src/webhooks/admission/review.ts';

export function lookupOf(
  ovs: unknown[],
  failures: Record<string, LookupResult> = {},
): OperatorVersionLookup & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (ref: { namespace: string; name: string }): Promise<LookupResult> => {
    const id = `${ref.namespace}/${ref.name}`;
    calls.push(id);
    if (failures[id]) return failures[id]!;
    const found = ovs.find((o) => {
      const m = (o as { metadata: { name: string; namespace?: string } }).metadata;
      return m.name === ref.name && (m.namespace ?? ref.namespace) === ref.namespace;
    });
    return found
      ? { ok: true, operatorVersion: structuredClone(found) }
      : { ok: false, reason: 'NotFound', message: `OperatorVersion ${id} not found` };
  };
  return Object.assign(fn, { calls });
}

export function review(request: Record<string, unknown>, uid = 'req-1') {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: 'maestro.dev', version: 'v1', kind: 'Instance' },
      resource: { group: 'maestro.dev', version: 'v1', resource: 'instances' },
      namespace: 'default',
      userInfo: { username: 'alice' },
      ...request,
    },
  };
}

/** Applies the response's patch to request.object with the independent `jsonpatch` applier. */
export function applied(res: AdmissionReviewResponse, object: unknown): unknown {
  const { patch, patchType } = res.response;
  if (patch === undefined) {
    assert.equal(patchType, undefined, 'patchType without patch');
    return object;
  }
  assert.equal(patchType, 'JSONPatch');
  const ops = JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as unknown[];
  assert.ok(Array.isArray(ops) && ops.length > 0);
  return jsonpatch.apply_patch(object, ops);
}

export const ov1 = {
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'zk-1.0.0', namespace: 'default' },
  spec: {
    operator: { name: 'zk', kind: 'Operator' },
    version: '1.0.0',
    parameters: [
      { name: 'NODE_COUNT', type: 'integer', default: 3, required: true, trigger: 'deploy' },
      { name: 'MEMORY', type: 'string', default: '1Gi', required: true },
      { name: 'STORAGE_CLASS', type: 'string', immutable: true, default: 'standard' },
      { name: 'DISK', type: 'string', immutable: true, required: true },
      { name: 'LEVEL', type: 'string', enum: ['INFO', 'DEBUG'], default: 'INFO' },
      { name: 'PORTS', type: 'array', default: [2181] },
      { name: 'LABELS', type: 'map' },
      { name: 'TLS', type: 'boolean', default: false, trigger: 'tls' },
      { name: 'RATIO', type: 'number', schema: { type: 'number', minimum: 0, maximum: 1 } },
    ],
    plans: {
      deploy: {
        strategy: 'serial',
        phases: [
          { name: 'main', strategy: 'serial', steps: [{ name: 'everything', tasks: ['app'] }] },
        ],
      },
      update: { phases: [{ name: 'main', steps: [{ name: 'everything', tasks: ['app'] }] }] },
      tls: { phases: [{ name: 'main', steps: [{ name: 'certs', tasks: ['app'] }] }] },
    },
    tasks: [{ name: 'app', kind: 'Apply', spec: { resources: ['app.yaml'] } }],
    templates: { 'app.yaml': 'kind: ConfigMap' },
  },
};

export function instance(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: {
      name: 'zk',
      namespace: 'default',
      uid: 'i-uid',
      resourceVersion: '41',
      ...(extra.metadata as object),
    },
    spec: { operatorVersion: { name: 'zk-1.0.0' }, parameters, ...(extra.spec as object) },
    ...(extra.status ? { status: extra.status } : {}),
  };
}
