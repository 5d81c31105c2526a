// /validate and /mutate over HTTPS, as kube-apiserver calls them, against a
// real `maestro serve` whose kubeconfig points at a loopback fake API server.
// Each check is one response rule of contracts.md §3.2 and §3.3.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonpatch from 'jsonpatch';
import { kubeconfigFor, startFakeApiServer, storeKey } from '../support/fake-apiserver.ts';
import { startWebhookServer } from './webhooks-support.ts';
import type { Response } from '../support/http.ts';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/admission/${name}`, import.meta.url), 'utf8'),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field below
  ) as Record<string, any>;
const ov = fixture('operatorversion-zk.json');
const everyField = fixture('instance-update-every-field.json');

interface Review {
  apiVersion: string;
  kind: string;
  response: {
    uid: string;
    allowed: boolean;
    status?: { code: number; reason: string; message: string };
    patch?: string;
    patchType?: string;
    warnings?: string[];
  };
}

/** The rules every answer follows, whatever it decides (contracts.md §3.2, §3.3). */
function checkWire(res: Response, uid: string, webhook: 'validate' | 'mutate'): Review {
  assert.equal(res.status, 200, 'always HTTP 200');
  assert.equal(res.httpVersion, '1.1');
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(res.headers['retry-after'], undefined, 'never Retry-After');
  const body = JSON.parse(res.body) as Review;
  assert.equal(body.apiVersion, 'admission.k8s.io/v1');
  assert.equal(body.kind, 'AdmissionReview');
  assert.equal(body.response.uid, uid);
  assert.equal(typeof body.response.allowed, 'boolean');
  if (webhook === 'validate') {
    assert.equal(body.response.patch, undefined, 'a validating webhook must not return a patch');
    assert.equal(body.response.patchType, undefined);
  } else {
    assert.equal(
      body.response.patch === undefined,
      body.response.patchType === undefined,
      'patch and patchType come together',
    );
    if (body.response.patchType !== undefined) assert.equal(body.response.patchType, 'JSONPatch');
  }
  if (!body.response.allowed) {
    assert.ok(body.response.status, 'a denial has a status');
    assert.ok(body.response.status.code >= 400, 'status.code below 400 would be forced to 400');
    assert.ok(body.response.status.message.length > 0);
    assert.equal(body.response.patch, undefined);
  }
  return body;
}

const applyPatch = (body: Review, object: unknown) =>
  jsonpatch.apply_patch(
    object,
    JSON.parse(Buffer.from(body.response.patch!, 'base64').toString('utf8')) as unknown[],
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field below
  ) as Record<string, any>;

const instanceReview = (uid: string, operation: string, object: unknown, oldObject?: unknown) => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: {
    uid,
    kind: { group: 'maestro.dev', version: 'v1', kind: 'Instance' },
    resource: { group: 'maestro.dev', version: 'v1', resource: 'instances' },
    name: 'zk',
    namespace: 'team-a',
    operation,
    userInfo: { username: 'alice' },
    object,
    ...(oldObject ? { oldObject } : {}),
    dryRun: false,
  },
});

test('admission over HTTPS against a real serve with a cluster', async (t) => {
  const fake = await startFakeApiServer();
  fake.objects.set(storeKey('operatorversions', 'team-a', 'zookeeper-3.6.2-0.3.3'), ov);
  fake.faults.set(storeKey('operatorversions', 'team-a', 'secret'), {
    code: 403,
    reason: 'Forbidden',
    message: 'operatorversions.maestro.dev "secret" is forbidden',
  });
  t.after(() => fake.close());
  const dir = await mkdtemp(join(tmpdir(), 'maestro-kubeconfig-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'config'), kubeconfigFor(fake.url));
  const maestro = await startWebhookServer({ KUBECONFIG: join(dir, 'config') });
  t.after(() => maestro.stop());

  await t.test(
    'the every-field AdmissionReview: /mutate patches in the triggered plan, /validate allows the result',
    async () => {
      const uid = everyField.request.uid as string;
      const mutated = checkWire(await maestro.post('/mutate', everyField), uid, 'mutate');
      assert.equal(mutated.response.allowed, true, mutated.response.status?.message);
      const out = applyPatch(mutated, structuredClone(everyField.request.object));
      // NODE_COUNT names no trigger, so KUDO's fallback applies: 'update'.
      assert.equal(out.spec.planExecution.planName, 'update');
      assert.notEqual(out.spec.planExecution.uid, everyField.request.object.spec.planExecution.uid);
      const second = structuredClone(everyField);
      second.request.object = out;
      const validated = checkWire(await maestro.post('/validate', second), uid, 'validate');
      assert.equal(validated.response.allowed, true, validated.response.status?.message);
      assert.ok(
        fake.requests.some(
          (r) =>
            r.path ===
            '/apis/maestro.dev/v1/namespaces/team-a/operatorversions/zookeeper-3.6.2-0.3.3',
        ),
      );
    },
  );

  await t.test(
    'CREATE: immutable defaults and the operator label are patched in; no planExecution, no finalizer',
    async () => {
      const object = structuredClone(everyField.request.object);
      delete object.status;
      object.spec = {
        operatorVersion: { name: 'zookeeper-3.6.2-0.3.3' },
        parameters: { NODE_COUNT: 3 },
      };
      object.metadata = { name: 'zk', namespace: 'team-a' };
      const body = checkWire(
        await maestro.post('/mutate', instanceReview('c-1', 'CREATE', object)),
        'c-1',
        'mutate',
      );
      assert.equal(body.response.allowed, true);
      const out = applyPatch(body, structuredClone(object));
      assert.deepEqual(out.spec.parameters, { NODE_COUNT: 3, STORAGE_CLASS: 'standard' });
      assert.equal(out.spec.planExecution, undefined);
      // The only metadata change: the operator label, from the OperatorVersion.
      assert.deepEqual(out.metadata, {
        ...object.metadata,
        labels: { 'maestro.dev/operator': 'zookeeper' },
      });
    },
  );

  await t.test(
    'a denial: allowed false, a 4xx code with its reason, a message saying what to do',
    async () => {
      const object = {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        metadata: { name: 'zk', namespace: 'team-a' },
        spec: {
          operatorVersion: { name: 'zookeeper-3.6.2-0.3.3' },
          parameters: { NODE_COUNT: 'many' },
        },
      };
      for (const webhook of ['validate', 'mutate'] as const) {
        const body = checkWire(
          await maestro.post(`/${webhook}`, instanceReview('d-1', 'CREATE', object)),
          'd-1',
          webhook,
        );
        assert.equal(body.response.allowed, false);
        assert.equal(body.response.status?.code, 422);
        assert.equal(body.response.status?.reason, 'Invalid');
        assert.match(
          body.response.status!.message,
          /parameter "NODE_COUNT" has an invalid value "many"/,
        );
      }
    },
  );

  await t.test('an OperatorVersion that does not exist: 404, and the message says so', async () => {
    const object = {
      apiVersion: 'maestro.dev/v1',
      kind: 'Instance',
      metadata: { name: 'zk', namespace: 'team-a' },
      spec: { operatorVersion: { name: 'missing' } },
    };
    const body = checkWire(
      await maestro.post('/validate', instanceReview('n-1', 'CREATE', object)),
      'n-1',
      'validate',
    );
    assert.equal(body.response.status?.code, 404);
    assert.match(body.response.status!.message, /OperatorVersion team-a\/missing not found/);
  });

  await t.test(
    'an internal failure (the API refuses the lookup): allowed false with code 500',
    async () => {
      const object = {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        metadata: { name: 'zk', namespace: 'team-a' },
        spec: { operatorVersion: { name: 'secret' } },
      };
      const body = checkWire(
        await maestro.post('/mutate', instanceReview('f-1', 'CREATE', object)),
        'f-1',
        'mutate',
      );
      assert.equal(body.response.allowed, false);
      assert.equal(body.response.status?.code, 500);
      assert.equal(body.response.status?.reason, 'InternalError');
      assert.match(body.response.status!.message, /refused \(HTTP 403\)/);
    },
  );

  await t.test('an OperatorVersion is verified on /validate, with warnings', async () => {
    const bad = structuredClone(ov);
    bad.spec.version = 'latest';
    const review = {
      ...instanceReview('o-1', 'CREATE', bad),
      request: {
        ...instanceReview('o-1', 'CREATE', bad).request,
        kind: { group: 'maestro.dev', version: 'v1', kind: 'OperatorVersion' },
      },
    };
    const body = checkWire(await maestro.post('/validate', review), 'o-1', 'validate');
    assert.equal(body.response.allowed, false);
    assert.match(
      body.response.status!.message,
      /spec.version: unable to parse "operatorVersion": Invalid Semantic Version/,
    );
  });

  await t.test(
    'bodies that are not a review still get an AdmissionReview with HTTP 200',
    async () => {
      const notJson = checkWire(
        await maestro.post('/validate', '{"request": {"uid": '),
        '',
        'validate',
      );
      assert.equal(notJson.response.status?.code, 400);
      assert.match(notJson.response.status!.message, /MAESTRO_BAD_JSON/);
      const wrongType = checkWire(
        await maestro.post('/mutate', 'hello', { 'content-type': 'text/plain' }),
        '',
        'mutate',
      );
      assert.equal(wrongType.response.allowed, false);
      const v1beta1 = checkWire(
        await maestro.post('/validate', {
          apiVersion: 'admission.k8s.io/v1beta1',
          kind: 'AdmissionReview',
          request: { uid: 'old' },
        }),
        'old',
        'validate',
      );
      assert.match(v1beta1.response.status!.message, /admissionReviewVersions/);
    },
  );
});
