// Observed children as the engine sees them: identity, provenance, and the
// body to echo. "Echo, don't re-render": a child that no in-progress step
// touches goes back exactly as Maestro last emitted it.

import { identityKey, identityOf } from '../identity.ts';
import type { ChildIdentity } from '../identity.ts';
import { cloneJson, isRecord } from '../kobject.ts';
import { systemMetadata } from '../system-metadata.ts';
import type { KObject } from '../kobject.ts';
import { recoverEmittedBody } from '../last-applied.ts';
import type { LastApplied, RecoverOptions } from '../last-applied.ts';
import { LAST_APPLIED_ANNOTATION, provenanceAnnotations, readProvenance } from '../provenance.ts';
import type { ReadProvenance } from '../provenance.ts';

export interface ObservedChild {
  key: string;
  identity: ChildIdentity;
  object: KObject;
  provenance: ReadProvenance | undefined;
  /** What to send back when no step touches it. */
  echo: KObject;
  /** Set when the echo is not the recorded last-applied body. */
  echoNote?: string;
}

/** An observed object reduced to what an apply would send: no status, no system metadata. */
export function stripObserved(obj: KObject): KObject {
  const copy = cloneJson(obj);
  delete copy.status;
  for (const k of systemMetadata) delete copy.metadata[k];
  if (isRecord(copy.metadata.annotations)) {
    const { [LAST_APPLIED_ANNOTATION]: _, ...rest } = copy.metadata.annotations;
    if (Object.keys(rest).length > 0) copy.metadata.annotations = rest;
    else delete copy.metadata.annotations;
  }
  return copy;
}

const recovered = new Map<string, LastApplied>();
const RECOVERED_SIZE = 4096;

/**
 * recoverEmittedBody, memoised: an unchanged child carries the same
 * last-applied text on every sync (keyed by that text and the identity), and
 * under server-side apply the same uid, resourceVersion (which the API
 * server changes on every write, managedFields included) and provenance
 * hash. So it is parsed and
 * its hash checked once. Results are shared and never mutated.
 */
function recoverCached(object: KObject, options: RecoverOptions): LastApplied {
  const text = object.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  const { uid, resourceVersion } = object.metadata;
  let key: string;
  if (typeof text === 'string' && text.length >= 64) {
    key = `${object.kind}/${object.metadata.name ?? ''}\u0000${text}`;
  } else if (
    text === undefined &&
    typeof uid === 'string' &&
    typeof resourceVersion === 'string' &&
    Array.isArray(object.metadata.managedFields)
  ) {
    // The provenance hash too: uid and resourceVersion name one state of one
    // object in one cluster, but not across clusters or simulated runs, which
    // repeat them; an equal hash means an equal applied body.
    const hash = object.metadata.annotations?.[provenanceAnnotations.hash] ?? '';
    key = `ssa\u0000${options.fieldManager ?? ''}\u0000${uid}\u0000${resourceVersion}\u0000${hash}`;
  } else {
    return recoverEmittedBody(object, options);
  }
  let r = recovered.get(key);
  if (!r) {
    r = recoverEmittedBody(object, options);
    if (recovered.size >= RECOVERED_SIZE) recovered.delete(recovered.keys().next().value as string);
    recovered.set(key, r);
  }
  return r;
}

export function indexObserved(
  children: readonly KObject[],
  options: RecoverOptions = {},
): Map<string, ObservedChild> {
  const out = new Map<string, ObservedChild>();
  for (const object of children) {
    const identity = identityOf(object);
    const key = identityKey(identity);
    const provenance = readProvenance(object);
    let echo: KObject;
    let echoNote: string | undefined;
    const last = recoverCached(object, options);
    if (last.ok) {
      // Emit the apiVersion Metacontroller listed it under (the declared one).
      echo =
        last.body.apiVersion === object.apiVersion
          ? last.body
          : { ...last.body, apiVersion: object.apiVersion };
    } else {
      echo = stripObserved(object);
      if (provenance) echoNote = `${last.reason}; echoing the observed object instead`;
    }
    out.set(key, { key, identity, object, provenance, echo, ...(echoNote && { echoNote }) });
  }
  return out;
}
