// The plan engine's renderer under the two parent kinds (docs/packages.md,
// "Cluster-scoped children"): under a ClusterInstance every namespaced child
// goes to spec.namespace, even when its template names another namespace
// (KUDO forces the instance's namespace), and cluster-scoped children, custom
// kinds whose CRD says `scope: Cluster` included, get none; under a
// namespaced Instance the step fails, naming the template and saying to
// install the package as a ClusterInstance. Plus the package scan that picks
// the parent kind without rendering.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPlan } from '../../../src/engine/plan/render-plan.ts';
import {
  clusterScopedCustomKinds,
  clusterScopedTemplateKinds,
  clusterScopedTemplates,
} from '../../../src/package/cluster-scoped.ts';

const templates: Record<string, string> = {
  'cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Name }}-cm\n  namespace: elsewhere\ndata:\n  ns: {{ .Namespace }}\n',
  'role.yaml':
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ .Name }}-role\n  namespace: ignored\nrules: []\n',
  'crd.yaml':
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.dev\nspec:\n  group: example.dev\n  scope: Cluster\n  names:\n    plural: things\n    kind: Thing\n  versions: []\n',
  'thing.yaml': 'apiVersion: example.dev/v1\nkind: Thing\nmetadata:\n  name: {{ .Name }}-thing\n',
};

const ov = {
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'op-1.0.0', namespace: 'ops' },
  spec: {
    operator: { name: 'op', kind: 'Operator' },
    version: '1.0.0',
    tasks: [{ name: 'all', kind: 'Apply', spec: { resources: Object.keys(templates) } }],
    plans: {
      deploy: { phases: [{ name: 'main', steps: [{ name: 'all', tasks: ['all'] }] }] },
    },
    templates,
  },
};

const declared = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
  { apiVersion: 'example.dev/v1', kind: 'Thing' },
];

const cases: {
  name: string;
  clusterParent: boolean;
  errors: RegExp[];
  placed: string[];
}[] = [
  {
    name: 'ClusterInstance',
    clusterParent: true,
    errors: [],
    placed: [
      'ConfigMap apps/i-cm',
      'ClusterRole /i-role',
      'CustomResourceDefinition /things.example.dev',
      'Thing /i-thing',
    ],
  },
  {
    name: 'namespaced Instance',
    clusterParent: false,
    errors: [
      /^deploy\.main\.all\.all: role\.yaml: ClusterRole\/i-role is cluster-scoped; a namespaced Instance cannot own it and Metacontroller never observes it: install the package as a ClusterInstance \(docs\/packages\.md, "Cluster-scoped children"\) \[MAESTRO_CLUSTER_SCOPED_CHILD\]$/,
    ],
    placed: [],
  },
];

for (const c of cases) {
  test(`render under a ${c.name}`, () => {
    const r = renderPlan(ov, {
      instance: 'i',
      namespace: 'apps',
      plan: 'deploy',
      values: {},
      declared,
      ...(c.clusterParent && { clusterParent: true }),
    });
    assert.equal(r.errors.length, c.errors.length, r.errors.join('\n'));
    c.errors.forEach((re, i) => assert.match(r.errors[i]!, re));
    assert.deepEqual(
      r.objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`),
      c.placed,
    );
    if (c.clusterParent) {
      const cm = r.objects.find((o) => o.kind === 'ConfigMap')!;
      assert.equal((cm.data as Record<string, string>).ns, 'apps', '.Namespace is spec.namespace');
    }
  });
}

test('clusterScopedTemplates finds built-in cluster-scoped kinds and kinds of CRDs that say scope: Cluster', () => {
  assert.deepEqual(clusterScopedTemplates(templates), [
    { template: 'crd.yaml', kind: 'CustomResourceDefinition' },
    { template: 'role.yaml', kind: 'ClusterRole' },
    { template: 'thing.yaml', kind: 'Thing' },
  ]);
  assert.deepEqual(clusterScopedTemplateKinds(templates), ['Thing']);
  const namespacedCrd = { 'crd.yaml': templates['crd.yaml']!.replace('Cluster', 'Namespaced') };
  assert.deepEqual(clusterScopedTemplateKinds(namespacedCrd), []);
  assert.deepEqual(clusterScopedTemplates({ 'cm.yaml': templates['cm.yaml']! }), []);
  assert.deepEqual(
    clusterScopedTemplates({
      'multi.yaml': `${templates['cm.yaml']}---\n${templates['role.yaml']}`,
    }),
    [{ template: 'multi.yaml', kind: 'ClusterRole' }],
  );
});

test('clusterScopedCustomKinds reads rendered CRDs: only scope Cluster counts', () => {
  assert.deepEqual(
    clusterScopedCustomKinds([
      { kind: 'CustomResourceDefinition', spec: { scope: 'Cluster', names: { kind: 'B' } } },
      { kind: 'CustomResourceDefinition', spec: { scope: 'Namespaced', names: { kind: 'C' } } },
      { kind: 'CustomResourceDefinition', spec: { scope: 'Cluster', names: { kind: 'A' } } },
      { kind: 'CustomResourceDefinition', spec: { scope: 'Cluster' } },
      { kind: 'ConfigMap' },
      null,
      'text',
    ]),
    ['A', 'B'],
  );
});
