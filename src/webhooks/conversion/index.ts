// POST /convert: converts every object of a ConversionReview to the desired
// version with the model's pure hub-and-spoke functions. One request may mix
// kinds and source versions, so each object is dispatched on its own
// apiVersion and kind. Count and order are kept; metadata is the original's,
// except the annotations under maestro.dev/ that carry v1-only fields.
import { MaestroError } from '../../errors.ts';
import { convertObject } from '../../model/conversion/index.ts';
import { setOwn } from '../../model/conversion/wrap.ts';
import { GROUP } from '../../model/names.ts';
import {
  conversionFailure,
  conversionResponse,
  decodeConversionReview,
  type ConversionReviewResponse,
  type KObject,
} from './review.ts';

const OWN_PREFIX = `${GROUP}/`;

export function convertReview(body: unknown): ConversionReviewResponse {
  const decoded = decodeConversionReview(body);
  if (!decoded.ok) return conversionFailure(decoded.uid, decoded.message);
  const { uid, desiredAPIVersion, objects } = decoded.request;
  const converted: unknown[] = [];
  for (let i = 0; i < objects.length; i++) {
    const original = objects[i] as KObject;
    try {
      const out = convertObject(original, desiredAPIVersion) as unknown as KObject;
      converted.push(withOriginalMetadata(original, out));
    } catch (err) {
      return conversionFailure(uid, `${describe(original, i)}: ${reason(err)}`);
    }
  }
  return conversionResponse(uid, converted, { status: 'Success' });
}

/** `objects[2] (Instance default/kafka)`: which object failed, for the user's message. */
function describe(obj: KObject, index: number): string {
  const meta = obj !== null && typeof obj === 'object' ? obj.metadata : undefined;
  const ns = typeof meta?.namespace === 'string' ? `${meta.namespace}/` : '';
  const name = typeof meta?.name === 'string' ? meta.name : '';
  const kind =
    obj !== null && typeof obj === 'object' && typeof obj.kind === 'string' ? obj.kind : 'object';
  return `cannot convert objects[${index}] (${kind}${name === '' ? '' : ` ${ns}${name}`})`;
}

function reason(err: unknown): string {
  if (err instanceof MaestroError) return `${err.message} [${err.code}]`;
  return `internal error: ${(err as Error)?.message ?? String(err)} [MAESTRO_INTERNAL]`;
}

type Annotations = Record<string, string>;

/**
 * kube-apiserver restores metadata from the original except labels and
 * annotations, and drops those when they are missing (contracts.md §4.1 rule
 * 5), so the original's metadata goes back verbatim, with only Maestro's own
 * annotations taken from the converted object. Keys are copied with setOwn:
 * an annotation named `__proto__` is data like any other.
 */
function withOriginalMetadata(original: KObject, converted: KObject): KObject {
  const meta = (original.metadata ?? {}) as Record<string, unknown>;
  // Conversion left metadata as it was (it shares the object): nothing to merge.
  if (converted.metadata === meta) return converted;
  const before = meta.annotations as Annotations | undefined;
  const after = converted.metadata?.annotations as Annotations | undefined;
  const merged: Annotations = {};
  let count = 0;
  if (before !== undefined) {
    for (const k of Object.keys(before)) {
      if (k.startsWith(OWN_PREFIX)) continue;
      setOwn(merged, k, before[k]);
      count++;
    }
  }
  if (after !== undefined) {
    for (const k of Object.keys(after)) {
      if (!k.startsWith(OWN_PREFIX)) continue;
      setOwn(merged, k, after[k]);
      count++;
    }
  }
  const { annotations: _dropped, ...rest } = meta;
  const keep = count > 0 || (before !== undefined && after !== undefined);
  return { ...converted, metadata: keep ? { ...rest, annotations: merged } : rest };
}
