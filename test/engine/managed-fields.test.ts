// Recovering the applied body from managedFields (server-side apply). The
// fixtures are shaped as the API server records them: FieldsV1 tries with
// `f:` fields, `k:{json}` associative items (containers by name, container
// ports by containerPort and protocol), `v:json` set items, `i:n` positions
// and `.` for an item itself; apiVersion, kind, name and namespace are never
// listed (apimachinery's strip set).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/engine/kobject.ts';
import { extractApplied, findApplyEntry } from '../../src/engine/managed-fields.ts';
import { recoverEmittedBody } from '../../src/engine/last-applied.ts';
import { indexObserved } from '../../src/engine/plan/children.ts';
import { bodyHash, stampProvenance } from '../../src/engine/provenance.ts';

const prov = { execution: 'e1-abc', plan: 'deploy', phase: 'main', step: 'app', task: 'app' };

/** What Maestro returned (and Metacontroller applied). */
const applied = (): KObject =>
  stampProvenance(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'ns', labels: { app: 'web', 'controller-uid': 'u-1' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'nginx',
                image: 'nginx:1.25',
                args: ['-g', 'daemon off;'],
                ports: [{ containerPort: 80, protocol: 'TCP' }],
                env: [{ name: 'MODE', value: 'prod' }],
              },
            ],
          },
        },
      },
    },
    prov,
  );

/** The Apply entry the API server records for `applied()`. */
const applyFields = () => ({
  'f:metadata': {
    'f:annotations': Object.fromEntries(
      Object.keys(applied().metadata.annotations!).map((k) => [`f:${k}`, {}]),
    ),
    'f:labels': { 'f:app': {}, 'f:controller-uid': {} },
  },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:args': {},
            'f:env': { 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
            'f:image': {},
            'f:name': {},
            'f:ports': {
              'k:{"containerPort":80,"protocol":"TCP"}': {
                '.': {},
                'f:containerPort': {},
                'f:protocol': {},
              },
            },
          },
        },
      },
    },
  },
});

/** The live object: applied, defaulted by the server, written by others, with status. */
function live(fields: Record<string, unknown> = applyFields()): KObject {
  const obj = applied();
  obj.metadata = {
    ...obj.metadata,
    uid: 'd-1',
    resourceVersion: '42',
    generation: 1,
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: { ...obj.metadata.annotations, 'deployment.kubernetes.io/revision': '1' },
    ownerReferences: [
      { apiVersion: 'maestro.dev/v1', kind: 'Instance', name: 'i', uid: 'u-1', controller: true },
    ],
    managedFields: [
      {
        manager: 'metacontroller',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: fields,
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        subresource: 'status',
        fieldsV1: { 'f:status': { 'f:replicas': {} } },
      },
      {
        manager: 'kube-controller-manager',
        operation: 'Update',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:annotations': { 'f:deployment.kubernetes.io/revision': {} } },
        },
      },
    ],
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fixture built by hand
  const spec = obj.spec as Record<string, any>;
  spec.revisionHistoryLimit = 10;
  spec.progressDeadlineSeconds = 600;
  spec.strategy = {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
  };
  const pod = spec.template.spec;
  pod.dnsPolicy = 'ClusterFirst';
  pod.restartPolicy = 'Always';
  // A sidecar injected by a webhook: not metacontroller's.
  pod.containers.push({ name: 'proxy', image: 'envoy:1' });
  const c = pod.containers[0];
  c.imagePullPolicy = 'IfNotPresent';
  c.terminationMessagePath = '/dev/termination-log';
  c.resources = {};
  obj.status = { replicas: 2, readyReplicas: 2 };
  return obj;
}

test('extractApplied returns exactly the applied body: no defaults, no other writers, no status or system metadata', () => {
  const got = extractApplied(live());
  assert.ok(got.ok, got.ok ? '' : got.reason);
  assert.deepEqual(got.body, applied());
  assert.equal(bodyHash(got.body), bodyHash(applied()));
});

test('extractApplied keeps the observed order of fields and items, so the bytes are stable', () => {
  const a = extractApplied(live());
  const b = extractApplied(live());
  assert.ok(a.ok && b.ok);
  assert.equal(JSON.stringify(a.body), JSON.stringify(b.body));
});

const table: {
  name: string;
  object: KObject;
  fieldsV1: Record<string, unknown>;
  want: Record<string, unknown> | string;
}[] = [
  {
    name: 'v: items of a set (finalizers) are matched by value',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', finalizers: ['a.io/x', 'b.io/y'] },
    },
    fieldsV1: { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"b.io/y"': {} } } },
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['b.io/y'] } },
  },
  {
    name: 'i: items are matched by position',
    object: {
      apiVersion: 'x/v1',
      kind: 'K',
      metadata: { name: 'k' },
      spec: {
        items: [
          { a: 1, b: 2 },
          { a: 3, b: 4 },
        ],
      },
    },
    fieldsV1: { 'f:spec': { 'f:items': { 'i:1': { 'f:a': {} } } } },
    want: { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'k' }, spec: { items: [{ a: 3 }] } },
  },
  {
    name: 'a leaf owns the whole value (an atomic list or map)',
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: '1', b: '2' },
    },
    fieldsV1: { 'f:data': {} },
    want: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: '1', b: '2' },
    },
  },
  {
    name: 'a k: item lists its key fields even when they are not listed as f:',
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, name: 'http' }] },
    },
    fieldsV1: {
      'f:spec': {
        'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:targetPort': {} } },
      },
    },
    want: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
    },
  },
  {
    name: 'an owned field the object lacks is reported',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
    fieldsV1: { 'f:data': { 'f:gone': {} } },
    want: 'metacontroller owns .data.gone, which the object does not have',
  },
  {
    name: 'an owned item the list lacks is reported',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a' }] },
    },
    fieldsV1: { 'f:spec': { 'f:containers': { 'k:{"name":"b"}': { '.': {} } } } },
    want: 'metacontroller owns .spec.containers[k:{"name":"b"}], which the object does not have',
  },
];

for (const row of table) {
  test(`extractApplied: ${row.name}`, () => {
    const obj = structuredClone(row.object);
    obj.metadata.managedFields = [
      {
        manager: 'metacontroller',
        operation: 'Apply',
        fieldsType: 'FieldsV1',
        fieldsV1: row.fieldsV1,
      },
    ];
    const got = extractApplied(obj);
    if (typeof row.want === 'string') {
      assert.equal(got.ok, false);
      assert.equal(got.ok ? '' : got.reason, row.want);
    } else {
      assert.ok(got.ok, got.ok ? '' : got.reason);
      assert.deepEqual(got.body, row.want);
    }
  });
}

test('only an Apply entry of the manager on the main resource counts', () => {
  const obj = live();
  const entries = obj.metadata.managedFields as Record<string, unknown>[];
  assert.equal(findApplyEntry(obj, 'metacontroller'), entries[0]);
  assert.equal(findApplyEntry(obj, 'kube-controller-manager'), undefined);
  entries[0]!.operation = 'Update';
  const got = extractApplied(obj);
  assert.equal(got.ok, false);
  assert.equal(got.ok ? '' : got.problem, 'absent');
  // A configured manager name.
  const other = live();
  (other.metadata.managedFields as Record<string, unknown>[])[0]!.manager = 'maestro-mc';
  assert.ok(extractApplied(other, 'maestro-mc').ok);
  assert.equal(extractApplied(other).ok, false);
});

test('an entry that is not FieldsV1 is invalid', () => {
  const obj = live();
  (obj.metadata.managedFields as Record<string, unknown>[])[0]!.fieldsType = 'FieldsV2';
  const got = extractApplied(obj);
  assert.equal(got.ok ? '' : got.problem, 'invalid');
});

test('recoverEmittedBody falls back to managedFields and accepts it when the provenance hash matches', () => {
  const got = recoverEmittedBody(live());
  assert.ok(got.ok, got.ok ? '' : got.reason);
  assert.deepEqual(got.body, applied());
});

test('recoverEmittedBody refuses a managedFields body whose hash differs (an owned value was changed)', () => {
  const obj = live();
  (obj.spec as Record<string, number>).replicas = 5;
  const got = recoverEmittedBody(obj);
  assert.equal(got.ok, false);
  assert.equal(got.ok ? '' : got.problem, 'mismatch');
  assert.match(
    got.ok ? '' : got.reason,
    /body in managedFields \(manager metacontroller\) hashes to/,
  );
});

test('recoverEmittedBody: no annotation and no Apply entry is absent, naming both', () => {
  const obj = live();
  obj.metadata.managedFields = [];
  const got = recoverEmittedBody(obj);
  assert.equal(got.ok ? '' : got.problem, 'absent');
  assert.match(
    got.ok ? '' : got.reason,
    /no metacontroller\.k8s\.io\/last-applied-configuration annotation and no managedFields entry for manager "metacontroller"/,
  );
});

test('data keys named __proto__ and constructor are data: extracted when owned, never matched through the prototype', () => {
  // As a request body delivers them: JSON.parse makes `__proto__` an own key.
  const obj = JSON.parse(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        namespace: 'ns',
        managedFields: [
          {
            manager: 'metacontroller',
            operation: 'Apply',
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:__proto__': {}, 'f:plain': {} } },
          },
        ],
      },
      data: { plain: 'p', other: 'written by someone else' },
    }).replace('"plain":"p"', '"__proto__":"x","plain":"p"'),
  ) as KObject;
  const got = extractApplied(obj);
  assert.equal(got.ok, true);
  if (got.ok) {
    const data = got.body.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(data), ['__proto__', 'plain']);
    assert.equal(Object.getOwnPropertyDescriptor(data, '__proto__')?.value, 'x');
    assert.equal(Object.getPrototypeOf(data), Object.prototype);
  }
  // An owned `constructor` that the object lacks is missing, not Object's constructor.
  const lacking = JSON.parse(JSON.stringify(obj)) as KObject;
  (lacking.metadata.managedFields as { fieldsV1: unknown }[])[0]!.fieldsV1 = {
    'f:data': { 'f:constructor': {} },
  };
  assert.equal(extractApplied(lacking).ok, false);
});

test('a key field the server defaulted (a port protocol the body left out) is not claimed: the hash picks the body without it', () => {
  const body = stampProvenance(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', namespace: 'ns' },
      spec: { ports: [{ name: 'client', port: 2181 }], selector: { app: 'zk' } },
    },
    prov,
  );
  const obj = structuredClone(body);
  // The server defaulted protocol and targetPort; the item key names protocol.
  (obj.spec as { ports: Record<string, unknown>[] }).ports[0] = {
    name: 'client',
    port: 2181,
    protocol: 'TCP',
    targetPort: 2181,
  };
  obj.metadata.managedFields = [
    {
      manager: 'metacontroller',
      operation: 'Apply',
      apiVersion: 'v1',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': {
          'f:annotations': Object.fromEntries(
            Object.keys(body.metadata.annotations!).map((k) => [`f:${k}`, {}]),
          ),
        },
        'f:spec': {
          'f:ports': {
            'k:{"port":2181,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {} },
          },
          'f:selector': {},
        },
      },
    },
  ];
  const got = recoverEmittedBody(obj);
  assert.ok(got.ok, got.ok ? '' : got.reason);
  assert.deepEqual(got.body, body);
});

test('the echo cache never serves one object state for another with the same uid and resourceVersion', () => {
  // Simulated runs (or two clusters) repeat uids and resourceVersions.
  const a = live();
  const bApplied = applied();
  (bApplied.spec as Record<string, number>).replicas = 7;
  const b = live();
  b.spec = structuredClone(bApplied.spec);
  b.metadata.annotations = {
    ...b.metadata.annotations,
    ...stampProvenance({ ...bApplied, metadata: { ...bApplied.metadata, annotations: {} } }, prov)
      .metadata.annotations,
  };
  assert.equal(a.metadata.uid, b.metadata.uid);
  assert.equal(a.metadata.resourceVersion, b.metadata.resourceVersion);
  const echoOf = (o: KObject) => [...indexObserved([o]).values()][0]!.echo;
  assert.equal((echoOf(a).spec as Record<string, number>).replicas, 2);
  assert.equal((echoOf(b).spec as Record<string, number>).replicas, 7);
});

test("the controller reference Metacontroller v4 applies with the child (claimOwnership) is not part of Maestro's body", () => {
  // As kube-apiserver 1.20 recorded it for a ConfigMap under real Metacontroller v4.17.2.
  const body: KObject = stampProvenance(
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'ns' },
      data: { a: '1' },
    },
    { execution: 'e1-x', plan: 'deploy', phase: 'p', step: 's', task: 't' },
  );
  const ref = {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    name: 'zk',
    uid: 'u1',
    controller: true,
    blockOwnerDeletion: true,
  };
  const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u2' };
  const live: KObject = {
    ...body,
    metadata: {
      ...body.metadata,
      uid: 'c1',
      ownerReferences: [ref],
      managedFields: [
        {
          manager: 'metacontroller',
          operation: 'Apply',
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:data': { 'f:a': {} },
            'f:metadata': {
              'f:annotations': Object.fromEntries(
                Object.keys(body.metadata.annotations ?? {}).map((k) => [`f:${k}`, {}]),
              ),
              'f:ownerReferences': { [`k:{"uid":"u1"}`]: {} },
            },
          },
        },
      ],
    },
  };
  const got = recoverEmittedBody(live);
  assert.ok(got.ok, got.ok ? '' : got.reason);
  assert.equal(got.body.metadata.ownerReferences, undefined);
  assert.equal(bodyHash(got.body), bodyHash(body));
  // A reference that is not a controller's stays: it was applied as such.
  const withOther = structuredClone(live);
  withOther.metadata.ownerReferences = [other, ref];
  (
    withOther.metadata.managedFields as { fieldsV1: Record<string, Record<string, unknown>> }[]
  )[0]!.fieldsV1['f:metadata']!['f:ownerReferences'] = {
    [`k:{"uid":"u2"}`]: {},
    [`k:{"uid":"u1"}`]: {},
  };
  const extracted = extractApplied(withOther);
  assert.ok(extracted.ok);
  assert.deepEqual(extracted.body.metadata.ownerReferences, [other]);
});
