// Go's strconv.ParseInt/ParseUint/ParseFloat (base 0, Go literal syntax) and
// the parser's NumberNode classification (text/template/parse/node.go newNumber).
import { goQuote } from './quote.ts';

const MAX_U64 = (1n << 64n) - 1n;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

/** Go's underscoreOK: `_` only between digits (or after a base prefix). */
export function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
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

/** strconv.ParseUint(s, 0, 64); undefined on any error. */
export function parseUint0(s0: string): bigint | undefined {
  if (s0 === '') return undefined;
  // Plain decimal digits, the common case (a port, a count): BigInt reads them
  // at once, where the general loop below does a bigint step per digit.
  if (s0.length <= 15 && s0[0] !== '0' && /^[0-9]+$/.test(s0)) return BigInt(s0);
  let s = s0;
  let base = 10;
  if (s[0] === '0') {
    const c = s[1];
    if (s.length >= 3 && (c === 'b' || c === 'B')) {
      base = 2;
      s = s.slice(2);
    } else if (s.length >= 3 && (c === 'o' || c === 'O')) {
      base = 8;
      s = s.slice(2);
    } else if (s.length >= 3 && (c === 'x' || c === 'X')) {
      base = 16;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  const b = BigInt(base);
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * b + BigInt(d);
    if (n > MAX_U64) return undefined;
  }
  if (underscores && !underscoreOK(s0)) return undefined;
  if (s0 !== '0' && s === '' && base !== 8) return undefined;
  return n;
}

/** strconv.ParseInt(s, 0, 64); undefined on any error. */
export function parseInt0(s: string): bigint | undefined {
  if (s === '') return undefined;
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUint0(body);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  if (v > MAX_I64 || v < MIN_I64) return undefined;
  return v;
}

const decFloatRe = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.[\d_]+)(?:[eE][+-]?[\d_]+)?$/;
const hexFloatRe = /^([+-]?)0[xX]([\da-fA-F_]*)(?:\.([\da-fA-F_]*))?[pP]([+-]?[\d_]+)$/;

/** strconv.ParseFloat(s, 64); undefined on syntax or range error. */
export function parseFloat64(s: string): number | undefined {
  const r = parseFloatGo(s);
  return typeof r === 'number' ? r : undefined;
}

/** strconv.ParseFloat(s, 64), or its error: 'invalid syntax' or 'value out of range'. */
export function parseFloatGo(s: string): number | 'invalid syntax' | 'value out of range' {
  const SYNTAX = 'invalid syntax';
  const lower = s.toLowerCase().replace(/^[+-]/, '');
  if (lower === 'inf' || lower === 'infinity') return s[0] === '-' ? -Infinity : Infinity;
  // Go takes a sign before "inf" but not before "nan".
  if (s.toLowerCase() === 'nan') return NaN;
  if (lower === 'nan') return SYNTAX;
  if (s.includes('_') && !underscoreOK(s)) return SYNTAX;
  let v: number;
  const h = hexFloatRe.exec(s);
  if (h) {
    const intPart = (h[2] ?? '').replace(/_/g, '');
    const frac = (h[3] ?? '').replace(/_/g, '');
    if (intPart === '' && frac === '') return SYNTAX;
    const mant = BigInt('0x' + (intPart + frac || '0'));
    const exp = parseInt((h[4] ?? '0').replace(/_/g, ''), 10) - 4 * frac.length;
    v = Number(mant) * 2 ** exp;
    if (!Number.isFinite(v) && mant !== 0n) {
      // 2**exp overflowed before the mantissa could scale it down.
      v = Number(mant) * 2 ** (exp / 2) * 2 ** (exp - exp / 2);
    }
    if (h[1] === '-') v = -v;
  } else {
    if (!decFloatRe.test(s)) return SYNTAX;
    v = Number(s.replace(/_/g, ''));
    if (Number.isNaN(v)) return SYNTAX;
  }
  if (!Number.isFinite(v)) return 'value out of range';
  return v;
}

/** The classification of a numeric constant (NumberNode's fields). */
export interface NumberInfo {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  complex: [number, number];
}

/** newNumber for itemNumber / itemComplex / itemCharConstant (rune given). Returns an error text on failure. */
export function classifyNumber(text: string, kind: 'number' | 'complex'): NumberInfo | string {
  const n: NumberInfo = {
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex: [0, 0],
  };
  if (kind === 'complex') {
    const c = scanComplex(text);
    if (typeof c === 'string') return c;
    n.isComplex = true;
    n.complex = c;
    simplifyComplex(n);
    return n;
  }
  if (text.endsWith('i')) {
    const f = parseFloat64(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseUint0(text);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt0(text);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = u ?? 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      setIntsFromFloat(n, f);
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

function setIntsFromFloat(n: NumberInfo, f: number): void {
  if (!n.isInt && Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
    n.isInt = true;
    n.int64 = BigInt(f);
  }
  if (!n.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
    n.isUint = true;
    n.uint64 = BigInt(f);
  }
}

function simplifyComplex(n: NumberInfo): void {
  if (n.complex[1] === 0) {
    n.isFloat = true;
    n.float64 = n.complex[0];
    setIntsFromFloat(n, n.float64);
  }
}

/** Builds a NumberInfo for a rune constant. */
export function runeNumber(cp: number): NumberInfo {
  return {
    isInt: true,
    isUint: true,
    isFloat: true,
    isComplex: false,
    int64: BigInt(cp),
    uint64: BigInt(cp),
    float64: cp,
    complex: [0, 0],
  };
}

/** fmt.Sscan of a complex128, as the parser uses it: Go's token rules and errors. */
function scanComplex(text: string): [number, number] | string {
  let i = 0;
  const accept = (chars: string): boolean => {
    if (i < text.length && chars.includes(text[i] as string)) {
      i++;
      return true;
    }
    return false;
  };
  const floatToken = (): string => {
    const start = i;
    if (accept('nN') && accept('aA') && accept('nN')) return text.slice(start, i);
    accept('+-');
    if (accept('iI') && accept('nN') && accept('fF')) return text.slice(start, i);
    let digits = '0123456789_';
    let exp = 'eEpP';
    if (accept('0') && accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_';
      exp = 'pP';
    }
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept(exp)) {
      accept('+-');
      while (accept('0123456789_'));
    }
    return text.slice(start, i);
  };
  const complexError = 'syntax error scanning complex number';
  const real = floatToken();
  if (!accept('+-')) return complexError;
  const imag = (text[i - 1] as string) + floatToken();
  if (!accept('i')) return complexError;
  const convert = (s: string): number | string => {
    const f = parseFloatGo(s);
    return typeof f === 'number' ? f : `strconv.ParseFloat: parsing ${goQuote(s)}: ${f}`;
  };
  const re = convert(real);
  if (typeof re === 'string') return re;
  const im = convert(imag);
  if (typeof im === 'string') return im;
  return [re, im];
}
