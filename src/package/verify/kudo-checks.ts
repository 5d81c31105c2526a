// KUDO's verifiers (pkg/kudoctl/packages/verifier/**, cmd/verify/verify.go),
// in KUDO's order and with KUDO's messages. Checks that need templates parsed
// or rendered are in template-checks.ts.
import { parseParameterValue } from '../../model/parameter-values.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { goQuote } from '../../template/quote.ts';
import { isVersion, parseVersion } from '../semver.ts';
import type { Package, PackageParameter } from '../types.ts';
import { splitManifests } from '../manifests.ts';
import type { Finding } from './result.ts';

export interface Findings {
  error(check: string, message: string, where?: string): void;
  warning(check: string, message: string, where?: string): void;
}

const q = (s: string | undefined) => JSON.stringify(s ?? '');

/** Go's %q of a rune. */
const runeQ = (c: string) => `'${c}'`;

export function duplicateParameters(pkg: Package, f: Findings): void {
  const seen = new Set<string>();
  (pkg.params.parameters ?? []).forEach((p, i) => {
    const name = (p.name ?? '').toLowerCase();
    if (seen.has(name))
      f.error('param-duplicate', `parameter ${q(p.name)} has a duplicate`, pkg.where.parameter(i));
    seen.add(name);
  });
}

export function invalidParameterCharacters(pkg: Package, f: Findings): void {
  (pkg.params.parameters ?? []).forEach((p, i) => {
    for (const c of (p.name ?? '').toLowerCase()) {
      if (';,'.includes(c)) {
        f.error(
          'param-invalid-char',
          `parameter ${q(p.name)} contains invalid character ${runeQ(c)}`,
          pkg.where.parameter(i),
        );
      }
    }
  });
}

export function versions(pkg: Package, f: Findings): void {
  const op = pkg.operator;
  const check = (value: string | undefined, name: string, required: boolean, id: string) => {
    const v = (value ?? '').trim();
    if (v === '') {
      if (required) f.error(id, `${q(name)} is required and must be semver`, 'operator.yaml');
      return;
    }
    const parsed = parseVersion(value ?? '');
    if (!isVersion(parsed))
      f.error(id, `unable to parse ${q(name)}: ${parsed.error}`, 'operator.yaml');
  };
  check(op.operatorVersion, 'operatorVersion', true, 'version-operator');
  check(op.appVersion, 'appVersion', false, 'version-app');
  check(op.kubernetesVersion, 'kubernetesVersion', true, 'version-kubernetes');
  check(op.kudoVersion, 'kudoVersion', false, 'version-kudo');
}

const pipeKey = /^[a-zA-Z0-9_-]+$/;
export const taskKinds = ['Apply', 'Delete', 'Dummy', 'Pipe', 'Toggle', 'KudoOperator'];

/** KUDO's task.Build validation, which the BuildVerifier runs on every task. */
export function taskBuild(pkg: Package, f: Findings): void {
  (pkg.operator.tasks ?? []).forEach((t, i) => {
    const where = pkg.where.task(i);
    const spec = t.spec ?? {};
    const err = (id: string, m: string) => f.error(id, m, where);
    switch (t.kind) {
      case 'Apply':
      case 'Delete':
        if ((spec.resources ?? []).length === 0) {
          err(
            'task-empty-resources',
            `task validation error: ${t.kind.toLowerCase()} task '${t.name ?? ''}' has an empty resource list. if that's what you need, use a Dummy task instead`,
          );
        }
        break;
      case 'Toggle':
        if ((spec.resources ?? []).length === 0) {
          err(
            'task-empty-resources',
            "task validation error: toggle task has an empty resource list. if that's what you need, use a Dummy task instead",
          );
        } else if ((spec.parameter ?? '') === '') {
          err(
            'task-toggle-parameter',
            'task validation error: Missing parameter to evaluate the Toggle Task',
          );
        }
        break;
      case 'Pipe': {
        const pipes = spec.pipe ?? [];
        if (pipes.length === 0) {
          err('task-pipe-empty', 'task validation error: pipe task has an empty pipe files list');
          break;
        }
        for (const p of pipes) {
          const shown = `{${p.file ?? ''} ${p.envFile ?? ''} ${p.kind ?? ''} ${p.key ?? ''}}`;
          if (((p.file ?? '') !== '') === ((p.envFile ?? '') !== '')) {
            err(
              'task-pipe-file',
              `task validation error: pipe file ${shown} must have either 'file' or 'envFile' field set but not both`,
            );
          } else if (p.kind !== 'Secret' && p.kind !== 'ConfigMap') {
            err(
              'task-pipe-kind',
              `task validation error: invalid pipe kind (must be Secret or ConfigMap): ${shown}`,
            );
          } else if (!pipeKey.test(p.key ?? '')) {
            err(
              'task-pipe-key',
              `task validation error: invalid pipe key (only letters, numbers and _ and - are allowed): ${shown}`,
            );
          } else continue;
          break;
        }
        break;
      }
      case 'KudoOperator':
        if ((spec.package ?? '') === '') {
          err(
            'task-kudooperator-package',
            `task validation error: kudo operator task '${t.name ?? ''}' has an empty package name`,
          );
        }
        break;
      case 'Dummy':
        break;
      default:
        err('task-unknown-kind', `unknown task kind ${t.kind ?? ''}`);
    }
  });
}

export function taskReferences(pkg: Package, f: Findings): void {
  const defined = new Set((pkg.operator.tasks ?? []).map((t) => t.name));
  const used = new Set<string>();
  for (const [planName, plan] of Object.entries(pkg.operator.plans ?? {})) {
    for (const phase of plan.phases ?? []) {
      for (const step of phase.steps ?? []) {
        for (const task of step.tasks ?? []) {
          used.add(task);
          if (!defined.has(task)) {
            f.error(
              'plan-task-undefined',
              `task ${q(task)} in plan ${q(planName)} is not defined`,
              pkg.where.plan(planName),
            );
          }
        }
      }
    }
  }
  (pkg.operator.tasks ?? []).forEach((t, i) => {
    if (!used.has(t.name ?? ''))
      f.warning('task-unused', `task ${q(t.name)} defined but not used`, pkg.where.task(i));
  });
}

export function planReferences(pkg: Package, f: Findings): void {
  const plans = pkg.operator.plans ?? {};
  (pkg.params.parameters ?? []).forEach((p, i) => {
    if ((p.trigger ?? '') !== '' && !Object.hasOwn(plans, p.trigger!)) {
      f.error(
        'trigger-plan-undefined',
        `plan ${q(p.trigger)} used in parameter ${q(p.name)} is not defined`,
        pkg.where.parameter(i),
      );
    }
  });
  if (!Object.hasOwn(plans, 'deploy')) {
    f.error(
      'deploy-plan-missing',
      "an operator is required to have 'deploy' plan",
      'operator.yaml',
    );
  }
}

/**
 * kudoapi.ValidateParameterValueForType for a package (YAML-typed) value.
 * Strings are parsed as KUDO parses them (src/model/parameter-values.ts); the
 * messages are KUDO's. Strings for array and map are not parsed here.
 */
export function valueTypeError(type: string | undefined, v: unknown): string | undefined {
  const goV = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
  switch (type) {
    case 'string':
      return typeof v === 'string'
        ? undefined
        : `type is "string" but format is invalid: ${goV(v)}`;
    case 'integer':
    case 'number':
    case 'boolean': {
      const parsed = parseParameterValue(type, (v ?? null) as JsonValue);
      if (parsed.ok) return undefined;
      return typeof v === 'string'
        ? `type is "${type}" but format of ${goQuote(v)} is invalid: ${parsed.goError ?? parsed.problem}`
        : `type is "${type}" but format of ${goV(v)} is invalid`;
    }
    case 'array':
      return Array.isArray(v) || typeof v === 'string'
        ? undefined
        : `type is "array" but value ${goV(v)} is not an array`;
    case 'map':
      return (v !== null && typeof v === 'object' && !Array.isArray(v)) || typeof v === 'string'
        ? undefined
        : `type is "map" but value ${goV(v)} is not a map`;
    default:
      return undefined;
  }
}

const hasDefault = (p: PackageParameter) => p.default !== undefined && p.default !== null;

/** The parameter checks of KUDO's ParametersVerifier that need no template. */
export function parameterDefinitions(pkg: Package, f: Findings): void {
  const params = pkg.params.parameters ?? [];
  params.forEach((p, i) => {
    const where = pkg.where.parameter(i);
    const err = (id: string, reason: string) =>
      f.error(id, `parameter ${q(p.name)} ${reason}`, where);
    if (p.immutable === true && !hasDefault(p) && p.required !== true) {
      err('param-immutable', 'is immutable but is not marked as required or has a default value');
    }
    if (p.enum !== undefined) {
      if (p.enum.length === 0) err('param-enum-empty', 'is an enum but has no allowed values');
      for (const v of p.enum) {
        const e = valueTypeError(p.type, v);
        if (e !== undefined) err('param-enum-invalid', `has an invalid enum value: ${e}`);
      }
    }
    if (hasDefault(p)) {
      const e = valueTypeError(p.type, p.default);
      if (e !== undefined) err('param-default-invalid', `has an invalid default value: ${e}`);
      else if (p.enum !== undefined && !p.enum.some((v) => v === p.default)) {
        err(
          'param-default-invalid',
          `has an invalid default value: value is ${q(String(p.default))}, but only allowed values are [${p.enum.map(String).join(' ')}]`,
        );
      }
    }
    if ((p.group ?? '').includes('/'))
      err('param-group-slash', "has a group with invalid character '/'");
    if (p.advanced === true && !hasDefault(p) && p.required === true) {
      err(
        'param-advanced-required',
        'is marked as advanced, but also as required and has no default. An advanced parameter must either be optional or have a default value',
      );
    }
  });
  const groups = new Set<string>();
  for (const g of pkg.params.groups ?? []) {
    const name = g.name ?? '';
    if (name.includes('/'))
      f.error('group-slash', `group ${q(name)} contains invalid character '/'`, 'params.yaml');
    if (groups.has(name))
      f.error('group-duplicate', `group ${q(name)} is duplicated`, 'params.yaml');
    groups.add(name);
  }
  params.forEach((p, i) => {
    if ((p.group ?? '') !== '' && !groups.has(p.group!)) {
      f.error(
        'param-group-undefined',
        `parameter ${q(p.name)} has a group that is not defined in the group section`,
        pkg.where.parameter(i),
      );
    }
  });
}

/** Templates each task needs: resources, the pipe pod, the KudoOperator parameter file. */
export function requiredTemplates(
  pkg: Package,
): { task: string; index: number; template: string }[] {
  const out: { task: string; index: number; template: string }[] = [];
  (pkg.operator.tasks ?? []).forEach((t, index) => {
    const spec = t.spec ?? {};
    const names =
      t.kind === 'Apply' || t.kind === 'Delete' || t.kind === 'Toggle'
        ? (spec.resources ?? [])
        : t.kind === 'Pipe'
          ? [spec.pod ?? '']
          : t.kind === 'KudoOperator' && (spec.parameterFile ?? '') !== ''
            ? [spec.parameterFile!]
            : [];
    for (const template of names) out.push({ task: t.name ?? '', index, template });
  });
  return out;
}

export function templateReferences(pkg: Package, f: Findings): void {
  const required = requiredTemplates(pkg);
  for (const r of required) {
    if (!Object.hasOwn(pkg.templates, r.template)) {
      f.error(
        'template-undefined',
        `template ${q(r.template)} required by ${r.task} but is not defined`,
        pkg.where.task(r.index),
      );
    }
  }
  const referenced = new Set(required.map((r) => r.template));
  for (const name of Object.keys(pkg.templates)) {
    if (!referenced.has(name) && name !== pkg.operator.namespaceManifest) {
      f.warning(
        'template-unreferenced',
        `template ${q(name)} is not referenced from any task`,
        `templates/${name}`,
      );
    }
  }
}

export function namespaces(pkg: Package, f: Findings): void {
  const manifest = pkg.operator.namespaceManifest ?? '';
  for (const [name, text] of Object.entries(pkg.templates)) {
    if (name === manifest) continue;
    if (/kind:\s*Namespace/.test(text)) {
      f.error(
        'template-kind-namespace',
        `template ${q(name)} contains 'kind: Namespace' not allowed unless specified as 'NamespaceManifest'`,
        `templates/${name}`,
      );
    }
  }
  if (manifest === '') return;
  const text = pkg.templates[manifest];
  if (text === undefined) {
    f.error(
      'namespace-manifest-missing',
      `NamespaceManifest ${q(manifest)} not found in /templates folder`,
      'operator.yaml',
    );
    return;
  }
  const parsed = splitManifests(text);
  if (!parsed.ok) {
    f.error(
      'namespace-manifest-unparsable',
      `Unable to marshal NamespaceManifest ${q(manifest)} `,
      `templates/${manifest}`,
    );
    return;
  }
  const count = parsed.objects.length;
  if (count === 0) {
    f.error(
      'namespace-manifest-empty',
      `NamespaceManifest ${q(manifest)} found but does not contain a manifest`,
      `templates/${manifest}`,
    );
  } else if (count === 1) {
    if (parsed.objects[0]!.kind !== 'Namespace') {
      f.error(
        'namespace-manifest-kind',
        `NamespaceManifest ${q(manifest)} found but manifest is not kind: Namespace`,
        `templates/${manifest}`,
      );
    }
  } else {
    f.error(
      'namespace-manifest-multiple',
      `NamespaceManifest ${q(manifest)} found but contains ${count} manifests which is greater than 1`,
      `templates/${manifest}`,
    );
  }
}

export type { Finding };
