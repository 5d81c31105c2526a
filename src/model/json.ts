// JSON that keeps every integer exactly. JSON.parse reads 9007199254740993 as
// ...992; kube-apiserver stores int64 integers exactly, so admission and
// conversion must give back what they were sent. An integer literal that a
// JS number cannot hold exactly becomes a bigint, and is written back as the
// same digits. Bodies without a run of 16 digits (nearly all of them) take
// JSON.parse itself: every integer literal of 15 digits or fewer is exact;
// the others too unless JSON.parse gave an integer of 2^53 or more.
import { parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

function parseNumber(text: string): number | bigint {
  const n = Number(text);
  // A number wherever JSON.stringify writes it back as the same text (2^53 and
  // 1e20 are such); a bigint where it would not (2^53+1, -2^63).
  if (!INTEGER.test(text) || Number.isSafeInteger(n) || String(n) === text) return n;
  return BigInt(text);
}

/**
 * Whether a parsed value holds a number that may have lost digits: an integer
 * of 2^53 or more in magnitude. Walked without recursion (no depth limit).
 */
function hasUnsafeInteger(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (Math.abs(v) >= 2 ** 53 && Number.isInteger(v)) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') stack.push(v[i]);
    } else if (v !== null && typeof v === 'object') {
      for (const key in v) {
        const item = (v as Record<string, unknown>)[key];
        if (typeof item !== 'string') stack.push(item);
      }
    }
  }
  return false;
}

/** JSON.parse, but an integer beyond 2^53 is a bigint holding its exact value. */
export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  // A run of 16 digits is far more often in a string (a template, a hash)
  // than a number: JSON.parse, and the exact parser only when a number of
  // that size came out of it (then the result is the same but for those).
  const fast: unknown = JSON.parse(text);
  if (!hasUnsafeInteger(fast)) return fast;
  // A repeated key keeps its last value, as JSON.parse does.
  return losslessParse(text, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue });
}

const isBigIntError = (err: unknown): boolean =>
  err instanceof TypeError && /BigInt/i.test(err.message);

/** JSON.stringify that writes a bigint as its digits. */
export function stringifyJsonExact(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (!isBigIntError(err)) throw err;
    return losslessStringify(value) ?? 'null';
  }
}
