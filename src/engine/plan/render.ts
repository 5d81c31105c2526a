// Rendering one step of a plan: its tasks' templates with the step's own
// .PlanName/.PhaseName/.StepName, KUDO's post-processing (labels,
// annotations, namespace forced to the instance's, or to a ClusterInstance's
// spec.namespace), Maestro's guards (declared child types with vetted
// apiVersion aliases, no cluster-scoped kinds under a namespaced Instance, no
// duplicate identities) and the
// dependency hash on pod templates. Every failure names the template.

import { parse } from 'yaml';
import {
  operatorVersionName,
  labels as labelKeys,
  kudoAnnotations,
  V1,
} from '../../model/names.ts';
import { clusterScopedCustomKinds, isClusterScopedKind } from '../../package/cluster-scoped.ts';
import { splitManifests } from '../../package/manifests.ts';
import { enhance } from '../../package/render/enhance.ts';
import { templateVariables } from '../../package/variables.ts';
import { resolveDeclaredApiVersion } from '../api-versions.ts';
import type { DeclaredType } from '../api-versions.ts';
import { bodyHash, GENERATED_ANNOTATION } from '../provenance.ts';
import { describeIdentity, identityKey, identityOf } from '../identity.ts';
import { isRecord } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import type { InstanceRef } from './types.ts';
import { kudoString } from './params.ts';
import type { OperatorVersionView, OvTask } from './ov.ts';
import { renderTemplate } from './template.ts';
import { addDependencyHashes } from './dependency-hash.ts';
import { toStoredForm } from '../stored-form.ts';
import { pipesOfPlan, renderPipeTask } from '../pipe/index.ts';
import type { PipeRender } from '../pipe/index.ts';
import { goParseBool } from '../../model/parameter-values.ts';
import { setOwn } from '../../model/clone.ts';
import { goYaml } from '../../model/go-yaml.ts';

export interface StepContext {
  instanceName: string;
  /** The namespace of namespaced children: the Instance's, or a ClusterInstance's spec.namespace. */
  namespace: string;
  /** The parent is a ClusterInstance: cluster-scoped children are allowed. */
  clusterParent?: boolean;
  /**
   * Custom kinds the observed CRDs declare `scope: Cluster` (sorted): their
   * objects get no namespace. CRDs rendered earlier in the same step add theirs.
   */
  clusterKinds?: readonly string[];
  instanceUid: string;
  plan: string;
  phase: string;
  step: string;
  /** KUDO's ParamsMap of the execution's snapshot. */
  params: Record<string, unknown>;
  /** `now` for templates: the execution's recorded start. */
  nowMs: number;
  declared: readonly DeclaredType[];
  /** The active execution: names a Pipe task's Job. */
  execution?: string;
  /** The `maestro pipe publish` image for Pipe tasks. */
  pipeImage?: string;
  /** A rotate request's uid: salts the random seed and is the generated mark's value. */
  rotation?: string;
}

/** The instance's part of a step's context: its name, uid and where its children go. */
export function instanceContext(
  instance: InstanceRef,
): Pick<
  StepContext,
  'instanceName' | 'namespace' | 'clusterParent' | 'clusterKinds' | 'instanceUid'
> {
  return {
    instanceName: instance.name,
    namespace: instance.namespace,
    ...(instance.clusterParent === true && { clusterParent: true }),
    ...(instance.clusterKinds !== undefined &&
      instance.clusterKinds.length > 0 && { clusterKinds: instance.clusterKinds }),
    instanceUid: instance.uid,
  };
}

export interface RenderedObject {
  body: KObject;
  task: string;
  template: string;
  /** bodyHash(body): what the child's maestro.dev/hash must say once applied. */
  hash: string;
  /** Its template drew from the random source; the body carries GENERATED_ANNOTATION. */
  generated?: boolean;
}

export type TaskMode = 'apply' | 'delete' | 'dummy' | 'pipe';

export interface RenderedTask {
  task: string;
  kind: string;
  mode: TaskMode;
  objects: RenderedObject[];
  /** Dummy: whether it finishes. */
  done?: boolean;
  /** Pipe: artifacts and runner (objects holds the artifacts, then the runner). */
  pipe?: PipeRender & { runnerKeys: string[] };
}

export interface StepFailure {
  fatal: boolean;
  message: string;
}

export type RenderedStep =
  { ok: true; tasks: RenderedTask[] } | { ok: false; failure: StepFailure };

const fatal = (message: string): RenderedStep => ({ ok: false, failure: { fatal: true, message } });

export function renderStep(
  ov: OperatorVersionView,
  taskNames: readonly string[],
  c: StepContext,
): RenderedStep {
  const data = templateVariables({
    operatorName: ov.operatorName,
    name: c.instanceName,
    namespace: c.namespace,
    appVersion: ov.appVersion,
    operatorVersion: ov.version,
    planName: c.plan,
    phaseName: c.phase,
    stepName: c.step,
    params: c.params,
    pipes: pipesOfPlan(ov, c.instanceName, c.plan),
  });
  const where = `${c.plan}.${c.phase}.${c.step}`;
  const tasks: RenderedTask[] = [];
  // Grows as the step renders CRDs that say scope: Cluster.
  const clusterKinds = new Set(c.clusterKinds ?? []);
  for (const taskName of taskNames) {
    const task = ov.tasks.get(taskName);
    if (!task) return fatal(`${where}: task ${taskName} is not defined in ${ov.name}`);
    const at = `${where}.${taskName}`;
    switch (task.kind) {
      case 'Dummy': {
        if (task.spec.wantErr) {
          return {
            ok: false,
            failure: { fatal: task.spec.fatal === true, message: `${at}: dummy error` },
          };
        }
        tasks.push({
          task: taskName,
          kind: 'Dummy',
          mode: 'dummy',
          objects: [],
          done: task.spec.done !== false,
        });
        continue;
      }
      case 'Pipe': {
        const podFile = task.spec.pod ?? '';
        const r = renderPipeTask({
          ref: {
            instance: c.instanceName,
            plan: c.plan,
            phase: c.phase,
            step: c.step,
            task: taskName,
          },
          namespace: c.namespace,
          execution: c.execution,
          image: c.pipeImage,
          podFile,
          pipe: task.spec.pipe,
          render: (file) => {
            const text = ov.templates[file];
            if (text === undefined)
              return { ok: false, error: `template ${file} is not in ${ov.name}` };
            return renderTemplate(file, text, data, seedOf(c));
          },
          guard: (raw) => guard(raw, podFile, c, ov, clusterKinds),
        });
        if (!r.ok) return fatal(`${at}: ${r.error}`);
        const objects = [...r.artifactObjects, ...r.runnerObjects].map((body) => ({
          body,
          task: taskName,
          template: podFile,
          hash: '',
        }));
        tasks.push({
          task: taskName,
          kind: 'Pipe',
          mode: 'pipe',
          objects,
          pipe: { ...r.render, runnerKeys: r.runnerObjects.map((b) => identityKey(identityOf(b))) },
        });
        continue;
      }
      case 'KudoOperator': {
        const child = childInstance(ov, task, c, data);
        if (typeof child === 'string') return fatal(`${at}: ${child}`);
        tasks.push({
          task: taskName,
          kind: 'KudoOperator',
          mode: 'apply',
          objects: [
            { body: child, task: taskName, template: task.spec.parameterFile ?? '', hash: '' },
          ],
        });
        continue;
      }
      case 'Apply':
      case 'Delete':
      case 'Toggle': {
        const r = renderManifests(ov, task, taskName, at, c, data, clusterKinds);
        if (!('task' in r)) return r;
        tasks.push(r);
        continue;
      }
      default:
        return fatal(`${at}: unknown task kind ${JSON.stringify(task.kind)}`);
    }
  }
  // Duplicate identities within a step: Metacontroller would keep only the last.
  const seen = new Map<string, RenderedObject>();
  for (const t of tasks) {
    if (t.mode !== 'apply' && t.mode !== 'pipe') continue;
    for (const o of t.objects) {
      const key = identityKey(identityOf(o.body));
      const first = seen.get(key);
      if (first) {
        return fatal(
          `${where}: ${describeIdentity(identityOf(o.body))} is rendered by both ${first.template} (task ${first.task}) and ${o.template} (task ${o.task})`,
        );
      }
      seen.set(key, o);
    }
  }
  // As the API server stores them (stored-form.ts), before any hash is taken.
  for (const t of tasks) for (const o of t.objects) o.body = toStoredForm(o.body);
  addDependencyHashes(tasks);
  for (const t of tasks) for (const o of t.objects) o.hash = bodyHash(o.body);
  return { ok: true, tasks };
}

const cache = new Map<string, RenderedStep>();
const CACHE_SIZE = 256;

/**
 * renderStep, memoised: a step's render is a pure function of the
 * OperatorVersion's spec (named by its digest), the step, the parameter
 * snapshot and the context. Metacontroller calls sync again and again with
 * the same inputs while a step waits for health, so most renders are
 * repeats. Results are shared: callers never mutate them.
 */
export function renderStepCached(
  ov: OperatorVersionView,
  taskNames: readonly string[],
  c: StepContext,
): RenderedStep {
  const key = JSON.stringify([
    ov.fingerprint,
    taskNames,
    c.instanceName,
    c.namespace,
    c.clusterParent === true,
    c.clusterKinds ?? [],
    c.instanceUid,
    c.plan,
    c.phase,
    c.step,
    c.nowMs,
    c.declared,
    c.params,
    c.execution,
    c.pipeImage,
    c.rotation,
  ]);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const r = renderStep(ov, taskNames, c);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, r);
  return r;
}

const seedOf = (c: StepContext) => ({
  instanceUid: c.instanceUid,
  nowMs: c.nowMs,
  ...(c.rotation !== undefined && { rotation: c.rotation }),
});

/** An Apply, Delete or Toggle task: its resources rendered, guarded and split into objects. */
function renderManifests(
  ov: OperatorVersionView,
  task: OvTask,
  taskName: string,
  at: string,
  c: StepContext,
  data: ReturnType<typeof templateVariables>,
  clusterKinds: Set<string>,
): RenderedTask | RenderedStep {
  let mode: TaskMode = task.kind === 'Delete' ? 'delete' : 'apply';
  if (task.kind === 'Toggle') {
    const param = task.spec.parameter ?? '';
    const value = c.params[param];
    if (value === undefined) return fatal(`${at}: Toggle parameter ${param} is not declared`);
    const text = kudoString(value);
    // A Toggle reads its parameter with Go's strconv.ParseBool, as KUDO does.
    const on = goParseBool(text);
    if ('value' in on) mode = on.value ? 'apply' : 'delete';
    else return fatal(`${at}: Toggle parameter ${param} is ${JSON.stringify(text)}, not a boolean`);
  }
  const objects: RenderedObject[] = [];
  for (const file of task.spec.resources ?? []) {
    const text = ov.templates[file];
    if (text === undefined) return fatal(`${at}: template ${file} is not in ${ov.name}`);
    const r = renderTemplate(file, text, data, seedOf(c));
    if (!r.ok) return fatal(`${at}: ${r.error}`);
    const parsed = splitManifests(r.out);
    if (!parsed.ok)
      return fatal(`${at}: ${file}: the rendered YAML does not parse: ${parsed.error}`);
    for (const kind of clusterScopedCustomKinds(parsed.objects)) clusterKinds.add(kind);
    for (const raw of parsed.objects) {
      // Nothing to delete: a namespaced Instance never owns a cluster-scoped object
      // (kafka's external-access Toggle, off by default, lists a ClusterRole).
      if (mode === 'delete' && namespacedParent(c) && isClusterScopedKind(raw.kind, clusterKinds))
        continue;
      const guarded = guard(raw, file, c, ov, clusterKinds);
      if (typeof guarded === 'string') return fatal(`${at}: ${guarded}`);
      if (r.generated && mode === 'apply') {
        guarded.metadata.annotations = {
          ...(guarded.metadata.annotations ?? {}),
          [GENERATED_ANNOTATION]: c.rotation ?? 'true',
        };
      }
      objects.push({
        body: guarded,
        task: taskName,
        template: file,
        hash: '',
        ...(r.generated && mode === 'apply' && { generated: true }),
      });
    }
  }
  return { task: taskName, kind: task.kind, mode, objects };
}

/**
 * A namespaced Instance's step: cluster-scoped kinds are refused. (An empty
 * namespace is `maestro render` without one: nothing to refuse.)
 */
function namespacedParent(c: StepContext): boolean {
  return c.clusterParent !== true && c.namespace !== '';
}

/** The message a namespaced Instance's step fails with when a template renders a cluster-scoped kind. */
export function clusterScopedRefusal(file: string, kind: string, name: string): string {
  return `${file}: ${kind}/${name} is cluster-scoped; a namespaced Instance cannot own it and Metacontroller never observes it: install the package as a ClusterInstance (docs/packages.md, "Cluster-scoped children") [MAESTRO_CLUSTER_SCOPED_CHILD]`;
}

function guard(
  raw: Record<string, unknown>,
  file: string,
  c: StepContext,
  ov: OperatorVersionView,
  clusterKinds: ReadonlySet<string>,
): KObject | string {
  const kind = String(raw.kind);
  const name = isRecord(raw.metadata) ? raw.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') return `${file}: a ${kind} has no metadata.name`;
  if (typeof raw.apiVersion !== 'string') return `${file}: ${kind}/${name} has no apiVersion`;
  if (namespacedParent(c) && isClusterScopedKind(kind, clusterKinds)) {
    return clusterScopedRefusal(file, kind, name);
  }
  const body = enhance(raw, {
    clusterKinds,
    operatorName: ov.operatorName,
    instanceName: c.instanceName,
    namespace: c.namespace,
    operatorVersion: ov.version,
    planName: c.plan,
    phaseName: c.phase,
    stepName: c.step,
  }) as KObject;
  const resolved = resolveDeclaredApiVersion(body, c.declared);
  if (!resolved.ok) return `${file}: ${resolved.reason}`;
  body.apiVersion = resolved.apiVersion;
  return body;
}

/** A KudoOperator task's child Instance, parameters from its rendered parameter file. */
function childInstance(
  ov: OperatorVersionView,
  task: OvTask,
  c: StepContext,
  data: Record<string, unknown>,
): KObject | string {
  const spec = task.spec;
  const parameters: Record<string, string> = {};
  const file = spec.parameterFile ?? '';
  if (file !== '') {
    const text = ov.templates[file];
    if (text === undefined) return `parameter file ${file} is not in ${ov.name}`;
    // KUDO renders the parameter file without Pipes or PlanName.
    const pdata = {
      OperatorName: data.OperatorName,
      Name: data.Name,
      Namespace: data.Namespace,
      AppVersion: data.AppVersion,
      OperatorVersion: data.OperatorVersion,
      Params: data.Params,
    };
    const r = renderTemplate(file, text, pdata, seedOf(c));
    if (!r.ok) return r.error;
    let values: unknown;
    try {
      values = parse(r.out, goYaml) ?? {};
    } catch (err) {
      // The position and the kind of error, never the rendered text (it may hold secrets).
      const e = err as { code?: string; linePos?: { line: number; col: number }[] };
      const pos = e.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      return `${file}: the rendered parameter file does not parse: ${where}${(e.code ?? 'invalid YAML').toLowerCase().replace(/_/g, ' ')}`;
    }
    if (!isRecord(values)) return `${file}: the rendered parameter file is not a map`;
    for (const [k, v] of Object.entries(values)) setOwn(parameters, k, kudoString(v));
  }
  const pkg = spec.package ?? '';
  if (pkg === '') return 'KudoOperator task has no package';
  const body: KObject = {
    apiVersion: V1,
    kind: 'Instance',
    metadata: {
      name: (spec.instanceName ?? '') !== '' ? spec.instanceName : `${c.instanceName}-${pkg}`,
      namespace: c.namespace,
      labels: {
        [labelKeys.kudoOperator]: pkg,
        [labelKeys.managedBy]: 'maestro',
        [labelKeys.operator]: pkg,
        [labelKeys.instance]: c.instanceName,
      },
      annotations: {
        [kudoAnnotations.plan]: c.plan,
        [kudoAnnotations.phase]: c.phase,
        [kudoAnnotations.step]: c.step,
      },
    },
    spec: {
      operatorVersion: {
        name: operatorVersionName(pkg, spec.appVersion, spec.operatorVersion ?? ''),
      },
      parameters,
    },
  };
  const resolved = resolveDeclaredApiVersion(body, c.declared);
  if (!resolved.ok) return resolved.reason;
  return body;
}
