// YAML 1.1-safe text: whatever v1 -> v1beta1 writes for an array or map
// parameter value, v1beta1 -> v1 reads back as the same value, with the
// round-trip annotation (conversion restores the typed value) and without it
// (the v1beta1 text is read the way KUDO and Maestro's engine read it:
// yaml.v2 rules, where `yes`, `on`, `~`, `010` and `1_000` are not strings).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromHub, toHub } from '../../src/model/conversion/index.ts';
import { wrapValue } from '../../src/model/conversion/wrap.ts';
import { CONVERSION_ANNOTATION, V1 } from '../../src/model/names.ts';
import { parseParameterValue } from '../../src/model/parameter-values.ts';
import type { JsonValue } from '../../src/model/schema-type.ts';
import type { v1 } from '../../src/model/types.ts';

/** Every spelling YAML 1.1 (and yaml.v2) resolves to something other than a string. */
const yaml11 = [
  // booleans
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO'],
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE'],
  ...['on', 'On', 'ON', 'off', 'Off', 'OFF'],
  // null
  ...['', '~', 'null', 'Null', 'NULL'],
  // sexagesimal
  ...['12:30', '190:20:30', '-1:30', '+1:30', '1:30.5', '1_0:20'],
  // octal, hex, binary
  ...['010', '0755', '-010', '+010', '0o17', '0x1F', '0x_1F', '0b101', '-0b1', '0b1_0'],
  // underscore numbers and other numbers
  ...['1_000', '1__0', '-1_000', '1_0.5', '1_000.0_1', '1e3', '1e+3', '1E-3', '1.', '.5'],
  ...['+1', '-0', '0', '9007199254740993', '99999999999999999999', '1e400'],
  // special floats
  ...['.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '.nan', '.NaN', '.NAN'],
  // timestamps, merge and value keys, indicators
  ...['2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '='],
  ...['-', '- a', '? a', ':', 'a: b', '#', 'a #b', '[a]', '{a: b}', '!tag', '&a', '*a', '|', '>'],
  ...['"', "'", '%', '@', '`', ' lead', 'trail ', '\t', 'a\nb', 'a\n', '\n', ' ', 'a\r\nb'],
];

const special = fc.constantFrom(...yaml11);
const str = fc.oneof(
  { weight: 3, arbitrary: special },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 90 }) },
  {
    weight: 1,
    arbitrary: fc.array(special, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')),
  },
);
const num = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.constantFrom(2 ** 53 - 1, 2 ** 53 + 2, 2 ** 63, 1e20, 1e21, 1e-7, 123456789),
);
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(str, num, fc.boolean(), fc.constant(null));
const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: scalar },
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(str, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const array = fc.array(value, { maxLength: 6 });
const map = fc.dictionary(str, value, { maxKeys: 6, noNullPrototype: true });

function instance(params: Record<string, JsonValue>): v1.Instance {
  return {
    apiVersion: V1,
    kind: 'Instance',
    metadata: { name: 'i', namespace: 'ns' },
    spec: { operatorVersion: { name: 'ov' }, parameters: params },
  } as v1.Instance;
}

const readBack = (type: 'array' | 'map', text: unknown): JsonValue => {
  assert.equal(typeof text, 'string');
  const parsed = parseParameterValue(type, text as string);
  assert.ok(parsed.ok, `${JSON.stringify(text)}: ${parsed.ok ? '' : parsed.problem}`);
  return parsed.value;
};

test('every YAML 1.1 special spelling, alone in a list, survives wrap and read', () => {
  for (const s of yaml11) {
    const text = wrapValue([s])!;
    assert.deepStrictEqual(readBack('array', text), [s], `${JSON.stringify(s)} as ${text}`);
    const keyed = wrapValue({ [s]: s })!;
    assert.deepStrictEqual(readBack('map', keyed), { [s]: s }, `${JSON.stringify(s)} as ${keyed}`);
  }
});

test('the issue example: ["yes","on","12:30","1_000"] and keys on/yes stay strings', () => {
  assert.deepStrictEqual(readBack('array', wrapValue(['yes', 'on', '12:30', '1_000'])), [
    'yes',
    'on',
    '12:30',
    '1_000',
  ]);
  assert.deepStrictEqual(readBack('map', wrapValue({ on: 1, yes: 2 })), { on: 1, yes: 2 });
});

for (const [type, arb] of [
  ['array', array],
  ['map', map],
] as const) {
  test(`v1 -> v1beta1 -> v1: any ${type} value reads back identically, with and without the annotation`, () => {
    fc.assert(
      fc.property(arb, (v) => {
        const spoke = fromHub(instance({ P: v }));
        const text = (spoke as unknown as v1.Instance).spec?.parameters?.P;
        // Without the annotation: the text, read as KUDO reads it.
        assert.deepStrictEqual(readBack(type, text), v);
        const bare = structuredClone(spoke);
        delete bare.metadata!.annotations?.[CONVERSION_ANNOTATION];
        const hubBare = toHub(bare) as v1.Instance;
        assert.deepStrictEqual(readBack(type, hubBare.spec?.parameters?.P), v);
        // With it: the typed value comes back.
        const hub = toHub(spoke) as v1.Instance;
        assert.deepStrictEqual(hub.spec?.parameters?.P, v);
      }),
      { numRuns: 400 },
    );
  });
}
