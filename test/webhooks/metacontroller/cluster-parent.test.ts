// The hooks with a cluster-scoped parent (ClusterInstance), through
// app.inject: requests as the emulated Metacontroller sends them for a
// ClusterInstance mid-deploy, in both hook versions. Namespaced children are
// keyed `namespace/name` (v1 as v2, since the parent has no namespace),
// cluster-scoped ones `name`; every observed child comes back, namespaced ones
// in spec.namespace and cluster-scoped ones without a namespace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../../src/server/app.ts';
import { resolveServeConfig } from '../../../src/server/config.ts';
import { metacontrollerSurface } from '../../../src/server/plugins/metacontroller.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { isClusterScopedKind } from '../../../src/package/cluster-scoped.ts';
import { asClusterInstance } from '../../../src/package/resources.ts';
import type { v1 } from '../../../src/model/types.ts';
import type { WireHookRequest } from '../../../src/webhooks/metacontroller/wire/index.ts';
import { loadPackage, NS, simulationWithClusterOperatorKinds } from '../../engine/plan/support.ts';

const NOW = Date.UTC(2026, 10, 26, 12);
const CHILD_NS = 'widgets';
const dir = new URL('../../fixtures/packages/cluster-operator/0.1.0', import.meta.url).pathname;

async function app() {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [metacontrollerSurface({ now: () => NOW })],
  });
  await a.ready();
  return a;
}

function clusterPackage(version: 'v1' | 'v2') {
  const p = loadPackage(dir);
  for (const h of ['sync', 'finalize', 'customize'] as const)
    p.controller.spec.hooks![h]!.version = version;
  p.controller.spec.parentResource.resource = 'clusterinstances';
  const parent = asClusterInstance(
    p.instance as unknown as v1.Instance,
    CHILD_NS,
    NS,
  ) as unknown as KObject;
  return { ...p, parent };
}

/** The requests the emulated Metacontroller sent while the ClusterInstance deployed. */
function recorded(version: 'v1' | 'v2') {
  const p = clusterPackage(version);
  // Discovery learns the package's custom kinds, as a cluster with its CRDs would.
  const s = simulationWithClusterOperatorKinds(p);
  s.create(structuredClone(p.parent));
  s.runUntilSettled(200);
  assert.equal(s.planStatus('deploy'), 'COMPLETE');
  return s.sim.records.map((r) => r.request as WireHookRequest);
}

const namespaced = (o: KObject) => !isClusterScopedKind(o.kind, ['Gadget']);

for (const version of ['v1', 'v2'] as const) {
  test(`ClusterInstance, hook ${version}: children keyed namespace/name or name, all kept by /sync`, async () => {
    const requests = recorded(version);
    const last = requests.at(-1)!;
    assert.equal(last.parent.kind, 'ClusterInstance');
    assert.equal(last.parent.metadata.namespace, undefined);
    let seen = 0;
    for (const [type, objects] of Object.entries(last.children)) {
      for (const [key, obj] of Object.entries(objects)) {
        const o = obj as KObject;
        seen++;
        if (namespaced(o)) {
          assert.equal(o.metadata.namespace, CHILD_NS, `${type} ${key}`);
          assert.equal(key, `${CHILD_NS}/${o.metadata.name}`, type);
        } else {
          assert.equal(o.metadata.namespace, undefined, `${type} ${key}`);
          assert.equal(key, o.metadata.name, type);
        }
      }
    }
    assert.ok(seen >= 10, `${seen} observed children`);
    // The OperatorVersion in spec.operatorVersion.namespace, keyed namespace/name.
    assert.deepEqual(Object.keys(last.related?.['OperatorVersion.maestro.dev/v1'] ?? {}), [
      `${NS}/cluster-operator-1.0.0-0.1.0`,
    ]);
    const a = await app();
    try {
      const res = await a.inject({ method: 'POST', url: '/sync', payload: last as object });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as {
        children: KObject[];
        status: { planStatus: Record<string, { status: string }> };
      };
      assert.equal(body.status.planStatus.deploy!.status, 'COMPLETE');
      const returned = body.children.map(
        (o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`,
      );
      const observed = Object.values(last.children)
        .flatMap((m) => Object.values(m) as KObject[])
        .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      assert.deepEqual(returned.sort(), observed.sort(), 'every observed child is kept');
      for (const o of body.children)
        assert.equal(o.metadata.namespace, namespaced(o) ? CHILD_NS : undefined, o.kind);
    } finally {
      await a.close();
    }
  });
}

test('/customize of a ClusterInstance relates the OperatorVersion in spec.operatorVersion.namespace (v1 and v2)', async () => {
  const a = await app();
  try {
    for (const version of ['v1', 'v2'] as const) {
      const p = clusterPackage(version);
      const res = await a.inject({
        method: 'POST',
        url: '/customize',
        payload: { controller: p.controller, parent: p.parent } as object,
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        relatedResources: [
          {
            apiVersion: 'maestro.dev/v1',
            resource: 'operatorversions',
            names: ['cluster-operator-1.0.0-0.1.0'],
            namespace: NS,
          },
        ],
      });
      // Without that namespace it relates nothing (no namespace would match every namespace).
      const parent = structuredClone(p.parent);
      delete (parent.spec as { operatorVersion: { namespace?: string } }).operatorVersion.namespace;
      const none = await a.inject({
        method: 'POST',
        url: '/customize',
        payload: { controller: p.controller, parent } as object,
      });
      assert.equal(none.statusCode, 200, none.body);
      assert.deepEqual(none.json(), { relatedResources: [] });
    }
  } finally {
    await a.close();
  }
});

test('/sync of a ClusterInstance without spec.namespace runs nothing, keeps every child and says why', async () => {
  const last = recorded('v2').at(-1)!;
  const body = structuredClone(last);
  delete (body.parent.spec as { namespace?: string }).namespace;
  const a = await app();
  try {
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    assert.equal(res.statusCode, 200, res.body);
    const out = res.json() as {
      children: KObject[];
      status: { conditions: { type: string; status: string; reason: string; message: string }[] };
    };
    const observed = Object.values(last.children).flatMap((m) => Object.values(m));
    assert.equal(out.children.length, observed.length, 'every child is echoed');
    const invalid = out.status.conditions.find((c) => c.type === 'InvalidSpec');
    assert.equal(invalid?.status, 'True');
    assert.equal(invalid?.reason, 'NamespaceMissing');
    assert.match(invalid!.message, /\[MAESTRO_CLUSTER_INSTANCE_NAMESPACE\]$/);
  } finally {
    await a.close();
  }
});
