// Argument parsing shared by the cluster commands. Pure: file contents are
// read by the caller and passed in, so these are table-tested.
import type { JsonValue } from '../../model/schema-type.ts';
import { setOwn } from '../../model/clone.ts';
import type { PackageParameter } from '../../package/types.ts';
import { UsageError } from '../command.ts';
import { keyValues, parameterFileMap } from '../parameter-args.ts';

/**
 * A Go-style duration (`300s`, `5m`, `1h30m`, `1.5s`, `500ms`) or a bare
 * number of seconds, in milliseconds. KUDO's --wait-time took seconds.
 */
export function parseDuration(text: string, flag = '--timeout'): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = t;
  if (rest === '') throw new UsageError(`${flag}: empty duration`);
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (m === null)
      throw new UsageError(
        `${flag} ${JSON.stringify(text)}: expected a duration such as 300s, 5m or 1h30m`,
      );
    total += Number(m[1]) * unit[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return Math.round(total);
}

/**
 * Parameter values from `-P file.yaml` (each a YAML map; later files win)
 * and `-p NAME=VALUE` (strings; they win over files), as KUDO merges them.
 * Values from files keep their YAML type; Maestro's v1 Instance takes typed
 * values and admission reads strings by the parameter's declared type.
 */
export function parameterValues(
  pairs: readonly string[],
  files: readonly { name: string; text: string }[],
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const f of files) {
    for (const [k, v] of Object.entries(parameterFileMap(f.name, f.text))) {
      setOwn(out, k, v as JsonValue);
    }
  }
  const given = keyValues('-p', pairs);
  for (const k of Object.keys(given)) setOwn(out, k, given[k]!);
  return out;
}

/** KUDO's client-side check: required parameters with no default and no value (required defaults to true). */
export function missingRequired(
  params: readonly PackageParameter[],
  given: Readonly<Record<string, JsonValue>>,
): string[] {
  return params
    .filter(
      (p) =>
        p.required !== false &&
        (p.default === undefined || p.default === null) &&
        !Object.prototype.hasOwnProperty.call(given, p.name ?? ''),
    )
    .map((p) => p.name ?? '');
}

/** Names given that the package does not declare. */
export function unknownParameters(
  params: readonly { name?: string | undefined }[],
  given: Readonly<Record<string, JsonValue>>,
): string[] {
  const known = new Set(params.map((p) => p.name));
  return Object.keys(given).filter((k) => !known.has(k));
}

/** `--step phase/step` or `--step plan/phase/step` for force-complete. */
export function parseStepPath(text: string): { plan?: string; phase: string; step: string } {
  const parts = text.split('/');
  if (parts.some((p) => p === '') || parts.length < 2 || parts.length > 3)
    throw new UsageError(`--step ${JSON.stringify(text)}: expected PHASE/STEP or PLAN/PHASE/STEP`);
  if (parts.length === 3) return { plan: parts[0]!, phase: parts[1]!, step: parts[2]! };
  return { phase: parts[0]!, step: parts[1]! };
}

/** The INSTANCE operand: the positional at `at`, else --instance; nothing may follow it. */
export function instanceOperand(
  positionals: readonly string[],
  at: number,
  flag: string | undefined,
): string {
  const name = positionals[at] ?? flag;
  if (name === undefined || positionals.length > at + 1)
    throw new UsageError('expected exactly one INSTANCE');
  return name;
}
