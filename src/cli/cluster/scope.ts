// Which parent kind `maestro install` creates: a ClusterInstance when the
// package, with the parameters given, renders a cluster-scoped object (a
// CustomResourceDefinition, ClusterRole, ClusterRoleBinding, webhook
// configuration, ...), else a namespaced Instance (docs/cli.md, "Cluster-scoped
// packages"). Pure: the package and the values come in, the findings go out.
import { parseAllDocuments } from 'yaml';
import { isClusterScoped } from '../../engine/child-guards.ts';
import { goParseBool } from '../../model/parameter-values.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { renderRaw } from '../../package/render/index.ts';
import { templateSupport } from '../../package/template-engine.ts';
import type { Package } from '../../package/types.ts';
import { renderedKinds } from '../manifests/child-kinds.ts';

export interface ClusterScopedFinding {
  /** The template under templates/. */
  file: string;
  apiVersion: string;
  kind: string;
  /** metadata.name as rendered; absent when the file did not render and only its header was read. */
  name?: string;
}

/** KUDO's string form of a parameter value for the template render (YAML accepts JSON). */
function asKudoString(v: JsonValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The templates tasks create objects from with these values: Apply resources,
 * and Toggle resources when the Toggle's parameter reads true (Go's
 * strconv.ParseBool, as KUDO and the engine read it; a value that is not a
 * boolean counts as on). A Pipe's pod becomes a Job; Delete creates nothing.
 */
function creatingTemplates(pkg: Package, values: Readonly<Record<string, string>>): string[] {
  const defaults = new Map(
    (pkg.params.parameters ?? []).map((p) => [p.name ?? '', asKudoString(p.default ?? null)]),
  );
  const files = new Set<string>();
  for (const t of pkg.operator.tasks ?? []) {
    if (t.kind === 'Delete' || t.kind === 'Pipe') continue;
    if (t.kind === 'Toggle') {
      const param = t.spec?.parameter ?? '';
      const on = goParseBool(values[param] ?? defaults.get(param) ?? '');
      if ('value' in on && !on.value) continue;
    }
    for (const r of t.spec?.resources ?? []) if (r in pkg.templates) files.add(r);
  }
  return [...files].sort();
}

/**
 * The cluster-scoped objects the package renders with these values, template
 * by template, as `render --raw` renders them for the deploy plan. A template
 * that does not render (it needs a plan's own variables, or a value is
 * missing) counts with the kinds its header names, so a package is never
 * installed namespaced because a render failed.
 */
export function clusterScopedObjects(
  pkg: Package,
  params: Readonly<Record<string, JsonValue>>,
  o: { instance: string; namespace: string },
): ClusterScopedFinding[] {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const s = asKudoString(v);
    if (s !== undefined) values[k] = s;
  }
  const files = creatingTemplates(pkg, values);
  const plan = pkg.operator.plans?.deploy;
  const phase = plan?.phases?.[0];
  const raw = renderRaw(pkg, templateSupport(), {
    instance: o.instance,
    namespace: o.namespace,
    plan: 'deploy',
    phase: phase?.name ?? '',
    step: phase?.steps?.[0]?.name ?? '',
    values,
  });
  const out: ClusterScopedFinding[] = [];
  for (const file of files) {
    const r =
      'error' in raw && typeof raw.error === 'string'
        ? undefined
        : (raw as Record<string, { ok: boolean; out?: string }>)[file];
    if (r?.ok === true && r.out !== undefined) {
      for (const doc of parseAllDocuments(r.out)) {
        if (doc.errors.length > 0) continue;
        const obj = doc.toJS() as {
          apiVersion?: unknown;
          kind?: unknown;
          metadata?: { name?: unknown };
        } | null;
        if (obj === null || typeof obj !== 'object') continue;
        if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') continue;
        if (!isClusterScoped(obj.apiVersion, obj.kind)) continue;
        out.push({
          file,
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          ...(typeof obj.metadata?.name === 'string' && { name: obj.metadata.name }),
        });
      }
      continue;
    }
    for (const k of renderedKinds(pkg.templates[file] ?? '')) {
      if (isClusterScoped(k.apiVersion, k.kind)) out.push({ file, ...k });
    }
  }
  return out;
}

/** `ClusterRole demo-reader (templates/role.yaml)`, for the install message. */
export function describeFinding(f: ClusterScopedFinding): string {
  return `${f.kind}${f.name !== undefined ? ` ${f.name}` : ''} (${f.file})`;
}
