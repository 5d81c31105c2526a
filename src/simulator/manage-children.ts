// Step 8 of a Metacontroller sync (`ManageChildren`, contracts.md §1.6):
// delete observed children that are not desired, then create what is missing
// and update what differs, by the type's update strategy. Children are paired
// by kind, apiVersion, namespace and name, exactly as Metacontroller's
// internal maps do: the apiVersion is part of the key (scenario 7a).

import { parseApiVersion } from '../engine/api-versions.ts';
import { jsonEqual } from '../engine/canonical-json.ts';
import { describeIdentity, identityOf } from '../engine/identity.ts';
import { isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import type { UpdateMethod } from '../webhooks/metacontroller/wire/index.ts';
import { applyUpdate, prepareCreate } from './apply.ts';
import { ApiError } from './cluster.ts';
import type { Cluster } from './cluster.ts';
import { serverSideApply } from './ssa.ts';

/** Metacontroller's `--apply-strategy`. */
export type ApplyStrategy = 'dynamic-apply' | 'server-side-apply';

export interface ManageInput {
  observed: readonly KObject[];
  desired: readonly KObject[];
  /** The update method for a (group, kind); '' when none is set (OnDelete). */
  methodFor: (group: string, kind: string) => UpdateMethod | '';
  controllerRef: Record<string, unknown>;
  /** Default dynamic-apply. */
  applyStrategy?: ApplyStrategy;
  /** The SSA field manager (default `metacontroller`). */
  fieldManager?: string;
  /** The time recorded in managedFields (SSA). */
  now?: string;
}

export interface ManageResult {
  /** `create|update|delete|recreate Kind/name`, in order. */
  operations: string[];
  /** What Metacontroller would aggregate into the sync error; empty on success. */
  errors: string[];
}

const pairKey = (o: KObject) =>
  `${o.kind}.${o.apiVersion} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;

export function manageChildren(cluster: Cluster, input: ManageInput): ManageResult {
  const operations: string[] = [];
  const errors: string[] = [];
  const observedBy = new Map(input.observed.map((o) => [pairKey(o), o]));
  const desiredBy = new Map(input.desired.map((o) => [pairKey(o), o])); // last wins, as in Metacontroller
  const who = (o: KObject) => describeIdentity(identityOf(o));
  const swallow = (err: unknown, ...reasons: string[]) => {
    if (err instanceof ApiError && reasons.includes(err.reason)) return;
    errors.push(err instanceof Error ? err.message : String(err));
  };
  for (const [k, obj] of observedBy) {
    if (obj.metadata.deletionTimestamp || desiredBy.has(k)) continue;
    try {
      cluster.delete(identityOf(obj), obj.metadata.uid);
      operations.push(`delete ${who(obj)}`);
    } catch (err) {
      swallow(err, 'NotFound');
    }
  }
  if (input.applyStrategy === 'server-side-apply') {
    applyAll(cluster, input, desiredBy, observedBy, operations, swallow);
    return { operations, errors };
  }
  for (const [k, want] of desiredBy) {
    const have = observedBy.get(k);
    if (!have) {
      try {
        cluster.create(prepareCreate(want, input.controllerRef));
        operations.push(`create ${who(want)}`);
      } catch (err) {
        swallow(err, 'AlreadyExists');
      }
      continue;
    }
    let next: KObject;
    try {
      next = applyUpdate(have, want);
    } catch (err) {
      errors.push(`${who(want)}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    if (jsonEqual(next, have) || have.metadata.deletionTimestamp) continue;
    try {
      updateByStrategy(cluster, input, want, have, next, operations);
    } catch (err) {
      swallow(err, 'NotFound', 'Conflict');
    }
  }
  return { operations, errors };
}

/**
 * An existing child that would change follows its type's update strategy:
 * `InPlace` updates it, `Recreate` deletes it (it is created again on the next
 * sync), `OnDelete` (or none) leaves it.
 */
function updateByStrategy(
  cluster: Cluster,
  input: ManageInput,
  want: KObject,
  have: KObject,
  next: KObject,
  operations: string[],
): void {
  const who = describeIdentity(identityOf(want));
  const method = input.methodFor(parseApiVersion(want.apiVersion).group, want.kind);
  if (method === 'InPlace' || method === 'RollingInPlace') {
    cluster.update(next);
    operations.push(`update ${who}`);
  } else if (method === 'Recreate' || method === 'RollingRecreate') {
    cluster.delete(identityOf(have), have.metadata.uid);
    operations.push(`recreate ${who}`);
  }
}

/**
 * kube-apiserver 1.20's server-side apply keys a port by (port, protocol)
 * before defaulting protocol, and refuses an item that leaves it out.
 */
function refuseOmittedKeyFields(body: KObject): void {
  const check = (list: unknown, path: string) => {
    if (!Array.isArray(list)) return;
    for (const item of list)
      if (isRecord(item) && item.protocol === undefined)
        throw new ApiError(
          'Invalid',
          `${describeIdentity(identityOf(body))}: ${path}: associative list with keys has an element that omits key field "protocol"`,
        );
  };
  const spec = isRecord(body.spec) ? body.spec : {};
  if (body.kind === 'Service') check(spec.ports, '.spec.ports');
  const template = isRecord(spec.template) ? spec.template : undefined;
  const pod = body.kind === 'Pod' ? spec : isRecord(template?.spec) ? template.spec : undefined;
  for (const field of ['containers', 'initContainers'])
    for (const c of isRecord(pod) && Array.isArray(pod[field]) ? pod[field] : [])
      if (isRecord(c)) check(c.ports, `.spec.template.spec.${field}[${String(c.name)}].ports`);
}

/**
 * Server-side apply (Metacontroller's `updateChildren` with SSA enabled,
 * contracts.md §1.6): a new child is created by an apply patch; an existing
 * one follows its update strategy: `InPlace` applies, `Recreate` deletes when
 * a dry-run apply would change it, `OnDelete` (or none) leaves it. An apply
 * that changes nothing writes nothing; a child pending deletion is left alone.
 */
function applyAll(
  cluster: Cluster,
  input: ManageInput,
  desiredBy: Map<string, KObject>,
  observedBy: Map<string, KObject>,
  operations: string[],
  swallow: (err: unknown, ...reasons: string[]) => void,
): void {
  const manager = input.fieldManager ?? 'metacontroller';
  const time = input.now ?? '1970-01-01T00:00:00Z';
  const who = (o: KObject) => describeIdentity(identityOf(o));
  for (const [k, want] of desiredBy) {
    const have = observedBy.get(k);
    try {
      if (!cluster.applyDefaultsKeyFields) refuseOmittedKeyFields(want);
      const next = serverSideApply(
        have,
        want,
        manager,
        time,
        input.controllerRef,
        cluster.applyOwnsDefaults,
      );
      if (!have) {
        cluster.create(next);
        operations.push(`create ${who(want)}`);
        continue;
      }
      if (next === have || have.metadata.deletionTimestamp) continue;
      updateByStrategy(cluster, input, want, have, next, operations);
    } catch (err) {
      swallow(err, 'AlreadyExists', 'NotFound', 'Conflict');
    }
  }
}
