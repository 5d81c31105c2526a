// The oracle's JSON-lines protocol through `maestro template`: field names
// matched case-insensitively, unknown fields ignored, blank lines skipped,
// `numbers: int` read from the number's text, Go's JSON output escapes, and
// bad input reported in phase "input". Compared with the oracle line for line
// (malformed JSON included: the error texts are those of Go's JSON scanner).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maestro, oracle } from './differential.ts';

const lines = [
  '{"Template":"{{.a}} {{printf \\"%T\\" .a}}","DATA":{"a":1},"numbers":"int","extra":[1,2]}',
  '{"template":"{{range .}}{{printf \\"%T \\" .}}{{end}}","data":[1,1.0,1e2,-0,0,9223372036854775807,9223372036854775808,-9223372036854775808,1.5e300],"numbers":"int"}',
  '{"template":"{{range .}}{{printf \\"%T \\" .}}{{end}}","data":[1,1.0],"numbers":"float64"}',
  '{"template":"{{range .}}{{printf \\"%T \\" .}}{{end}}","data":{"a":[{"b":2}],"c":3.25},"numbers":"int"}',
  'not json',
  '{"template": 5}',
  '{"template":"<a>&\\u2028\\u0001\\b\\f\\t\\"\\\\","data":null}',
  '{"template":"x","data":{"a":1}',
  '[1]',
  'null',
  '{"template":"{{.}}","data":"x","missingkey":"zero"}',
  '{"template":"{{.}}","data":{"__proto__":{"a":1}}}',
  '{"template":"{{.a}}","data":{"a":1},"template":"{{.a}}{{.a}}"}',
  '{"template":"{{.x}}|{{.y}}","data":{"x":"a\\udc00b","y":"\\ud83d\\ude00"}}',
  '{"template":"{{.missing}}"}',
  '{"template":"{{.missing}}","missingkey":"default"}',
  'not json',
  '{"template":"x","data":{"a":1}',
  '{"a" 1}',
  '{"a":1,}',
  '[1,]',
  '{"a":tru}',
  '{"a":-}',
  '{"a":1.}',
  '{"a":1e}',
  '{"a":"\\q"}',
  '{"a":"\\u12g4"}',
  '{"a":1} x',
  "{'a':1}",
  '{"a":01}',
  '{"template":"x","data":[1 2]}',
  '{"a":"tab\there"}',
];

test('protocol: maestro template answers every line as the oracle does', () => {
  // Blank and space-only lines produce no result on either side.
  const input = [...lines.slice(0, 3), '', '   \t', ...lines.slice(3)];
  const o = oracle(input, lines.length);
  const m = maestro(input, lines.length);
  assert.equal(o.length, lines.length);
  assert.equal(m.length, lines.length);
  lines.forEach((l, i) => {
    const oi = o[i]!;
    const mi = m[i]!;
    assert.deepEqual(mi, oi, l);
  });
});
