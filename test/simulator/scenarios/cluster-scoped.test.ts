// A package written for these tests that ships what real operators ship: a
// CustomResourceDefinition, a ClusterRole and ClusterRoleBinding, and a
// ValidatingWebhookConfiguration. `package verify` warns for each template
// that renders one and says to install it as a ClusterInstance; `simulate`
// picks a ClusterInstance by itself and deploys; forced to a namespaced
// Instance (--parent Instance) it fails the first step that applies one,
// saying why, with exit 1, and applies nothing — never a crash, even though
// the emulated discovery had to learn the kinds.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run as simulate } from '../../../src/cli/commands/simulate.ts';
import { run as pkgCommand } from '../../../src/cli/commands/package.ts';
import { collectingIO } from '../../package/cli-io.ts';

const dir = new URL('../../fixtures/packages/cluster-scoped', import.meta.url).pathname;

test('package verify warns, naming every template that renders a cluster-scoped kind', async () => {
  const c = collectingIO();
  assert.equal(await pkgCommand(['verify', dir, '-o', 'json'], c.io), 0);
  const out = JSON.parse(c.stdout()) as { valid: boolean; warnings: string[] };
  assert.equal(out.valid, true, 'a warning, not an error: KUDO calls the package valid');
  const flagged = out.warnings
    .filter((w) => /renders the cluster-scoped/.test(w))
    .map((w) => /^templates\/([^:]+): /.exec(w)![1])
    .sort();
  assert.deepEqual(flagged, [
    'clusterrole.yaml',
    'clusterrolebinding.yaml',
    'crd.yaml',
    'webhook.yaml',
  ]);
  for (const w of out.warnings)
    if (/renders the cluster-scoped/.test(w))
      assert.match(
        w,
        /install the package as a ClusterInstance.*a namespaced Instance cannot own it/,
      );
});

test('simulate picks a ClusterInstance by itself: deploy COMPLETE, cluster-scoped children have no namespace', async () => {
  const c = collectingIO();
  assert.equal(await simulate([dir, '--namespace', 'apps', '-o', 'json'], c.io), 0, c.stdout());
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    children: { kind: string; namespace: string }[];
    notes: string[];
  };
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.ok(
    doc.notes.some((n) => /^simulating a ClusterInstance: clusterrole\.yaml, /.test(n)),
    JSON.stringify(doc.notes),
  );
  assert.deepEqual(
    doc.children.map((o) => `${o.kind} ${o.namespace}`),
    [
      'ClusterRole ',
      'ClusterRoleBinding ',
      'CustomResourceDefinition ',
      'ServiceAccount apps',
      'ValidatingWebhookConfiguration ',
    ],
  );
});

test('simulate --parent Instance fails the step that applies a cluster-scoped kind and says to install a ClusterInstance, exit 1', async () => {
  const c = collectingIO();
  assert.equal(await simulate([dir, '--parent', 'Instance', '-o', 'json'], c.io), 1);
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    problems: string[];
    children: unknown[];
  };
  assert.equal(doc.plans.deploy!.status, 'FATAL_ERROR');
  assert.ok(
    doc.problems.some((p) =>
      /^step main\/rbac FATAL_ERROR: .*ClusterRole\/cluster-scoped-instance-reader is cluster-scoped; a namespaced Instance cannot own it.*install the package as a ClusterInstance.*\[MAESTRO_CLUSTER_SCOPED_CHILD\]$/.test(
        p,
      ),
    ),
    JSON.stringify(doc.problems),
  );
  assert.deepEqual(doc.children, [], 'nothing was applied');
});

test('simulate --parent rejects anything but auto, Instance or ClusterInstance', async () => {
  await assert.rejects(
    simulate([dir, '--parent', 'Cluster'], collectingIO().io),
    /--parent must be auto, Instance or ClusterInstance, not "Cluster"/,
  );
});

test('simulate knows a custom resource kind the package renders (no discovery crash)', async () => {
  const pkg = mkdtempSync(join(tmpdir(), 'maestro-cr-'));
  mkdirSync(join(pkg, 'templates'));
  writeFileSync(
    join(pkg, 'operator.yaml'),
    `apiVersion: kudo.dev/v1beta1
name: widgets
operatorVersion: 0.1.0
tasks:
  - name: w
    kind: Apply
    spec:
      resources: [widget.yaml]
plans:
  deploy:
    strategy: serial
    phases:
      - name: main
        strategy: serial
        steps:
          - name: w
            tasks: [w]
`,
  );
  writeFileSync(join(pkg, 'params.yaml'), 'apiVersion: kudo.dev/v1beta1\nparameters: []\n');
  writeFileSync(
    join(pkg, 'templates', 'widget.yaml'),
    'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Name }}\nspec:\n  size: 1\n',
  );
  const c = collectingIO();
  const code = await simulate([pkg, '-o', 'json'], c.io);
  const doc = JSON.parse(c.stdout()) as {
    plans: Record<string, { status: string }>;
    children: { kind: string }[];
    problems: string[];
  };
  assert.equal(code, 0, JSON.stringify(doc.problems));
  assert.equal(doc.plans.deploy!.status, 'COMPLETE');
  assert.deepEqual(
    doc.children.map((o) => o.kind),
    ['Widget'],
  );
});
