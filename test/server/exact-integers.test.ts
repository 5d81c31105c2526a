// Lossless numbers through /convert and admission: every integer that fits
// int64 comes back with the same digits (JSON.parse would turn
// 9007199254740993 into ...992), in both directions and through the
// round-trip annotation; on a `type: integer` parameter, integers outside
// int64 and numbers with a fraction are denied, naming the parameter.
// Bodies are JSON text, as kube-apiserver sends them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildApp, type App } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { admissionSurface } from '../../src/server/plugins/admission.ts';
import { conversionSurface } from '../../src/server/plugins/conversion.ts';
import { parseJsonExact, stringifyJsonExact } from '../../src/model/json.ts';

const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);
const extremes = [
  MAX,
  MIN,
  MAX - 1n,
  MIN + 1n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n) - 1n,
  9007199254740993n,
  0n,
  -1n,
];

const ov = {
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'big-0.1.0', namespace: 'ns' },
  spec: {
    operator: { name: 'big', kind: 'Operator' },
    version: '0.1.0',
    parameters: [
      { name: 'N', type: 'integer', required: false },
      { name: 'F', type: 'number', required: false },
    ],
    plans: { deploy: { strategy: 'serial', phases: [] } },
    templates: {},
    tasks: [],
  },
};

async function app(): Promise<App> {
  const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
    surfaces: [
      admissionSurface(async () => ({ ok: true, operatorVersion: ov })),
      conversionSurface,
    ],
  });
  await a.ready();
  return a;
}

async function post(a: App, url: string, body: string): Promise<string> {
  const res = await a.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: body,
  });
  assert.equal(res.statusCode, 200);
  return res.body;
}

/** An Instance's JSON text with integer parameter N written as the literal `digits`. */
const instanceText = (apiVersion: string, n: string, extra = '') =>
  `{"apiVersion":"${apiVersion}","kind":"Instance","metadata":{"name":"i","namespace":"ns","uid":"u"${extra}},` +
  `"spec":{"operatorVersion":{"name":"big-0.1.0"},"parameters":{"N":${n},"L":[${n},{"k":${n}}]}}}`;

const convertText = (desired: string, objects: string[]) =>
  `{"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{"uid":"c1","desiredAPIVersion":"${desired}","objects":[${objects.join(',')}]}}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed wire JSON

async function convert(a: App, desired: string, object: string): Promise<Json> {
  const body = parseJsonExact(await post(a, '/convert', convertText(desired, [object]))) as Json;
  assert.equal(body.response.result.status, 'Success', body.response.result.message);
  return body.response.convertedObjects[0];
}

test('/convert: int64 extremes and 2^53±1 survive v1 -> v1beta1 -> v1 with the same digits', async () => {
  const a = await app();
  const round = async (n: bigint) => {
    const digits = n.toString();
    const beta = await convert(a, 'maestro.dev/v1beta1', instanceText('maestro.dev/v1', digits));
    assert.equal(beta.spec.parameters.N, digits, 'v1beta1 holds the digits as the string');
    assert.match(beta.spec.parameters.L, new RegExp(`^- ${digits}\\n- k: ${digits}\\n$`));
    const back = await convert(a, 'maestro.dev/v1', stringifyJsonExact(beta));
    const text = stringifyJsonExact(back.spec.parameters);
    assert.equal(text, `{"N":${digits},"L":[${digits},{"k":${digits}}]}`);
  };
  for (const n of extremes) await round(n);
  await fc.assert(fc.asyncProperty(fc.bigInt({ min: MIN, max: MAX }), round), { numRuns: 100 });
  await a.close();
});

test('/convert: a v1beta1 object is written back byte for byte with its big integers', async () => {
  const a = await app();
  for (const n of extremes) {
    const digits = n.toString();
    // A big integer anywhere in the object (an annotation-free v1 field).
    const text = instanceText('maestro.dev/v1', digits, `,"generation":${digits}`);
    const beta = await convert(a, 'maestro.dev/v1beta1', text);
    assert.equal(stringifyJsonExact(beta.metadata.generation), digits);
    const back = await convert(a, 'maestro.dev/v1', stringifyJsonExact(beta));
    assert.equal(stringifyJsonExact(back), text);
  }
  await a.close();
});

const review = (object: string, op = 'CREATE') =>
  `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a1",` +
  `"kind":{"group":"maestro.dev","version":"v1","kind":"Instance"},` +
  `"resource":{"group":"maestro.dev","version":"v1","resource":"instances"},"name":"i","namespace":"ns",` +
  `"operation":"${op}","userInfo":{"username":"alice"},"object":${object},"dryRun":false}}`;

const v1Instance = (params: string) =>
  `{"apiVersion":"maestro.dev/v1","kind":"Instance","metadata":{"name":"i","namespace":"ns","uid":"u"},` +
  `"spec":{"operatorVersion":{"name":"big-0.1.0"},"parameters":${params}}}`;

test('admission: every int64 integer is allowed on type: integer, and the patch keeps its digits', async () => {
  const a = await app();
  for (const n of extremes) {
    const digits = n.toString();
    const res = parseJsonExact(
      await post(a, '/validate', review(v1Instance(`{"N":${digits}}`))),
    ) as Json;
    assert.equal(res.response.allowed, true, `${digits}: ${JSON.stringify(res.response.status)}`);
    const mut = parseJsonExact(
      await post(a, '/mutate', review(v1Instance(`{"N":${digits}}`))),
    ) as Json;
    assert.equal(mut.response.allowed, true);
    if (mut.response.patch !== undefined) {
      const patch = Buffer.from(mut.response.patch, 'base64').toString('utf8');
      assert.ok(!patch.includes('"N"') || patch.includes(digits), patch);
    }
  }
  await a.close();
});

test('admission: integers outside int64 and numbers with a fraction are denied on type: integer, naming it', async () => {
  const a = await app();
  for (const literal of [
    '9223372036854775808',
    '-9223372036854775809',
    '10000000000000000000',
    '1e19',
    '1e300',
    '1.5',
    '2.5e-3',
  ]) {
    const res = parseJsonExact(
      await post(a, '/validate', review(v1Instance(`{"N":${literal}}`))),
    ) as Json;
    assert.equal(res.response.allowed, false, literal);
    assert.match(res.response.status.message, /parameter "N"/, literal);
    assert.match(
      res.response.status.message,
      /out of range for a 64-bit integer|fraction/,
      literal,
    );
  }
  // A number parameter takes any of them.
  const ok = parseJsonExact(await post(a, '/validate', review(v1Instance('{"F":1e300}')))) as Json;
  assert.equal(ok.response.allowed, true);
  await a.close();
});

test('parseJsonExact and stringifyJsonExact: exact integers, __proto__ as data, plain bodies unchanged', () => {
  const text = '{"__proto__":{"a":12345678901234567890},"b":[1.5,-0,1e400,2]}';
  const v = parseJsonExact(text) as Json;
  assert.ok(Object.hasOwn(v, '__proto__'));
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal(v.__proto__.a, 12345678901234567890n);
  assert.equal(
    stringifyJsonExact(v),
    '{"__proto__":{"a":12345678901234567890},"b":[1.5,0,null,2]}',
  );
  // A repeated key keeps its last value on both paths, as JSON.parse does.
  assert.deepStrictEqual(parseJsonExact('{"a":1,"a":2,"b":12345678901234567890}'), {
    a: 2,
    b: 12345678901234567890n,
  });
  const plain = '{"a":[1,2.5,"x",true,null]}';
  assert.deepStrictEqual(parseJsonExact(plain), JSON.parse(plain));
});

test('parseJsonExact: with 16-digit runs only inside strings the value equals JSON.parse; an integer past 2^53 anywhere is still exact', () => {
  const inStrings = '{"t":"max: 9223372036854775807","h":"1234567890123456abc","n":[1,2.5]}';
  assert.deepStrictEqual(parseJsonExact(inStrings), JSON.parse(inStrings));
  const both = '{"t":"x 9223372036854775807","n":{"deep":[0,{"v":9007199254740993}]}}';
  const v = parseJsonExact(both) as { n: { deep: [number, { v: bigint }] } };
  assert.equal(v.n.deep[1].v, 9007199254740993n);
  // 2^53 and 1e20 are exact as numbers: the same values either way.
  assert.deepStrictEqual(parseJsonExact('[9007199254740992,100000000000000000000]'), [
    2 ** 53,
    1e20,
  ]);
  fc.assert(
    fc.property(
      fc.jsonValue(),
      fc.bigInt({ min: MIN, max: MAX }),
      fc.string(),
      (value, big, text) => {
        const doc = { value, big, text: `${text}${String(big)}` };
        assert.deepStrictEqual(parseJsonExact(stringifyJsonExact(doc)), {
          ...(JSON.parse(JSON.stringify({ value })) as object),
          // A number where its text is exact (2^60, say), a bigint where it is not.
          big: String(Number(big)) === String(big) ? Number(big) : big,
          text: doc.text,
        });
      },
    ),
  );
});
