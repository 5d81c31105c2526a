// The simulator's server-side apply: what the API server records and keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/engine/kobject.ts';
import { extractApplied } from '../../src/engine/managed-fields.ts';
import { fieldsV1Of, serverSideApply } from '../../src/simulator/ssa.ts';

const svc = (ports: unknown[], extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 's', namespace: 'ns', labels: { app: 'a' } },
  spec: { selector: { app: 'a' }, ports, ...extra },
});

test('fieldsV1Of: associative items by their keys, atomic lists as leaves, no identity fields', () => {
  assert.deepEqual(fieldsV1Of(svc([{ port: 80, protocol: 'TCP', targetPort: 8080 }])), {
    'f:metadata': { 'f:labels': { 'f:app': {} } },
    'f:spec': {
      'f:selector': { 'f:app': {} },
      'f:ports': {
        '.': {},
        'k:{"port":80,"protocol":"TCP"}': {
          '.': {},
          'f:port': {},
          'f:protocol': {},
          'f:targetPort': {},
        },
      },
    },
  });
});

test('serverSideApply: a create defaults unowned fields, and extraction gives the body back', () => {
  const body = svc([{ port: 80, protocol: 'TCP' }]);
  const created = serverSideApply(undefined, body, 'metacontroller', 't0');
  assert.equal((created.spec as Record<string, unknown>).sessionAffinity, 'None');
  const got = extractApplied(created);
  assert.ok(got.ok);
  assert.deepEqual(got.body, body);
});

test('serverSideApply: a field no longer applied is removed, a defaulted one stays, an unchanged apply writes nothing', () => {
  const created = serverSideApply(
    undefined,
    svc([{ port: 80, protocol: 'TCP' }], { externalName: 'x' }),
    'metacontroller',
    't0',
  );
  created.metadata.resourceVersion = '1';
  const next = serverSideApply(
    created,
    svc([{ port: 80, protocol: 'TCP' }]),
    'metacontroller',
    't1',
  );
  assert.equal((next.spec as Record<string, unknown>).externalName, undefined);
  assert.equal((next.spec as Record<string, unknown>).sessionAffinity, 'None');
  assert.equal(
    serverSideApply(next, svc([{ port: 80, protocol: 'TCP' }]), 'metacontroller', 't2'),
    next,
  );
});
