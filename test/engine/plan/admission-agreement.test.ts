// Admission and the plan engine judge parameter values with one view of the
// OperatorVersion (src/engine/plan/ov.ts) and one reading of values
// (src/model/parameter-values.ts): a value admission lets in is one the engine
// runs with, and a value admission refuses is one the engine refuses too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkParameters } from '../../../src/engine/plan/params.ts';
import { viewOperatorVersion } from '../../../src/engine/plan/ov.ts';
import { valueProblem } from '../../../src/webhooks/admission/parameter-values.ts';
import type { JsonValue } from '../../../src/model/schema-type.ts';

const ov = {
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'demo-1.0.0', namespace: 'default' },
  spec: {
    operator: { name: 'demo' },
    version: '1.0.0',
    plans: { deploy: { phases: [] } },
    parameters: [
      { name: 'S', type: 'string' },
      { name: 'I', type: 'integer' },
      { name: 'N', type: 'number' },
      { name: 'B', type: 'boolean' },
      { name: 'A', type: 'array' },
      { name: 'M', type: 'map' },
      { name: 'R', type: 'integer', required: true },
      { name: 'D', type: 'integer', required: true, default: null },
      { name: 'P', type: 'integer', schema: { minimum: 1, maximum: 65535 } },
      { name: 'L', type: 'array', schema: { type: 'array', items: { type: 'string' } } },
    ],
  },
};

// [parameter, value, accepted]: the expectation is KUDO's (Go's strconv, YAML)
// for strings and docs/api.md for typed values.
const table: [string, JsonValue, boolean][] = [
  ['S', 'anything', true],
  ['S', 3, true],
  ['S', { a: 1 }, false],
  ['I', '12', true],
  ['I', '+12', true],
  ['I', ' 12', false],
  ['I', '12 ', false],
  ['I', '1e3', false],
  ['I', '0x10', false],
  ['I', '1_000', false],
  ['I', '9223372036854775808', false],
  ['I', 12, true],
  ['I', 1.5, false],
  ['N', '1e3', true],
  ['N', '0x1p-2', true],
  ['N', 'inf', true],
  ['N', '-nan', false],
  ['N', ' 1', false],
  ['N', '1e309', false],
  ['N', 2.5, true],
  ['N', true, false],
  ['B', 'true', true],
  ['B', 'T', true],
  ['B', 'TRUE', true],
  ['B', '1', true],
  ['B', 'f', true],
  ['B', 'False', true],
  ['B', 'yes', false],
  ['B', 'tRUE', false],
  ['B', false, true],
  ['B', 0, false],
  ['A', '- a\n- b\n', true],
  ['A', '[1, 2]', true],
  ['A', 'null\n', true],
  ['A', 'k: v', false],
  ['A', '[a', false],
  ['A', ['x'], true],
  ['A', { k: 'v' }, false],
  ['M', 'k: v', true],
  ['M', '- a', false],
  ['M', { k: 'v' }, true],
  ['M', ['k'], false],
  ['R', '', false],
  ['R', null, false],
  ['R', '3', true],
  ['D', '', false], // a null default is no default
  ['D', '4', true],
  ['P', '80', true],
  ['P', '0', false],
  ['P', 70000, false],
  ['L', '[a, b]', true],
  ['L', '[a, 1]', false],
  ['L', ['a', 2], false],
];

test('admission and the engine accept and refuse the same parameter values', () => {
  // One view of the OperatorVersion serves both.
  const view = viewOperatorVersion(ov);
  for (const [name, value, accepted] of table) {
    const label = `${name}=${JSON.stringify(value)}`;
    const denial = valueProblem(view.byName.get(name)!, value);
    // R and D are required: give them values unless one is under test.
    const problems = checkParameters(view, { R: '1', D: '1', [name]: value });
    assert.equal(denial === undefined, accepted, `admission ${label}: ${denial}`);
    assert.equal(problems.length === 0, accepted, `engine ${label}: ${problems.join('; ')}`);
  }
});
