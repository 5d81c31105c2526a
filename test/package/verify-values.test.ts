// package verify judges a parameter's default and enum strings the way KUDO's
// ValidateParameterValueForType does, in KUDO's words; the Go error texts come
// from Go itself (test/model/fixtures/strconv.json, printed by scripts/strconv-table.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { valueTypeError } from '../../src/package/verify/kudo-checks.ts';

interface Verdict {
  ok: boolean;
  err?: string;
}
const golden = JSON.parse(
  readFileSync(new URL('../model/fixtures/strconv.json', import.meta.url), 'utf8'),
) as { input: string; integer: Verdict; number: Verdict; boolean: Verdict }[];

test('string defaults: accepted when Go accepts them, else KUDO message with Go error', () => {
  for (const row of golden) {
    for (const type of ['integer', 'number', 'boolean'] as const) {
      const got = valueTypeError(type, row.input);
      // Go's %q and strconv.Quote agree; the error text already carries the quoted input.
      const quoted = row[type].err?.match(/parsing (".*"): /s)?.[1];
      const want = row[type].ok
        ? undefined
        : `type is "${type}" but format of ${quoted} is invalid: ${row[type].err}`;
      assert.equal(got, want, `${type} ${JSON.stringify(row.input)}`);
    }
  }
});

test('YAML-typed defaults keep KUDO messages', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['integer', 3, undefined],
    ['integer', 1.5, 'type is "integer" but format of 1.5 is invalid'],
    ['integer', true, 'type is "integer" but format of true is invalid'],
    ['number', 1.5, undefined],
    ['number', false, 'type is "number" but format of false is invalid'],
    ['boolean', true, undefined],
    ['boolean', 1, 'type is "boolean" but format of 1 is invalid'],
    ['string', 3, 'type is "string" but format is invalid: 3'],
    ['array', ['a'], undefined],
    ['array', 3, 'type is "array" but value 3 is not an array'],
    ['map', { a: 1 }, undefined],
    ['map', [1], 'type is "map" but value [1] is not a map'],
  ];
  for (const [type, value, want] of cases)
    assert.equal(valueTypeError(type, value), want, `${type} ${JSON.stringify(value)}`);
});
