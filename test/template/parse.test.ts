// Go 1.19's parse tests (canonical String() of the tree) and error tests
// (expected message fragments), from ../shared/conformance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../src/template/parser.ts';
import { nodeString } from '../../src/template/nodes.ts';

interface ParseCase {
  Name: string;
  Input: string;
  Result: string;
  OK: boolean;
}

const tables = JSON.parse(
  readFileSync(
    new URL(
      '../../../shared/conformance/go-text-template/go1.19-text-template-parseTests.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { parseTests: ParseCase[]; errorTests: ParseCase[] };

// Go's parse_test.go parses with the builtins plus printf and contains.
const funcs = new Set(
  'and call html index slice js len not or print printf println urlquery eq ge gt le lt ne contains'.split(
    ' ',
  ),
);
const hasFunction = (n: string): boolean => funcs.has(n);

test('Go parse tests: all 97 give Go String() form or fail as Go does', () => {
  assert.equal(tables.parseTests.length, 97);
  const failures: string[] = [];
  for (const t of tables.parseTests) {
    let got: string | undefined;
    let err: string | undefined;
    try {
      const trees = parse(t.Name, t.Input, hasFunction);
      got = nodeString(trees.get(t.Name)!.root, true);
    } catch (e) {
      err = (e as Error).message;
    }
    const ok = t.OK ? got === t.Result : err !== undefined;
    if (!ok)
      failures.push(
        `${t.Name}: want ${JSON.stringify(t.Result)} got ${JSON.stringify(got ?? err)}`,
      );
  }
  assert.deepEqual(failures, []);
});

test('Go error tests: all 32 fail with Go message', () => {
  assert.equal(tables.errorTests.length, 32);
  const failures: string[] = [];
  for (const t of tables.errorTests) {
    let err = '';
    try {
      parse(t.Name, t.Input, hasFunction);
    } catch (e) {
      err = (e as Error).message;
    }
    if (!err.includes(t.Result)) failures.push(`${t.Name}: want ${t.Result} got ${err}`);
  }
  assert.deepEqual(failures, []);
});
