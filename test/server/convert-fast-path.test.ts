// POST /convert outside fastify's request path (src/server/convert-fast-path.ts):
// over real loopback HTTPS, the fast path answers byte for byte what the
// fastify route answers (app.inject goes through fastify), counts in the same
// metrics, and leaves every other request to fastify.
import assert from 'node:assert/strict';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { buildApp } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { isPlainConvert } from '../../src/server/convert-fast-path.ts';
import { conversionSurface } from '../../src/server/plugins/conversion.ts';
import { createTestCa } from '../support/certs.ts';
import { request } from '../support/http.ts';

const SERVICE = 'maestro.maestro-system.svc';
const review = (objects: unknown[], desiredAPIVersion = 'maestro.dev/v1beta1') =>
  JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'u-1', desiredAPIVersion, objects },
  });
const instance = (apiVersion: string, parameters: Record<string, unknown>) => ({
  apiVersion,
  kind: 'Instance',
  metadata: { name: 'zk', namespace: 'default', uid: 'i-1' },
  spec: { operatorVersion: { name: 'zookeeper-0.3.1' }, parameters },
});

// Bodies kube-apiserver sends, and bodies it never sends but a caller could.
const bodies: [string, string][] = [
  ['one Instance v1 -> v1beta1', review([instance('maestro.dev/v1', { A: 'x', N: 3 })])],
  [
    'two Instances v1beta1 -> v1',
    review(
      [instance('maestro.dev/v1beta1', { A: 'x' }), instance('maestro.dev/v1', { B: true })],
      'maestro.dev/v1',
    ),
  ],
  [
    'an integer beyond 2^53 kept exactly',
    review([instance('maestro.dev/v1', { BIG: 1 })]).replace(
      '"BIG":1',
      '"BIG":9223372036854775807',
    ),
  ],
  [
    'a "__proto__" parameter key',
    review([instance('maestro.dev/v1', {})]).replace(
      '"parameters":{}',
      '"parameters":{"__proto__":"p"}',
    ),
  ],
  ['a byte-order mark', `\ufeff${review([instance('maestro.dev/v1', {})])}`],
  ['an unserved version', review([instance('maestro.dev/v2', {})])],
  ['not a ConversionReview', JSON.stringify({ kind: 'AdmissionReview' })],
  ['a JSON array', '[1,2]'],
  ['not JSON', '{"apiVersion": '],
  ['an empty body', ''],
];

test('the /convert fast path', async (t) => {
  const ca = await createTestCa();
  const leaf = await ca.issue([SERVICE]);
  const config = resolveServeConfig(
    { port: '0', 'log-level': 'silent', 'drain-delay': '0', 'body-limit': '4096' },
    {},
  );
  const app = await buildApp(config, {
    surfaces: [conversionSurface],
    tls: { cert: Buffer.from(leaf.certPem), key: Buffer.from(leaf.keyPem) },
    logger: { level: 'silent' },
  });
  // Requests that reach fastify's request path.
  let throughFastify = 0;
  app.addHook('onRequest', async () => {
    throughFastify += 1;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  const { port } = app.server.address() as { port: number };
  const url = `https://127.0.0.1:${port}`;
  const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const post = (
    body: string,
    headers: Record<string, string> = {},
    path = '/convert?timeout=30s',
  ) =>
    request(`${url}${path}`, {
      method: 'POST',
      body,
      ca: ca.certPem,
      servername: SERVICE,
      agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const convertCount = async () => {
    const text = (await request(`${url}/metrics`, { ca: ca.certPem, servername: SERVICE })).body;
    const m =
      /maestro_http_request_duration_seconds_count\{method="POST",route="\/convert",status_code="200"\} (\d+)/.exec(
        text,
      );
    return Number(m?.[1] ?? 0);
  };

  await t.test('answers what the fastify route answers, without fastify', async () => {
    for (const [name, body] of bodies) {
      const before = throughFastify;
      const fast = await post(body);
      assert.equal(throughFastify, before, `${name}: not through fastify`);
      const routed = await app.inject({
        method: 'POST',
        url: '/convert?timeout=30s',
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      assert.equal(fast.status, 200, name);
      assert.equal(fast.body, routed.body, name);
      assert.equal(fast.headers['content-type'], routed.headers['content-type'], name);
      assert.equal(fast.headers['content-length'], routed.headers['content-length'], name);
      assert.equal(fast.headers['retry-after'], undefined, name);
      assert.equal(fast.httpVersion, '1.1', name);
    }
    const converted = JSON.parse((await post(bodies[0]![1])).body) as {
      response: { convertedObjects: { apiVersion: string }[]; result: { status: string } };
    };
    assert.equal(converted.response.result.status, 'Success');
    assert.equal(converted.response.convertedObjects[0]!.apiVersion, 'maestro.dev/v1beta1');
    const big = (await post(bodies[2]![1])).body;
    assert.ok(big.includes('9223372036854775807') && !big.includes('9223372036854775808'), big);
  });

  await t.test('a request cut off in its body is dropped; the next one is answered', async () => {
    const body = bodies[0]![1];
    await new Promise<void>((resolve, reject) => {
      const req = https.request(`${url}/convert`, {
        method: 'POST',
        ca: ca.certPem,
        servername: SERVICE,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      });
      req.on('error', () => resolve());
      req.on('response', () => reject(new Error('answered a cut-off request')));
      req.write(body.slice(0, 20), () => setTimeout(() => req.destroy(), 50));
    });
    const res = await post(body);
    assert.equal(res.status, 200);
    assert.match(res.body, /"status":"Success"/);
  });

  await t.test('counts in the route metrics, one per review', async () => {
    const before = await convertCount();
    for (let i = 0; i < 3; i++) await post(bodies[0]![1]);
    assert.equal(await convertCount(), before + 3);
  });

  await t.test('leaves to fastify what is not the plain case', async () => {
    const cases: [string, () => Promise<{ status: number; body: string }>][] = [
      ['another content type', () => post(bodies[0]![1], { 'content-type': 'text/plain' })],
      [
        'a body over the limit',
        () => post(review([instance('maestro.dev/v1', { A: 'x'.repeat(5000) })])),
      ],
      ['another path', () => post(bodies[0]![1], {}, '/convert/x')],
      [
        'a chunked body (no Content-Length)',
        () =>
          new Promise((resolve, reject) => {
            const req = https.request(
              `${url}/convert`,
              {
                method: 'POST',
                ca: ca.certPem,
                servername: SERVICE,
                agent,
                headers: { 'content-type': 'application/json' },
              },
              (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (c: string) => (text += c));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
              },
            );
            req.on('error', reject);
            const body = bodies[0]![1];
            req.write(body.slice(0, 10));
            req.end(body.slice(10));
          }),
      ],
    ];
    for (const [name, send] of cases) {
      const before = throughFastify;
      const res = await send();
      assert.equal(throughFastify, before + 1, `${name}: through fastify`);
      if (name === 'another path') assert.equal(res.status, 404, name);
      else {
        assert.equal(res.status, 200, name);
        assert.match(res.body, /"kind":"ConversionReview"/, name);
      }
    }
    const chunked = await cases[3]![1]();
    assert.match(chunked.body, /"status":"Success"/);
    assert.match((await cases[0]![1]()).body, /MAESTRO_BAD_CONTENT_TYPE/);
    assert.match((await cases[1]![1]()).body, /MAESTRO_BODY_TOO_LARGE/);
  });

  await t.test('while draining, fastify answers and closes the connection', async () => {
    app.readiness.draining = true;
    try {
      const before = throughFastify;
      const res = await post(bodies[0]![1]);
      assert.equal(throughFastify, before + 1);
      assert.equal(res.headers.connection, 'close');
      assert.match(res.body, /"status":"Success"/);
    } finally {
      app.readiness.draining = false;
    }
  });
});

test('isPlainConvert: which requests take the fast path', () => {
  const req = (method: string, url: string, headers: Record<string, string>) =>
    ({ method, url, headers }) as unknown as IncomingMessage;
  const json = { 'content-type': 'application/json', 'content-length': '10' };
  const cases: [string, IncomingMessage, boolean][] = [
    ['POST /convert', req('POST', '/convert', json), true],
    ['with the ?timeout= query', req('POST', '/convert?timeout=30s', json), true],
    [
      'charset=utf-8',
      req('POST', '/convert', { ...json, 'content-type': 'application/json; charset=utf-8' }),
      true,
    ],
    [
      'upper case type',
      req('POST', '/convert', { ...json, 'content-type': 'Application/JSON' }),
      true,
    ],
    ['at the limit', req('POST', '/convert', { ...json, 'content-length': '100' }), true],
    ['over the limit', req('POST', '/convert', { ...json, 'content-length': '101' }), false],
    ['no length', req('POST', '/convert', { 'content-type': 'application/json' }), false],
    ['a bad length', req('POST', '/convert', { ...json, 'content-length': '1e3' }), false],
    [
      'another charset',
      req('POST', '/convert', { ...json, 'content-type': 'application/json; charset=latin1' }),
      false,
    ],
    ['another type', req('POST', '/convert', { ...json, 'content-type': 'text/plain' }), false],
    ['no type', req('POST', '/convert', { 'content-length': '10' }), false],
    ['GET', req('GET', '/convert', json), false],
    ['a longer path', req('POST', '/converter', json), false],
    ['a path token', req('POST', '/t/abc/convert', json), false],
  ];
  for (const [name, r, want] of cases) assert.equal(isPlainConvert(r, 100), want, name);
});
