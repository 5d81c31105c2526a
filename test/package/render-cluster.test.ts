// `maestro render` of a package that renders cluster-scoped kinds: it picks a
// ClusterInstance by itself (golden output: namespaced objects in
// --namespace, cluster-scoped ones and the custom kind whose CRD says
// `scope: Cluster` without a namespace); `--parent Instance` fails the step
// as /sync does, and says to install the package as a ClusterInstance.
// Regenerate after a deliberate change with
// UPDATE_GOLDEN=1 npm test -- test/package/render-cluster.test.ts
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { run } from '../../src/cli/commands/render.ts';
import { collectingIO } from './cli-io.ts';

const dir = new URL('../fixtures/packages/cluster-operator/0.1.0', import.meta.url).pathname;

test('maestro render cluster-operator (ClusterInstance, picked by itself) matches test/golden/render/cluster-operator.yaml', async () => {
  const c = collectingIO();
  assert.equal(await run([dir, '--namespace', 'demo'], c.io), 0, c.stderr());
  const file = new URL('../golden/render/cluster-operator.yaml', import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, c.stdout());
  assert.equal(c.stdout(), readFileSync(file, 'utf8'));
  // The same as forcing the parent kind.
  const forced = collectingIO();
  assert.equal(
    await run([dir, '--namespace', 'demo', '--parent', 'ClusterInstance'], forced.io),
    0,
  );
  assert.equal(forced.stdout(), c.stdout());
  const namespaces = c
    .stdout()
    .split(/^---\n/m)
    .filter((d) => d.trim() !== '')
    .map((d) => parse(d) as { kind: string; metadata: { namespace?: string } })
    .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}`);
  assert.deepEqual(namespaces, [
    'CustomResourceDefinition ',
    'CustomResourceDefinition ',
    'ServiceAccount demo',
    'ClusterRole ',
    'ClusterRoleBinding ',
    'ConfigMap demo',
    'Deployment demo',
    'Gadget ',
    'Widget demo',
    'ValidatingWebhookConfiguration ',
  ]);
});

test('maestro render --parent Instance fails the step that renders a cluster-scoped kind and says to install a ClusterInstance', async () => {
  const c = collectingIO();
  assert.equal(await run([dir, '--parent', 'Instance'], c.io), 1);
  assert.match(
    c.stderr(),
    /crd-widgets\.yaml: CustomResourceDefinition\/widgets\.example\.dev is cluster-scoped; a namespaced Instance cannot own it.*install the package as a ClusterInstance/,
  );
  await assert.rejects(
    run([dir, '--parent', 'cluster'], collectingIO().io),
    /--parent must be auto, Instance or ClusterInstance/,
  );
});
