// /convert over HTTPS as kube-apiserver calls it (contracts.md §4.1), against a
// real `maestro serve` with no cluster configured: every route is registered,
// conversion and OperatorVersion admission work, and Instance admission says
// that no cluster is configured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startWebhookServer } from './webhooks-support.ts';
import type { Response } from '../support/http.ts';

interface ConversionReview {
  apiVersion: string;
  kind: string;
  response: {
    uid: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field below
    convertedObjects: Array<Record<string, any>>;
    result: { status: string; message?: string };
  };
}

function checkWire(res: Response, uid: string): ConversionReview {
  assert.equal(res.status, 200, 'always HTTP 200');
  assert.equal(res.httpVersion, '1.1');
  assert.equal(res.headers['retry-after'], undefined, 'never Retry-After');
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = JSON.parse(res.body) as ConversionReview;
  assert.equal(body.apiVersion, 'apiextensions.k8s.io/v1');
  assert.equal(body.kind, 'ConversionReview');
  assert.equal(body.response.uid, uid);
  if (body.response.result.status === 'Failure') {
    assert.ok((body.response.result.message ?? '').length > 0, 'a failure has a message');
    assert.deepEqual(body.response.convertedObjects, []);
  } else {
    assert.equal(body.response.result.status, 'Success');
  }
  return body;
}

const objects = [
  {
    apiVersion: 'maestro.dev/v1beta1',
    kind: 'Instance',
    metadata: { name: 'a', namespace: 'n', uid: 'u1', labels: { x: 'y' } },
    spec: { parameters: { COUNT: '3' } },
  },
  {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: { name: 'b', namespace: 'n', uid: 'u2' },
    spec: { parameters: { COUNT: 3 } },
  },
  {
    apiVersion: 'maestro.dev/v1beta1',
    kind: 'OperatorVersion',
    metadata: { name: 'c', namespace: 'n', uid: 'u3' },
    spec: { parameters: [{ name: 'COUNT', 'value-type': 'integer', default: '3' }] },
  },
  {
    apiVersion: 'maestro.dev/v1beta1',
    kind: 'Operator',
    metadata: { name: 'd', namespace: 'n', uid: 'u4' },
    spec: { description: 'x' },
  },
];

test('conversion and admission over HTTPS with no cluster configured', async (t) => {
  const maestro = await startWebhookServer({});
  t.after(() => maestro.stop());

  await t.test(
    'a mixed list converts to v1 keeping count, order, kind, name, namespace and uid',
    async () => {
      const review = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'ConversionReview',
        request: { uid: 'conv-1', desiredAPIVersion: 'maestro.dev/v1', objects },
      };
      const body = checkWire(await maestro.post('/convert', review), 'conv-1');
      assert.equal(body.response.result.status, 'Success');
      const out = body.response.convertedObjects;
      assert.equal(out.length, objects.length);
      out.forEach((o, i) => {
        assert.equal(o.apiVersion, 'maestro.dev/v1');
        assert.equal(o.kind, objects[i]!.kind);
        for (const key of ['name', 'namespace', 'uid', 'labels'])
          assert.deepEqual(o.metadata[key], (objects[i]!.metadata as Record<string, unknown>)[key]);
      });
      assert.deepEqual(out[0]!.spec.parameters, { COUNT: '3' }, 'v1beta1 strings stay strings');
      assert.deepEqual(out[2]!.spec.parameters[0], {
        name: 'COUNT',
        type: 'integer',
        default: '3',
      });
    },
  );

  await t.test(
    'an unconvertible object fails the whole review with a message, still HTTP 200',
    async () => {
      const review = {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'ConversionReview',
        request: {
          uid: 'conv-2',
          desiredAPIVersion: 'maestro.dev/v1beta1',
          objects: [
            objects[1],
            { apiVersion: 'maestro.dev/v1', kind: 'Gadget', metadata: { name: 'g' } },
          ],
        },
      };
      const body = checkWire(await maestro.post('/convert', review), 'conv-2');
      assert.equal(body.response.result.status, 'Failure');
      assert.match(body.response.result.message!, /cannot convert objects\[1\] \(Gadget g\)/);
    },
  );

  await t.test('a body that is not JSON still gets a ConversionReview', async () => {
    const body = checkWire(await maestro.post('/convert', '{"request":'), '');
    assert.equal(body.response.result.status, 'Failure');
    assert.match(body.response.result.message!, /MAESTRO_BAD_JSON/);
  });

  await t.test(
    'Instance admission denies and says no cluster is configured; OperatorVersion admission still works',
    async () => {
      const instance = {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        metadata: { name: 'zk', namespace: 'n' },
        spec: { operatorVersion: { name: 'zk-1' } },
      };
      for (const path of ['/validate', '/mutate']) {
        const res = await maestro.post(path, {
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          request: {
            uid: 'nc-1',
            kind: { group: 'maestro.dev', version: 'v1', kind: 'Instance' },
            namespace: 'n',
            operation: 'CREATE',
            object: instance,
          },
        });
        assert.equal(res.status, 200);
        const body = JSON.parse(res.body) as {
          response: { uid: string; allowed: boolean; status: { code: number; message: string } };
        };
        assert.equal(body.response.uid, 'nc-1');
        assert.equal(body.response.allowed, false);
        assert.equal(body.response.status.code, 500);
        assert.match(
          body.response.status.message,
          /no cluster is configured.*\[MAESTRO_NO_CLUSTER\]/,
        );
      }
      const ov = {
        apiVersion: 'maestro.dev/v1',
        kind: 'OperatorVersion',
        metadata: { name: 'zk-1', namespace: 'n' },
        spec: { operator: { name: 'zk' }, version: '1.0', plans: { deploy: {} } },
      };
      const res = await maestro.post('/validate', {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: {
          uid: 'nc-2',
          kind: { group: 'maestro.dev', version: 'v1', kind: 'OperatorVersion' },
          namespace: 'n',
          operation: 'CREATE',
          object: ov,
        },
      });
      const body = JSON.parse(res.body) as { response: { allowed: boolean } };
      assert.equal(body.response.allowed, true);
    },
  );
});
