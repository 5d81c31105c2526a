// Sprig functions that allocate charge their size to the render's step budget
// before allocating, so a template cannot make Maestro build a huge list or
// string: it fails with a budget error that names the template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sprigEngine } from './sprig-golden.ts';

const blowUps = [
  '{{range until 100000000}}x{{end}}',
  '{{ len (until 100000000) }}',
  '{{ untilStep 0 100000000000 1 }}',
  '{{ untilStep 0 -100000000000 -1 }}',
  '{{ repeat 100000000 "abc" }}',
  '{{ seq 100000000 }}',
  '{{ seq 1 1 100000000 }}',
  '{{ indent 100000000 "x" }}',
  '{{ nindent 100000000 "x" }}',
  '{{ randAlphaNum 100000000 }}',
  '{{ randBytes 100000000 }}',
  '{{ chunk 1 (until 50000000) }}',
  '{{ $l := list }}{{ range until 100000 }}{{ $l = append $l 1 }}{{ end }}',
  '{{ regexFindAll "(x+x+)+y" (repeat 3000000 "x") -1 }}',
  '{{ join (repeat 1000000 "-") (until 1000) }}',
  '{{ regexReplaceAll "" (repeat 1000 "a") (repeat 100000 "b") }}',
  '{{ replace "" (repeat 100000 "b") (repeat 1000 "a") }}',
];

for (const tpl of blowUps) {
  test(`budget: ${tpl} fails with a budget error`, () => {
    const r = sprigEngine().tryRender('deploy.yaml', tpl, {} as never);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.budget, true, r.err);
    assert.match(r.err, /^template: deploy\.yaml:1:\d+: .*budget/);
  });
}

test('regex: a pattern that backtracks exponentially elsewhere runs in linear time', () => {
  const r = sprigEngine().tryRender(
    't',
    '{{ regexMatch "(a+)+$" (printf "%s!" (repeat 20000 "a")) }}',
    {} as never,
  );
  assert.deepEqual(r, { ok: true, out: 'false' });
});

test('budget: a normal use of the same functions renders', () => {
  const r = sprigEngine().tryRender(
    't',
    '{{ range until 3 }}{{ . }}{{ end }} {{ repeat 3 "ab" }} {{ seq 3 }} {{ len (untilStep 0 100 10) }}',
    {} as never,
  );
  assert.deepEqual(r, { ok: true, out: '012 ababab 1 2 3 10' });
});
