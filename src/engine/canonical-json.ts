// Canonical JSON and a stable short hash. Metacontroller calls sync again and
// again; the hash of a child body must not depend on key order, or every call
// would look like a change.

import { createHash } from 'node:crypto';
import { setOwn } from '../model/clone.ts';

/**
 * JSON with object keys sorted by UTF-16 code unit (JavaScript's default sort),
 * no whitespace, and `undefined` members dropped as JSON.stringify drops them.
 * Arrays keep their order: order is meaningful in Kubernetes lists.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // setOwn: a "__proto__" key (a ConfigMap data key, say) is hashed like any other.
      if (v !== undefined) setOwn(out, key, sortKeys(v));
    }
    return out;
  }
  return value;
}

/** Length in hex digits of a short hash: 64 bits, plenty for one instance's children. */
export const SHORT_HASH_HEX = 16;

// Short texts hash again and again (every parameter's value on every sync):
// their digests are kept, a bounded number, forgotten all at once when full.
const shortDigests = new Map<string, string>();
const SHORT_TEXT = 512;
const SHORT_DIGESTS = 4096;

/** sha256 of the canonical JSON, as the first SHORT_HASH_HEX hex digits. */
export function stableHash(value: unknown): string {
  const text = canonicalJson(value);
  const short = text.length <= SHORT_TEXT;
  if (short) {
    const known = shortDigests.get(text);
    if (known !== undefined) return known;
  }
  const digest = createHash('sha256').update(text).digest('hex').slice(0, SHORT_HASH_HEX);
  if (short) {
    if (shortDigests.size >= SHORT_DIGESTS) shortDigests.clear();
    shortDigests.set(text, digest);
  }
  return digest;
}

/** Deep equality of JSON values (key order ignored, array order kept). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
