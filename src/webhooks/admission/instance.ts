// Instance admission: CREATE and UPDATE, for both webhooks. The mutating one
// also returns Maestro's mutated copy of request.object (immutable defaults
// on CREATE; on UPDATE spec.planExecution and parameters an upgrade drops); the validating one
// recognises what the mutating one wrote for the same update (a derived uid).
import { wrapValue, jsonEqual } from '../../model/conversion/wrap.ts';
import { setOwn } from '../../model/clone.ts';
import { CLUSTER_INSTANCE, labels, V1BETA1 } from '../../model/names.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { allow, deny, internal, type Decision } from './decision.ts';
import { admitUpdate } from './instance-update.ts';
import type { LookupResult, OperatorVersionLookup } from './lookup.ts';
import { viewOperatorVersion, type OperatorVersionView } from '../../engine/plan/ov.ts';
import { valueProblem } from './parameter-values.ts';
import { derivedPlanUid, type InstanceLike } from './plan-state.ts';
import type { AdmissionRequest } from './review.ts';

export type Mode = 'validate' | 'mutate';

/**
 * Who is admitted, and the namespace its OperatorVersion reference defaults
 * to: an Instance's own. A ClusterInstance has none: its reference must name
 * the namespace (clusterInstanceProblem checks that first).
 */
function identity(request: AdmissionRequest, obj: InstanceLike) {
  const name = obj.metadata?.name || request.name || obj.metadata?.generateName || '';
  if (request.kind.kind === CLUSTER_INSTANCE) {
    return {
      namespace: obj.spec?.operatorVersion?.namespace ?? '',
      name,
      who: `ClusterInstance ${name}`,
    };
  }
  const namespace = request.namespace || obj.metadata?.namespace || 'default';
  return { namespace, name, who: `Instance ${namespace}/${name}` };
}

/** A Kubernetes namespace name: a DNS-1123 label. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A ClusterInstance's own rules: spec.namespace (where its namespaced children
 * go) is a namespace name and never changes; spec.operatorVersion names its
 * namespace. Undefined for an Instance.
 */
function clusterInstanceProblem(
  request: AdmissionRequest,
  fresh: InstanceLike,
  old?: InstanceLike,
): Decision | undefined {
  if (request.kind.kind !== CLUSTER_INSTANCE) return undefined;
  const who = identity(request, fresh).who;
  const ns = (fresh.spec as { namespace?: unknown } | undefined)?.namespace;
  if (old !== undefined) {
    const before = (old.spec as { namespace?: unknown } | undefined)?.namespace;
    if (before !== ns) {
      return deny(
        422,
        `${who}: spec.namespace is immutable (it was ${JSON.stringify(before ?? null)}, the update makes it ${JSON.stringify(ns ?? null)}): its namespaced children live there; to move them, create another ClusterInstance`,
      );
    }
  }
  if (typeof ns !== 'string' || ns === '') {
    return deny(
      422,
      `${who}: spec.namespace is required: the namespace of its namespaced children (and .Namespace in templates)`,
    );
  }
  if (ns.length > 63 || !NAMESPACE_NAME.test(ns)) {
    return deny(
      422,
      `${who}: spec.namespace ${JSON.stringify(ns)} is not a namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)`,
    );
  }
  const ovNs = fresh.spec?.operatorVersion?.namespace;
  if (typeof ovNs !== 'string' || ovNs === '') {
    return deny(
      422,
      `${who}: spec.operatorVersion.namespace is required: a ClusterInstance has no namespace of its own, so name the namespace of the OperatorVersion it runs`,
    );
  }
  return undefined;
}

async function lookupView(
  lookup: OperatorVersionLookup,
  namespace: string,
  obj: InstanceLike,
  who: string,
): Promise<{ ok: true; view: OperatorVersionView } | { ok: false; decision: Decision }> {
  const ref = obj.spec?.operatorVersion;
  if (!ref?.name) {
    return {
      ok: false,
      decision: deny(
        422,
        `${who}: spec.operatorVersion.name is required; name the OperatorVersion this Instance runs`,
      ),
    };
  }
  const target = { namespace: ref.namespace || namespace, name: ref.name };
  let result: LookupResult;
  try {
    result = await lookup(target);
  } catch (err) {
    result = {
      ok: false,
      reason: 'Unavailable',
      message: `reading OperatorVersion ${target.namespace}/${target.name} failed: ${(err as Error).message}`,
    };
  }
  if (!result.ok) {
    const message = `cannot admit ${who}: ${result.message}`;
    if (result.reason === 'NotFound') {
      return {
        ok: false,
        decision: deny(
          404,
          `${message}; create the OperatorVersion first (maestro manifests DIR | kubectl apply -f -), or fix spec.operatorVersion.name`,
        ),
      };
    }
    return {
      ok: false,
      decision: internal(
        message,
        result.reason === 'NoCluster'
          ? 'MAESTRO_NO_CLUSTER'
          : 'MAESTRO_OPERATORVERSION_LOOKUP_FAILED',
      ),
    };
  }
  try {
    return { ok: true, view: viewOperatorVersion(result.operatorVersion) };
  } catch (err) {
    return {
      ok: false,
      decision: internal(
        `cannot read OperatorVersion ${target.namespace}/${target.name}: ${(err as Error).message}`,
      ),
    };
  }
}

const operatorLabel = (obj: InstanceLike): string | undefined => {
  const l = (obj.metadata?.labels as Record<string, unknown> | undefined)?.[labels.operator];
  return typeof l === 'string' ? l : undefined;
};

/** A denial of an Instance that would run another operator's OperatorVersion. */
function foreign(who: string, message: string): Decision {
  return {
    allowed: false,
    code: 403,
    message: `${who}: ${message}`,
    warnings: [],
    errorCode: 'MAESTRO_INSTANCE_OPERATOR_MISMATCH',
  };
}

/**
 * An Instance runs only its own operator: its maestro.dev/operator label (set
 * here on CREATE when missing) must name the operator of the OperatorVersion
 * it runs.
 */
function operatorProblem(
  who: string,
  obj: InstanceLike,
  ov: OperatorVersionView,
): Decision | undefined {
  const label = operatorLabel(obj);
  if (label === undefined || label === ov.operatorName) return undefined;
  return foreign(
    who,
    `OperatorVersion ${ov.id} belongs to operator "${ov.operatorName}", but the Instance's ${labels.operator} label is "${label}"; an Instance runs only OperatorVersions of its own operator. Name an OperatorVersion of operator "${label}"`,
  );
}

/** A parameter value written into the object's own version: v1beta1 holds strings. */
function valueFor(obj: InstanceLike & { apiVersion?: string }, value: JsonValue): JsonValue {
  return obj.apiVersion === V1BETA1 ? (wrapValue(value) ?? '') : value;
}

export async function admitInstanceCreate(
  request: AdmissionRequest,
  lookup: OperatorVersionLookup,
): Promise<Decision> {
  const obj = request.object as InstanceLike & { apiVersion?: string };
  const clusterProblem = clusterInstanceProblem(request, obj);
  if (clusterProblem) return clusterProblem;
  const { namespace, who } = identity(request, obj);
  const found = await lookupView(lookup, namespace, obj, who);
  if (!found.ok) return found.decision;
  const ov = found.view;
  const mismatch = operatorProblem(who, obj, ov);
  if (mismatch) return mismatch;
  if (!ov.plans.has('deploy')) {
    return deny(
      422,
      `failed to create an ${who}: couldn't find 'deploy' plan in the operatorVersion ${ov.id}; fix the OperatorVersion (every operator needs a deploy plan)`,
    );
  }
  // Copy on write: the patch is a diff against request.object, and rfc6902
  // skips the parts the copy shares with it.
  const params = { ...obj.spec?.parameters } as Record<string, JsonValue>;
  const mutated: InstanceLike = { ...obj, spec: { ...obj.spec, parameters: params } };
  // The operator label, when missing: the CompositeController of the
  // OperatorVersion's operator selects the Instance by it.
  if (operatorLabel(obj) === undefined && ov.operatorName !== '')
    mutated.metadata = {
      ...obj.metadata,
      labels: {
        ...(obj.metadata?.labels as Record<string, string> | undefined),
        [labels.operator]: ov.operatorName,
      },
    };
  // KUDO's setImmutableParameterDefaults: the default is fixed at creation.
  for (const p of ov.parameters) {
    if (p.immutable && p.default !== undefined && !Object.hasOwn(params, p.name)) {
      setOwn(params, p.name, valueFor(obj, p.default));
    }
  }
  const problems: string[] = [];
  for (const name of Object.keys(params).sort()) {
    if (!ov.byName.has(name)) {
      problems.push(
        `parameter "${name}" is not defined in OperatorVersion ${ov.id}; remove it or check its spelling`,
      );
    }
  }
  for (const p of ov.parameters) {
    const problem = valueProblem(p, params[p.name]);
    if (problem !== undefined) problems.push(problem);
  }
  if (problems.length > 0) {
    return deny(
      422,
      `failed to create an ${who}: parameters are not valid: ${problems.join('; ')}`,
    );
  }
  // No spec.planExecution on CREATE (KUDO wrote deploy here): Maestro's engine
  // starts deploy for a new Instance by itself, and a planExecution it has not
  // consumed would ask it for a second deploy.
  return allow([], mutated);
}

export async function admitInstanceUpdate(
  request: AdmissionRequest,
  lookup: OperatorVersionLookup,
  mode: Mode,
): Promise<Decision> {
  const old = request.oldObject as InstanceLike;
  let fresh = request.object as InstanceLike & { apiVersion?: string };
  if (old === null || typeof old !== 'object') {
    return deny(400, 'an UPDATE AdmissionReview must carry request.oldObject');
  }
  const { who: whoFresh } = identity(request, fresh);
  const before = operatorLabel(old);
  if (before !== undefined && operatorLabel(fresh) !== before) {
    return foreign(
      whoFresh,
      `the ${labels.operator} label is "${before}" and cannot change (to ${operatorLabel(fresh) === undefined ? 'nothing' : `"${operatorLabel(fresh)}"`}): it says which operator runs the Instance`,
    );
  }
  const metadataOnly = () => jsonEqual(old.spec, fresh.spec) && jsonEqual(old.status, fresh.status);
  if (metadataOnly()) return allow();
  const clusterProblem = clusterInstanceProblem(request, fresh, old);
  if (clusterProblem) return clusterProblem;
  if (mode === 'validate') {
    const pe = fresh.spec?.planExecution;
    if (pe?.uid && pe.planName && pe.uid === derivedPlanUid(old, pe.planName)) {
      // Written by Maestro's mutating webhook for this update: judge the user's change without it.
      fresh = structuredClone(fresh);
      fresh.spec!.planExecution = structuredClone(old.spec?.planExecution ?? {});
      if (metadataOnly()) return allow();
    }
  }
  const { namespace, who } = identity(request, fresh);
  const found = await lookupView(lookup, namespace, fresh, who);
  if (!found.ok) return found.decision;
  let oldOv = found.view;
  const a = old.spec?.operatorVersion ?? {};
  const b = fresh.spec?.operatorVersion ?? {};
  if ((a.name ?? '') !== (b.name ?? '') || (a.namespace ?? '') !== (b.namespace ?? '')) {
    const before = await lookupView(lookup, namespace, old, who);
    if (!before.ok) return before.decision;
    oldOv = before.view;
  }
  const mismatch = operatorProblem(who, fresh, found.view);
  if (mismatch) return mismatch;
  const result = admitUpdate({ old, fresh, namespace, who, ov: found.view, oldOv });
  if (!result.ok) return deny(result.code, result.message, result.warnings);
  const { plan, removeParams, warnings } = result.outcome;
  if (plan === undefined && removeParams.length === 0) return allow(warnings);
  // Copy on write, as on CREATE: only spec (and its parameters, when some go) is new.
  const object = request.object as InstanceLike;
  const mutated: InstanceLike = { ...object, spec: { ...object.spec } };
  if (removeParams.length > 0 && mutated.spec!.parameters !== undefined) {
    const params: Record<string, unknown> = { ...mutated.spec!.parameters };
    for (const name of removeParams) delete params[name];
    mutated.spec!.parameters = params as NonNullable<InstanceLike['spec']>['parameters'];
  }
  if (plan !== undefined) {
    const given = fresh.spec?.planExecution ?? {};
    const before = old.spec?.planExecution ?? {};
    // A uid the user chose for a direct trigger is kept; otherwise Maestro derives one.
    const keepUid = given.planName === plan && given.uid && given.uid !== before.uid;
    mutated.spec!.planExecution = {
      planName: plan,
      uid: keepUid ? given.uid! : derivedPlanUid(old, plan),
    };
  }
  return allow(warnings, mutated);
}
