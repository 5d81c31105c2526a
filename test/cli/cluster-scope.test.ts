// Which parent kind `maestro install` creates: the cluster-scoped objects a
// package renders with the given parameters (src/cli/cluster/scope.ts), and
// the template headers `maestro manifests` declares child types from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { clusterScopedObjects, describeFinding } from '../../src/cli/cluster/scope.ts';
import { renderedKinds } from '../../src/cli/manifests/child-kinds.ts';
import type { JsonValue } from '../../src/model/schema-type.ts';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { corpusDir } from '../package/corpus.ts';

const fixtures = new URL('../fixtures/cli/', import.meta.url).pathname;
const load = (dir: string) => parsePackageOrThrow(loadPackageFiles(dir));
const where = { instance: 'x', namespace: 'team' };

test('cluster-scoped objects a package renders, by parameter values', () => {
  const crdemo = load(join(fixtures, 'crdemo-1.0.0'));
  const kafka = load(join(corpusDir, 'kafka', '2.5.1-1.3.2'));
  const demo = load(join(fixtures, 'demo-1.0.0'));
  const table: Array<[string, ReturnType<typeof load>, Record<string, JsonValue>, string[]]> = [
    [
      'crdemo, defaults: its ClusterRole and ClusterRoleBinding',
      crdemo,
      {},
      ['ClusterRoleBinding x-reader (binding.yaml)', 'ClusterRole x-reader (clusterrole.yaml)'],
    ],
    [
      'crdemo, CLUSTER_WIDE=false: a Role and RoleBinding only',
      crdemo,
      { CLUSTER_WIDE: 'false' },
      [],
    ],
    ['crdemo, a typed false from a -P file', crdemo, { CLUSTER_WIDE: false }, []],
    ['demo: ConfigMaps only', demo, { OWNER: 'alice' }, []],
    ['kafka, defaults: the external-access Toggle is off, no ClusterRole', kafka, {}, []],
    [
      'kafka with external access on NodePort (the default type): the Toggle renders its ClusterRole and binding',
      kafka,
      { EXTERNAL_ADVERTISED_LISTENER: 'true' },
      [
        'ClusterRole x-clusterrole (clusterrole.yaml)',
        'ClusterRoleBinding x-clusterscope-binding (clusterrolebinding.yaml)',
      ],
    ],
    [
      'kafka with external access on LoadBalancer: the templates render nothing cluster-scoped',
      kafka,
      { EXTERNAL_ADVERTISED_LISTENER: 'True', EXTERNAL_ADVERTISED_LISTENER_TYPE: 'LoadBalancer' },
      [],
    ],
  ];
  for (const [name, pkg, params, want] of table) {
    const found = clusterScopedObjects(pkg, params, where).map(describeFinding);
    assert.deepEqual(found, want, name);
  }
});

test('a template that does not render counts with the kinds its header names', () => {
  const pkg = load(join(fixtures, 'crdemo-1.0.0'));
  // An unknown parameter fails the whole render: every header is read instead.
  const found = clusterScopedObjects(pkg, { NOPE: '1' }, where).map(describeFinding);
  assert.deepEqual(found, ['ClusterRoleBinding (binding.yaml)', 'ClusterRole (clusterrole.yaml)']);
  const broken = {
    ...pkg,
    templates: {
      ...pkg.templates,
      'clusterrole.yaml': `{{ .Params.MISSING }}\n${pkg.templates['clusterrole.yaml']}`,
    },
  };
  assert.deepEqual(
    clusterScopedObjects(broken, { CLUSTER_WIDE: 'false' }, where).map(describeFinding),
    ['ClusterRole (clusterrole.yaml)'],
    'the failing file by its header, the others as rendered',
  );
});

test('template headers: every apiVersion/kind pair of a document, branches included', () => {
  const table: Array<[string, string, string[]]> = [
    ['one object', 'apiVersion: v1\nkind: ConfigMap\n', ['v1 ConfigMap']],
    [
      'if/else in one document',
      '{{ if .X }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n{{ else }}\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\n{{ end }}\n',
      ['rbac.authorization.k8s.io/v1 ClusterRole', 'rbac.authorization.k8s.io/v1 Role'],
    ],
    [
      'kind first, nested kinds ignored',
      'kind: RoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nroleRef:\n  kind: ClusterRole\n',
      ['rbac.authorization.k8s.io/v1 RoleBinding'],
    ],
    ['two documents', 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n', ['v1 A', 'v1 B']],
    ['templated kind: not plain', 'apiVersion: v1\nkind: {{ .K }}\n', []],
  ];
  for (const [name, text, want] of table) {
    assert.deepEqual(
      renderedKinds(text).map((k) => `${k.apiVersion} ${k.kind}`),
      want,
      name,
    );
  }
});

test("custom resources of the package's own CRDs are found (Metacontroller cannot start such a controller before the CRD exists)", async () => {
  const { ownCustomResourceKinds, renderedChildKinds } =
    await import('../../src/cli/manifests/child-kinds.ts');
  const base = load(join(fixtures, 'crdemo-1.0.0'));
  const crd = (group: string, kind: string, scope = 'Namespaced') =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x.${group}\nspec:\n  group: ${group}\n  scope: ${scope}\n  names:\n    plural: x\n    singular: x\n    kind: ${kind}\n    listKind: ${kind}List\n  versions: []\n`;
  const table: Array<[string, Record<string, string>, string[]]> = [
    ['no CRD', {}, []],
    [
      'a CRD and a resource of it',
      {
        'crd.yaml': crd('example.dev', 'Widget'),
        'widget.yaml': 'apiVersion: example.dev/v1\nkind: Widget\nmetadata:\n  name: w\n',
      },
      ['example.dev/v1 Widget'],
    ],
    [
      'a CRD, quoted, cluster-scoped, and a resource of another group',
      {
        'crd.yaml': crd('"example.dev"', 'Gadget', 'Cluster'),
        'other.yaml': 'apiVersion: other.dev/v1\nkind: Gadget\nmetadata:\n  name: g\n',
      },
      [],
    ],
    ['a CRD only', { 'crd.yaml': crd('example.dev', 'Widget') }, []],
  ];
  for (const [name, extra, want] of table) {
    const pkg = { ...base, templates: { ...base.templates, ...extra } };
    assert.deepEqual(
      ownCustomResourceKinds(pkg, renderedChildKinds(pkg)).map((k) => `${k.apiVersion} ${k.kind}`),
      want,
      name,
    );
  }
});
