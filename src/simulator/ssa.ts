// Metacontroller's server-side apply (`--apply-strategy=server-side-apply`,
// contracts.md §1.6), emulated with an API server's view of it: a desired
// child is sent as an apply patch with field manager `metacontroller` and
// force (manage-children.ts decides when, by update strategy). The server
//  - records in `metadata.managedFields` an `Apply` entry for that manager
//    whose FieldsV1 set is exactly the applied configuration's fields;
//  - removes fields the manager owned before and no longer applies, keeps
//    fields nobody applied (defaults, other writers) and sets the applied ones;
//  - defaults a few fields the body did not set (never owned by the manager),
//    as a real API server would, so that echoing the observed object would
//    claim fields Maestro never asked for.
// There is no last-applied annotation. The list schema is a small table of
// the associative lists of the core workload types (containers by name, ports
// by containerPort and protocol, ...); every other list is atomic, as an
// untyped list is for the API server.

import { jsonEqual } from '../engine/canonical-json.ts';
import { isRecord } from '../engine/kobject.ts';
import type { KObject } from '../engine/kobject.ts';
import { extractApplied, findApplyEntry } from '../engine/managed-fields.ts';
import type { FieldsV1 } from '../engine/managed-fields.ts';
import { LAST_APPLIED_ANNOTATION } from '../engine/provenance.ts';
import { serverSetMetadata } from '../engine/system-metadata.ts';
import { threeWayMerge } from './apply.ts';

/** Associative lists by field name: their key fields, the first ones an item has. */
const associative: Record<string, string[][]> = {
  containers: [['name']],
  initContainers: [['name']],
  ephemeralContainers: [['name']],
  env: [['name']],
  volumes: [['name']],
  volumeMounts: [['mountPath']],
  imagePullSecrets: [['name']],
  // Container ports, then Service ports; protocol is part of both keys.
  ports: [
    ['containerPort', 'protocol'],
    ['port', 'protocol'],
  ],
};
/** Lists that are sets of scalars. */
const sets = new Set(['finalizers']);

/** Fields the API server never records as owned (apimachinery's strip set). */
const stripped = {
  top: ['apiVersion', 'kind', 'status'],
  metadata: [
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'generation',
    'managedFields',
    'resourceVersion',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ],
};

function itemKey(item: unknown, name: string): Record<string, unknown> | undefined {
  if (!isRecord(item)) return undefined;
  for (const fields of associative[name] ?? []) {
    if (!(fields[0]! in item)) continue;
    const key: Record<string, unknown> = {};
    for (const f of fields) if (f in item) key[f] = item[f];
    // The server defaults a port's protocol before it keys the item, so the
    // key names TCP even when the body (and so the owned fields) left it out.
    if (name === 'ports' && key.protocol === undefined) key.protocol = 'TCP';
    return key;
  }
  return undefined;
}

function fieldsOfValue(value: unknown, name: string): FieldsV1 {
  if (isRecord(value)) return fieldsOfObject(value);
  if (Array.isArray(value)) {
    if (sets.has(name) && value.every((v) => !isRecord(v) && !Array.isArray(v))) {
      return Object.fromEntries(value.map((v) => [`v:${JSON.stringify(v)}`, {}]));
    }
    const keys = value.map((item) => itemKey(item, name));
    if (value.length > 0 && keys.every((k) => k !== undefined)) {
      const out: FieldsV1 = { '.': {} };
      value.forEach((item, i) => {
        out[`k:${JSON.stringify(keys[i])}`] = {
          '.': {},
          ...fieldsOfObject(item as Record<string, unknown>),
        };
      });
      return out;
    }
  }
  return {}; // a scalar, an atomic list, or an empty map: the whole value
}

function fieldsOfObject(obj: Record<string, unknown>): FieldsV1 {
  const out: FieldsV1 = {};
  for (const [k, v] of Object.entries(obj)) out[`f:${k}`] = fieldsOfValue(v, k);
  return out;
}

/** The FieldsV1 set of an apply configuration, as the API server records it. */
export function fieldsV1Of(body: KObject): FieldsV1 {
  const copy: Record<string, unknown> = structuredClone(body);
  for (const f of stripped.top) delete copy[f];
  const meta = isRecord(copy.metadata) ? copy.metadata : {};
  for (const f of stripped.metadata) delete meta[f];
  if (Object.keys(meta).length === 0) delete copy.metadata;
  return fieldsOfObject(copy);
}

function podSpecOf(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const spec = obj.spec;
  if (!isRecord(spec)) return undefined;
  if (obj.kind === 'Pod') return spec;
  const template = isRecord(spec.jobTemplate) ? spec.jobTemplate.spec : spec;
  const tspec =
    isRecord(template) && isRecord(template.template) ? template.template.spec : undefined;
  return isRecord(tspec) ? tspec : undefined;
}

/** A few of the API server's defaults, for fields the body left unset. */
export function serverDefaults(obj: KObject): KObject {
  const spec = isRecord(obj.spec) ? obj.spec : undefined;
  if (spec && obj.kind === 'Service' && spec.type !== 'ExternalName') {
    spec.sessionAffinity ??= 'None';
    for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
      if (isRecord(port)) port.protocol ??= 'TCP';
    }
  }
  if (spec && (obj.kind === 'Deployment' || obj.kind === 'StatefulSet')) {
    spec.revisionHistoryLimit ??= 10;
  }
  const pod = podSpecOf(obj);
  if (pod) {
    pod.dnsPolicy ??= 'ClusterFirst';
    for (const c of Array.isArray(pod.containers) ? pod.containers : []) {
      if (!isRecord(c)) continue;
      c.terminationMessagePolicy ??= 'File';
      for (const port of Array.isArray(c.ports) ? c.ports : []) {
        if (isRecord(port)) port.protocol ??= 'TCP';
      }
    }
  }
  return obj;
}

/** The body an apply patch carries: no status, no system metadata, no last-applied annotation. */
function applyConfiguration(desired: KObject): KObject {
  const body = structuredClone(desired);
  delete body.status;
  for (const f of stripped.metadata) if (f !== 'name' && f !== 'namespace') delete body.metadata[f];
  const ann = body.metadata.annotations;
  if (isRecord(ann) && LAST_APPLIED_ANNOTATION in ann) {
    const { [LAST_APPLIED_ANNOTATION]: _, ...rest } = ann;
    body.metadata.annotations = rest;
  }
  return body;
}

function withEntry(obj: KObject, manager: string, fields: FieldsV1, time: string): KObject {
  const others = (
    Array.isArray(obj.metadata.managedFields) ? obj.metadata.managedFields : []
  ).filter(
    (e) => !(isRecord(e) && e.manager === manager && e.operation === 'Apply' && !e.subresource),
  );
  obj.metadata.managedFields = [
    ...others,
    {
      manager,
      operation: 'Apply',
      apiVersion: obj.apiVersion,
      time,
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    },
  ];
  return obj;
}

/**
 * The object the API server holds after `manager` applies `desired` with
 * force: on `observed`, or a new object when undefined (then `controllerRef`
 * stands for the adoption Metacontroller's claim does on its next sync).
 * Returns `observed` itself when the apply changes nothing, as a no-op apply
 * does not write.
 */
export function serverSideApply(
  observed: KObject | undefined,
  desired: KObject,
  manager: string,
  time: string,
  controllerRef?: Record<string, unknown>,
  ownsDefaults = false,
): KObject {
  const body = applyConfiguration(desired);
  // Metacontroller v4 claims the child in the apply body itself
  // (claimOwnership), so the controller reference is among the applied fields.
  if (controllerRef) {
    const refs = Array.isArray(body.metadata.ownerReferences) ? body.metadata.ownerReferences : [];
    if (!refs.some((r) => isRecord(r) && r.uid === controllerRef.uid))
      body.metadata.ownerReferences = [...refs, controllerRef];
  }
  // kube-apiserver 1.20 records the defaulted applied object as the applier's.
  const fields = fieldsV1Of(ownsDefaults ? serverDefaults(structuredClone(body)) : body);
  if (!observed) {
    const obj = serverDefaults(structuredClone(body));
    return withEntry(obj, manager, fields, time);
  }
  // What it owned before stands in for a last-applied record: fields owned
  // then and not applied now are removed; unowned fields are kept.
  const before = extractApplied(observed, manager, 'listed');
  const merged = threeWayMerge(observed, before.ok ? before.body : undefined, body) as KObject;
  for (const f of serverSetMetadata) {
    if (f in observed.metadata) merged.metadata[f] = structuredClone(observed.metadata[f]);
    else delete merged.metadata[f];
  }
  if ('status' in observed) merged.status = structuredClone(observed.status);
  else delete merged.status;
  serverDefaults(merged);
  const prior = jsonEqual(findApplyEntry(observed, manager)?.fieldsV1, fields);
  const { managedFields: _a, ...mergedMeta } = merged.metadata;
  const { managedFields: _b, ...observedMeta } = observed.metadata;
  if (
    prior &&
    jsonEqual({ ...merged, metadata: mergedMeta }, { ...observed, metadata: observedMeta })
  ) {
    return observed;
  }
  return withEntry(merged, manager, fields, time);
}
