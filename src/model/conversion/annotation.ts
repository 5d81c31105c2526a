// The single annotation through which v1-only fields survive a trip through
// v1beta1. Writing it and reading it back are the only metadata changes that
// conversion makes.
import { CONVERSION_ANNOTATION } from '../names.ts';
import type { ObjectMeta } from '../types.ts';
import { parseJsonExact } from '../json.ts';
import { canonicalJson } from './wrap.ts';

/** Removes the residual annotation from (a copy of) metadata and returns what it held. */
export function takeResidual<R extends object>(
  metadata: ObjectMeta,
): {
  metadata: ObjectMeta;
  residual: Partial<R> & { noAnnotations?: boolean };
} {
  const annotations = metadata.annotations;
  if (annotations === undefined || !Object.hasOwn(annotations, CONVERSION_ANNOTATION)) {
    return { metadata, residual: {} };
  }
  const { [CONVERSION_ANNOTATION]: text, ...rest } = annotations;
  let residual: Partial<R> & { noAnnotations?: boolean } = {};
  try {
    const parsed: unknown = parseJsonExact(text ?? '');
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      residual = parsed as Partial<R>;
    }
  } catch {
    // A damaged annotation carries nothing we can trust: the v1beta1 fields win.
  }
  const out: ObjectMeta = { ...metadata, annotations: rest };
  if (residual.noAnnotations === true && Object.keys(rest).length === 0) delete out.annotations;
  return { metadata: out, residual };
}

/** Writes the residual (when it holds anything) into a copy of metadata. */
export function putResidual(metadata: ObjectMeta, residual: Record<string, unknown>): ObjectMeta {
  // The residual's keys are Maestro's own field names, so plain assignment is safe.
  let value: Record<string, unknown> | undefined;
  for (const key of Object.keys(residual)) {
    if (residual[key] !== undefined) (value ??= {})[key] = residual[key];
  }
  if (value === undefined) return metadata;
  if (metadata.annotations === undefined) value.noAnnotations = true;
  return {
    ...metadata,
    annotations: { ...metadata.annotations, [CONVERSION_ANNOTATION]: canonicalJson(value) },
  };
}

/** Finds the list item a residual entry belongs to: same index and name, else the only one with that name. */
export function locate<T extends { name?: string }>(
  items: T[] | undefined,
  index: number,
  name: string | undefined,
): T | undefined {
  if (items === undefined) return undefined;
  const atIndex = items[index];
  if (atIndex !== undefined && atIndex.name === name) return atIndex;
  const byName = items.filter((item) => item.name === name);
  return byName.length === 1 ? byName[0] : undefined;
}
