// `maestro template` options: the seed and the clock that sprig's random and
// time functions see make the output deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(args: string[], input: string): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'template', ...args],
    { cwd: root, input, encoding: 'utf8' },
  );
}

const line = JSON.stringify({
  template: '{{randAlphaNum 16}} {{now | date "2006-01-02T15:04"}}',
  data: {},
});

test('the same --seed and --now give the same output; another seed another output', () => {
  const a = run(['--seed', 's1', '--now', '2021-03-04T05:06:07Z'], line);
  const b = run(['--seed', 's1', '--now', '2021-03-04T05:06:07Z'], line);
  const c = run(['--seed', 's2', '--now', '2021-03-04T05:06:07Z'], line);
  assert.equal(a, b);
  assert.notEqual(a, c);
  const out = (JSON.parse(a) as { ok: boolean; out: string }).out;
  assert.match(out, /^[A-Za-z0-9]{16} 2021-03-04T05:06$/);
});

test('without --now the clock is the Unix epoch', () => {
  const out = JSON.parse(run([], JSON.stringify({ template: '{{now | date "2006"}}' }))) as {
    out: string;
  };
  assert.equal(out.out, '1970');
});

test('a bad --now is a usage error', () => {
  assert.throws(
    () => run(['--now', 'yesterday'], ''),
    (e: { status?: number; stderr?: string }) => e.status === 2 && /--now/.test(e.stderr ?? ''),
  );
});
