// Parameter values from the command line, as KUDO's CLI takes them: -P files
// (YAML maps, read as KUDO reads YAML, each value in KUDO's string form) and
// then -p K=V, which wins. Shared by `render` and `simulate`.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from './command.ts';
import { kudoString } from '../model/kudo-parameters.ts';
import { setOwn } from '../model/clone.ts';
import { goYaml } from '../model/go-yaml.ts';

/** `K=V` pairs into a map (the flag's name, for messages). */
export function keyValues(
  flag: string,
  pairs: readonly string[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of pairs ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} ${JSON.stringify(kv)}: expected NAME=VALUE`);
    setOwn(out, kv.slice(0, eq), kv.slice(eq + 1));
  }
  return out;
}

/**
 * One `-P` file's YAML map, read as KUDO reads YAML. Pure (the caller reads
 * the file), so the cluster commands share it with render and simulate.
 */
export function parameterFileMap(name: string, text: string): Record<string, unknown> {
  let map: unknown;
  try {
    map = parse(text, goYaml) ?? {};
  } catch (err) {
    throw new UsageError(`-P ${name}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw new UsageError(`-P ${name}: not a YAML map of parameter names to values`);
  return map as Record<string, unknown>;
}

/** The values of `-P FILE...` then `-p K=V...`, in KUDO's string form. */
export function parameterArgs(
  files: readonly string[] | undefined,
  pairs: readonly string[] | undefined,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const file of files ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`-P ${file}: ${(err as Error).message}`);
    }
    for (const [k, v] of Object.entries(parameterFileMap(file, text))) {
      setOwn(params, k, kudoString(v));
    }
  }
  const given = keyValues('-p', pairs);
  for (const k of Object.keys(given)) setOwn(params, k, given[k]);
  return params;
}
