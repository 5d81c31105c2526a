// semverCompare's constraint parsing is linear in the constraint's length
// (issue 11): Masterminds' patterns run on the RE2 engine (re2.ts) instead of
// JavaScript's backtracking one, and ranges are rewritten in one pass instead
// of Go's strings.Replace from the start. Two kinds of evidence:
// - the work (steps charged to the budget) grows in proportion to the length,
//   counted, not timed;
// - the answers (ok and output; error texts differ only for very long
//   segments, which Maestro cuts) are the Go oracle's for a table of
//   constraints, random token soups, and 100k-character constraints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/template/engine.ts';
import { sprigFuncMap } from '../../src/template/sprig/index.ts';
import { parseConstraints } from '../../src/template/sprig/semver.ts';
import type { CallContext } from '../../src/template/funcs.ts';
import { oracle, type Outcome } from './differential.ts';

/** The steps parseConstraints charges for a constraint (thrown errors included). */
function stepsFor(constraint: string): number {
  let steps = 0;
  const ctx = { charge: (n: number) => (steps += n) } as unknown as CallContext;
  try {
    parseConstraints(constraint, ctx);
  } catch {
    // An improper constraint costs its work too.
  }
  return steps;
}

const units = [
  '||1',
  '1 - 2 ',
  '>=1.2.3-alpha.1 <2.x, ',
  '1.2.3.',
  '~1.2 || ^0.3.x || ',
  ' - ',
  '1.2.3-' + 'a'.repeat(40),
];

test('semver: the work of parsing a constraint grows linearly with its length', () => {
  for (const unit of units) {
    // Whole units, so that both texts take the same path (valid or not).
    const k = Math.ceil(5_000 / unit.length);
    const small = stepsFor(unit.repeat(k));
    const large = stepsFor(unit.repeat(10 * k));
    assert.ok(small > 0, unit);
    // Linear: ten times the text, about ten times the work (quadratic would be 100).
    assert.ok(
      large <= 12 * small,
      `${JSON.stringify(unit)}: ${small} steps for 5k, ${large} for 50k`,
    );
  }
});

const engine = createEngine({ funcs: sprigFuncMap(), missingkey: 'error' });
function maestro(template: string): Outcome {
  const r = engine.tryRender('semver', template, {});
  return r.ok ? { ok: true, out: r.out } : { ok: false, out: r.out, err: r.err };
}
const call = (c: string, v: string) =>
  `{{ semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)} }}`;

// Hand-picked: every operator, wildcards, prereleases, ranges (the rewrite
// in one pass), separators, and improper ones.
const constraints = [
  '1.2.3',
  '=1.2.3',
  '!=1.2.3',
  '>1.2',
  '<1.2.3',
  '>=1.2.3',
  '=>1.2.3',
  '<=1.2',
  '=<1.2.x',
  '~1.2.3',
  '~>1.2',
  '^1.2.3',
  '^0.2.3',
  '^0.0.3',
  '^0.x',
  '~0',
  '1.x',
  '1.2.*',
  '*',
  'x',
  '',
  '>= 1.2, < 3.0.0 || >= 4.2.3',
  '>=1.0.0 <2.0.0',
  '>=1.0.0,<2.0.0',
  '1 - 2',
  '1.2 - 1.4.5',
  '1 - 2 - 3',
  '0 - 1.2.3.4 - 5',
  '1 - 2 || 3 - 4',
  ' 1  -  2 ',
  '1 -2',
  '1- 2',
  'v1.2.3',
  '>1.2.3-alpha',
  '>=1.2.3-beta.2 <1.2.3-rc',
  '1.2.3+build',
  '>= 1.2.3+meta',
  '>1 ||',
  '|| 1',
  '1 || || 2',
  '>=a',
  '1.2.3.4',
  '>>1',
  '1,,2',
  '  ',
  '~ 1.2',
  '^ 1',
  '1.0.0 - 2.0.0 3.0.0',
  '>=1 <=2 !=1.5',
  'v1 - v2',
  '1.2.x - 1.4.x',
];
const versions = ['1.2.3', '1.2.4-alpha', '0.2.5', '2.0.0', '1.5.0', '3.1.4+meta', 'v1.0.0'];

// Random token soups: small pieces a constraint is made of, in any order.
const tokens = [
  '1',
  '2',
  '0',
  '.',
  '.3',
  'x',
  '*',
  'v',
  ' ',
  ' ',
  ' - ',
  '-',
  '||',
  ',',
  ', ',
  '>',
  '<',
  '>=',
  '<=',
  '=',
  '!=',
  '~',
  '^',
  '-alpha',
  '+b',
  'a',
];
function soups(n: number, seed: number): string[] {
  let s = seed;
  const rand = (k: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % k;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + rand(12) }, () => tokens[rand(tokens.length)]!).join(''),
  );
}

test('semver: semverCompare agrees with the Go oracle on a table of constraints and on token soups', () => {
  const cases: string[] = [];
  for (const c of [...constraints, ...soups(400, 11)])
    for (const v of versions.slice(0, 3)) cases.push(call(c, v));
  for (const c of constraints) for (const v of versions.slice(3)) cases.push(call(c, v));
  const lines = cases.map((template) => JSON.stringify({ template, data: {} }));
  const want = oracle(lines);
  const differ: string[] = [];
  for (const [i, template] of cases.entries()) {
    const got = maestro(template);
    const o = want[i]!;
    if (got.ok !== o.ok || (o.ok && got.out !== o.out))
      differ.push(`${template}\n  oracle  ${JSON.stringify(o)}\n  maestro ${JSON.stringify(got)}`);
  }
  assert.deepEqual(differ, [], `${differ.length} of ${cases.length} differ`);
  // The table means something: both outcomes occur.
  assert.ok(want.some((o) => o.ok && o.out === 'true'));
  assert.ok(want.some((o) => o.ok && o.out === 'false'));
  assert.ok(want.some((o) => !o.ok));
});

test('semver: 100k-character constraints are answered, as the Go oracle answers them', () => {
  const long = [
    '>=1.2.3 '.repeat(12_500), // valid: one long AND
    '||1'.repeat(33_334), // improper: an empty segment first
    '1 - 2 || '.repeat(11_112), // ranges rewritten, the last segment empty
    `${'1 - 2 || '.repeat(11_111)}3`,
    `${'1.2.3.'.repeat(16_667)}`, // improper: one long segment
  ];
  const cases = long.map((c, i) => call(c, i % 2 === 0 ? '1.2.3' : '3.0.0'));
  const want = oracle(cases.map((template) => JSON.stringify({ template, data: {} })));
  for (const [i, template] of cases.entries()) {
    assert.ok(template.length > 100_000);
    const got = maestro(template);
    const o = want[i]!;
    assert.equal(got.ok, o.ok, `${template.slice(0, 60)}...: ${got.err ?? ''} / ${o.err ?? ''}`);
    if (o.ok) assert.equal(got.out, o.out);
    // A long improper segment is cut in the message: no 100k-character error text.
    if (!got.ok) {
      const reason = got.err!.slice(got.err!.indexOf('error calling semverCompare'));
      assert.ok(reason.length < 400, `${reason.length} characters of error`);
    }
  }
});
