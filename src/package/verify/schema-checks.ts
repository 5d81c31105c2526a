// operator.yaml and params.yaml against their JSON Schemas (the ones editors
// use), with file:line:column. A schema error that a KUDO check already
// reported (its `x-verify-check`) is left out, so each mistake shows once;
// that check's severity stands (an unknown strategy stays a warning, as in KUDO).
import { findingWhere, schemaProblems } from '../schema/index.ts';
import type { Package } from '../types.ts';
import type { Findings } from './kudo-checks.ts';
import type { VerifyResult } from './result.ts';

export function packageSchemas(pkg: Package, f: Findings, result: VerifyResult): void {
  if (pkg.sources === undefined) return;
  const reported = new Set([...result.errors, ...result.warnings].map((e) => e.check));
  const problems = [
    ...schemaProblems('operator.yaml', pkg.sources.operator, pkg.operator),
    ...schemaProblems('params.yaml', pkg.sources.params, pkg.params),
  ];
  for (const p of problems) {
    if (p.severity === 'warning') f.warning('unknown-field', p.message, findingWhere(p));
    else if (p.check === undefined || !reported.has(p.check))
      f.error('schema', p.message, findingWhere(p));
  }
}
