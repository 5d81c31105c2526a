// spf13/cast 1.5 conversions as sprig 3.2.3 calls them (int, int64, float64,
// add, max, ...), and Go's strconv number parsers underneath. This is where
// sprig 3 differs from sprig 2: strings parse with base prefixes, so "010" is
// octal 8 and "0x1f" is 31.
import { GoInt, GoObject, type GoValue } from '../value.ts';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go's underscoreOK from strconv: underscores only between digits (or after a base prefix). */
function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[box]/i.test(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = (s[1] as string).toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-f]/i.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt(s, 0, 64); null on any error (syntax or range). */
export function parseIntBase0(s0: string): bigint | null {
  if (s0 === '') return null;
  let s = s0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  const u = parseUintBase0(s);
  if (u === null) return null;
  if (!underscoreOK(s0) && s0.includes('_')) return null;
  const v = neg ? -u : u;
  if (v < INT64_MIN || v > INT64_MAX) return null;
  return v;
}

function parseUintBase0(s0: string): bigint | null {
  if (s0 === '') return null;
  let s = s0;
  let base = 10;
  if (s[0] === '0') {
    if (s.length >= 3 && /[bB]/.test(s[1] as string)) {
      base = 2;
      s = s.slice(2);
    } else if (s.length >= 3 && /[oO]/.test(s[1] as string)) {
      base = 8;
      s = s.slice(2);
    } else if (s.length >= 3 && /[xX]/.test(s[1] as string)) {
      base = 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let n = 0n;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_') continue;
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return null;
    n = n * b + BigInt(d);
    if (n > 1n << 64n) return null;
  }
  return n;
}

/** strconv.Atoi's value: null on a syntax error, clamped to int64 on a range error. */
export function atoi(s: string): bigint | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN ? INT64_MIN : v > INT64_MAX ? INT64_MAX : v;
}

/** strconv.ParseFloat(s, 64); null on error (including out of range). */
export function parseGoFloat(s: string): number | null {
  if (s === '') return null;
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (s.includes('_')) {
    if (!underscoreOK(s)) return null;
    s = s.replace(/_/g, '');
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hex) {
    const ip = hex[2] ?? '';
    const fp = hex[3] ?? '';
    if (ip === '' && fp === '') return null;
    const mant = BigInt('0x' + (ip + fp || '0'));
    const e = Number(hex[4]) - 4 * fp.length;
    const v = Number(mant) * 2 ** e;
    if (!Number.isFinite(v)) return null;
    return hex[1] === '-' ? -v : v;
  }
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  return v;
}

// cast's trimZeroDecimal: "3.00" -> "3" so that ParseInt accepts it.
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** Go's int64(f) on amd64: out-of-range and NaN give the minimum int64. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** cast.ToInt64E; null where cast returns an error (sprig then uses 0). */
// cast 1.5 reads time.Month and time.Weekday as ints (its toInt helper names
// them); other named integer types, time.Duration included, cast to 0.
function namedInt(v: GoValue): bigint | null {
  if (v instanceof GoObject && (v.goType === 'time.Month' || v.goType === 'time.Weekday')) {
    const f = (v as unknown as { intValue?: () => bigint }).intValue;
    if (f) return f.call(v);
  }
  return null;
}

export function toInt64E(v: GoValue): bigint | null {
  if (v === null) return 0n;
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  const named = namedInt(v);
  if (named !== null) return BigInt.asIntN(64, named);
  switch (typeof v) {
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseIntBase0(trimZeroDecimal(v));
  }
  return null;
}

/** cast.ToInt64 (errors become 0). */
export function toInt64(v: GoValue): bigint {
  return toInt64E(v) ?? 0n;
}

/** cast.ToInt (same as ToInt64 on a 64-bit machine). */
export const toInt = toInt64;

/** cast.ToFloat64 (errors become 0). */
export function toFloat64(v: GoValue): number {
  if (v === null) return 0;
  if (v instanceof GoInt) return Number(v.value);
  const named = namedInt(v);
  if (named !== null) return Number(named);
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return parseGoFloat(v) ?? 0;
  }
  return 0;
}
