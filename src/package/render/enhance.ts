// KUDO's post-render enhancer (renderer/enhancer.go), plus Maestro's labels:
// labels on every object and on pod templates, plan/phase/step annotations,
// the operator version on pod templates, and the namespace forced to the
// instance's for namespaced kinds (kudo-semantics.md §3.3, DESIGN.md).
import { kudoAnnotations, labels } from '../../model/names.ts';
import { isClusterScopedKind } from '../cluster-scoped.ts';

export interface EnhanceContext {
  operatorName: string;
  instanceName: string;
  namespace: string;
  operatorVersion: string;
  planName: string;
  phaseName: string;
  stepName: string;
  /** KUDO's kudo.dev/last-plan-execution-uid; left out when unknown. */
  planUid?: string;
  /** Custom kinds a CRD of the package declares `scope: Cluster`: no namespace either. */
  clusterKinds?: Iterable<string>;
}

type Obj = Record<string, unknown>;

const podTemplateKinds = new Set([
  'StatefulSet',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DaemonSet',
  'Job',
]);

function child(obj: Obj, key: string): Obj | undefined {
  const v = obj[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

function ensure(obj: Obj, key: string): Obj {
  const existing = child(obj, key);
  if (existing !== undefined) return existing;
  const created: Obj = {};
  obj[key] = created;
  return created;
}

function addStrings(
  meta: Obj,
  key: 'labels' | 'annotations',
  values: Record<string, string>,
): void {
  const target = ensure(meta, key);
  for (const [k, v] of Object.entries(values)) target[k] = v;
}

/** The pod templates of a workload: spec.template, or CronJob's spec.jobTemplate.spec.template. */
export function podTemplates(obj: Obj): Obj[] {
  const spec = child(obj, 'spec');
  if (spec === undefined) return [];
  if (podTemplateKinds.has(String(obj.kind))) {
    const t = child(spec, 'template');
    return t === undefined ? [] : [t];
  }
  if (obj.kind === 'CronJob') {
    const t = child(child(child(spec, 'jobTemplate') ?? {}, 'spec') ?? {}, 'template');
    return t === undefined ? [] : [t];
  }
  return [];
}

export function instanceLabels(c: EnhanceContext): Record<string, string> {
  return {
    [labels.heritage]: 'kudo',
    [labels.kudoOperator]: c.operatorName,
    [labels.kudoInstance]: c.instanceName,
    [labels.managedBy]: 'maestro',
    [labels.operator]: c.operatorName,
    [labels.instance]: c.instanceName,
  };
}

/** Enhances one rendered object in place and returns it. */
export function enhance(obj: Obj, c: EnhanceContext): Obj {
  const meta = ensure(obj, 'metadata');
  const objectLabels = instanceLabels(c);
  addStrings(meta, 'labels', objectLabels);
  addStrings(meta, 'annotations', {
    [kudoAnnotations.plan]: c.planName,
    [kudoAnnotations.phase]: c.phaseName,
    [kudoAnnotations.step]: c.stepName,
    ...(c.planUid !== undefined && { [kudoAnnotations.planUid]: c.planUid }),
  });
  for (const template of podTemplates(obj)) {
    const tmeta = ensure(template, 'metadata');
    addStrings(tmeta, 'labels', objectLabels);
    addStrings(tmeta, 'annotations', { [kudoAnnotations.operatorVersion]: c.operatorVersion });
  }
  if (obj.kind === 'StatefulSet') {
    const claims = child(obj, 'spec')?.volumeClaimTemplates;
    if (Array.isArray(claims)) {
      for (const claim of claims) {
        if (claim !== null && typeof claim === 'object') {
          addStrings(ensure(claim as Obj, 'metadata'), 'labels', objectLabels);
        }
      }
    }
  }
  if (isClusterScopedKind(obj.kind, c.clusterKinds)) delete meta.namespace;
  else meta.namespace = c.namespace;
  return obj;
}
