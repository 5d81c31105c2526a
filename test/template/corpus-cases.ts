// Builds oracle-protocol cases for every template of every package in
// ../shared/corpus/kudo-operators, with the variables KUDO passes
// (reference/kudo-semantics.md §3.2): .OperatorName, .Name, .Namespace,
// .Params (defaults from params.yaml, typed as KUDO does), .Pipes, .PlanName,
// .PhaseName, .StepName, .AppVersion, .OperatorVersion.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const corpusDir = fileURLToPath(
  new URL('../../../shared/corpus/kudo-operators/', import.meta.url),
);

export interface CorpusCase {
  /** package/version/templates/file */
  id: string;
  /** One oracle-protocol line. */
  line: string;
}

interface ParamDef {
  name: string;
  type?: string;
  default?: unknown;
}

/** KUDO's parameter value: string for scalar types, structures for array and map. */
function paramValue(p: ParamDef): unknown {
  const t = p.type ?? 'string';
  const d = p.default;
  if (t === 'array' || t === 'map') return d ?? null;
  if (d === undefined || d === null) return '';
  return typeof d === 'string' ? d : String(d);
}

function packageDirs(): string[] {
  const out: string[] = [];
  for (const op of readdirSync(corpusDir).sort()) {
    for (const ver of readdirSync(join(corpusDir, op)).sort()) {
      const dir = join(corpusDir, op, ver);
      if (statSync(dir).isDirectory()) out.push(dir);
    }
  }
  return out;
}

/**
 * The cases of one package (or of all packages when `only` is omitted). With
 * `flip`, every "true"/"false" parameter default is inverted, which takes the
 * other branch of most `if eq .Params.X "true"` tests.
 */
export function corpusCases(
  only?: string,
  flip = false,
  paramOverride?: (name: string, value: unknown) => unknown,
): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const dir of packageDirs()) {
    const rel = dir.slice(corpusDir.length);
    if (only !== undefined && !rel.startsWith(`${only}/`)) continue;
    const op = parseYaml(readFileSync(join(dir, 'operator.yaml'), 'utf8')) as {
      name: string;
      operatorVersion?: string;
      version?: string;
      appVersion?: string;
      tasks?: { kind: string; spec?: { pipe?: { key: string }[] } }[];
    };
    const params =
      (parseYaml(readFileSync(join(dir, 'params.yaml'), 'utf8')) as { parameters?: ParamDef[] })
        .parameters ?? [];
    const Params: Record<string, unknown> = {};
    for (const p of params) {
      let v = paramValue(p);
      if (flip && (v === 'true' || v === 'false')) v = v === 'true' ? 'false' : 'true';
      Params[p.name] = paramOverride ? paramOverride(p.name, v) : v;
    }
    const Pipes: Record<string, string> = {};
    for (const t of op.tasks ?? []) {
      if (t.kind !== 'Pipe') continue;
      for (const p of t.spec?.pipe ?? []) Pipes[p.key] = `${op.name}-instance-${p.key}`;
    }
    const data = {
      OperatorName: op.name,
      Name: `${op.name}-instance`,
      Namespace: 'default',
      AppVersion: op.appVersion ?? '',
      OperatorVersion: op.operatorVersion ?? op.version ?? '',
      PlanName: 'deploy',
      PhaseName: 'deploy',
      StepName: 'deploy',
      Params,
      Pipes,
    };
    const tdir = join(dir, 'templates');
    for (const f of readdirSync(tdir).sort()) {
      const template = readFileSync(join(tdir, f), 'utf8');
      cases.push({
        id: `${rel}/templates/${f}`,
        line: JSON.stringify({ template, data }),
      });
    }
  }
  return cases;
}
