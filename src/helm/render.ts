// A Helm 3 chart rendered by Maestro's own Go text/template engine (src/template,
// with sprig), as `helm template` renders it: values.yaml coalesced with the
// given values and checked against values.schema.json, the built-in objects
// (.Values, .Release, .Chart, .Capabilities, .Template), Helm's functions
// (include, required, toYaml, fromYaml, toJson, lookup; tpl is not offered),
// every template file of templates/ except partials (`_*`) and NOTES.txt, split
// into YAML documents and sorted in Helm's install order.
//
// It exists so that `maestro manifests --install` and `maestro init` produce
// exactly the chart's objects from the chart's own templates: one source
// (docs/manifests.md). test/chart/helm.test.ts compares it with real helm.
// Pure: the chart's files, the random source and the clock come from the caller.
import { Ajv } from 'ajv';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { MaestroError } from '../errors.ts';
import { createEngine } from '../template/engine.ts';
import {
  FuncError,
  goFunc,
  type FuncMap,
  type GoFunc,
  type RandomSource,
} from '../template/funcs.ts';
import { sprigFuncMap } from '../template/sprig/index.ts';
import { toYaml } from '../template/sprig/yaml.ts';
import { GoObject, type GoValue, type Kind } from '../template/value.ts';
import type { KubeVersion } from '../engine/served-apis.ts';
import { apiVersionsOf } from '../engine/served-apis.ts';

export interface ChartFiles {
  /** Paths relative to the chart's folder ('Chart.yaml', 'templates/x.yaml'), to text. */
  [path: string]: string;
}

/** Helm's lookup: the live object, or undefined (then the template sees an empty map). */
export type Lookup = (
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
) => Record<string, unknown> | undefined;

export interface RenderOptions {
  releaseName: string;
  namespace: string;
  /** User values, coalesced over values.yaml (null removes a key). */
  values?: Record<string, unknown>;
  /** The target cluster's version (Helm's .Capabilities.KubeVersion); default 1.20.0 as helm 3.5. */
  kubeVersion?: { major: number; minor: number; patch?: number };
  /** Extra "group/version[/Kind]" entries of .Capabilities.APIVersions (helm --api-versions). */
  apiVersions?: readonly string[];
  /** Without it, lookup answers an empty map, as `helm template` does. */
  lookup?: Lookup;
  isUpgrade?: boolean;
  /** Random source for generated keys and tokens (a cryptographic one outside tests). */
  random?: () => RandomSource;
  /** Clock for certificates: nanoseconds since the epoch. */
  now?: () => bigint;
  /** Also render NOTES.txt. */
  notes?: boolean;
}

export interface RenderedManifest {
  /** The template file it came from: 'templates/deployment.yaml'. */
  source: string;
  object: Record<string, unknown>;
}

export interface RenderedChart {
  manifests: RenderedManifest[];
  notes?: string;
}

function fail(message: string): never {
  throw new MaestroError('MAESTRO_CHART_RENDER', message);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm's coalesce: user values win; maps merge key by key; a null removes the key. */
export function coalesceValues(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = coalesceValues(out[k], v);
    else out[k] = v;
  }
  return out;
}

/** .Capabilities.APIVersions: a Go value with Helm's `Has` method. */
class VersionSet extends GoObject {
  readonly goType = 'chartutil.VersionSet';
  readonly goKind: Kind = 'slice';
  constructor(private readonly entries: ReadonlySet<string>) {
    super();
  }
  override method(name: string): GoFunc | undefined {
    if (name !== 'Has') return undefined;
    return goFunc('Has', 'func(apiVersion string) bool', (_ctx, v: string) => this.entries.has(v));
  }
}

const CHART_FIELDS: Record<string, string> = {
  apiVersion: 'APIVersion',
  name: 'Name',
  version: 'Version',
  appVersion: 'AppVersion',
  description: 'Description',
  type: 'Type',
  kubeVersion: 'KubeVersion',
  home: 'Home',
  keywords: 'Keywords',
  icon: 'Icon',
};

/** Helm's install order of kinds (releaseutil.InstallOrder); others go last. */
export const INSTALL_ORDER = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'Ingress',
  'APIService',
];

function helmFuncs(lookup: Lookup | undefined): FuncMap {
  return {
    include: goFunc(
      'include',
      'func(name string, data interface{}) (string, error)',
      (ctx, name: string, data: GoValue) => ctx.execTemplate(name, data),
    ),
    required: goFunc(
      'required',
      'func(warn string, val interface{}) (interface{}, error)',
      (_ctx, warn: string, val: GoValue) => {
        if (val === null || val === undefined || val === '') throw new FuncError(warn);
        return val;
      },
    ),
    // Helm's toYaml trims the final newline; an error gives "".
    toYaml: goFunc('toYaml', 'func(v interface{}) string', (ctx, v: GoValue) =>
      toYaml(ctx, v).replace(/\n$/, ''),
    ),
    fromYaml: goFunc('fromYaml', 'func(str string) map[string]interface {}', (_ctx, s: string) => {
      try {
        const v: unknown = parseYaml(s);
        return (isMap(v) ? v : {}) as GoValue;
      } catch (err) {
        return { Error: (err as Error).message };
      }
    }),
    lookup: goFunc(
      'lookup',
      'func(apiversion string, resource string, namespace string, name string) (map[string]interface {}, error)',
      (_ctx, apiVersion: string, kind: string, namespace: string, name: string) =>
        (lookup?.(apiVersion, kind, namespace, name) ?? {}) as GoValue,
    ),
  };
}

function templateFiles(files: ChartFiles): string[] {
  return Object.keys(files)
    .filter((p) => p.startsWith('templates/'))
    .sort();
}

/** Renders a chart as `helm template` would (see the module comment). */
export function renderChart(files: ChartFiles, options: RenderOptions): RenderedChart {
  const chartYaml = files['Chart.yaml'];
  if (chartYaml === undefined) fail('Chart.yaml is missing');
  const meta = parseYaml(chartYaml) as Record<string, unknown>;
  const chartName = String(meta.name ?? '');
  const defaults = (parseYaml(files['values.yaml'] ?? '') ?? {}) as Record<string, unknown>;
  const values = coalesceValues(defaults, options.values ?? {});

  const schemaText = files['values.schema.json'];
  if (schemaText !== undefined) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(schemaText) as object);
    if (!validate(values)) {
      const problems = (validate.errors ?? []).map(
        (e) => `${e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)'}: ${e.message}`,
      );
      fail(`values don't meet the specifications of the schema: ${problems.join('; ')}`);
    }
  }

  const kv = options.kubeVersion ?? { major: 1, minor: 20, patch: 0 };
  const version = `v${kv.major}.${kv.minor}.${kv.patch ?? 0}`;
  const apiVersions = new Set([
    ...apiVersionsOf(kv as KubeVersion),
    ...(options.apiVersions ?? []),
  ]);
  const chart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) chart[CHART_FIELDS[k] ?? k] = v;

  const engine = createEngine({
    funcs: { ...withoutEnv(sprigFuncMap()), ...helmFuncs(options.lookup) },
    missingkey: 'zero',
    ...(options.random ? { random: options.random } : {}),
    ...(options.now ? { now: options.now } : {}),
    // Key generation is heavy; an install render is the operator's own, not a tenant's.
    budget: { steps: 50_000_000 },
  });

  const names = templateFiles(files);
  const prefix = `${chartName}/`;
  let set;
  try {
    set = engine.parseFiles(names.map((p) => ({ name: prefix + p, text: files[p]! })));
  } catch (err) {
    fail(`parse error: ${(err as Error).message}`);
  }
  // One root map shared by every template, as Helm shares it within a chart.
  const root: Record<string, unknown> = {
    Values: values,
    Release: {
      Name: options.releaseName,
      Namespace: options.namespace,
      IsInstall: !options.isUpgrade,
      IsUpgrade: options.isUpgrade === true,
      Revision: 1,
      Service: 'Helm',
    },
    Chart: chart,
    Capabilities: {
      KubeVersion: {
        Version: version,
        Major: String(kv.major),
        Minor: String(kv.minor),
        GitVersion: version,
      },
      APIVersions: new VersionSet(apiVersions),
    },
    Files: {},
  };
  const manifests: RenderedManifest[] = [];
  let notes: string | undefined;
  for (const path of names) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const isNotes = path === 'templates/NOTES.txt';
    if (base.startsWith('_') || (isNotes && !options.notes)) continue;
    root.Template = { Name: prefix + path, BasePath: `${prefix}templates` };
    const r = engine.tryExecute(set, prefix + path, root as GoValue);
    if (!r.ok) fail(r.err);
    const out = r.out.replaceAll('<no value>', '');
    if (isNotes) {
      notes = out;
      continue;
    }
    for (const doc of out.split(/(?:^|\s*\n)---\s*/)) {
      if (doc.trim() === '') continue;
      const parsed = parseAllDocuments(doc);
      for (const d of Array.isArray(parsed) ? parsed : [parsed]) {
        if (d.errors.length > 0) fail(`${path}: YAML parse error: ${d.errors[0]!.message}`);
        const object: unknown = d.toJS();
        if (object === null || object === undefined) continue;
        if (!isMap(object) || typeof object.kind !== 'string') {
          fail(`${path}: a rendered document is not a Kubernetes object (no kind)`);
        }
        manifests.push({ source: path, object });
      }
    }
  }
  // Known kinds in install order, then unknown kinds alphabetically; the same
  // kind keeps the order of the files (a stable sort, as Helm's kind sorter).
  const rank = (kind: unknown) => INSTALL_ORDER.indexOf(String(kind));
  manifests.sort((a, b) => {
    const [ka, kb] = [String(a.object.kind), String(b.object.kind)];
    const [ra, rb] = [rank(ka), rank(kb)];
    if (ra < 0 && rb < 0) return ka < kb ? -1 : ka > kb ? 1 : 0;
    if (ra < 0) return 1;
    if (rb < 0) return -1;
    return ra - rb;
  });
  return notes === undefined ? { manifests } : { manifests, notes };
}

/** Helm removes sprig's env and expandenv: a chart must not read the renderer's environment. */
function withoutEnv(funcs: FuncMap): FuncMap {
  const { env: _env, expandenv: _expandenv, ...rest } = funcs;
  return rest;
}
