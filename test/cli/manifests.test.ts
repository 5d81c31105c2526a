// `maestro manifests`: the package's Operator, OperatorVersion and
// CompositeController, and with --webhooks the admission webhook
// configurations, checked against the Kubernetes schemas (kubernetes-models)
// and a strict JSON Schema of Metacontroller's CompositeController; the
// Operator and OperatorVersion against the v1 schemas of Maestro's CRDs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import {
  MutatingWebhookConfiguration,
  ValidatingWebhookConfiguration,
} from 'kubernetes-models/admissionregistration.k8s.io/v1';
import { run } from '../../src/cli/commands/manifests.ts';
import { UsageError } from '../../src/cli/command.ts';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { packageResources } from '../../src/package/resources.ts';
import { compositeControllerSchema } from '../../src/webhooks/metacontroller/wire/schemas.ts';
import { customResourceDefinition } from '../../src/model/crd.ts';
import { corpusPackages, corpusDir } from '../package/corpus.ts';
import { createTestCa } from '../support/certs.ts';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field
type Doc = Record<string, any>;

async function manifests(
  args: string[],
): Promise<{ code: number; docs: Array<Doc>; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await run(args, { stdout, stderr, stdin: new PassThrough(), env: {} });
  const docs = parseAllDocuments(out).map((d) => d.toJS() as Doc);
  return { code, docs, stderr: err };
}

// Metacontroller's CompositeController as contracts.md §1.1-1.2 describe it,
// closed where Maestro writes it, so a misspelt field fails.
const hook = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'webhook'],
  properties: {
    version: { enum: ['v1', 'v2'] },
    webhook: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'timeout'],
      properties: {
        url: { type: 'string', pattern: '^https?://[a-z0-9.-]+(:[0-9]+)?(/t/[a-z0-9-]+)?/[a-z]+$' },
        timeout: { type: 'string', pattern: '^[0-9]+(ms|s|m)$' },
        caBundle: {
          type: 'object',
          additionalProperties: false,
          required: ['secretRef'],
          properties: {
            secretRef: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'namespace', 'key'],
              properties: {
                name: { type: 'string' },
                namespace: { type: 'string' },
                key: { const: 'ca.crt' },
              },
            },
          },
        },
      },
    },
  },
};
const strictCompositeController = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'metacontroller.k8s.io/v1alpha1' },
    kind: { const: 'CompositeController' },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' } },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['parentResource', 'childResources', 'hooks'],
      properties: {
        parentResource: {
          type: 'object',
          additionalProperties: false,
          required: ['apiVersion', 'resource'],
          properties: {
            apiVersion: { type: 'string' },
            resource: { type: 'string', pattern: '^[a-z]+$' },
            labelSelector: {
              type: 'object',
              additionalProperties: false,
              properties: {
                matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
              },
            },
          },
        },
        childResources: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['apiVersion', 'resource', 'updateStrategy'],
            properties: {
              apiVersion: {
                type: 'string',
                pattern: '^([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?$',
              },
              resource: { type: 'string', pattern: '^[a-z]+$' },
              updateStrategy: {
                type: 'object',
                additionalProperties: false,
                required: ['method'],
                properties: {
                  method: {
                    enum: ['OnDelete', 'Recreate', 'InPlace', 'RollingRecreate', 'RollingInPlace'],
                  },
                },
              },
            },
          },
        },
        generateSelector: { type: 'boolean' },
        // int32 in Metacontroller's CRD.
        resyncPeriodSeconds: { type: 'integer', minimum: 1 },
        hooks: {
          type: 'object',
          additionalProperties: false,
          required: ['sync', 'finalize', 'customize'],
          properties: { sync: hook, finalize: hook, customize: hook },
        },
      },
    },
  },
};
const ajv = new Ajv({ allErrors: true, strict: false });
const validateStrict = ajv.compile(strictCompositeController);
const validateWire = ajv.compile(compositeControllerSchema);
/** The served v1 schema of a kind, from the CRD Maestro installs. */
function crdSchema(kind: 'Operator' | 'OperatorVersion') {
  const crd = customResourceDefinition(kind) as unknown as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
  };
  return ajv.compile(crd.spec.versions.find((v) => v.name === 'v1')!.schema.openAPIV3Schema);
}
const validateOperator = crdSchema('Operator');
const validateOperatorVersion = crdSchema('OperatorVersion');

for (const [name, dir] of corpusPackages()) {
  test(`manifests for ${name}: Operator, OperatorVersion and two valid CompositeControllers (Instances, ClusterInstances)`, async () => {
    const { code, docs } = await manifests([dir, '--kube-version', '1.25']);
    assert.equal(code, 0);
    assert.equal(docs.length, 4);
    const expected = packageResources(parsePackageOrThrow(loadPackageFiles(dir))).v1;
    assert.deepEqual(docs[0], JSON.parse(JSON.stringify(expected.operator)));
    assert.deepEqual(docs[1], JSON.parse(JSON.stringify(expected.operatorVersion)));
    assert.ok(validateOperator(docs[0]), JSON.stringify(validateOperator.errors));
    assert.ok(validateOperatorVersion(docs[1]), JSON.stringify(validateOperatorVersion.errors));
    const cc = docs[2]!;
    assert.ok(validateStrict(cc), JSON.stringify(validateStrict.errors));
    assert.ok(validateWire(cc), JSON.stringify(validateWire.errors));
    const operator = expected.operator.metadata.name!;
    assert.deepEqual(cc.spec.parentResource, {
      apiVersion: 'maestro.dev/v1',
      resource: 'instances',
      labelSelector: { matchLabels: { 'maestro.dev/operator': operator } },
    });
    assert.equal(cc.spec.generateSelector, true);
    for (const [hookName, h] of Object.entries(cc.spec.hooks) as [
      string,
      { version: string; webhook: { url: string } },
    ][]) {
      assert.equal(h.version, 'v2');
      assert.equal(h.webhook.url, `https://maestro.maestro-system.svc:443/${hookName}`);
    }
    for (const child of cc.spec.childResources as {
      resource: string;
      updateStrategy: { method: string };
    }[]) {
      assert.equal(child.updateStrategy.method, child.resource === 'jobs' ? 'Recreate' : 'InPlace');
    }
    // The ClusterInstance controller: the same children, hooks and selector label, another parent.
    const ccc = docs[3]!;
    assert.ok(validateStrict(ccc), JSON.stringify(validateStrict.errors));
    assert.ok(validateWire(ccc), JSON.stringify(validateWire.errors));
    assert.equal(cc.metadata.name, `maestro-${operator}`);
    assert.equal(ccc.metadata.name, `maestro-${operator}.cluster`);
    assert.deepEqual(ccc.spec.parentResource, {
      apiVersion: 'maestro.dev/v1',
      resource: 'clusterinstances',
      labelSelector: { matchLabels: { 'maestro.dev/operator': operator } },
    });
    assert.deepEqual(
      { ...ccc.spec, parentResource: undefined },
      { ...cc.spec, parentResource: undefined },
    );
  });
}

test('--parents picks the CompositeControllers: instances, clusterinstances or both', async () => {
  const dir = join(corpusDir, 'cowsay', '0.2.0');
  const table: Array<[string[], string[]]> = [
    [[], ['maestro-cowsay', 'maestro-cowsay.cluster']],
    [
      ['--parents', 'both'],
      ['maestro-cowsay', 'maestro-cowsay.cluster'],
    ],
    [['--parents', 'instances'], ['maestro-cowsay']],
    [['--parents=clusterinstances'], ['maestro-cowsay.cluster']],
  ];
  for (const [extra, names] of table) {
    const { code, docs } = await manifests([dir, '--kube-version', '1.20', ...extra]);
    assert.equal(code, 0, extra.join(' '));
    assert.deepEqual(
      docs.filter((d) => d.kind === 'CompositeController').map((d) => d.metadata.name),
      names,
      extra.join(' '),
    );
  }
  await assert.rejects(
    manifests([dir, '--kube-version', '1.20', '--parents', 'cluster']),
    /--parents must be both, instances or clusterinstances/,
  );
});

test('the two controller names never collide: an operator "x-cluster" and the ClusterInstances of "x"', async () => {
  const { compositeControllerName } =
    await import('../../src/cli/manifests/composite-controller.ts');
  const names = ['redis', 'redis-cluster', 'redis-cluster-cluster', 'a', 'a-b'].flatMap((op) => [
    compositeControllerName(op, 'namespaced'),
    compositeControllerName(op, 'cluster'),
  ]);
  assert.equal(new Set(names).size, names.length, names.join(' '));
});

test('the kafka CompositeController declares every kind its templates and tasks render', async () => {
  const { docs } = await manifests([
    join(corpusDir, 'kafka', '2.5.1-1.3.2'),
    '--kube-version=1.25',
  ]);
  const children = (docs[2]!.spec.childResources as { apiVersion: string; resource: string }[])
    .map((c) => `${c.apiVersion} ${c.resource}`)
    .sort();
  // From the templates' headers (`grep '^kind:'`), the Pipe task's Secrets and runner, and
  // policy/v1beta1 PodDisruptionBudget under its vetted replacement policy/v1.
  assert.deepEqual(
    children,
    [
      'apps/v1 deployments',
      'apps/v1 statefulsets',
      'batch/v1 jobs',
      'monitoring.coreos.com/v1 servicemonitors',
      'policy/v1 poddisruptionbudgets',
      'rbac.authorization.k8s.io/v1 clusterrolebindings',
      'rbac.authorization.k8s.io/v1 clusterroles',
      'rbac.authorization.k8s.io/v1 rolebindings',
      'rbac.authorization.k8s.io/v1 roles',
      'v1 configmaps',
      'v1 secrets',
      'v1 serviceaccounts',
      'v1 services',
    ].sort(),
  );
});

test('a package with KudoOperator tasks declares child Instances', async () => {
  const withDeps = corpusPackages().find(([, dir]) => {
    const files = loadPackageFiles(dir);
    return /kind: KudoOperator/.test(files.get('operator.yaml') ?? '');
  });
  assert.ok(withDeps, 'the corpus has a package with dependencies');
  const { docs } = await manifests([withDeps[1], '--kube-version', '1.20']);
  assert.ok(
    (docs[2]!.spec.childResources as { apiVersion: string; resource: string }[]).some(
      (c) => c.apiVersion === 'maestro.dev/v1' && c.resource === 'instances',
    ),
  );
});

function checkWebhookConfigurations(docs: Array<Doc>) {
  const [validating, mutating] = docs;
  new ValidatingWebhookConfiguration(validating as never).validate();
  new MutatingWebhookConfiguration(mutating as never).validate();
  assert.equal(validating!.kind, 'ValidatingWebhookConfiguration');
  assert.equal(mutating!.kind, 'MutatingWebhookConfiguration');
  const all = [...validating!.webhooks, ...mutating!.webhooks] as Array<Doc>;
  for (const w of all) {
    assert.ok(w.name.split('.').length >= 3, `${w.name}: a domain with at least three segments`);
    assert.equal(w.sideEffects, 'None');
    assert.deepEqual(w.admissionReviewVersions, ['v1']);
    assert.ok(w.timeoutSeconds >= 1 && w.timeoutSeconds <= 30);
    assert.equal(w.clientConfig.service.name, 'maestro');
    assert.equal(w.clientConfig.service.port, 443);
    assert.equal(w.rules.length, 1);
    assert.deepEqual(w.rules[0].operations, ['CREATE', 'UPDATE']);
    assert.deepEqual(w.rules[0].apiGroups, ['maestro.dev']);
    assert.equal(
      w.rules[0].scope,
      w.rules[0].resources[0] === 'clusterinstances' ? 'Cluster' : 'Namespaced',
    );
    if (/instances$/.test(w.rules[0].resources[0])) assert.equal(w.failurePolicy, 'Fail');
  }
  assert.deepEqual(
    all.map((w) => `${w.clientConfig.service.path} ${w.rules[0].resources.join(',')}`),
    [
      '/validate operatorversions',
      '/validate instances',
      '/validate clusterinstances',
      '/mutate instances',
      '/mutate clusterinstances',
    ],
  );
  return all;
}

test('--webhooks prints both configurations, valid, with the cert-manager annotation by default', async () => {
  const { code, docs } = await manifests(['--webhooks']);
  assert.equal(code, 0);
  assert.equal(docs.length, 3);
  const all = checkWebhookConfigurations(docs);
  for (const d of docs.slice(0, 2))
    assert.equal(
      d.metadata.annotations['cert-manager.io/inject-ca-from'],
      'maestro-system/maestro-serving-cert',
    );
  for (const w of all) assert.equal(w.clientConfig.caBundle, undefined);
});

test('--webhooks with --ca-bundle puts the CA inline and no annotation; --namespace moves the Service', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-ca-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ca = await createTestCa();
  await writeFile(join(dir, 'ca.crt'), ca.certPem);
  const { code, docs } = await manifests([
    join(corpusDir, 'cowsay', '0.2.0'),
    '--kube-version=1.20',
    '--webhooks',
    '--ca-bundle',
    join(dir, 'ca.crt'),
    '--namespace',
    'ops',
  ]);
  assert.equal(code, 0);
  assert.equal(docs.length, 7);
  const all = checkWebhookConfigurations(docs.slice(4));
  for (const w of all) {
    assert.equal(Buffer.from(w.clientConfig.caBundle, 'base64').toString('utf8'), ca.certPem);
    assert.equal(w.clientConfig.service.namespace, 'ops');
  }
  for (const d of docs.slice(4, 6)) assert.equal(d.metadata.annotations, undefined);
  assert.equal(docs[6]!.kind, 'NetworkPolicy');
  assert.equal(docs[6]!.metadata.namespace, 'ops');
  assert.match(docs[3]!.spec.hooks.sync.webhook.url, /^https:\/\/maestro\.ops\.svc:443\/sync$/);
  assert.match(docs[2]!.spec.hooks.sync.webhook.url, /^https:\/\/maestro\.ops\.svc:443\/sync$/);
});

test('--inject-ca-from names the Certificate', async () => {
  const { docs } = await manifests(['--webhooks', '--inject-ca-from', 'infra/maestro-tls']);
  assert.equal(
    docs[0]!.metadata.annotations['cert-manager.io/inject-ca-from'],
    'infra/maestro-tls',
  );
});

test('usage errors and missing packages', async () => {
  await assert.rejects(manifests([]), UsageError);
  await assert.rejects(
    manifests(['--webhooks', '--ca-bundle', 'x', '--inject-ca-from', 'a/b']),
    /exclude each other/,
  );
  await assert.rejects(manifests(['--webhooks', '--inject-ca-from', 'nope']), /NAMESPACE\/NAME/);
  const missing = await manifests(['/does/not/exist', '--kube-version', '1.20']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /\[MAESTRO_PACKAGE_NOT_FOUND\]/);
});

const kafka = join(corpusDir, 'kafka', '2.5.1-1.3.2');
const children = (doc: Doc) =>
  (doc.spec.childResources as { apiVersion: string; resource: string }[]).map(
    (c) => `${c.apiVersion} ${c.resource}`,
  );

test('child types follow the target Kubernetes version: policy/v1beta1 PDBs for 1.20, policy/v1 from 1.21', async () => {
  const table: Array<[string, string]> = [
    ['1.20', 'policy/v1beta1 poddisruptionbudgets'],
    ['v1.21.0', 'policy/v1 poddisruptionbudgets'],
    ['1.29.3', 'policy/v1 poddisruptionbudgets'],
  ];
  for (const [kube, pdb] of table) {
    const { code, docs } = await manifests([kafka, '--kube-version', kube]);
    assert.equal(code, 0, kube);
    const declared = children(docs[2]!);
    assert.ok(declared.includes(pdb), `${kube}: ${declared.join(', ')}`);
    assert.equal(declared.filter((c) => c.endsWith(' poddisruptionbudgets')).length, 1);
  }
});

test('a package rendering an apiVersion the target version lacks fails with MAESTRO_API_NOT_SERVED', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-pdb-v1-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(kafka, dir, { recursive: true });
  const templates = join(dir, 'templates');
  for (const f of await readdir(templates)) {
    const text = await readFile(join(templates, f), 'utf8');
    await writeFile(join(templates, f), text.replaceAll('policy/v1beta1', 'policy/v1'));
  }
  const old = await manifests([dir, '--kube-version', '1.20']);
  assert.equal(old.code, 1);
  assert.match(
    old.stderr,
    /PodDisruptionBudget policy\/v1 is not served .*1\.20.*\[MAESTRO_API_NOT_SERVED\]/,
  );
  const current = await manifests([dir, '--kube-version', '1.21']);
  assert.equal(current.code, 0);
  assert.ok(children(current.docs[2]!).includes('policy/v1 poddisruptionbudgets'));
});

test('--hooks-url and --auth-token-file put the token path into every hook URL', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-token-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'token');
  await writeFile(file, 'abcdefghij0123456789\n');
  const { code, docs } = await manifests([
    kafka,
    '--kube-version=1.20',
    '--hooks-url=http://maestro-hooks.maestro-system.svc.cluster.local/',
    `--auth-token-file=${file}`,
  ]);
  assert.equal(code, 0);
  const hooks = docs[2]!.spec.hooks as Record<string, { webhook: { url: string } }>;
  for (const h of Object.values(hooks))
    assert.equal((h.webhook as { caBundle?: unknown }).caBundle, undefined, 'http: no caBundle');
  assert.deepEqual(
    Object.entries(hooks).map(([name, h]) => [name, h.webhook.url]),
    ['sync', 'finalize', 'customize'].map((n) => [
      n,
      `http://maestro-hooks.maestro-system.svc.cluster.local/t/abcdefghij0123456789/${n}`,
    ]),
  );
  assert.ok(validateStrict(docs[2]), JSON.stringify(validateStrict.errors));
  await writeFile(file, 'Not A Token!');
  await assert.rejects(
    manifests([kafka, '--kube-version=1.20', `--auth-token-file=${file}`]),
    /a-z, 0-9/,
  );
  await assert.rejects(
    manifests([kafka, '--kube-version=1.20', '--hooks-url=ftp://x']),
    /http\(s\) URL/,
  );
  await assert.rejects(manifests([kafka, '--kube-version', 'latest']), /--kube-version/);
});

test('--install prints the chart objects, with -f and --set values typed as helm types them', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-values-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'values.yaml');
  await writeFile(file, 'replicaCount: 5\nauth:\n  token: from-file-0123456789\n');
  const { code, docs } = await manifests([
    '--install',
    '--kube-version',
    '1.21',
    '-f',
    file,
    '--set',
    'replicaCount=3',
    '--set',
    'networkPolicy.enabled=false',
    '--namespace',
    'ops',
  ]);
  assert.equal(code, 0);
  const kinds = docs.map((d) => d.kind as string);
  assert.ok(
    kinds.indexOf('CustomResourceDefinition') < kinds.indexOf('ValidatingWebhookConfiguration'),
  );
  assert.ok(!kinds.includes('NetworkPolicy'));
  const deployment = docs.find((d) => d.kind === 'Deployment')!;
  assert.equal(deployment.spec.replicas, 3);
  assert.equal(deployment.metadata.namespace, 'ops');
  assert.equal(docs.find((d) => d.kind === 'PodDisruptionBudget')!.apiVersion, 'policy/v1');
  const webhook = docs.find((d) => d.kind === 'ValidatingWebhookConfiguration')!.webhooks[0];
  assert.equal(webhook.clientConfig.service.path, '/t/from-file-0123456789/validate');
  assert.equal(webhook.clientConfig.service.namespace, 'ops');
  const bad = await manifests([
    '--install',
    '--kube-version',
    '1.20',
    '--set',
    'certificates.mode=vault',
  ]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /certificates\.mode.*\[MAESTRO_CHART_RENDER\]/);
  await assert.rejects(
    manifests(['--install', kafka, '--kube-version', '1.20']),
    /--install prints Maestro itself/,
  );
});

test('without --kube-version and without a cluster, the target version is asked for, never assumed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-kubeconfig-'));
  const saved = process.env.KUBECONFIG;
  t.after(async () => {
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    await rm(dir, { recursive: true, force: true });
  });
  // A kubeconfig naming client-node's fallback address counts as no cluster.
  await writeFile(
    join(dir, 'config'),
    'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://localhost:8080"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n',
  );
  process.env.KUBECONFIG = join(dir, 'config');
  await assert.rejects(manifests([kafka]), /give --kube-version/);
  await assert.rejects(manifests(['--install']), /give --kube-version/);
});

test('https hooks trust the chart CA Secret by default (Metacontroller v4.16+ webhook.caBundle); --hooks-ca-secret changes or drops it', async () => {
  const table: Array<[string[], unknown]> = [
    [[], { secretRef: { namespace: 'maestro-system', name: 'maestro-tls', key: 'ca.crt' } }],
    [
      ['--namespace', 'ops'],
      { secretRef: { namespace: 'ops', name: 'maestro-tls', key: 'ca.crt' } },
    ],
    [
      ['--hooks-ca-secret', 'pki/root'],
      { secretRef: { namespace: 'pki', name: 'root', key: 'ca.crt' } },
    ],
    [['--hooks-ca-secret', 'none'], undefined],
  ];
  for (const [extra, want] of table) {
    const { docs } = await manifests([kafka, '--kube-version=1.20', ...extra]);
    for (const h of Object.values(
      docs[2]!.spec.hooks as Record<string, { webhook: { caBundle?: unknown } }>,
    )) {
      assert.deepEqual(h.webhook.caBundle, want, extra.join(' '));
    }
  }
  await assert.rejects(
    manifests([kafka, '--kube-version=1.20', '--hooks-ca-secret', 'x']),
    /NAMESPACE\/NAME/,
  );
});

test('--webhooks with --auth-token-file: the chart webhook paths carry the token', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-token-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'token'), 'webhook-token-0123456789\n');
  const { code, docs } = await manifests(['--webhooks', `--auth-token-file=${join(dir, 'token')}`]);
  assert.equal(code, 0);
  const paths = docs
    .filter((d) => d.webhooks !== undefined)
    .flatMap((d) => (d.webhooks as Doc[]).map((w) => w.clientConfig.service.path as string));
  assert.deepEqual(paths, [
    '/t/webhook-token-0123456789/validate',
    '/t/webhook-token-0123456789/validate',
    '/t/webhook-token-0123456789/validate',
    '/t/webhook-token-0123456789/mutate',
    '/t/webhook-token-0123456789/mutate',
  ]);
});

test('--webhooks prints the chart NetworkPolicy: ingress only from Metacontroller and the API server', async () => {
  const { code, docs, stderr } = await manifests([
    '--webhooks',
    '--api-server-cidr',
    '172.18.0.2/32',
    '--api-server-cidr=10.0.0.0/24',
  ]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const policy = docs[2]!;
  assert.equal(policy.kind, 'NetworkPolicy');
  new NetworkPolicy(policy as never).validate();
  assert.deepEqual(policy.spec.policyTypes, ['Ingress']);
  const from = policy.spec.ingress[0].from as Array<Doc>;
  assert.deepEqual(
    from.filter((p) => p.ipBlock !== undefined).map((p) => p.ipBlock.cidr),
    ['172.18.0.2/32', '10.0.0.0/24'],
  );
  assert.ok(
    from.some((p) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'metacontroller'),
  );
  assert.equal(from.length, 3, 'only Metacontroller and the API server');
  await assert.rejects(manifests(['--webhooks', '--api-server-cidr', 'x']), /not a CIDR/);
});

test('--webhooks without --api-server-cidr warns that the NetworkPolicy admits any source', async () => {
  const { code, docs, stderr } = await manifests(['--webhooks']);
  assert.equal(code, 0);
  assert.equal(docs[2]!.kind, 'NetworkPolicy');
  assert.match(stderr, /admits any source/);
});
