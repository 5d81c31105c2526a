// The mutating webhook's answer: an RFC 6902 patch from request.object to
// Maestro's mutated copy of it, base64-encoded (contracts.md §3.2).
import { createPatch } from 'rfc6902';
import { stringifyJsonExact } from '../../model/json.ts';

/** The base64 JSON Patch, or undefined when nothing changed (no patch is sent then). */
export function encodedPatch(original: unknown, mutated: unknown): string | undefined {
  const ops = createPatch(original, mutated);
  if (ops.length === 0) return undefined;
  return Buffer.from(stringifyJsonExact(ops), 'utf8').toString('base64');
}
