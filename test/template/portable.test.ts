// The 183 portable cases of Go 1.19's exec tests, through `maestro template`
// and through the oracle, with the JSON tVal of the conformance README,
// missingkey=default and numbers=int. The oracle's answer is the expected one
// (nine cases differ from Go's own table because sprig's `slice` replaces Go's
// and JSON maps have no typed zero).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { agree, maestro, oracle } from './differential.ts';

interface ExecCase {
  name: string;
  input: string;
  output: string;
  ok: boolean;
  dataKind: string;
  data?: unknown;
}

const tValJson =
  '{"True": true, "I": 17, "U16": 16, "X": "x", "S": "xyz", "FloatZero": 0.0, "U": {"V": "v"}, "SI": [3, 4, 5], "SIEmpty": [], "SB": [true, false], "MSI": {"one": 1, "two": 2, "three": 3}, "MSIone": {"one": 1}, "MSIEmpty": {}, "SMSI": [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}], "Empty0": null, "Empty1": 3, "Empty2": "empty2", "Empty3": [7, 8]}';

const cases = JSON.parse(
  readFileSync(
    new URL(
      '../../../shared/conformance/go-text-template/go1.19-execTests-portable-183.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as ExecCase[];

function line(c: ExecCase): string {
  const data =
    c.dataKind === 'fixture:tVal'
      ? tValJson
      : c.dataKind === 'json'
        ? JSON.stringify(c.data)
        : 'null';
  return `{"template":${JSON.stringify(c.input)},"missingkey":"default","numbers":"int","data":${data}}`;
}

test('the 183 portable Go exec cases agree with the oracle through maestro template', () => {
  assert.equal(cases.length, 183);
  const lines = cases.map(line);
  const o = oracle(lines);
  const m = maestro(lines);
  const failures: string[] = [];
  cases.forEach((c, i) => {
    const mi = m[i]!;
    const oi = o[i]!;
    if (!agree(mi, oi)) {
      failures.push(
        `${c.name}: ${JSON.stringify(c.input)}\n  oracle ${JSON.stringify(oi)}\n  maestro ${JSON.stringify(mi)}`,
      );
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of 183 disagree`);
});
