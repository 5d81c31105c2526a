// `package verify`: KUDO's verifiers in KUDO's order, then Maestro's own
// checks. Pure: templates are parsed and rendered through TemplateSupport.
import type { Package } from '../types.ts';
import {
  duplicateParameters,
  invalidParameterCharacters,
  namespaces,
  parameterDefinitions,
  planReferences,
  taskBuild,
  taskReferences,
  templateReferences,
  versions,
  type Findings,
} from './kudo-checks.ts';
import type { VerifyResult } from './result.ts';
import {
  renderTemplates,
  templateParameters,
  toggleParameters,
  unreachablePlans,
} from './template-checks.ts';
import type { TemplateSupport } from './template-support.ts';
import { extendedParameters, type ParamCheck } from './extended-checks.ts';
import { onFailurePlans, phaseStrategies, v1Schema } from './v1-checks.ts';
import { packageSchemas } from './schema-checks.ts';

export { resultJson, findingText, type VerifyResult, type Finding } from './result.ts';
export type { TemplateSupport } from './template-support.ts';

export interface VerifyOptions {
  /** KUDO's opt-in `--param-checks` style warnings. */
  paramChecks?: Set<ParamCheck>;
}

export function verifyPackage(
  pkg: Package,
  support?: TemplateSupport,
  options: VerifyOptions = {},
): VerifyResult {
  const result: VerifyResult = { errors: [], warnings: [] };
  const f: Findings = {
    error: (check, message, where) => result.errors.push({ check, message, where }),
    warning: (check, message, where) => result.warnings.push({ check, message, where }),
  };
  duplicateParameters(pkg, f);
  invalidParameterCharacters(pkg, f);
  versions(pkg, f);
  taskBuild(pkg, f);
  taskReferences(pkg, f);
  planReferences(pkg, f);
  if (support !== undefined) templateParameters(pkg, f, support);
  else {
    toggleParameters(pkg, f);
    f.warning(
      'templates-unchecked',
      'template checks skipped: no template engine was given (parameters used in templates, parse errors, rendering)',
    );
  }
  parameterDefinitions(pkg, f);
  templateReferences(pkg, f);
  if (support !== undefined) renderTemplates(pkg, f, support);
  namespaces(pkg, f);
  if (options.paramChecks !== undefined) extendedParameters(pkg, f, options.paramChecks);
  unreachablePlans(pkg, f);
  phaseStrategies(pkg, f);
  onFailurePlans(pkg, f);
  v1Schema(pkg, f);
  packageSchemas(pkg, f, result);
  return result;
}
