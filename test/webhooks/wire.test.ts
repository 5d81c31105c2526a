import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  decodeCustomizeRequest,
  decodeHookRequest,
  decodeHookResponse,
  encodeCustomizeResponse,
  encodeHookRequest,
  encodeHookResponse,
  HookWireError,
  responseMode,
} from '../../src/webhooks/metacontroller/wire/index.ts';
import type { WireHookRequest } from '../../src/webhooks/metacontroller/wire/index.ts';
import { identityKey } from '../../src/engine/identity.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const fixture = (name: string): WireHookRequest =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/metacontroller/${name}`, import.meta.url), 'utf8'),
  ) as WireHookRequest;

const ids = (list: { identity: Parameters<typeof identityKey>[0] }[]) =>
  list.map((o) => identityKey(o.identity));

test('request fixtures decode to hook, version, identities and declared types', () => {
  const rows: [string, string, string, string[], number][] = [
    [
      'sync-v1.json',
      'sync',
      'v1',
      [
        'ConfigMap.core/data/zk-configmap',
        'Service.core/data/zk-hs',
        'StatefulSet.apps/data/zk-zookeeper',
        'PodDisruptionBudget.policy/data/zk-pdb',
      ],
      5,
    ],
    [
      'sync-v2.json',
      'sync',
      'v2',
      [
        'ConfigMap.core/data/zk-configmap',
        'Service.core/data/zk-hs',
        'StatefulSet.apps/data/zk-zookeeper',
        'PodDisruptionBudget.policy/data/zk-pdb',
      ],
      5,
    ],
    [
      'finalize-v2.json',
      'finalize',
      'v2',
      [
        'ConfigMap.core/data/zk-configmap',
        'Service.core/data/zk-hs',
        'StatefulSet.apps/data/zk-zookeeper',
        'PodDisruptionBudget.policy/data/zk-pdb',
      ],
      5,
    ],
    ['sync-v1-first.json', 'sync', 'v1', [], 5],
    [
      'sync-v1-cluster-parent.json',
      'sync',
      'v1',
      ['ConfigMap.core/acme-a/settings', 'Namespace.core//acme-a'],
      2,
    ],
  ];
  for (const [file, hook, version, children, types] of rows) {
    const req = decodeHookRequest(fixture(file));
    assert.equal(req.hook, hook, file);
    assert.equal(req.version, version, file);
    assert.deepEqual(ids(req.children).sort(), [...children].sort(), file);
    assert.equal(req.childTypes.length, types, file);
    assert.deepEqual(req.notes, [], `${file} keys agree with the version`);
  }
});

test('v1 and v2 requests for one state decode to the same children and related objects', () => {
  const v1 = decodeHookRequest(fixture('sync-v1.json'));
  const v2 = decodeHookRequest(fixture('sync-v2.json'));
  assert.deepEqual(v1.children, v2.children);
  assert.deepEqual(v1.related, v2.related);
  assert.deepEqual(v1.childTypes, v2.childTypes);
  assert.deepEqual(
    v1.related.map((r) => r.object.kind),
    ['OperatorVersion'],
  );
});

test('children come out sorted by identity, each with the declared apiVersion', () => {
  const req = decodeHookRequest(fixture('sync-v2.json'));
  assert.deepEqual(
    req.children.map((c) => `${c.identity.group}|${c.identity.kind}|${c.apiVersion}`),
    [
      '|ConfigMap|v1',
      '|Service|v1',
      'apps|StatefulSet|apps/v1',
      'policy|PodDisruptionBudget|policy/v1',
    ],
  );
});

test('encodeHookRequest rebuilds each fixture exactly, in its own version', () => {
  for (const file of [
    'sync-v1.json',
    'sync-v2.json',
    'finalize-v2.json',
    'sync-v1-cluster-parent.json',
  ]) {
    const body = fixture(file);
    const req = decodeHookRequest(body);
    const again = encodeHookRequest({
      controller: req.controller,
      parent: req.parent,
      childTypes: req.childTypes,
      children: req.children.map((c) => c.object),
      relatedTypes: req.relatedTypes,
      related: req.related.map((c) => c.object),
      finalizing: req.finalizing,
    });
    assert.deepEqual(again, body, file);
  }
});

test('a key that disagrees with the hook version is noted, and identity still comes from the object', () => {
  const v2 = fixture('sync-v2.json');
  // The same v2-keyed children under a controller that says v1.
  const mixed = { ...v2, controller: fixture('sync-v1.json').controller };
  const req = decodeHookRequest(mixed);
  assert.equal(req.version, 'v1');
  assert.equal(req.notes.length, 5, 'four children and one related object');
  assert.match(req.notes[0] ?? '', /a v1 hook keys this object "zk-configmap"/);
  assert.deepEqual(req.children, decodeHookRequest(v2).children);
});

test('one stored object listed under two declared versions is kept once, with a note', () => {
  const body = fixture('sync-v2.json');
  const pdb = body.children['PodDisruptionBudget.policy/v1']?.['data/zk-pdb'] as KObject;
  body.children['PodDisruptionBudget.policy/v1beta1'] = {
    'data/zk-pdb': { ...pdb, apiVersion: 'policy/v1beta1' },
  };
  const req = decodeHookRequest(body);
  assert.equal(req.children.filter((c) => c.identity.kind === 'PodDisruptionBudget').length, 1);
  assert.match(req.notes.join('\n'), /PodDisruptionBudget\/zk-pdb is listed under two child types/);
});

test('malformed requests fail with a code and the field they are about', () => {
  const base = fixture('sync-v1.json');
  const rows: [string, unknown, string, RegExp][] = [
    [
      'no children',
      { ...base, children: undefined },
      'MAESTRO_HOOK_BAD_REQUEST',
      /^request: must have required property 'children'/,
    ],
    ['not an object', [], 'MAESTRO_HOOK_BAD_REQUEST', /^request: must be object/],
    [
      'bad key',
      { ...base, children: { Pod: {} } },
      'MAESTRO_HOOK_BAD_KEY',
      /request\.children\["Pod"\]: "Pod" is not/,
    ],
    [
      'bad version',
      {
        ...base,
        controller: {
          ...base.controller,
          spec: { ...base.controller.spec, hooks: { sync: { version: 'v3' } } },
        },
      },
      'MAESTRO_HOOK_BAD_REQUEST',
      /request\.controller\.spec\.hooks\.sync\.version: must be one of "v1", "v2"/,
    ],
    [
      'child without kind',
      { ...base, children: { 'ConfigMap.v1': { x: { apiVersion: 'v1', metadata: {} } } } },
      'MAESTRO_HOOK_BAD_REQUEST',
      /request\.children\.ConfigMap\.v1\.x: must have required property 'kind'/,
    ],
    [
      'parent without name',
      { ...base, parent: { apiVersion: 'maestro.dev/v1', kind: 'Instance', metadata: {} } },
      'MAESTRO_HOOK_BAD_REQUEST',
      /request\.parent\.metadata: must have required property 'name'/,
    ],
  ];
  for (const [label, body, code, message] of rows) {
    assert.throws(
      () => decodeHookRequest(body),
      (err: unknown) =>
        err instanceof HookWireError && err.code === code && message.test(err.message),
      label,
    );
  }
});

test('the route can name the hook; the version is then read from that hook', () => {
  const body = fixture('sync-v2.json');
  body.controller.spec.hooks = { ...body.controller.spec.hooks, finalize: { version: 'v1' } };
  assert.equal(decodeHookRequest(body, { hook: 'finalize' }).version, 'v1');
  assert.equal(decodeHookRequest(body).version, 'v2');
  delete body.controller.spec.hooks;
  assert.equal(decodeHookRequest(body).version, 'v1', 'v1 is the default');
});

const cm = (name: string, apiVersion = 'v1', kind = 'ConfigMap'): KObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'data' },
});

test('responses are encoded with a fixed field order and sorted children', () => {
  const sync = decodeHookRequest(fixture('sync-v2.json'));
  const body = encodeHookResponse(
    {
      status: { a: 1 },
      children: [cm('b'), cm('a', 'apps/v1', 'Deployment'), cm('a')],
      resyncAfterSeconds: 0,
    },
    sync,
  );
  assert.equal(
    JSON.stringify(body),
    JSON.stringify({
      status: { a: 1 },
      children: [cm('a'), cm('b'), cm('a', 'apps/v1', 'Deployment')],
    }),
  );
  const fin = decodeHookRequest(fixture('finalize-v2.json'));
  assert.deepEqual(
    Object.keys(encodeHookResponse({ status: {}, children: [], resyncAfterSeconds: 2.5 }, fin)),
    ['status', 'children', 'resyncAfterSeconds', 'finalized'],
  );
});

test('an encoded response passes the strict (v2) decoder unchanged', () => {
  for (const file of ['sync-v2.json', 'finalize-v2.json', 'sync-v1.json']) {
    const req = decodeHookRequest(fixture(file));
    const body = encodeHookResponse(
      {
        status: { planStatus: {} },
        children: req.children.map((c) => c.object),
        resyncAfterSeconds: 5,
        finalized: true,
      },
      req,
    );
    const decoded = decodeHookResponse(JSON.parse(JSON.stringify(body)), 'strict');
    assert.deepEqual(decoded.children, body.children, file);
    assert.equal(decoded.finalized, req.hook === 'finalize', file);
    assert.equal(decoded.resyncAfterSeconds, 5);
  }
});

test('the encoder refuses answers that would damage children', () => {
  const req = decodeHookRequest(fixture('sync-v2.json'));
  const rows: [string, unknown, RegExp][] = [
    [
      'no status (never 200 {})',
      { children: [] },
      /response\.status: is missing; Metacontroller would replace/,
    ],
    ['null status', { status: null, children: [] }, /response\.status/],
    [
      'no children',
      { status: {} },
      /response\.children: is missing; Metacontroller would delete every child/,
    ],
    [
      'child without name',
      { status: {}, children: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }] },
      /response\.children\[0\]: needs apiVersion, kind and metadata\.name/,
    ],
    [
      'duplicate',
      { status: {}, children: [cm('a'), cm('a')] },
      /response\.children\[1\]: ConfigMap\/a is also response\.children\[0\]/,
    ],
    [
      'duplicate across versions',
      {
        status: {},
        children: [
          cm('p', 'policy/v1', 'PodDisruptionBudget'),
          cm('p', 'policy/v1beta1', 'PodDisruptionBudget'),
        ],
      },
      /PodDisruptionBudget\/p is also/,
    ],
  ];
  for (const [label, response, message] of rows) {
    assert.throws(
      () => encodeHookResponse(response as never, req),
      (err: unknown) =>
        err instanceof HookWireError &&
        err.code === 'MAESTRO_HOOK_BAD_RESPONSE' &&
        message.test(err.message),
      label,
    );
  }
});

test('responses decode the way Metacontroller reads them', () => {
  assert.equal(responseMode('v1'), 'loose');
  assert.equal(responseMode('v2'), 'strict');
  assert.equal(responseMode('v2', 'loose'), 'loose');
  // Missing children is an empty list (delete everything); missing status is null (wipe it).
  assert.deepEqual(decodeHookResponse({}, 'loose'), {
    status: null,
    children: [],
    resyncAfterSeconds: 0,
    finalized: false,
    ignoredFields: [],
  });
  assert.deepEqual(
    decodeHookResponse({ status: null, children: null, extra: 1, Status: {} }, 'loose')
      .ignoredFields,
    ['Status', 'extra'],
  );
  assert.throws(
    () => decodeHookResponse({ status: {}, children: [], extra: 1 }, 'strict'),
    /response: has an unknown field "extra"/,
  );
  assert.throws(
    () => decodeHookResponse({ status: {}, children: {} }, 'loose'),
    /response\.children: must be array,null/,
  );
  assert.throws(
    () => decodeHookResponse({ resyncAfterSeconds: '5' }, 'loose'),
    /resyncAfterSeconds: must be number/,
  );
});

test('customize: version from hooks.customize, rules checked against Metacontroller limits', () => {
  const body = fixture('customize-v2.json');
  const req = decodeCustomizeRequest(body);
  assert.equal(req.version, 'v2');
  const ov = {
    apiVersion: 'maestro.dev/v1',
    resource: 'operatorversions',
    namespace: 'data',
    names: ['zookeeper-3.4.14-0.3.1'],
  };
  assert.deepEqual(encodeCustomizeResponse([ov], req), { relatedResources: [ov] });
  assert.throws(
    () => encodeCustomizeResponse([{ ...ov, labelSelector: {} }], req),
    /relatedResources\[0\]: names cannot be combined with labelSelector/,
  );
  assert.throws(
    () =>
      encodeCustomizeResponse(
        [{ apiVersion: 'v1', resource: 'configmaps', namespace: 'x', namespaceSelector: {} }],
        req,
      ),
    /namespace cannot be combined with namespaceSelector/,
  );
  const v1 = { ...req, version: 'v1' as const };
  assert.throws(
    () => encodeCustomizeResponse([{ ...ov, namespace: 'other' }], v1),
    /a v1 customize hook can only relate objects in the parent's namespace "data"/,
  );
  assert.throws(
    () => decodeCustomizeRequest({ controller: body.controller }),
    /request: must have required property 'parent'/,
  );
});
