import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareIdentity,
  describeIdentity,
  identityKey,
  identityOf,
} from '../../src/engine/identity.ts';
import {
  apiVersionAliases,
  canonicalGroup,
  parseApiVersion,
  resolveDeclaredApiVersion,
} from '../../src/engine/api-versions.ts';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string) => ({
  apiVersion,
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
});

test('identity is (group, kind, namespace, name), read from the object', () => {
  assert.deepEqual(identityOf(obj('apps/v1', 'StatefulSet', 'zk', 'ns1')), {
    group: 'apps',
    kind: 'StatefulSet',
    namespace: 'ns1',
    name: 'zk',
  });
  assert.deepEqual(identityOf(obj('v1', 'Namespace', 'team')), {
    group: '',
    kind: 'Namespace',
    namespace: '',
    name: 'team',
  });
});

test('identity does not change when an aliased apiVersion moves group or version', () => {
  const cases: [string, string, string][] = [
    ['policy/v1beta1', 'policy/v1', 'PodDisruptionBudget'],
    ['extensions/v1beta1', 'apps/v1', 'Deployment'],
    ['apps/v1beta2', 'apps/v1', 'StatefulSet'],
    ['batch/v1beta1', 'batch/v1', 'CronJob'],
    ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1', 'Role'],
  ];
  for (const [oldV, newV, kind] of cases) {
    assert.deepEqual(
      identityOf(obj(oldV, kind, 'x', 'ns')),
      identityOf(obj(newV, kind, 'x', 'ns')),
      `${kind} ${oldV} vs ${newV}`,
    );
  }
});

test('an extensions/v1beta1 kind without a vetted move keeps its own group', () => {
  // Ingress moved to networking.k8s.io with a changed schema: not an alias.
  assert.equal(canonicalGroup('extensions/v1beta1', 'Ingress'), 'extensions');
});

test('parseApiVersion splits core and named groups', () => {
  assert.deepEqual(parseApiVersion('v1'), { group: '', version: 'v1' });
  assert.deepEqual(parseApiVersion('apps/v1'), { group: 'apps', version: 'v1' });
  assert.deepEqual(parseApiVersion('maestro.dev/v1beta1'), {
    group: 'maestro.dev',
    version: 'v1beta1',
  });
});

test('identity keys are distinct for the core group and a group named "core"', () => {
  const a = identityKey({ group: '', kind: 'Pod', namespace: 'n', name: 'p' });
  const b = identityKey({ group: 'core', kind: 'Pod', namespace: 'n', name: 'p' });
  // A group is a DNS name and "core" has no dot, so no real group collides;
  // the key still documents the choice.
  assert.equal(a, 'Pod.core/n/p');
  assert.equal(b, 'Pod.core/n/p');
  assert.equal(
    describeIdentity({ group: 'apps', kind: 'Deployment', namespace: 'n', name: 'w' }),
    'Deployment/w',
  );
});

test('compareIdentity is a total order consistent with identityKey equality', () => {
  const part = fc.constantFrom('', 'a', 'b', 'apps');
  const id = fc.record({ group: part, kind: part, namespace: part, name: part });
  fc.assert(
    fc.property(id, id, (a, b) => {
      const c = compareIdentity(a, b);
      assert.equal(Math.sign(c) + Math.sign(compareIdentity(b, a)), 0);
      assert.equal(c === 0, identityKey(a) === identityKey(b));
    }),
    { numRuns: 200 },
  );
});

test('resolveDeclaredApiVersion: exact, vetted alias, and refusals that say why', () => {
  const declared = [
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { apiVersion: 'v1', kind: 'ConfigMap' },
  ];
  assert.deepEqual(resolveDeclaredApiVersion(obj('v1', 'ConfigMap', 'c'), declared), {
    ok: true,
    apiVersion: 'v1',
    aliased: false,
  });
  assert.deepEqual(
    resolveDeclaredApiVersion(obj('policy/v1beta1', 'PodDisruptionBudget', 'p'), declared),
    { ok: true, apiVersion: 'policy/v1', aliased: true },
  );
  const noSelector = resolveDeclaredApiVersion(
    obj('extensions/v1beta1', 'Deployment', 'd'),
    declared,
  );
  assert.equal(noSelector.ok, false);
  assert.match(!noSelector.ok ? noSelector.reason : '', /spec\.selector/);
  const withSelector = resolveDeclaredApiVersion(
    {
      ...obj('extensions/v1beta1', 'Deployment', 'd'),
      spec: { selector: { matchLabels: { a: 'b' } } },
    },
    declared,
  );
  assert.deepEqual(withSelector, { ok: true, apiVersion: 'apps/v1', aliased: true });
  const undeclared = resolveDeclaredApiVersion(
    obj('monitoring.coreos.com/v1', 'ServiceMonitor', 's'),
    declared,
  );
  assert.equal(undeclared.ok, false);
  assert.match(
    !undeclared.ok ? undeclared.reason : '',
    /ServiceMonitor monitoring\.coreos\.com\/v1 is not a declared child type/,
  );
  const wrongVersion = resolveDeclaredApiVersion(
    obj('policy/v2', 'PodDisruptionBudget', 'p'),
    declared,
  );
  assert.match(
    !wrongVersion.ok ? wrongVersion.reason : '',
    /declares PodDisruptionBudget only as policy\/v1/,
  );
});

test('the alias table only maps to a newer version of the same kind, once', () => {
  const seen = new Set<string>();
  for (const a of apiVersionAliases) {
    const key = `${a.kind} ${a.from}`;
    assert.ok(!seen.has(key), `duplicate alias ${key}`);
    seen.add(key);
    assert.notEqual(a.from, a.to);
    assert.ok(
      !apiVersionAliases.some((b) => b.kind === a.kind && b.from === a.to),
      `${key} chains`,
    );
  }
});
