// goFloat against the Go oracle: fmt's %v of float64 values, as KUDO's
// WrapParamValue prints YAML numbers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import { goFloat, goFloat32 } from '../../src/model/go-format.ts';

// Built by scripts/oracle.mjs (apt-installs Go when missing).
const oracle = execFileSync(process.execPath, ['scripts/oracle.mjs', '--build'], {
  encoding: 'utf8',
}).trim();

test('goFloat prints float64 values exactly as Go %v does (oracle)', () => {
  const fixed = [
    0,
    1,
    -1,
    1.5,
    5.7,
    100000,
    123456,
    1234567,
    1e6,
    1e21,
    1e-4,
    1e-5,
    0.1 + 0.2,
    -2.5e-7,
    2 ** 53,
  ];
  const random = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), {
    numRuns: 300,
    seed: 42,
  });
  const values = [...fixed, ...random].filter((v) => !Object.is(v, -0));
  const input = values.map((v) => JSON.stringify({ template: '{{ .v }}', data: { v } })).join('\n');
  const lines = execFileSync(oracle, { input, encoding: 'utf8' }).trim().split('\n');
  assert.equal(lines.length, values.length);
  values.forEach((v, i) => {
    const out = (JSON.parse(lines[i]!) as { out: string }).out;
    assert.equal(goFloat(v), out, `value ${v}`);
  });
});

test('goFloat32: the shortest digits that read back as the same float32, in %g form', () => {
  const cases: [number, string][] = [
    [5.7, '5.7'],
    [0.1, '0.1'],
    [1.15, '1.15'],
    [3.14159265358979, '3.1415927'],
    [1e6, '1e+06'],
    [16777217, '1.6777216e+07'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
  ];
  for (const [v, want] of cases) assert.equal(goFloat32(v), want, String(v));
});
