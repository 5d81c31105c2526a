// Runs the same JSON-lines cases through the Go oracle and through
// `maestro template` (from source, so it never tests a stale bundle), as two
// whole processes, and pairs up their results.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain .mjs helper without types
import { ensureOracle } from '../../scripts/oracle.mjs';

export interface Outcome {
  ok: boolean;
  out: string;
  phase?: string;
  err?: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function runLines(
  cmd: string,
  args: string[],
  lines: string[],
  expected = lines.length,
): Outcome[] {
  const input = lines.join('\n') + '\n';
  const stdout = execFileSync(cmd, args, {
    input,
    cwd: root,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  const out = stdout.split('\n').filter((l) => l !== '');
  if (out.length !== expected) {
    throw new Error(`${cmd}: ${out.length} results for ${expected} cases`);
  }
  return out.map((l) => JSON.parse(l) as Outcome);
}

/** The oracle's results (builds it first if it is missing). */
export function oracle(lines: string[], expected = lines.length): Outcome[] {
  return runLines(ensureOracle() as string, [], lines, expected);
}

/** Maestro's results, through the `maestro template` command. */
export function maestro(lines: string[], expected = lines.length): Outcome[] {
  return runLines(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'template'],
    lines,
    expected,
  );
}

/** True when Maestro agrees with the oracle: same ok, and same out when ok. */
export function agree(m: Outcome, o: Outcome): boolean {
  return m.ok === o.ok && (!o.ok || m.out === o.out);
}
