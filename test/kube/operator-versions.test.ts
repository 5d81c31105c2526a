// The OperatorVersion lookup with the real @kubernetes/client-node against a
// loopback fake API server that answers the GET path for OperatorVersions:
// found, not found, forbidden, slow. Plus the cache and "no cluster".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterOperatorVersionLookup, FALLBACK_SERVER } from '../../src/kube/operator-versions.ts';
import { startFakeApiServer, storeKey, TOKEN } from '../support/fake-apiserver.ts';
import type { FakeApiServer } from '../support/fake-apiserver.ts';

/**
 * The fake with the cases the lookup must tell apart: any OperatorVersion is
 * found (made up), except `missing` (404), `secret` (403) and `slow` (no answer).
 */
async function fakeApiServer(): Promise<FakeApiServer> {
  const fake = await startFakeApiServer();
  fake.synthesize = (resource, namespace, name) =>
    resource === 'operatorversions' && name !== 'missing'
      ? {
          apiVersion: 'maestro.dev/v1',
          kind: 'OperatorVersion',
          metadata: { name, namespace },
          spec: { version: '1.0.0' },
        }
      : undefined;
  for (const ns of ['team-a', 'a', 'n']) {
    fake.faults.set(storeKey('operatorversions', ns, 'secret'), {
      code: 403,
      reason: 'Forbidden',
      message: `operatorversions.maestro.dev "secret" is forbidden: User "system:serviceaccount:maestro-system:maestro" cannot get resource`,
    });
    fake.faults.set(storeKey('operatorversions', ns, 'slow'), 'hang');
  }
  return fake;
}

function lookupFor(
  fake: FakeApiServer,
  extra: Parameters<typeof clusterOperatorVersionLookup>[0] = {},
) {
  return clusterOperatorVersionLookup({
    timeoutMs: 300,
    ...extra,
    kubeConfig: (k8s) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromOptions({
        clusters: [{ name: 'fake', server: fake.url, skipTLSVerify: true }],
        users: [{ name: 'maestro', token: TOKEN }],
        contexts: [{ name: 'fake', cluster: 'fake', user: 'maestro' }],
        currentContext: 'fake',
      });
      return kc;
    },
  });
}

test('found, not found, forbidden and slow, through the real client', async (t) => {
  const fake = await fakeApiServer();
  t.after(() => fake.close());
  const lookup = lookupFor(fake);

  const found = await lookup({ namespace: 'team-a', name: 'zk-1.0.0' });
  assert.equal(found.ok, true);
  if (found.ok) {
    assert.deepEqual(found.operatorVersion, {
      apiVersion: 'maestro.dev/v1',
      kind: 'OperatorVersion',
      metadata: { name: 'zk-1.0.0', namespace: 'team-a' },
      spec: { version: '1.0.0' },
    });
  }
  assert.equal(
    fake.requests[0]?.path,
    '/apis/maestro.dev/v1/namespaces/team-a/operatorversions/zk-1.0.0',
  );
  assert.equal(fake.requests[0]?.authorization, `Bearer ${TOKEN}`);

  assert.deepEqual(await lookup({ namespace: 'team-a', name: 'missing' }), {
    ok: false,
    reason: 'NotFound',
    message: 'OperatorVersion team-a/missing not found',
  });

  const forbidden = await lookup({ namespace: 'team-a', name: 'secret' });
  assert.equal(forbidden.ok, false);
  if (!forbidden.ok) {
    assert.equal(forbidden.reason, 'Forbidden');
    assert.match(
      forbidden.message,
      /refused \(HTTP 403\); Maestro's service account needs get on operatorversions.maestro.dev in team-a/,
    );
  }

  const started = performance.now();
  const slow = await lookup({ namespace: 'team-a', name: 'slow' });
  const elapsed = performance.now() - started;
  assert.equal(slow.ok, false);
  if (!slow.ok) {
    assert.equal(slow.reason, 'Timeout');
    assert.match(slow.message, /took longer than 300 ms/);
  }
  assert.ok(elapsed < 5_000, `gave up after ${elapsed} ms`);
});

test('found OperatorVersions are cached for the TTL; failures are not', async (t) => {
  const fake = await fakeApiServer();
  t.after(() => fake.close());
  let now = 0;
  const lookup = lookupFor(fake, { ttlMs: 1_000, now: () => now });
  const count = (name: string) => fake.requests.filter((r) => r.path.endsWith(`/${name}`)).length;

  await Promise.all([lookup({ namespace: 'a', name: 'x' }), lookup({ namespace: 'a', name: 'x' })]);
  assert.equal(count('x'), 1, 'concurrent lookups share one request');
  now = 999;
  await lookup({ namespace: 'a', name: 'x' });
  assert.equal(count('x'), 1, 'within the TTL');
  now = 1_000;
  await lookup({ namespace: 'a', name: 'x' });
  assert.equal(count('x'), 2, 'after the TTL');

  await lookup({ namespace: 'a', name: 'missing' });
  await lookup({ namespace: 'a', name: 'missing' });
  assert.equal(
    count('missing'),
    2,
    'a not-found is asked again: the OperatorVersion may just have been created',
  );
});

test('the cache is bounded: the oldest entry goes first', async (t) => {
  const fake = await fakeApiServer();
  t.after(() => fake.close());
  const lookup = lookupFor(fake, { maxEntries: 2 });
  for (const name of ['a', 'b', 'c', 'a']) await lookup({ namespace: 'n', name });
  assert.equal(fake.requests.filter((r) => r.path.endsWith('/a')).length, 2);
});

test("loadFromDefault's fallback to http://localhost:8080 counts as no cluster, and nothing is requested", async (t) => {
  const home = await mkdtemp(join(tmpdir(), 'maestro-home-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
  t.after(() => Object.assign(process.env, saved));
  process.env.HOME = home;
  delete process.env.KUBECONFIG;
  const lookup = clusterOperatorVersionLookup();
  const result = await lookup({ namespace: 'default', name: 'zk' });
  assert.equal(FALLBACK_SERVER, 'http://localhost:8080');
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.reason, 'NoCluster');
    assert.match(result.message, /no cluster is configured/);
  }
});

test('an unreadable kubeconfig is reported, and read again on the next lookup', async () => {
  let calls = 0;
  const lookup = clusterOperatorVersionLookup({
    kubeConfig: () => {
      calls += 1;
      throw new Error('bad kubeconfig');
    },
  });
  for (let i = 0; i < 2; i++) {
    const r = await lookup({ namespace: 'n', name: 'x' });
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.match(r.message, /the Kubernetes configuration cannot be loaded: bad kubeconfig/);
  }
  assert.equal(calls, 2);
});
