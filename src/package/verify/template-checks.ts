// The checks that parse or render templates: KUDO's template part of the
// ParametersVerifier and its RenderVerifier, and Maestro's own warnings about
// what the rendered objects do (a foreign namespace, cluster-scoped kinds).
import { splitManifests } from '../manifests.ts';
import type { Package } from '../types.ts';
import { implicitNames, paramsMap, pipesMap, templateVariables } from '../variables.ts';
import { packageResources } from '../resources.ts';
import type { Findings } from './kudo-checks.ts';
import { scanTemplate, type TemplateUse } from './template-scan.ts';
import type { TemplateSupport } from './template-support.ts';
import { clusterScopedCustomKinds, isClusterScopedKind } from '../cluster-scoped.ts';

const q = (s: string | undefined) => JSON.stringify(s ?? '');

/** Where a Go template error points: `template: NAME:LINE:COL: ...` or `NAME:LINE:`. */
function errorPosition(name: string, error: string): string {
  const m = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)(?::(\\d+))?:`).exec(
    error,
  );
  return m === null ? `templates/${name}` : `templates/${name}:${m[1]}${m[2] ? `:${m[2]}` : ''}`;
}

/**
 * Go's parse errors give a line only. The column is found on that line: where
 * the quoted token of the message (`function "x" not defined`, `unexpected
 * "}"`) first appears, else at the line's first action. For `unexpected EOF`
 * it is the end of the text.
 */
export function parseErrorPosition(name: string, text: string, error: string): string {
  const m = /:(\d+): (.*)$/s.exec(error);
  if (m === null) return `templates/${name}`;
  const lines = text.split('\n');
  let line = Number(m[1]);
  const message = m[2]!;
  let column: number | undefined;
  if (/unexpected EOF/.test(message)) {
    line = lines.length;
    column = (lines[line - 1] ?? '').length + 1;
  } else {
    const lineText = lines[line - 1] ?? '';
    const quoted = /"((?:[^"\\]|\\.)*)"|<([^>]*)>/.exec(message);
    const token = quoted?.[1] ?? quoted?.[2];
    const at = token ? lineText.indexOf(token) : -1;
    const action = lineText.indexOf('{{');
    column = at >= 0 ? at + 1 : action >= 0 ? action + 1 : undefined;
  }
  return `templates/${name}:${line}${column === undefined ? '' : `:${column}`}`;
}

export function templateParameters(pkg: Package, f: Findings, support: TemplateSupport): void {
  const uses = new Map<string, TemplateUse>();
  const parseErrors: [string, string][] = [];
  for (const [name, text] of Object.entries(pkg.templates)) {
    const parsed = support.parse(name, text);
    if (parsed.ok) uses.set(name, scanTemplate(parsed.root));
    else parseErrors.push([name, parsed.error]);
  }
  const params = pkg.params.parameters ?? [];
  const declared = new Set(params.map((p) => p.name ?? ''));
  for (const [name, use] of uses) {
    for (const p of [...(use.roots.get('Params') ?? [])].sort()) {
      if (!declared.has(p)) {
        f.error(
          'template-param-undefined',
          `parameter ${q(p)} in template ${name} is not defined`,
          `templates/${name}`,
        );
      }
    }
  }
  toggleParameters(pkg, f);
  const used = new Set<string>();
  for (const use of uses.values()) for (const p of use.roots.get('Params') ?? []) used.add(p);
  for (const t of pkg.operator.tasks ?? [])
    if (t.kind === 'Toggle') used.add(t.spec?.parameter ?? '');
  params.forEach((p, i) => {
    if (!used.has(p.name ?? '') && (p.trigger ?? '') === '') {
      f.warning(
        'param-unused',
        `parameter ${q(p.name)} defined but not used.`,
        pkg.where.parameter(i),
      );
    }
  });
  for (const [name, error] of parseErrors) {
    f.error(
      'template-parse',
      `template file ${q(name)} reports the following error: ${error}`,
      parseErrorPosition(name, pkg.templates[name] ?? '', error),
    );
  }
  for (const [name, use] of uses) {
    for (const implicit of [...use.implicits].sort()) {
      if (!implicitNames.has(implicit)) {
        f.error(
          'template-implicit',
          `template ${name} defines an invalid implicit parameter ${q(implicit)}`,
          `templates/${name}`,
        );
      }
    }
  }
}

export function toggleParameters(pkg: Package, f: Findings): void {
  const declared = new Set((pkg.params.parameters ?? []).map((p) => p.name ?? ''));
  (pkg.operator.tasks ?? []).forEach((t, i) => {
    const p = t.spec?.parameter ?? '';
    if (t.kind === 'Toggle' && p !== '' && !declared.has(p)) {
      f.error(
        'toggle-param-undefined',
        `parameter ${q(p)} in ToggleTask ${t.name ?? ''} is not defined`,
        pkg.where.task(i),
      );
    }
  });
}

/** KUDO's RenderVerifier: every template renders with the defaults, and parses as Kubernetes YAML. */
export function renderTemplates(pkg: Package, f: Findings, support: TemplateSupport): void {
  const ov = packageResources(pkg).operatorVersion.spec!;
  const params = paramsMap(ov.parameters ?? [], {});
  if (!params.ok) {
    f.error('template-render', params.error, 'params.yaml');
    return;
  }
  const pipes: Record<string, string> = {};
  for (const [planName, plan] of Object.entries(pkg.operator.plans ?? {})) {
    const p = pipesMap('', planName, plan, pkg.operator.tasks ?? []);
    if (!p.ok) {
      f.error('template-render', p.error, pkg.where.plan(planName));
      return;
    }
    Object.assign(pipes, p.pipes);
  }
  const data = templateVariables({
    operatorName: 'OperatorName',
    name: 'Name',
    namespace: 'Namespace',
    appVersion: 'AppVersion',
    operatorVersion: 'OperatorVersion',
    planName: 'PlanName',
    phaseName: 'PhaseName',
    stepName: 'StepName',
    params: params.params,
    pipes,
  });
  const parameterFiles = new Set(
    (pkg.operator.tasks ?? [])
      .filter((t) => t.kind === 'KudoOperator')
      .map((t) => t.spec?.parameterFile),
  );
  const renderedObjects: { name: string; objects: Record<string, unknown>[] }[] = [];
  for (const [name, text] of Object.entries(pkg.templates)) {
    const rendered = support.render(name, text, data);
    if (!rendered.ok) {
      if (support.parse(name, text).ok) {
        f.error(
          'template-render',
          `error rendering template: ${rendered.error}`,
          errorPosition(name, rendered.error),
        );
      }
      continue;
    }
    if (parameterFiles.has(name)) continue;
    const objects = splitManifests(rendered.out);
    if (!objects.ok) {
      f.error(
        'template-yaml',
        `parsing rendered YAML from ${name} failed: ${objects.error}`,
        `templates/${name}`,
      );
      continue;
    }
    renderedObjects.push({ name, objects: objects.objects });
  }
  // Custom kinds of the package's own CRDs that say scope: Cluster are cluster-scoped too.
  const customKinds = clusterScopedCustomKinds(renderedObjects.flatMap((r) => r.objects));
  for (const { name, objects } of renderedObjects) {
    for (const obj of objects) {
      const meta = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
      const kind = String(obj.kind);
      const id = `${kind} ${q(String(meta.name ?? ''))}`;
      if (isClusterScopedKind(kind, customKinds)) {
        f.warning(
          'cluster-scoped',
          `template ${q(name)} renders the cluster-scoped ${id}: install the package as a ClusterInstance (maestro install, simulate and render pick it by themselves); a namespaced Instance cannot own it (Metacontroller never observes a cluster-scoped child of a namespaced parent), so its step would fail; docs/packages.md, "Cluster-scoped children"`,
          `templates/${name}`,
        );
      } else if (meta.namespace !== undefined && meta.namespace !== 'Namespace') {
        f.warning(
          'foreign-namespace',
          `template ${q(name)} sets metadata.namespace ${q(String(meta.namespace))} on ${id}: it is overwritten with the instance's namespace (a ClusterInstance's spec.namespace), as KUDO does`,
          `templates/${name}`,
        );
      }
    }
  }
  ownCustomResources(renderedObjects, f);
}

/**
 * Maestro: objects of a custom kind whose CRD the package renders itself.
 * Metacontroller starts a CompositeController only once every declared child
 * type is served, so the package's controller never starts and never creates
 * that CRD (KUDO applied the CRD first, then its custom resources).
 */
function ownCustomResources(
  rendered: readonly { name: string; objects: Record<string, unknown>[] }[],
  f: Findings,
): void {
  const crds = new Map<string, string>();
  for (const { objects } of rendered)
    for (const obj of objects) {
      if (obj.kind !== 'CustomResourceDefinition') continue;
      const spec = (obj.spec ?? {}) as { group?: unknown; names?: { kind?: unknown } };
      const name = (obj.metadata as { name?: unknown } | undefined)?.name;
      if (typeof spec.group === 'string' && typeof spec.names?.kind === 'string')
        crds.set(`${spec.group}/${spec.names.kind}`, String(name ?? ''));
    }
  if (crds.size === 0) return;
  for (const { name, objects } of rendered)
    for (const obj of objects) {
      const apiVersion = String(obj.apiVersion ?? '');
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const crd = crds.get(`${group}/${String(obj.kind)}`);
      if (crd === undefined) continue;
      const meta = (obj.metadata ?? {}) as { name?: unknown };
      f.warning(
        'own-custom-resources',
        `template ${q(name)} renders ${String(obj.kind)} ${q(String(meta.name ?? ''))} (${apiVersion}), a custom resource of the CRD ${q(crd)} that this package creates itself: Metacontroller starts the package's controller only when every child type is served, so it never starts and never creates that CRD; move the CRDs into a package of their own that is installed first (or whose plan installs this one as a KudoOperator task after them); docs/packages.md, "Custom resources of the package's own CRDs"`,
        `templates/${name}`,
      );
    }
}

/** Maestro: plans that no parameter triggers and that the engine never picks by itself. */
export function unreachablePlans(pkg: Package, f: Findings): void {
  const triggered = new Set((pkg.params.parameters ?? []).map((p) => p.trigger ?? ''));
  for (const planName of Object.keys(pkg.operator.plans ?? {}).sort()) {
    if (['deploy', 'update', 'upgrade', 'cleanup'].includes(planName) || triggered.has(planName))
      continue;
    f.warning(
      'plan-untriggered',
      `plan ${q(planName)} is not the trigger of any parameter: it runs only when triggered by hand`,
      pkg.where.plan(planName),
    );
  }
}
