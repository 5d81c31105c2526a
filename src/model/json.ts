// JSON that keeps every integer exactly. JSON.parse reads 9007199254740993 as
// ...992; kube-apiserver stores int64 integers exactly, so admission and
// conversion must give back what they were sent. An integer literal that a
// JS number cannot hold exactly becomes a bigint, and is written back as the
// same digits. Bodies without a run of 16 digits (nearly all of them) take
// JSON.parse itself: every integer literal of 15 digits or fewer is exact.
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

/** JSON.parse, but an integer beyond 2^53 is a bigint holding its exact value. */
export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
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
