// The committed CRDs are exactly what the generator writes from the schemas,
// they are valid CustomResourceDefinitions, and their schemas are structural.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { renderChartCrdTemplates, renderCrdFiles } from '../../src/model/crd-files.ts';

const files = renderCrdFiles();

test('committed crds/ match the generator (node --import tsx scripts/gen-crds.ts)', () => {
  for (const [file, text] of Object.entries(files)) {
    assert.equal(readFileSync(new URL(`../../crds/${file}`, import.meta.url), 'utf8'), text, file);
  }
});

test('committed chart CRD templates match the generator (charts/maestro/templates/crd-*.yaml)', () => {
  for (const [file, text] of Object.entries(renderChartCrdTemplates())) {
    const path = new URL(`../../charts/maestro/templates/${file}`, import.meta.url);
    assert.equal(readFileSync(path, 'utf8'), text, file);
  }
});

test('every CRD validates against the Kubernetes CustomResourceDefinition schema', () => {
  for (const [file, text] of Object.entries(files)) {
    const crd = new CustomResourceDefinition(parse(text));
    assert.doesNotThrow(() => crd.validate(), file);
  }
});

/** Kubernetes' structural schema rules, as far as the model's schemas can break them. */
function structuralProblems(node: Record<string, unknown>, path: string, root: boolean): string[] {
  const problems: string[] = [];
  const typeless =
    node['x-kubernetes-preserve-unknown-fields'] === true ||
    node['x-kubernetes-int-or-string'] === true;
  if (typeof node.type !== 'string' && !typeless) problems.push(`${path}: no type`);
  if (node.properties !== undefined && node.additionalProperties !== undefined) {
    problems.push(`${path}: properties and additionalProperties together`);
  }
  for (const banned of ['$ref', 'oneOf', 'anyOf', 'allOf', 'not', 'default']) {
    if (banned in node) problems.push(`${path}: ${banned} needs care in structural schemas`);
  }
  const props = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, child] of Object.entries(props)) {
    if (root && key === 'metadata' && Object.keys(child).some((k) => k !== 'type')) {
      problems.push(`${path}.metadata: only type is allowed at the root`);
    }
    problems.push(...structuralProblems(child, `${path}.${key}`, false));
  }
  if (typeof node.additionalProperties === 'object') {
    problems.push(
      ...structuralProblems(
        node.additionalProperties as Record<string, unknown>,
        `${path}[*]`,
        false,
      ),
    );
  }
  if (typeof node.items === 'object') {
    problems.push(...structuralProblems(node.items as Record<string, unknown>, `${path}[]`, false));
  }
  return problems;
}

test('every version schema is structural, both versions are served and only v1 is stored', () => {
  for (const [file, text] of Object.entries(files)) {
    if (file === 'clusterinstances.maestro.dev.yaml') continue; // v1 only, below
    const crd = parse(text);
    const versions = crd.spec.versions as {
      name: string;
      served: boolean;
      storage: boolean;
      schema: { openAPIV3Schema: Record<string, unknown> };
      subresources: unknown;
    }[];
    assert.deepStrictEqual(
      versions.map((v) => [v.name, v.served, v.storage]),
      [
        ['v1', true, true],
        ['v1beta1', true, false],
      ],
      file,
    );
    for (const v of versions) {
      assert.deepStrictEqual(structuralProblems(v.schema.openAPIV3Schema, v.name, true), [], file);
      assert.deepStrictEqual(v.subresources, { status: {} }, file);
    }
    assert.deepStrictEqual(crd.spec.conversion.webhook.clientConfig.service, {
      namespace: 'maestro-system',
      name: 'maestro',
      path: '/convert',
      port: 443,
    });
    assert.equal(crd.spec.conversion.strategy, 'Webhook');
  }
});

test('the Instance CRD has printer columns for the plan, its status, Ready and Age', () => {
  const crd = parse(files['instances.maestro.dev.yaml']!);
  for (const v of crd.spec.versions) {
    assert.deepStrictEqual(
      v.additionalPrinterColumns.map((c: { name: string }) => c.name),
      ['Plan', 'Status', 'Ready', 'Age'],
    );
  }
});

test('the ClusterInstance CRD is cluster-scoped, v1 only, with no conversion webhook', () => {
  const crd = parse(files['clusterinstances.maestro.dev.yaml']!);
  assert.equal(crd.spec.scope, 'Cluster');
  assert.equal(crd.spec.conversion, undefined);
  assert.deepStrictEqual(crd.spec.names, {
    kind: 'ClusterInstance',
    listKind: 'ClusterInstanceList',
    plural: 'clusterinstances',
    singular: 'clusterinstance',
    categories: ['maestro'],
  });
  assert.equal(crd.spec.versions.length, 1);
  const [v] = crd.spec.versions;
  assert.deepStrictEqual([v.name, v.served, v.storage], ['v1', true, true]);
  assert.deepStrictEqual(v.subresources, { status: {} });
  assert.deepStrictEqual(structuralProblems(v.schema.openAPIV3Schema, 'v1', true), []);
  assert.deepStrictEqual(
    v.additionalPrinterColumns.map((c: { name: string }) => c.name),
    ['Namespace', 'Plan', 'Status', 'Ready', 'Age'],
  );
  const spec = v.schema.openAPIV3Schema.properties.spec;
  assert.deepStrictEqual(spec.required, ['namespace', 'operatorVersion']);
  assert.deepStrictEqual(spec.properties.operatorVersion.required, ['name', 'namespace']);
  // The same status schema as Instance, so the engine's bookkeeping is not pruned.
  const instance = parse(files['instances.maestro.dev.yaml']!).spec.versions[0];
  assert.deepStrictEqual(
    v.schema.openAPIV3Schema.properties.status,
    instance.schema.openAPIV3Schema.properties.status,
  );
});
