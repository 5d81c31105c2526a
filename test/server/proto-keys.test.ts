// "__proto__", "constructor" and "prototype" are ordinary keys in Kubernetes
// data: a map parameter's key, a label or annotation key, a ConfigMap data
// key. Every JSON surface accepts them (fastify's default parser answers 400),
// keeps them as data through its whole path, and pollutes no prototype.
// Bodies go through app.inject as JSON text, as the API server sends them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import jsonpatch from 'jsonpatch';
import { buildApp, type App } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { admissionSurface } from '../../src/server/plugins/admission.ts';
import { conversionSurface } from '../../src/server/plugins/conversion.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { loadPackage, simulate } from '../engine/plan/support.ts';

const NOW = Date.UTC(2026, 10, 26, 12);
const KEYS = ['__proto__', 'constructor', 'prototype'] as const;

// A package that renders a map parameter's keys as ConfigMap data keys, and a
// nested map whose shape would pollute Object.prototype through a naive merge.
const files = new Map<string, string>([
  [
    'operator.yaml',
    `apiVersion: kudo.dev/v1beta1
name: protokeys
operatorVersion: 0.1.0
kubernetesVersion: 1.20.0
tasks:
  - name: app
    kind: Apply
    spec:
      resources:
        - cm.yaml
plans:
  deploy:
    strategy: serial
    phases:
      - name: main
        strategy: serial
        steps:
          - name: app
            tasks:
              - app
`,
  ],
  [
    'params.yaml',
    `apiVersion: kudo.dev/v1beta1
parameters:
  - name: DATA
    type: map
    default: {}
  - name: NESTED
    type: map
    default: {}
`,
  ],
  [
    'templates/cm.yaml',
    `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-data
  namespace: {{ .Namespace }}
data:
  {{- range $k, $v := .Params.DATA }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
  nested: {{ .Params.NESTED | toJson | quote }}
`,
  ],
]);

// JSON.parse, because an object literal's "__proto__" sets the prototype instead.
const DATA = '{"plain":"y","__proto__":"p","constructor":"c","prototype":"x"}';
const NESTED =
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';
const parameters = () => JSON.parse(`{"DATA":${DATA},"NESTED":${NESTED}}`) as object;
const labels = () =>
  JSON.parse('{"app":"kafka","__proto__":"l1","constructor":"l2","prototype":"l3"}') as object;
const annotations = () =>
  JSON.parse(
    '{"note":"n","__proto__":"a1","constructor":"a2","prototype":"a3","maestro.dev/x":"y"}',
  ) as object;

const pkg = loadPackage(files);
// Spread copies an own "__proto__" as an own property; the selector's label stays.
pkg.instance.metadata.labels = { ...pkg.instance.metadata.labels, ...labels() } as Record<
  string,
  string
>;
pkg.instance.metadata.annotations = annotations() as Record<string, string>;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked key by key
type Json = any;

function assertKeys(actual: Json, expected: string, where: string): void {
  const want = JSON.parse(expected) as Record<string, unknown>;
  for (const key of KEYS) {
    assert.ok(Object.hasOwn(actual, key), `${where} keeps its own "${key}" key`);
    assert.deepStrictEqual(actual[key], want[key], `${where}["${key}"]`);
  }
  assert.equal(Object.getPrototypeOf(actual), Object.prototype, `${where} has a plain prototype`);
}

function assertNotPolluted(): void {
  assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
  assert.equal((Object.prototype as Json).polluted, undefined);
  assert.equal(({} as Json).polluted, undefined);
}

async function app(): Promise<App> {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [
      metacontrollerSurface({ now: () => NOW }),
      admissionSurface(async () => ({ ok: true, operatorVersion: pkg.ov })),
      conversionSurface,
    ],
  });
  await a.ready();
  return a;
}

async function post(a: App, url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await a.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, json: JSON.parse(res.body) };
}

const configMapOf = (children: Json[]) => children.find((c: Json) => c.kind === 'ConfigMap');

test('/sync, /finalize and /customize: the keys render into a child, which is echoed with them intact', async () => {
  const a = await app();
  const s = simulate(pkg, {}, parameters() as Record<string, unknown>);
  s.runUntilSettled(20);
  const requests = s.sim.records.map((r) => r.request as Json);
  const first = requests[0];
  const last = requests.at(-1);
  assert.ok(JSON.stringify(first).includes('"__proto__":"l1"'), 'the parent carries the keys');

  const rendered = await post(a, '/sync', first);
  assert.equal(rendered.status, 200, JSON.stringify(rendered.json));
  const renderedCm = configMapOf(Object.values(rendered.json.children));
  assert.ok(renderedCm, 'the first sync renders the ConfigMap');
  assertKeys(renderedCm.data, DATA, 'the rendered ConfigMap data');
  assert.deepStrictEqual(JSON.parse(renderedCm.data.nested), JSON.parse(NESTED));

  const observed = configMapOf(Object.values(last.children['ConfigMap.v1']));
  assert.ok(observed, 'the last sync observes the ConfigMap');
  const echoed = await post(a, '/sync', last);
  assert.equal(echoed.status, 200, JSON.stringify(echoed.json));
  const echoedCm = configMapOf(Object.values(echoed.json.children));
  assertKeys(echoedCm.data, DATA, 'the echoed ConfigMap data');
  assert.deepStrictEqual(echoedCm.data, observed.data);

  const finalized = await post(a, '/finalize', { ...last, finalizing: true });
  assert.equal(finalized.status, 200, JSON.stringify(finalized.json));
  assert.equal(typeof finalized.json.finalized, 'boolean');
  const customized = await post(a, '/customize', {
    controller: last.controller,
    parent: last.parent,
  });
  assert.equal(customized.status, 200, JSON.stringify(customized.json));
  assert.equal(customized.json.relatedResources.length, 1);
  await a.close();
  assertNotPolluted();
});

function instance(): Json {
  const inst = structuredClone(pkg.instance) as Json;
  inst.metadata.uid = 'u-1';
  inst.spec.parameters = parameters();
  return inst;
}

const review = (object: Json, oldObject: Json) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid: 'adm-1',
    kind: { group: 'maestro.dev', version: 'v1', kind: 'Instance' },
    resource: { group: 'maestro.dev', version: 'v1', resource: 'instances' },
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    operation: 'UPDATE',
    userInfo: { username: 'alice' },
    object,
    oldObject,
    dryRun: false,
  },
});

test('/validate allows and /mutate patches an Instance update with the keys; the patch applies cleanly with jsonpatch', async () => {
  const a = await app();
  // A parameter change, so that /mutate patches in the plan it triggers.
  const oldObject = instance();
  oldObject.spec.parameters.DATA.plain = 'before';
  const object = instance();
  const validated = await post(a, '/validate', review(object, oldObject));
  assert.equal(validated.status, 200);
  assert.equal(validated.json.response.allowed, true, JSON.stringify(validated.json.response));

  const mutated = await post(a, '/mutate', review(object, oldObject));
  assert.equal(mutated.json.response.allowed, true, JSON.stringify(mutated.json.response));
  const patch = JSON.parse(Buffer.from(mutated.json.response.patch, 'base64').toString('utf8'));
  for (const op of patch as { path: string }[]) {
    const segments = op.path.split('/');
    assert.ok(
      !KEYS.some((k) => segments.includes(k)),
      `the patch leaves the keys alone: ${op.path}`,
    );
  }
  const out = jsonpatch.apply_patch(JSON.parse(JSON.stringify(object)), patch) as Json;
  assert.equal(out.spec.planExecution.planName, 'deploy');
  assertKeys(out.spec.parameters.DATA, DATA, 'the patched DATA parameter');
  assertKeys(out.spec.parameters.NESTED, NESTED, 'the patched NESTED parameter');
  assertKeys(out.metadata.labels, JSON.stringify(labels()), 'the patched labels');
  assertKeys(out.metadata.annotations, JSON.stringify(annotations()), 'the patched annotations');
  await a.close();
  assertNotPolluted();
});

test('/convert: v1 -> v1beta1 -> v1 keeps the keys in parameters, labels and annotations', async () => {
  const a = await app();
  const object = instance();
  const convert = async (obj: Json, desiredAPIVersion: string) => {
    const res = await post(a, '/convert', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'ConversionReview',
      request: { uid: 'conv-1', desiredAPIVersion, objects: [obj] },
    });
    assert.equal(res.json.response.result.status, 'Success', res.json.response.result.message);
    return res.json.response.convertedObjects[0];
  };
  const spoke = await convert(object, 'maestro.dev/v1beta1');
  assert.equal(typeof spoke.spec.parameters.DATA, 'string', 'v1beta1 holds a map as YAML');
  assertKeys(spoke.metadata.labels, JSON.stringify(labels()), 'the v1beta1 labels');
  assertKeys(spoke.metadata.annotations, JSON.stringify(annotations()), 'the v1beta1 annotations');
  const back = await convert(spoke, 'maestro.dev/v1');
  assert.deepStrictEqual(back, JSON.parse(JSON.stringify(object)));
  assertKeys(back.spec.parameters.DATA, DATA, 'the round-tripped DATA parameter');
  assertKeys(back.spec.parameters.NESTED, NESTED, 'the round-tripped NESTED parameter');
  await a.close();
  assertNotPolluted();
});
