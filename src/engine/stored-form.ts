// Children in the form the API server stores them.
//
// Metacontroller compares what Maestro asks for with what it reads back from
// the API server. Under its default dynamic apply, a desired field whose value
// the server rewrites (a quantity `1000m` stored as `1`) or a list it replaces
// whole while the server adds fields to its items (a StatefulSet's
// volumeClaimTemplates) never matches, so the child is updated, or for a
// Recreate type deleted and created again, on every sync (issue 13). Under
// server-side apply the recovered body (managedFields) holds the stored
// values, so the provenance hash of a non-canonical body never matches; and
// kube-apiserver 1.20 refuses an apply whose associative list item leaves out
// a key field the server defaults (a port's `protocol`).
//
// So the engine emits each rendered child as the API server would store it,
// for the fields where the difference shows: every change below was observed
// against kube-apiserver 1.20 with real Metacontroller (docs/e2e.md). It runs
// before the provenance hash is computed, so the hash, the last-applied body
// and the managedFields body all agree. Pure: no I/O.

import { setOwn } from '../model/clone.ts';
import { cloneJson, isRecord } from './kobject.ts';
import type { KObject } from './kobject.ts';
import { canonicalQuantity } from './quantity.ts';
import { parseApiVersion } from './api-versions.ts';

type Json = Record<string, unknown>;

const asRecord = (v: unknown): Json | undefined => (isRecord(v) ? v : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A ResourceList (resource name → quantity): every value canonical, rounded up to milli units. */
function resourceList(map: unknown): void {
  const m = asRecord(map);
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    const c = canonicalQuantity(v, { resourceList: true });
    if (c !== undefined) setOwn(m, k, c);
  }
}

/** A single Quantity field of `holder`. */
function quantityField(holder: unknown, field: string): void {
  const h = asRecord(holder);
  if (!h || !(field in h)) return;
  const c = canonicalQuantity(h[field]);
  if (c !== undefined) h[field] = c;
}

/** ResourceRequirements: limits and requests. */
function requirements(r: unknown): void {
  const m = asRecord(r);
  if (!m) return;
  resourceList(m.limits);
  resourceList(m.requests);
}

/** Ports of a container, a Service or a NetworkPolicy rule: the server defaults protocol to TCP. */
function ports(list: unknown): void {
  for (const p of asList(list)) {
    const port = asRecord(p);
    if (port && port.protocol === undefined) port.protocol = 'TCP';
  }
}

function downwardItems(items: unknown): void {
  for (const item of asList(items)) quantityField(asRecord(item)?.resourceFieldRef, 'divisor');
}

function container(c: unknown): void {
  const m = asRecord(c);
  if (!m) return;
  requirements(m.resources);
  ports(m.ports);
  for (const e of asList(m.env)) {
    const env = asRecord(e);
    if (!env) continue;
    // `value` is omitempty: the server drops an empty value, and the env list
    // is merged by name, so `value: ""` would differ on every sync.
    if (env.value === '') delete env.value;
    quantityField(asRecord(asRecord(env.valueFrom)?.resourceFieldRef), 'divisor');
  }
}

/** A PersistentVolumeClaim spec: requests and limits. */
function claimSpec(spec: unknown): void {
  requirements(asRecord(spec)?.resources);
}

function podSpec(spec: unknown): void {
  const s = asRecord(spec);
  if (!s) return;
  for (const field of ['containers', 'initContainers', 'ephemeralContainers'])
    for (const c of asList(s[field])) container(c);
  resourceList(s.overhead);
  for (const v of asList(s.volumes)) {
    const vol = asRecord(v);
    if (!vol) continue;
    quantityField(asRecord(vol.emptyDir), 'sizeLimit');
    downwardItems(asRecord(vol.downwardAPI)?.items);
    for (const src of asList(asRecord(vol.projected)?.sources))
      downwardItems(asRecord(asRecord(src)?.downwardAPI)?.items);
    claimSpec(asRecord(asRecord(vol.ephemeral)?.volumeClaimTemplate)?.spec);
  }
}

const templateSpec = (t: unknown) => asRecord(t)?.spec;

/**
 * A StatefulSet's volumeClaimTemplates as stored: each item is a full
 * PersistentVolumeClaim (apiVersion, kind, a null creationTimestamp, the
 * defaulted volumeMode, status phase Pending). The list has no merge key, so
 * Metacontroller's dynamic apply replaces it whole, and under server-side
 * apply it is atomic: only the stored form compares equal.
 */
function volumeClaimTemplates(list: unknown): void {
  const items = asList(list);
  for (let i = 0; i < items.length; i++) {
    const t = asRecord(items[i]);
    if (!t) continue;
    const metadata = asRecord(t.metadata) ?? {};
    const spec = asRecord(t.spec) ?? {};
    claimSpec(spec);
    const stored: Json = {
      apiVersion: t.apiVersion ?? 'v1',
      kind: t.kind ?? 'PersistentVolumeClaim',
      ...t,
      metadata: { creationTimestamp: null, ...metadata },
      spec: { ...spec, ...(spec.volumeMode === undefined && { volumeMode: 'Filesystem' }) },
      status: t.status ?? { phase: 'Pending' },
    };
    items[i] = stored;
  }
}

/** The pod spec inside a workload of this group and kind, if any. */
function podSpecOf(obj: Json, group: string, kind: string): unknown {
  const spec = asRecord(obj.spec);
  if (group === '' && kind === 'Pod') return spec;
  if (group === '' && kind === 'PodTemplate') return templateSpec(obj.template);
  if (group === '' && kind === 'ReplicationController') return templateSpec(spec?.template);
  if (
    (group === 'apps' || group === 'extensions') &&
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind)
  )
    return templateSpec(spec?.template);
  if (group === 'batch' && kind === 'Job') return templateSpec(spec?.template);
  if (group === 'batch' && kind === 'CronJob')
    return templateSpec(asRecord(asRecord(spec?.jobTemplate)?.spec)?.template);
  return undefined;
}

/** base64 of a string's UTF-8 bytes, without Buffer. */
function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * `obj` as the API server stores it, where that differs in a way Metacontroller
 * or the provenance hash would see. A new object; `obj` is not changed.
 */
export function toStoredForm(obj: KObject): KObject {
  const out = cloneJson(obj);
  const { group } = parseApiVersion(String(out.apiVersion));
  const kind = String(out.kind);
  const spec = asRecord(out.spec);
  podSpec(podSpecOf(out, group, kind));
  if (group === 'apps' && kind === 'StatefulSet' && spec)
    volumeClaimTemplates(spec.volumeClaimTemplates);
  if (group === '') {
    if (kind === 'Service') ports(spec?.ports);
    if (kind === 'PersistentVolumeClaim') claimSpec(spec);
    if (kind === 'PersistentVolume') resourceList(spec?.capacity);
    if (kind === 'ResourceQuota') resourceList(spec?.hard);
    if (kind === 'LimitRange')
      for (const l of asList(spec?.limits)) {
        const limit = asRecord(l);
        if (!limit) continue;
        for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'])
          resourceList(limit[f]);
      }
    // The server defaults a Secret's type; under 1.20's server-side apply the
    // applier then owns it, so it must be in the emitted body to hash alike.
    if (kind === 'Secret' && out.type === undefined) out.type = 'Opaque';
    if (kind === 'Secret' && isRecord(out.stringData)) {
      // The server folds stringData into data (base64) and never returns it.
      const data = cloneJson(asRecord(out.data) ?? {});
      for (const [k, v] of Object.entries(out.stringData))
        if (typeof v === 'string') setOwn(data, k, base64Utf8(v));
      delete out.stringData;
      out.data = data;
    }
  }
  if (group === 'networking.k8s.io' && kind === 'NetworkPolicy')
    for (const dir of ['ingress', 'egress'])
      for (const rule of asList(spec?.[dir])) ports(asRecord(rule)?.ports);
  if (group === 'node.k8s.io' && kind === 'RuntimeClass')
    resourceList(asRecord(out.overhead)?.podFixed);
  return out;
}
