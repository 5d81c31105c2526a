// The chart (charts/maestro) rendered by Maestro's own renderer (src/helm via
// renderInstallManifests): every object of every value set validates against
// its published schema (kubernetes-models 4.5 for Kubernetes kinds,
// @kubernetes-models/knative and /cert-manager for theirs, generated from the
// projects' CRDs); generated secrets are consistent and kept when the cluster
// already holds them (lookup); apiVersions follow the target Kubernetes
// version; bad values fail with the value's name.
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderInstallManifests } from '../../src/cli/manifests/install.ts';
import { MaestroError } from '../../src/errors.ts';
import { valueSets, type K8sObject } from './value-sets.ts';

const caPem = readFileSync(new URL('../fixtures/chart/ca.crt', import.meta.url), 'utf8');

async function modelFor(apiVersion: string, kind: string) {
  const path = apiVersion.startsWith('serving.knative.dev/')
    ? `@kubernetes-models/knative/${apiVersion}/${kind}`
    : apiVersion.startsWith('cert-manager.io/')
      ? `@kubernetes-models/cert-manager/${apiVersion}/${kind}`
      : `kubernetes-models/${apiVersion.includes('/') ? apiVersion : `v1`}/${kind}`;
  const mod = (await import(path)) as Record<string, new (o: unknown) => { validate(): void }>;
  const Model = mod[kind];
  assert.ok(Model, `a model for ${apiVersion} ${kind}`);
  return Model;
}

function render(values: Record<string, unknown>, kubeVersion = '1.20.2') {
  return renderInstallManifests({ kubeVersion, values }).objects as K8sObject[];
}

const find = (objs: K8sObject[], kind: string, name?: string) =>
  objs.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

for (const set of valueSets(caPem)) {
  test(`value set "${set.name}": every object validates against its published schema`, async () => {
    const objs = render(set.values);
    assert.deepEqual(
      objs.map((o) => `${o.apiVersion} ${o.kind}`).sort(),
      [...set.kinds].sort(),
      'the objects this value set makes',
    );
    for (const o of objs) {
      const Model = await modelFor(o.apiVersion, o.kind);
      assert.doesNotThrow(() => new Model(o).validate(), `${o.kind} ${o.metadata.name}`);
    }
  });
}

test('one hook token per render: the Secret, every webhook path and the CRD conversion paths agree', () => {
  const objs = render({});
  const secret = find(objs, 'Secret', 'maestro-auth-token')[0]!;
  const token = Buffer.from(String(secret.data!.token), 'base64').toString();
  assert.match(token, /^[a-z0-9]{40}$/);
  const paths = (JSON.stringify(objs).match(/"path":"[^"]*"/g) ?? []).filter(
    (p) => !/healthz|readyz|"token"/.test(p),
  );
  assert.equal(paths.length, 8, 'five admission webhooks and three CRDs with conversion');
  for (const p of paths)
    assert.match(p, new RegExp(`^"path":"/t/${token}/(validate|mutate|convert)"$`));
  assert.notEqual(
    Buffer.from(
      String(find(render({}), 'Secret', 'maestro-auth-token')[0]!.data!.token),
      'base64',
    ).toString(),
    token,
    'a new install draws a new token',
  );
});

test('generated certificates: the serving certificate is signed by the CA in every caBundle and names the Service', () => {
  const objs = render({});
  const tls = find(objs, 'Secret', 'maestro-tls')[0]!;
  const b64 = (k: string) => Buffer.from(String(tls.data![k]), 'base64').toString();
  const ca = new X509Certificate(b64('ca.crt'));
  const cert = new X509Certificate(b64('tls.crt'));
  assert.ok(cert.verify(ca.publicKey), 'tls.crt is signed by ca.crt');
  assert.ok(cert.checkHost('maestro.maestro-system.svc'));
  assert.equal(
    createPublicKey(createPrivateKey(b64('tls.key'))).export({ format: 'pem', type: 'spki' }),
    cert.publicKey.export({ format: 'pem', type: 'spki' }),
    'tls.key matches tls.crt',
  );
  const bundles = JSON.stringify(objs).match(/"caBundle":"[^"]*"/g) ?? [];
  assert.equal(bundles.length, 8);
  for (const b of bundles) assert.equal(b, `"caBundle":"${String(tls.data!['ca.crt'])}"`);
});

test('an upgrade keeps the token and the certificates the cluster holds (lookup)', () => {
  const first = render({});
  const live = new Map(first.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, o]));
  const again = renderInstallManifests({
    kubeVersion: '1.20.2',
    lookup: (apiVersion, kind, namespace, name) =>
      `${apiVersion} ${kind} ${namespace}` === 'v1 Secret maestro-system'
        ? live.get(name)
        : undefined,
  }).objects as K8sObject[];
  for (const name of ['maestro-auth-token', 'maestro-tls']) {
    assert.deepEqual(find(again, 'Secret', name)[0]!.data, live.get(name)!.data, name);
  }
  assert.deepEqual(
    JSON.stringify(again).match(/"(caBundle|path|checksum\/tls)":"[^"]*"/g),
    JSON.stringify(first).match(/"(caBundle|path|checksum\/tls)":"[^"]*"/g),
  );
});

test('the PodDisruptionBudget apiVersion follows the target Kubernetes version', () => {
  const table: Array<[string, string]> = [
    ['1.20.2', 'policy/v1beta1'],
    ['v1.21.0', 'policy/v1'],
    ['1.29', 'policy/v1'],
  ];
  for (const [kube, want] of table) {
    assert.equal(find(render({}, kube), 'PodDisruptionBudget')[0]!.apiVersion, want, kube);
  }
});

test('externalURL: the webhooks and conversion call the URL with the token; no in-cluster server', () => {
  const objs = render({
    externalURL: 'https://127.0.0.1:9443/',
    auth: { token: 'e2e-token-0123456789' },
    certificates: { caBundle: caPem },
  });
  const urls = JSON.stringify(objs).match(/"url":"[^"]*"/g) ?? [];
  assert.equal(urls.length, 8);
  for (const u of urls) {
    assert.match(
      u,
      /^"url":"https:\/\/127\.0\.0\.1:9443\/t\/e2e-token-0123456789\/(validate|mutate|convert)"$/,
    );
  }
  assert.deepEqual(find(objs, 'Deployment'), []);
});

test('knative: the hooks Service is cluster-local, may scale to zero and has concurrency and timeout set', () => {
  const ksvc = find(render({ knative: { enabled: true } }), 'Service').find(
    (o) => o.apiVersion === 'serving.knative.dev/v1',
  )!;
  assert.equal(ksvc.metadata.labels!['networking.knative.dev/visibility'], 'cluster-local');
  const tmpl = (
    ksvc.spec as { template: { metadata: K8sObject['metadata']; spec: Record<string, unknown> } }
  ).template;
  assert.equal(tmpl.metadata.annotations!['autoscaling.knative.dev/min-scale'], '0');
  assert.equal(typeof tmpl.spec.containerConcurrency, 'number');
  assert.equal(typeof tmpl.spec.timeoutSeconds, 'number');
});

test('bad values fail with the value named, as helm does', () => {
  const table: Array<[Record<string, unknown>, RegExp]> = [
    [{ certificates: { mode: 'secret' } }, /certificates\.secretName/],
    [{ certificates: { mode: 'secret', secretName: 'x' } }, /certificates\.caBundle/],
    [{ certificates: { mode: 'vault' } }, /certificates\.mode/],
    [{ externalURL: 'https://example.com:8443' }, /certificates\.caBundle/],
    [{ externalURL: 'http://example.com' }, /externalURL/],
    [{ auth: { token: 'Short' } }, /auth\.token/],
    [{ replicaCount: 'two' }, /replicaCount/],
  ];
  for (const [values, message] of table) {
    assert.throws(
      () => render(values),
      (err: unknown) =>
        err instanceof MaestroError &&
        err.code === 'MAESTRO_CHART_RENDER' &&
        message.test(err.message),
      JSON.stringify(values),
    );
  }
});
