// Recovering the body Maestro last emitted for an observed child. With
// Metacontroller's default dynamic apply, that body is stored verbatim in the
// child's `metacontroller.k8s.io/last-applied-configuration` annotation, on
// create and on every update (contracts.md §1.6). Echoing it unchanged keeps a
// child that no step touches exactly as it was (DESIGN.md, "Echo, don't re-render").
// Under server-side apply there is no annotation; the body comes from the
// field manager's managedFields entry instead (managed-fields.ts).

import { bodyHash, LAST_APPLIED_ANNOTATION, readProvenance } from './provenance.ts';
import { identityOf, describeIdentity } from './identity.ts';
import { isKObject, isRecord } from './kobject.ts';
import type { KObject } from './kobject.ts';
import { DEFAULT_FIELD_MANAGER, extractApplied } from './managed-fields.ts';

export type LastApplied =
  | { ok: true; body: KObject }
  | {
      ok: false;
      /** absent: no annotation and no Apply entry (not created by Metacontroller); invalid: unreadable; mismatch: hash differs. */
      problem: 'absent' | 'invalid' | 'mismatch';
      reason: string;
    };

export interface RecoverOptions {
  /** The field manager Metacontroller applies with under server-side apply (default `metacontroller`). */
  fieldManager?: string;
}

/** The parsed last-applied body of an observed child, without checking its hash. */
export function readLastApplied(observed: KObject): LastApplied {
  const who = describeIdentity(identityOf(observed));
  const raw = isRecord(observed.metadata.annotations)
    ? observed.metadata.annotations[LAST_APPLIED_ANNOTATION]
    : undefined;
  if (typeof raw !== 'string' || raw === '') {
    return {
      ok: false,
      problem: 'absent',
      reason: `${who} has no ${LAST_APPLIED_ANNOTATION} annotation`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    return {
      ok: false,
      problem: 'invalid',
      reason: `${who}: ${LAST_APPLIED_ANNOTATION} is not JSON (${(err as Error).message})`,
    };
  }
  if (!isKObject(parsed)) {
    return {
      ok: false,
      problem: 'invalid',
      reason: `${who}: ${LAST_APPLIED_ANNOTATION} is not a Kubernetes object`,
    };
  }
  return { ok: true, body: parsed };
}

/**
 * The body Metacontroller last applied: its dynamic-apply annotation, else
 * (server-side apply) the fields its managedFields Apply entry owns.
 */
export function readAppliedBody(
  observed: KObject,
  options: RecoverOptions = {},
): LastApplied & {
  source?: 'annotation' | 'managedFields';
} {
  const last = readLastApplied(observed);
  if (last.ok) return { ...last, source: 'annotation' };
  if (last.problem !== 'absent') return last;
  const manager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
  const ssa = extractApplied(observed, manager);
  if (ssa.ok) return { ok: true, body: ssa.body, source: 'managedFields' };
  const who = describeIdentity(identityOf(observed));
  if (ssa.problem === 'absent') {
    return {
      ok: false,
      problem: 'absent',
      reason: `${who} has no ${LAST_APPLIED_ANNOTATION} annotation and ${ssa.reason}`,
    };
  }
  return { ok: false, problem: 'invalid', reason: `${who}: ${ssa.reason}` };
}

/**
 * The body to echo for an observed child: its last-applied body (annotation
 * or managedFields), accepted only when that body carries Maestro provenance
 * whose hash matches the body. A mismatch means someone else applied it (or
 * it was edited, or the server owns part of it): the caller must not treat
 * it as Maestro's.
 */
export function recoverEmittedBody(observed: KObject, options: RecoverOptions = {}): LastApplied {
  const last = readAppliedBody(observed, options);
  if (!last.ok) return last;
  const where =
    last.source === 'managedFields'
      ? `the body in managedFields (manager ${options.fieldManager ?? DEFAULT_FIELD_MANAGER})`
      : 'the last applied body';
  const who = describeIdentity(identityOf(observed));
  const prov = readProvenance(last.body);
  if (!prov) {
    return {
      ok: false,
      problem: 'mismatch',
      reason: `${who}: ${where} has no Maestro provenance`,
    };
  }
  const actual = bodyHash(last.body);
  if (actual !== prov.hash && last.source === 'managedFields') {
    // A key field the server defaulted (a port's protocol) is in the item's
    // key but was never applied: without unlisted key fields, the body may match.
    const alt = extractApplied(observed, options.fieldManager ?? DEFAULT_FIELD_MANAGER, 'listed');
    if (alt.ok && bodyHash(alt.body) === prov.hash) return { ok: true, body: alt.body };
  }
  if (actual !== prov.hash) {
    return {
      ok: false,
      problem: 'mismatch',
      reason: `${who}: ${where} hashes to ${actual}, but its annotation says ${prov.hash}`,
    };
  }
  return { ok: true, body: last.body };
}
