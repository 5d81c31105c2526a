import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  decodeHookRequest,
  inspectController,
  resourceOf,
  updateMethod,
} from '../../src/webhooks/metacontroller/wire/index.ts';
import type { CompositeController } from '../../src/webhooks/metacontroller/wire/index.ts';

const request = () =>
  decodeHookRequest(
    JSON.parse(
      readFileSync(new URL('../fixtures/metacontroller/sync-v2.json', import.meta.url), 'utf8'),
    ),
  );

test('resource names follow the Kubernetes plural rules', () => {
  const rows: [string, string][] = [
    ['ConfigMap', 'configmaps'],
    ['StatefulSet', 'statefulsets'],
    ['Ingress', 'ingresses'],
    ['NetworkPolicy', 'networkpolicies'],
    ['PodDisruptionBudget', 'poddisruptionbudgets'],
    ['StorageClass', 'storageclasses'],
    ['Endpoints', 'endpoints'],
    ['Gateway', 'gateways'],
  ];
  for (const [kind, resource] of rows) assert.equal(resourceOf(kind), resource, kind);
});

test('update methods are read per declared type', () => {
  const req = request();
  assert.equal(
    updateMethod(req.controller, { apiVersion: 'apps/v1', kind: 'StatefulSet' }),
    'InPlace',
  );
  assert.equal(updateMethod(req.controller, { apiVersion: 'batch/v1', kind: 'Job' }), 'Recreate');
  assert.equal(
    updateMethod(req.controller, { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget' }),
    '',
  );
});

test('the controller maestro manifests prints has no problems', () => {
  const req = request();
  assert.deepEqual(inspectController(req.controller, req.childTypes), []);
});

test('controller problems name the field and say what to change', () => {
  const req = request();
  const cc = structuredClone(req.controller) as CompositeController;
  cc.spec.generateSelector = false;
  const rules = cc.spec.childResources!;
  rules[0] = { apiVersion: 'v1', resource: 'configmaps' }; // no strategy: OnDelete
  rules[2] = { ...rules[2]!, updateStrategy: { method: 'RollingInPlace' } };
  rules[1] = { ...rules[1]!, updateStrategy: { method: 'Recreate' } };
  assert.deepEqual(inspectController(cc, req.childTypes), [
    {
      field: 'spec.generateSelector',
      message:
        'must be true: an Instance has no spec.selector, so Metacontroller cannot select its children otherwise',
    },
    {
      field: 'spec.childResources[0].updateStrategy.method',
      message: 'ConfigMap v1 children are never updated (OnDelete); use InPlace',
    },
    {
      field: 'spec.childResources[1].updateStrategy.method',
      message: 'Recreate deletes a Service on every change; use InPlace',
    },
    {
      field: 'spec.childResources[2].updateStrategy.method',
      message:
        'RollingInPlace makes Metacontroller call sync in parallel once per revision; use InPlace',
    },
  ]);
});
