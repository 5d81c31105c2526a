// Go 1.19's 318 exec test cases (exec_test.go), builtins only (no sprig), run
// in process against Go's own expected output, with Go's tVal fixture adapted
// to JavaScript (test/template/go-fixture.ts). Every skipped case is listed
// below with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../src/template/engine.ts';
import { parseGoJson } from '../../src/template/protocol.ts';
import type { GoValue } from '../../src/template/value.ts';
import { adaptedData, tVal, testFuncs } from './go-fixture.ts';

interface ExecCase {
  name: string;
  input: string;
  output: string;
  ok: boolean;
  dataKind: string;
  data?: GoValue;
}

/** Cases the JavaScript value model cannot express, keyed by name and input. */
const skipped: Record<string, string> = {
  'len(s) < indexes < cap(s)\u0000{{slice .SICap 6 10}}':
    'slice capacity beyond length: JS arrays have none',
  'len(s) < indexes < cap(s)\u0000{{slice .SICap 6 10 10}}':
    'slice capacity beyond length: JS arrays have none',
  'indexes > cap(s)\u0000{{slice .SICap 10 11}}':
    'slice capacity beyond length: JS arrays have none',
  'indexes > cap(s)\u0000{{slice .SICap 6 10 11}}':
    'slice capacity beyond length: JS arrays have none',
  'bug11\u0000{{valueString .PS}}':
    'needs a real *string pointer (the fixture stores PS dereferenced)',
  '.NilOKFunc not nil\u0000{{call .NilOKFunc .PI}}':
    'needs a real *int pointer (the fixture stores PI dereferenced)',
};

const file = readFileSync(
  new URL(
    '../../../shared/conformance/go-text-template/go1.19-text-template-execTests.json',
    import.meta.url,
  ),
  'utf8',
);
// Parsed with the number-aware reader so that JSON data keeps Go's int/float distinction.
const cases = parseGoJson(file, true) as unknown as ExecCase[];

function dataFor(c: ExecCase): GoValue | undefined {
  const adapted = adaptedData(c.name);
  if (adapted !== undefined) return adapted;
  switch (c.dataKind) {
    case 'fixture:tVal':
      return tVal();
    case 'json':
      return c.data ?? null;
    default:
      return null;
  }
}

test('Go exec tests: all 318 cases run with builtins only; passes counted, skips listed', (t) => {
  assert.equal(cases.length, 318);
  const engine = createEngine({ funcs: testFuncs(), missingkey: 'default' });
  const failures: string[] = [];
  let passed = 0;
  let skip = 0;
  for (const c of cases) {
    if (skipped[`${c.name}\u0000${c.input}`] !== undefined) {
      skip++;
      continue;
    }
    const r = engine.tryRender(c.name, c.input, dataFor(c) ?? null);
    const ok = c.ok ? r.ok && r.out === c.output : !r.ok;
    if (ok) passed++;
    else
      failures.push(
        `${c.name}: ${JSON.stringify(c.input)} want ${c.ok ? JSON.stringify(c.output) : 'an error'} got ${JSON.stringify(r)}`,
      );
  }
  t.diagnostic(`passed ${passed} of 318, skipped ${skip} (listed in this file)`);
  assert.equal(skip, Object.keys(skipped).length, 'every listed skip matches a case');
  assert.deepEqual(failures, []);
  assert.equal(passed + skip, 318);
});
