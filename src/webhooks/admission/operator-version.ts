// OperatorVersion CREATE and UPDATE: `package verify` (src/package/verify,
// the same checks as the CLI, templates parsed and rendered by Maestro's
// engine) run on the OperatorVersion read back as a package, keeping the
// checks that apply to an OperatorVersion's fields. What belongs to the
// package files or the Operator is left out: kubernetesVersion, kudoVersion,
// parameter groups and `advanced`, the namespace manifest (a `kind: Namespace`
// template is only a warning here: the Operator may name it). A few checks of
// fields only an OperatorVersion has are added.
import { toHub } from '../../model/conversion/index.ts';
import { V1BETA1 } from '../../model/names.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { v1, v1beta1 } from '../../model/types.ts';
import { templateSupport } from '../../package/template-engine.ts';
import {
  findingText,
  verifyPackage,
  type Finding,
  type TemplateSupport,
} from '../../package/verify/index.ts';
import { operatorVersionPackage } from './operator-version-package.ts';
import { viewOperatorVersion } from '../../engine/plan/ov.ts';
import { schemaProblem } from '../../model/parameter-values.ts';
import { valueProblem } from './parameter-values.ts';
import { parseRange } from './upgrade.ts';

export interface Verdict {
  errors: string[];
  warnings: string[];
}

/** Checks of what the package files or the Operator hold, not the OperatorVersion. */
const NOT_OPERATOR_VERSION = new Set([
  'version-kubernetes',
  'version-kudo',
  'group-duplicate',
  'group-slash',
  'param-group-slash',
  'param-group-undefined',
  'param-advanced-required',
  'namespace-manifest-empty',
  'namespace-manifest-kind',
  'namespace-manifest-missing',
  'namespace-manifest-multiple',
  'namespace-manifest-unparsable',
]);
/** Errors in a package that are only suspicious in an OperatorVersion. */
const AS_WARNING = new Set(['template-kind-namespace']);

let support: TemplateSupport | undefined;

/** Package file locations, told as the OperatorVersion fields they became. */
const FIELD_OF_CHECK: Record<string, string> = {
  'version-operator': 'spec.version',
  'version-app': 'spec.appVersion',
  'deploy-plan-missing': 'spec.plans',
};
function located(f: Finding): string {
  let where = FIELD_OF_CHECK[f.check] ?? f.where;
  if (where === 'operator.yaml') where = 'spec';
  else if (where === 'params.yaml') where = 'spec.parameters';
  else if (where?.startsWith('templates/'))
    where = `spec.templates[${JSON.stringify(where.slice('templates/'.length))}]`;
  return findingText(
    where === undefined ? { check: f.check, message: f.message } : { ...f, where },
  );
}

/** Checks of fields only an OperatorVersion has, or that package verify leaves to the schema. */
function ownChecks(ov: v1.OperatorVersion): string[] {
  const spec = ov.spec ?? {};
  const errors: string[] = [];
  if (!spec.operator?.name)
    errors.push('"spec.operator.name" is required: the Operator this version belongs to');
  // onFailure.plan (of plans and steps) is checked by package verify (onFailurePlans).
  const view = viewOperatorVersion({ ...ov, apiVersion: 'maestro.dev/v1' });
  for (const p of spec.parameters ?? []) {
    if (p.schema === undefined) continue;
    const problem = schemaProblem(p.schema);
    if (problem !== undefined) {
      errors.push(`parameter "${p.name}" has a schema that does not compile: ${problem}`);
      continue;
    }
    const def = view.byName.get(p.name);
    if (def?.default !== undefined) {
      const bad = valueProblem(def, def.default as JsonValue);
      if (bad !== undefined)
        errors.push(`parameter "${p.name}" has an invalid default value: ${bad}`);
    }
  }
  (spec.upgradableFrom ?? []).forEach((entry, i) => {
    if (entry.versions === undefined) return;
    const range = parseRange(entry.versions);
    if ('error' in range) errors.push(`spec.upgradableFrom[${i}].versions: ${range.error}`);
  });
  return errors;
}

export function verifyOperatorVersion(raw: unknown): Verdict {
  const obj = raw as { apiVersion?: string };
  const ov = (
    obj?.apiVersion === V1BETA1 ? toHub(raw as v1beta1.OperatorVersion) : raw
  ) as v1.OperatorVersion;
  support ??= templateSupport();
  const result = verifyPackage(operatorVersionPackage(ov), support);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const f of result.errors) {
    if (NOT_OPERATOR_VERSION.has(f.check)) continue;
    (AS_WARNING.has(f.check) ? warnings : errors).push(located(f));
  }
  for (const f of result.warnings)
    if (!NOT_OPERATOR_VERSION.has(f.check)) warnings.push(located(f));
  errors.push(...ownChecks(ov));
  return { errors: [...new Set(errors)], warnings: [...new Set(warnings)] };
}
