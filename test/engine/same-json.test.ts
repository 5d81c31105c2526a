// sameJson (src/engine/same-json.ts) and the OperatorVersion views it keeps
// (src/engine/plan/ov.ts): a view is reused only for an equal object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sameJson } from '../../src/engine/same-json.ts';
import { viewOperatorVersion } from '../../src/engine/plan/ov.ts';

const cases: Array<[string, unknown, unknown, boolean]> = [
  ['equal scalars', 'a', 'a', true],
  ['different strings', 'a', 'b', false],
  ['0 and -0 differ, as their text does', 0, -0, false],
  ['NaN is itself', NaN, NaN, true],
  ['null and an object', null, {}, false],
  ['an array and an object with index keys', ['x'], { 0: 'x' }, false],
  ['an object and an array', { 0: 'x' }, ['x'], false],
  ['key order does not matter', { a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
  ['a missing key', { a: 1, b: 2 }, { a: 1 }, false],
  ['an extra key', { a: 1 }, { a: 1, b: 2 }, false],
  ['an undefined value is a key', { a: undefined }, {}, false],
  ['array lengths', [1, 2], [1, 2, 3], false],
  ['array order matters', [1, 2], [2, 1], false],
  ['a __proto__ key counts', JSON.parse('{"__proto__":1}'), {}, false],
  ['nested difference', { a: { b: { c: 'x' } } }, { a: { b: { c: 'y' } } }, false],
];

for (const [name, a, b, want] of cases) {
  test(`sameJson: ${name}`, () => {
    assert.equal(sameJson(a, b), want);
    assert.equal(sameJson(b, a), want, 'symmetric');
  });
}

test('sameJson agrees with comparing canonical JSON text for JSON values', () => {
  const canonical = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x !== null && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
        : x,
    );
  // No -0 here: JSON text writes it as 0, which sameJson tells apart on purpose.
  const json = fc.jsonValue({ noUnicodeString: false }).map((v) => JSON.parse(JSON.stringify(v)));
  fc.assert(
    fc.property(json, json, (a, b) => {
      assert.equal(sameJson(a, b), canonical(a) === canonical(b));
      assert.equal(sameJson(a, structuredClone(a)), true);
    }),
  );
});

const ov = (template: string, resourceVersion = '7') => ({
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'demo-0.1.0', namespace: 'ns', uid: 'u-1', resourceVersion },
  spec: {
    version: '0.1.0',
    templates: { 'a.yaml': template },
    tasks: [{ name: 'app', kind: 'Apply', spec: { resources: ['a.yaml'] } }],
    plans: { deploy: { strategy: 'serial', phases: [] } },
    parameters: [{ name: 'P', default: '1' }],
  },
});

test('an equal OperatorVersion parsed again gets the same view; a changed one never does, even with the same uid and resourceVersion', () => {
  const first = viewOperatorVersion(JSON.parse(JSON.stringify(ov('x: 1'))));
  const again = viewOperatorVersion(JSON.parse(JSON.stringify(ov('x: 1'))));
  assert.equal(again, first);
  const forged = viewOperatorVersion(JSON.parse(JSON.stringify(ov('x: 2'))));
  assert.notEqual(forged, first);
  assert.equal(forged.templates['a.yaml'], 'x: 2');
  assert.notEqual(forged.fingerprint, first.fingerprint);
  // The forged object is now the one kept under that name; the first one's content builds afresh, equal.
  const back = viewOperatorVersion(JSON.parse(JSON.stringify(ov('x: 1'))));
  assert.equal(back.fingerprint, first.fingerprint);
  assert.equal(back.templates['a.yaml'], 'x: 1');
});

test('stableHash answers the same with its kept digests: first call, repeat, and after the store was full and forgotten', async () => {
  const { createHash } = await import('node:crypto');
  const { canonicalJson, stableHash } = await import('../../src/engine/canonical-json.ts');
  const direct = (v: unknown) =>
    createHash('sha256').update(canonicalJson(v)).digest('hex').slice(0, 16);
  const values: unknown[] = [
    'short',
    { b: 1, a: [true, null] },
    'x'.repeat(600), // longer than the kept texts
    ...Array.from({ length: 5000 }, (_, i) => ({ i })), // more than the store holds
  ];
  for (let round = 0; round < 2; round++)
    for (const v of values) assert.equal(stableHash(v), direct(v));
});

test('views are kept within a bound of text: a very large OperatorVersion (templates or a parameter default) is not kept, and large ones push the oldest out', () => {
  const big = (name: string, chars: number) => {
    const o = ov('y'.repeat(chars)) as ReturnType<typeof ov>;
    o.metadata.name = name;
    return JSON.stringify(o);
  };
  const MiB = 1024 * 1024;
  // Over a quarter of the 8 MiB bound: built every time, never kept.
  const huge = big('huge', 3 * MiB);
  assert.notEqual(viewOperatorVersion(JSON.parse(huge)), viewOperatorVersion(JSON.parse(huge)));
  // The same size in a parameter default rather than a template counts the same.
  const withDefault = ov('x: 1');
  withDefault.metadata.name = 'big-default';
  withDefault.spec.parameters[0]!.default = 'z'.repeat(3 * MiB);
  const defaultText = JSON.stringify(withDefault);
  assert.notEqual(
    viewOperatorVersion(JSON.parse(defaultText)),
    viewOperatorVersion(JSON.parse(defaultText)),
  );
  // Four of 1.9 MiB fit; a fifth pushes the first out, while the last stays kept.
  const texts = ['a', 'b', 'c', 'd', 'e'].map((n) => big(n, 1.9 * MiB));
  const first = texts.map((t) => viewOperatorVersion(JSON.parse(t)));
  assert.notEqual(viewOperatorVersion(JSON.parse(texts[0]!)), first[0]);
  assert.equal(viewOperatorVersion(JSON.parse(texts[4]!)), first[4]);
});
