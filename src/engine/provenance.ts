// Provenance: every child Maestro emits says which execution, plan, phase,
// step and task produced it, and carries a hash of its own body. The children
// are the durable record; status is a lossy cache (DESIGN.md, "Suggested
// mechanism"). These helpers stamp and read those annotations.

import { stableHash } from './canonical-json.ts';
import { cloneJson, isRecord } from './kobject.ts';
import type { KObject } from './kobject.ts';

export const provenanceAnnotations = {
  execution: 'maestro.dev/execution',
  plan: 'maestro.dev/plan',
  phase: 'maestro.dev/phase',
  step: 'maestro.dev/step',
  task: 'maestro.dev/task',
  hash: 'maestro.dev/hash',
} as const;

/**
 * Set on a child whose template drew from the random source (randAlphaNum,
 * genCA, ...): "true", or the uid of the spec.planControl.rotate request it
 * was last regenerated for. Part of the hashed body, so the child itself
 * carries it (status may be lost). Such a child is sticky: once applied and
 * converged it is echoed, not re-rendered, until a rotate request names it
 * (docs/plan-engine.md, "Sticky generated children").
 */
export const GENERATED_ANNOTATION = 'maestro.dev/generated';

/** The generated mark an object carries, or undefined. */
export function generatedMark(obj: KObject): string | undefined {
  const v = obj.metadata.annotations?.[GENERATED_ANNOTATION];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Metacontroller's dynamic-apply record of the body it last applied (contracts.md §1.6). */
export const LAST_APPLIED_ANNOTATION = 'metacontroller.k8s.io/last-applied-configuration';

/** The label Metacontroller adds to every desired child when `generateSelector: true`. */
export const CONTROLLER_UID_LABEL = 'controller-uid';

export interface Provenance {
  execution: string;
  plan: string;
  phase: string;
  step: string;
  task: string;
}

const provenanceKeys = new Set<string>(Object.values(provenanceAnnotations));

/**
 * The body a hash covers: the object without the provenance annotations,
 * without Metacontroller's last-applied annotation, and without the
 * `controller-uid` label Metacontroller adds on its own; empty label and
 * annotation maps count as absent. So the hash of what Maestro emitted equals the
 * hash of the last-applied body Metacontroller recorded for it.
 */
export function hashedBody(obj: KObject): KObject {
  const copy = cloneJson(obj);
  const meta = copy.metadata;
  if (isRecord(meta.annotations)) {
    meta.annotations = Object.fromEntries(
      Object.entries(meta.annotations).filter(
        ([k]) => !provenanceKeys.has(k) && k !== LAST_APPLIED_ANNOTATION,
      ),
    );
  }
  if (isRecord(meta.labels) && CONTROLLER_UID_LABEL in meta.labels) {
    const { [CONTROLLER_UID_LABEL]: _, ...rest } = meta.labels;
    meta.labels = rest;
  }
  // `labels: {}` and no labels are the same body: Metacontroller may add and
  // we may strip a key, and either way the hash must not change.
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map === null || (isRecord(map) && Object.keys(map).length === 0)) delete meta[field];
  }
  return copy;
}

/** The short stable hash of a child body (see hashedBody for what it ignores). */
export function bodyHash(obj: KObject): string {
  return stableHash(hashedBody(obj));
}

/** A copy of `obj` with the provenance annotations and its body hash set. */
export function stampProvenance(obj: KObject, provenance: Provenance): KObject {
  const copy = cloneJson(obj);
  const hash = bodyHash(copy);
  copy.metadata.annotations = {
    ...(copy.metadata.annotations ?? {}),
    ...provenanceAnnotationsOf(provenance, hash),
  };
  return copy;
}

/** The provenance annotations of a body with this provenance and hash. */
export function provenanceAnnotationsOf(p: Provenance, hash: string): Record<string, string> {
  return {
    [provenanceAnnotations.execution]: p.execution,
    [provenanceAnnotations.plan]: p.plan,
    [provenanceAnnotations.phase]: p.phase,
    [provenanceAnnotations.step]: p.step,
    [provenanceAnnotations.task]: p.task,
    [provenanceAnnotations.hash]: hash,
  };
}

export interface ReadProvenance extends Provenance {
  /** The hash the object claims for its body. */
  hash: string;
}

/**
 * The provenance an object carries, or undefined when any annotation is
 * missing (an object Maestro did not emit, or one a user edited).
 */
export function readProvenance(obj: KObject): ReadProvenance | undefined {
  const ann = obj.metadata.annotations;
  if (!isRecord(ann)) return undefined;
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(provenanceAnnotations)) {
    const v = ann[key];
    if (typeof v !== 'string' || v === '') return undefined;
    out[field] = v;
  }
  return out as unknown as ReadProvenance;
}
