import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkSchema,
  goParseBool,
  goParseFloat,
  goParseInt,
  isUnset,
  parseParameterValue,
  schemaProblem,
  schemaValidator,
} from '../../src/model/parameter-values.ts';
import type { JsonValue } from '../../src/model/schema-type.ts';

// Go's own verdicts, printed by scripts/strconv-table.go (see its header) for
// the inputs in fixtures/strconv-inputs.json.
interface Verdict {
  ok: boolean;
  value?: string;
  err?: string;
}
const golden = JSON.parse(
  readFileSync(new URL('./fixtures/strconv.json', import.meta.url), 'utf8'),
) as { input: string; integer: Verdict; number: Verdict; boolean: Verdict }[];

const goFloatValue = (v: string) =>
  v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : v === 'NaN' ? NaN : Number(v);

test('the golden table covers the edge cases the shared reading must get right', () => {
  const inputs = new Set(golden.map((r) => r.input));
  for (const s of [' 12', '1e3', '0x10', '1_000', '-nan', 'inf', 'True', '99999999999999999999'])
    assert.ok(inputs.has(s), s);
});

test('strconv.ParseInt(s, 10, 64): same verdict, value and error text as Go', () => {
  for (const row of golden) {
    const r = goParseInt(row.input);
    if (row.integer.ok) assert.deepEqual(r, { value: BigInt(row.integer.value!) }, row.input);
    else assert.deepEqual(r, { error: row.integer.err }, row.input);
  }
});

test('strconv.ParseFloat(s, 64): same verdict, value and error text as Go', () => {
  for (const row of golden) {
    const r = goParseFloat(row.input);
    if (row.number.ok) {
      assert.ok('value' in r, `${row.input}: ${JSON.stringify(r)}`);
      assert.ok(Object.is(r.value, goFloatValue(row.number.value!)), row.input);
    } else assert.deepEqual(r, { error: row.number.err }, row.input);
  }
});

test('strconv.ParseBool: same verdict, value and error text as Go', () => {
  for (const row of golden) {
    const r = goParseBool(row.input);
    if (row.boolean.ok) assert.deepEqual(r, { value: row.boolean.value === 'true' }, row.input);
    else assert.deepEqual(r, { error: row.boolean.err }, row.input);
  }
});

test('a v1beta1 string is accepted for integer, number and boolean exactly when Go accepts it', () => {
  for (const row of golden) {
    for (const type of ['integer', 'number', 'boolean'] as const) {
      const r = parseParameterValue(type, row.input);
      assert.equal(r.ok, row[type].ok, `${type} ${JSON.stringify(row.input)}`);
      if (!r.ok) assert.equal(r.goError, row[type].err);
    }
  }
});

test('the problem clause says what is wrong, per type', () => {
  const cases: [string, JsonValue, string][] = [
    ['integer', 'three', 'it is not a base-10 integer'],
    ['integer', '1e3', 'it is not a base-10 integer'],
    ['integer', '9223372036854775808', 'it is out of range for a 64-bit integer'],
    ['number', 'x', 'it is not a number'],
    ['number', '1e309', 'it is out of range for a 64-bit float'],
    ['boolean', 'yes', 'it is not true or false'],
  ];
  for (const [type, value, problem] of cases) {
    const r = parseParameterValue(type, value);
    assert.equal(r.ok ? undefined : r.problem, problem, `${type} ${JSON.stringify(value)}`);
  }
});

test('arrays and maps are read from YAML 1.1, as KUDO reads them', () => {
  const cases: [string, string, JsonValue | RegExp][] = [
    ['array', '- a\n- 1\n', ['a', 1]],
    ['array', '[a, "b"]', ['a', 'b']],
    ['array', '[yes, off]', [true, false]], // YAML 1.1 booleans
    ['array', '[010]', [8]], // YAML 1.1 octal
    ['array', '[]', []],
    ['array', '', null], // unset: KUDO unmarshals it to an empty list
    ['array', 'null\n', null], // KUDO's conversion of a null array default
    ['array', 'k: v', /^it is not a YAML list$/],
    ['array', 'just text', /^it is not a YAML list$/],
    ['array', '[a', /^it is not valid YAML: /],
    ['map', 'k: v\ncount: 2\n', { k: 'v', count: 2 }],
    ['map', '{a: {b: [1]}}', { a: { b: [1] } }],
    ['map', '~', null],
    ['map', '- a', /^it is not a YAML map$/],
    ['map', '3', /^it is not a YAML map$/],
    ['map', 'a: [', /^it is not valid YAML: /],
  ];
  for (const [type, text, want] of cases) {
    const r = parseParameterValue(type, text);
    const label = `${type} ${JSON.stringify(text)}`;
    if (want instanceof RegExp) assert.match(r.ok ? 'accepted' : r.problem, want, label);
    else assert.deepEqual(r, { ok: true, value: want }, label);
  }
});

test('v1 typed values: a JSON value of the declared kind is taken as it is', () => {
  const cases: [string, JsonValue, true | string][] = [
    ['integer', 3, true],
    ['integer', -0, true],
    ['integer', 2.5, 'it is a number with a fraction, not an integer'],
    ['integer', true, 'it is a boolean'],
    ['integer', [1], 'it is a list'],
    ['number', 2.5, true],
    ['number', { a: 1 }, 'it is a map'],
    ['boolean', false, true],
    ['boolean', 0, 'it is a number'],
    ['array', [1, 'a', { b: null }], true],
    ['array', { a: 1 }, 'it is a map'],
    ['array', 3, 'it is a number'],
    ['map', { a: [1] }, true],
    ['map', [], 'it is a list'],
    ['string', 'x', true],
    ['string', 3, true], // a scalar renders as KUDO renders it
    ['string', true, true],
    ['string', ['a'], 'it is a list; write it as a string'],
    ['', { a: 1 }, 'it is a map; write it as a string'], // no type behaves as string
    ['unknown-type', 'x', true],
  ];
  for (const [type, value, want] of cases) {
    const r = parseParameterValue(type, value);
    const label = `${type} ${JSON.stringify(value)}`;
    if (want === true) assert.deepEqual(r, { ok: true, value }, label);
    else assert.deepEqual(r, { ok: false, problem: want }, label);
  }
});

test('strings are typed: "3" is 3, "True" is true, "1.5e1" is 15', () => {
  assert.deepEqual(parseParameterValue('integer', '-42'), { ok: true, value: -42 });
  assert.deepEqual(parseParameterValue('number', '1.5e1'), { ok: true, value: 15 });
  assert.deepEqual(parseParameterValue('boolean', 'True'), { ok: true, value: true });
  assert.deepEqual(parseParameterValue('boolean', '0'), { ok: true, value: false });
  assert.deepEqual(parseParameterValue('string', '007'), { ok: true, value: '007' });
});

test('unset means absent, null or the empty string', () => {
  for (const v of [undefined, null, '']) assert.equal(isUnset(v), true, String(v));
  for (const v of [0, false, ' ', [], {}] as JsonValue[])
    assert.equal(isUnset(v), false, JSON.stringify(v));
});

test('schemas: typed values are checked, every error names its path', () => {
  const schema = { type: 'object', properties: { port: { type: 'integer', maximum: 65535 } } };
  assert.deepEqual(checkSchema(schema, { port: 80 }), { ok: true });
  assert.deepEqual(checkSchema(schema, { port: 70000 }), {
    ok: false,
    errors: [{ path: '/port', message: 'must be <= 65535' }],
  });
  const two = checkSchema({ type: 'string', minLength: 3, pattern: '^[a-z]+$' }, 'A');
  assert.ok(!two.ok && 'errors' in two && two.errors.length === 2, JSON.stringify(two));
  assert.deepEqual(checkSchema({ maximum: 1 }, 1.5), {
    ok: false,
    errors: [{ path: '', message: 'must be <= 1' }],
  });
});

test('schemas that do not compile are reported, not thrown', () => {
  const bad = checkSchema({ type: 'no-such-type' }, 1);
  assert.ok(!bad.ok && 'compileError' in bad && bad.compileError.length > 0);
  assert.match(schemaProblem({ type: 'no-such-type' }) ?? '', /type/);
  assert.equal(schemaProblem(null), 'it is not an object');
  assert.equal(schemaProblem([]), 'it is not an object');
  assert.equal(schemaProblem({ type: 'integer' }), undefined);
});

test('a schema is compiled once and reused for the same text', () => {
  const a = schemaValidator({ type: 'integer', minimum: 7 });
  const b = schemaValidator({ type: 'integer', minimum: 7 });
  assert.equal(a, b);
  assert.notEqual(a, schemaValidator({ type: 'integer', minimum: 8 }));
});
