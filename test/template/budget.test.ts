// The render budget: steps, output bytes and nesting depth. A template that
// would loop for ever, blow up its output or recurse without end fails with a
// budget error that names the template; it never hangs or exhausts memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/template/engine.ts';
import { sprigFuncMap } from '../../src/template/sprig/index.ts';
import { goInt, type GoValue } from '../../src/template/value.ts';

const thousand: GoValue[] = Array.from({ length: 1000 }, (_, i) => goInt(i));

function budgetFailure(r: ReturnType<ReturnType<typeof createEngine>['tryRender']>): string {
  assert.equal(r.ok, false);
  if (r.ok) return '';
  assert.equal(r.phase, 'exec');
  assert.equal(r.budget, true, r.err);
  return r.err;
}

test('a billion-step nested range fails on the step budget and names the template', () => {
  const e = createEngine({ missingkey: 'default' });
  const r = e.tryRender(
    'statefulset.yaml',
    '{{range .a}}{{range $.a}}{{range $.a}}x{{end}}{{end}}{{end}}',
    { a: thousand },
  );
  assert.match(
    budgetFailure(r),
    /^template: statefulset\.yaml:1:\d+: executing "statefulset\.yaml" .*render budget exhausted: more than 20000000 evaluation steps$/,
  );
});

test('range until 100000000 fails on the budget before allocating (sprig until charges first)', () => {
  const e = createEngine({ funcs: sprigFuncMap(), missingkey: 'error' });
  const err = budgetFailure(e.tryRender('deploy.yaml', '{{range until 100000000}}x{{end}}', {}));
  assert.match(
    err,
    /^template: deploy\.yaml:1:8: executing "deploy\.yaml" at <until 100000000>: render budget exhausted/,
  );
});

test('output larger than the output budget fails and keeps the partial output bounded', () => {
  const e = createEngine({ missingkey: 'default', budget: { outputBytes: 10_000 } });
  const r = e.tryRender('t', '{{range .a}}{{range $.a}}0123456789{{end}}{{end}}', { a: thousand });
  assert.match(budgetFailure(r), /output larger than 10000 bytes/);
  assert.ok(!r.ok && r.out.length <= 10_000);
});

test('the default output budget is 16 MiB and the default step budget at least 1e7', () => {
  const e = createEngine({ missingkey: 'default' });
  const ok = e.tryRender('t', '{{range .a}}{{range $.a}}x{{end}}{{end}}', { a: thousand });
  assert.deepEqual(ok, { ok: true, out: 'x'.repeat(1_000_000) });
});

test('endless template recursion fails on the depth budget and names the template', () => {
  const e = createEngine({ missingkey: 'default' });
  const r = e.tryRender(
    't',
    '{{define "loop"}}{{template "loop" .}}{{end}}{{template "loop" .}}',
    {},
  );
  assert.match(budgetFailure(r), /executing "loop" .*template calls nested deeper than 2000/);
});

test('pathologically nested parentheses are a parse error, not a crash', () => {
  const e = createEngine({ missingkey: 'default' });
  const deep = '{{' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + '}}';
  const r = e.tryRender('t', deep, {});
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.phase, 'parse');
});

test('values are data: a parameter holding template syntax prints literally', () => {
  const e = createEngine({ funcs: sprigFuncMap(), missingkey: 'error' });
  const r = e.tryRender('t', '{{.Params.X}} {{.Params.X | quote}}', {
    Params: { X: '{{range until 100000000}}x{{end}}' },
  });
  assert.deepEqual(r, {
    ok: true,
    out: '{{range until 100000000}}x{{end}} "{{range until 100000000}}x{{end}}"',
  });
});
