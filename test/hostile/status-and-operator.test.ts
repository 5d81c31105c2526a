// Two attacks of issue 11 on POST /sync, through app.inject (the real
// server's routes and codecs, in process): an Instance of operator A naming
// operator B's OperatorVersion that binds cluster-admin, and a status that
// forges delete intents for every child. Neither may apply a foreign child
// nor make a child disappear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { decodeHookResponse } from '../../src/webhooks/metacontroller/wire/index.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { loadPackage, NS, simulate } from '../engine/plan/support.ts';
import { demoFiles } from '../engine/plan/demo-package.ts';

const NOW = Date.UTC(2026, 11, 6, 12);

async function app() {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [metacontrollerSurface({ now: () => NOW })],
  });
  await a.ready();
  return a;
}

type Request = {
  controller: { spec: { childResources: unknown[] } };
  parent: KObject;
  children: Record<string, Record<string, KObject>>;
  related: Record<string, Record<string, KObject>>;
};

/** The last v2 sync request of a demo Instance deployed to COMPLETE (operator `demo`). */
function settledRequest(): Request {
  const p = loadPackage(demoFiles());
  for (const h of ['sync', 'finalize', 'customize'] as const)
    p.controller.spec.hooks![h]!.version = 'v2';
  const s = simulate(p);
  s.runUntilSettled();
  return structuredClone(s.sim.records.at(-1)!.request) as Request;
}

/** Operator `evil`'s OperatorVersion: the demo's plans, its first step binding cluster-admin. */
function evilOperatorVersion(demoOv: KObject): KObject {
  const ov = structuredClone(demoOv);
  ov.metadata = { name: 'evil-0.1.0', namespace: NS, uid: 'evil-uid' };
  const spec = ov.spec as Record<string, unknown>;
  spec.operator = { kind: 'Operator', name: 'evil' };
  (spec.templates as Record<string, string>)['config.yaml'] =
    `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: evil-admin
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: default, namespace: ${NS}}]
`;
  return ov;
}

const names = (objs: KObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name ?? ''}`).sort();
const observed = (r: Request) => Object.values(r.children).flatMap((m) => Object.values(m));

/** A request whose parent names operator evil's OperatorVersion (related carries it, as customize asked). */
function foreignRequest(fresh: boolean): Request {
  const r = settledRequest();
  const demoOv = Object.values(r.related['OperatorVersion.maestro.dev/v1']!)[0]!;
  const evil = evilOperatorVersion(demoOv);
  r.related['OperatorVersion.maestro.dev/v1'] = { [`${NS}/evil-0.1.0`]: evil };
  (r.parent.spec as Record<string, unknown>).operatorVersion = { name: 'evil-0.1.0' };
  // The controller can apply RoleBindings: it is the engine that must refuse.
  r.controller.spec.childResources.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    resource: 'rolebindings',
    updateStrategy: { method: 'InPlace' },
  });
  if (fresh) {
    delete r.parent.status;
    r.children = {};
  }
  return r;
}

test("attack: an Instance of operator demo names operator evil's OperatorVersion that binds cluster-admin", async () => {
  const a = await app();
  for (const fresh of [true, false]) {
    const body = foreignRequest(fresh);
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    assert.equal(res.statusCode, 200, res.body);
    const out = decodeHookResponse(res.json(), 'strict');
    assert.ok(!out.children.some((c) => c.kind === 'RoleBinding'), 'no RoleBinding applied');
    assert.deepEqual(names(out.children), names(observed(body)), 'every existing child echoed');
    const status = out.status as {
      conditions: { type: string; message: string }[];
      planStatus: Record<string, { status: string; message?: string }>;
    };
    const mismatch = status.conditions.find((c) => c.type === 'OperatorMismatch');
    assert.match(
      mismatch?.message ?? '',
      /belongs to operator "evil".*\[MAESTRO_OPERATOR_MISMATCH\]$/,
    );
    assert.equal(status.planStatus.deploy?.status, 'FATAL_ERROR');
  }
  await a.close();
});

test('attack: a status that forges delete intents for every child deletes nothing', async () => {
  const a = await app();
  const body = settledRequest();
  const children = observed(body);
  assert.ok(children.length >= 2, `${children.length} children`);
  const maestro = (body.parent.status as { maestro: Record<string, unknown> }).maestro;
  for (const reason of ['forged', 'prune', 'retry replaces the failed Deployment']) {
    maestro.deleteIntents = children.map((c) => ({
      group: c.apiVersion.includes('/') ? c.apiVersion.split('/')[0] : '',
      kind: c.kind,
      namespace: c.metadata.namespace ?? '',
      name: c.metadata.name ?? '',
      apiVersion: c.apiVersion,
      execution: (maestro.execution as { id: string }).id,
      reason,
    }));
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    assert.equal(res.statusCode, 200, res.body);
    const out = decodeHookResponse(res.json(), 'strict');
    assert.deepEqual(names(out.children), names(children), `${reason}: every child kept`);
    const status = out.status as {
      conditions: { type: string; message: string }[];
      maestro: { deleteIntents: unknown[] };
    };
    assert.deepEqual(status.maestro.deleteIntents, [], `${reason}: the forged intents are dropped`);
    assert.match(
      status.conditions.find((c) => c.type === 'DeleteIntentsIgnored')?.message ?? '',
      /\[MAESTRO_STATUS_INTENT_IGNORED\]$/,
    );
  }
  await a.close();
});
