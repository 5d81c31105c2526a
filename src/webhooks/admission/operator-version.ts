// OperatorVersion CREATE and UPDATE: the `package verify` checks that apply to
// the fields an OperatorVersion carries (kudo-semantics.md §4.2), with every
// problem listed. What belongs to the package or the Operator is not checked
// here (kubernetesVersion, kudoVersion, parameter groups, the namespace
// manifest), and checks that need the template engine (parse and render
// errors) are left to `maestro package verify`; template references to
// parameters are found by a scan of `.Params.X`, as KUDO's verifier looks one
// level deep.
import { toHub } from '../../model/conversion/index.ts';
import { V1BETA1 } from '../../model/names.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { v1, v1beta1 } from '../../model/types.ts';
import { isVersion, parseVersion } from '../../package/semver.ts';
import { schemaProblem, typedValue, valueProblem } from './parameter-values.ts';
import { viewOperatorVersion } from './operator-version-view.ts';
import { parseRange } from './upgrade.ts';

export interface Verdict {
  errors: string[];
  warnings: string[];
}

const PIPE_KEY = /^[a-zA-Z0-9_-]+$/;
const PARAM_REF = /\.Params\.([A-Za-z_][A-Za-z0-9_]*)/g;
const ACTION = /\{\{([\s\S]*?)\}\}/g;
const NAMESPACE_KIND = /kind:\s*Namespace/;
const KNOWN_TYPES = new Set(['', 'string', 'integer', 'number', 'boolean', 'array', 'map']);

type Task = NonNullable<v1.OperatorVersionSpec['tasks']>[number];

function taskProblems(
  task: Task,
  templates: Record<string, string>,
  params: Set<string>,
): string[] {
  const name = task.name ?? '';
  const spec = task.spec ?? {};
  const out: string[] = [];
  const missing = (file: string | undefined) => {
    if (file && !Object.hasOwn(templates, file)) out.push(`task ${name} missing template: ${file}`);
  };
  switch (task.kind) {
    case 'Apply':
    case 'Delete':
      if ((spec.resources ?? []).length === 0) {
        out.push(
          `task validation error: ${task.kind.toLowerCase()} task '${name}' has an empty resource list. if that's what you need, use a Dummy task instead`,
        );
      }
      (spec.resources ?? []).forEach(missing);
      break;
    case 'Toggle':
      if ((spec.resources ?? []).length === 0) {
        out.push(
          `task validation error: toggle task '${name}' has an empty resource list. if that's what you need, use a Dummy task instead`,
        );
      }
      (spec.resources ?? []).forEach(missing);
      if (!spec.parameter)
        out.push(`task validation error: Missing parameter to evaluate the Toggle Task '${name}'`);
      else if (!params.has(spec.parameter))
        out.push(`parameter "${spec.parameter}" in ToggleTask ${name} is not defined`);
      break;
    case 'Pipe':
      if (!spec.pod) out.push(`task validation error: pipe task '${name}' has no pod template`);
      missing(spec.pod);
      if ((spec.pipe ?? []).length === 0)
        out.push(`task validation error: pipe task '${name}' has no pipe files`);
      for (const pipe of spec.pipe ?? []) {
        if (Boolean(pipe.file) === Boolean(pipe.envFile)) {
          out.push(
            `task validation error: pipe task '${name}': a pipe needs exactly one of file or envFile`,
          );
        }
        if (pipe.kind !== 'Secret' && pipe.kind !== 'ConfigMap') {
          out.push(
            `task validation error: pipe task '${name}': pipe kind must be Secret or ConfigMap, not "${pipe.kind ?? ''}"`,
          );
        }
        if (!PIPE_KEY.test(pipe.key ?? '')) {
          out.push(
            `task validation error: pipe task '${name}': pipe key "${pipe.key ?? ''}" must match ${PIPE_KEY.source}`,
          );
        }
      }
      break;
    case 'KudoOperator':
      if (!spec.package)
        out.push(`task validation error: KudoOperator task '${name}' has an empty package name`);
      missing(spec.parameterFile);
      break;
    case 'Dummy':
      break;
    default:
      out.push(
        `task validation error: unknown task kind ${task.kind ?? '(none)'} in task '${name}'`,
      );
  }
  return out;
}

/** Every `.Params.X` a template text refers to inside its actions. */
export function referencedParams(text: string): Set<string> {
  const out = new Set<string>();
  for (const action of text.matchAll(ACTION)) {
    for (const m of action[1]!.matchAll(PARAM_REF)) out.add(m[1]!);
  }
  return out;
}

export function verifyOperatorVersion(raw: unknown): Verdict {
  const obj = raw as { apiVersion?: string };
  const ov = (
    obj?.apiVersion === V1BETA1 ? toHub(raw as v1beta1.OperatorVersion) : raw
  ) as v1.OperatorVersion;
  const spec = ov.spec ?? {};
  const errors: string[] = [];
  const warnings: string[] = [];
  const params = spec.parameters ?? [];
  const tasks = spec.tasks ?? [];
  const plans = Object.entries(spec.plans ?? {}).filter(([, p]) => p !== null) as [
    string,
    v1.Plan,
  ][];
  const templates = spec.templates ?? {};
  const paramNames = new Set(params.map((p) => p.name));

  // DuplicateVerifier and InvalidCharVerifier.
  const seen = new Set<string>();
  for (const p of params) {
    const key = (p.name ?? '').toLowerCase();
    if (seen.has(key)) errors.push(`parameter "${p.name}" has a duplicate`);
    seen.add(key);
    for (const ch of [';', ',']) {
      if ((p.name ?? '').includes(ch))
        errors.push(`parameter "${p.name}" contains invalid character '${ch}'`);
    }
    if (!p.name) errors.push('a parameter has no name');
  }

  // VersionVerifier, for the fields an OperatorVersion has.
  if (!spec.version || !isVersion(parseVersion(spec.version))) {
    errors.push(`"spec.version" is required and must be semver (got "${spec.version ?? ''}")`);
  }
  if (spec.appVersion) {
    const v = parseVersion(spec.appVersion);
    if (!isVersion(v)) errors.push(`unable to parse "appVersion": ${v.error}`);
  }
  if (!spec.operator?.name)
    errors.push('"spec.operator.name" is required: the Operator this version belongs to');

  // task.BuildVerifier, and tasks naming templates (template.ReferenceVerifier).
  const taskNames = new Set<string>();
  for (const task of tasks) {
    if (task.name && taskNames.has(task.name))
      errors.push(`task "${task.name}" is defined more than once`);
    if (task.name) taskNames.add(task.name);
    errors.push(...taskProblems(task, templates, paramNames));
  }

  // task.ReferenceVerifier and plan.ReferenceVerifier.
  const used = new Set<string>();
  for (const [planName, plan] of plans) {
    for (const phase of plan.phases ?? []) {
      for (const step of phase.steps ?? []) {
        for (const t of step.tasks ?? []) {
          used.add(t);
          if (!taskNames.has(t)) errors.push(`task "${t}" in plan "${planName}" is not defined`);
        }
      }
      if (phase.strategy && !['serial', 'parallel', 'canary'].includes(phase.strategy)) {
        warnings.push(
          `phase "${phase.name}" of plan "${planName}" has strategy "${phase.strategy}", which runs as parallel`,
        );
      }
    }
    if (plan.onFailure?.plan && !plans.some(([n]) => n === plan.onFailure!.plan)) {
      errors.push(
        `plan "${plan.onFailure.plan}" used in onFailure of plan "${planName}" is not defined`,
      );
    }
  }
  for (const name of taskNames)
    if (!used.has(name)) warnings.push(`task "${name}" defined but not used`);
  if (!plans.some(([n]) => n === 'deploy'))
    errors.push("an operator is required to have 'deploy' plan");

  // template.ParametersVerifier: parameters the templates use, and the parameters themselves.
  const usedParams = new Set<string>();
  for (const t of tasks)
    if (t.kind === 'Toggle' && t.spec?.parameter) usedParams.add(t.spec.parameter);
  for (const file of Object.keys(templates).sort()) {
    for (const name of referencedParams(templates[file]!)) {
      usedParams.add(name);
      if (!paramNames.has(name))
        errors.push(`parameter "${name}" in template ${file} is not defined`);
    }
    if (NAMESPACE_KIND.test(templates[file]!)) {
      warnings.push(
        `template "${file}" contains 'kind: Namespace', which is allowed only as the Operator's namespaceManifest`,
      );
    }
  }
  const view = viewOperatorVersion({ ...ov, apiVersion: 'maestro.dev/v1' });
  for (const p of params) {
    const name = p.name ?? '';
    if (p.trigger && !plans.some(([n]) => n === p.trigger)) {
      errors.push(`plan "${p.trigger}" used in parameter "${name}" is not defined`);
    }
    if (!p.trigger && !usedParams.has(name))
      warnings.push(`parameter "${name}" defined but not used.`);
    if (p.immutable && !p.required && (p.default === undefined || p.default === null)) {
      errors.push(
        `parameter "${name}" is immutable but is not marked as required or has a default value`,
      );
    }
    if (!KNOWN_TYPES.has(p.type ?? ''))
      warnings.push(`parameter "${name}" has unknown type "${p.type}", which is read as a string`);
    if (p.enum !== undefined) {
      if (p.enum.length === 0)
        errors.push(`parameter "${name}" is an enum but has no allowed values`);
      for (const e of p.enum as JsonValue[]) {
        const typed = typedValue(p.type ?? '', e);
        if (!typed.ok)
          errors.push(
            `parameter "${name}" has an invalid enum value: ${JSON.stringify(e)}: ${typed.problem}`,
          );
      }
    }
    if (p.schema !== undefined) {
      const problem = schemaProblem(p.schema);
      if (problem !== undefined)
        errors.push(`parameter "${name}" has a schema that does not compile: ${problem}`);
    }
    const def = view.byName.get(name);
    if (def !== undefined && def.default !== undefined) {
      const problem = valueProblem(def, def.default);
      if (problem !== undefined)
        errors.push(`parameter "${name}" has an invalid default value: ${problem}`);
    }
  }

  // template.ReferenceVerifier: templates no task uses.
  const referenced = new Set<string>();
  for (const t of tasks) {
    for (const r of t.spec?.resources ?? []) referenced.add(r);
    if (t.spec?.pod) referenced.add(t.spec.pod);
    if (t.spec?.parameterFile) referenced.add(t.spec.parameterFile);
  }
  for (const file of Object.keys(templates).sort()) {
    if (!referenced.has(file)) warnings.push(`template "${file}" is not referenced from any task`);
  }

  for (const [i, entry] of (spec.upgradableFrom ?? []).entries()) {
    if (entry.versions !== undefined) {
      const range = parseRange(entry.versions);
      if ('error' in range) errors.push(`spec.upgradableFrom[${i}].versions: ${range.error}`);
    }
  }
  return { errors: [...new Set(errors)], warnings: [...new Set(warnings)] };
}
