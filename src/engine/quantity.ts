// Kubernetes resource quantities in the form the API server stores them.
//
// The API server parses every `resource.Quantity` (container requests and
// limits, PVC sizes, emptyDir.sizeLimit, ...) and writes it back in canonical
// form: `1000m` is stored as `1`, `2048Mi` as `2Gi`, `0.1` as `100m`. A child
// emitted in another form never equals what Metacontroller reads back, so its
// dynamic apply updates the child on every sync (issue 13). This is a port of
// apimachinery's `ParseQuantity` and `CanonicalizeBytes`
// (k8s.io/apimachinery/pkg/api/resource, as vendored by Kubernetes 1.20),
// with its quirks: a string already in canonical form is kept as written
// (`+1`, `1.`, `00100m`, `1e3` stay), and a decimal exponent past `E` has no
// suffix (`1000E` is stored as `1`). Values in a `ResourceList` (a map of
// resource names to quantities) are also rounded up to milli units, as the
// v1 defaulting does (`1n` becomes `1m`). test/engine/quantity.test.ts holds
// the values read back from a real kube-apiserver 1.20.

type Format = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const fitsInt64 = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;

/** A value in one of apimachinery's two representations. */
type Amount =
  /** int64Amount: value × 10^scale, value an int64. */
  | { int: true; value: bigint; scale: number }
  /** infDecAmount: unscaled × 10^-scale (inf.Dec's upside-down scale). */
  | { int: false; unscaled: bigint; scale: number };

interface Quantity {
  amount: Amount;
  format: Format;
  /** The original text, kept when it was already canonical. */
  s?: string;
}

class QuantityError extends Error {}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString: sign, numerator, denominator and suffix. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') pos++;
  }
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[i] === '0') pos++;
    else break;
  }
  let num = '';
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
    if (!isDigit(str[i])) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num === '') num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str, num, denom: str.slice(pos), suffix: '' };
      if (!isDigit(str[i])) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!'eEinumkKMGTP'.includes(str[i]!)) {
      pos = i;
      break;
    }
  }
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[i])) break;
  }
  throw new QuantityError('quantities must match the regular expression');
}

const decimalSuffixes: Record<string, number> = {
  '': 0,
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function interpret(suffix: string): { base: 2 | 10; exponent: number; format: Format } {
  if (Object.hasOwn(decimalSuffixes, suffix))
    return { base: 10, exponent: decimalSuffixes[suffix]!, format: 'DecimalSI' };
  if (Object.hasOwn(binarySuffixes, suffix))
    return { base: 2, exponent: binarySuffixes[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64), then int32(...)
    const text = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(text)) throw new QuantityError('unable to parse quantity suffix');
    const parsed = BigInt(text);
    if (!fitsInt64(parsed)) throw new QuantityError('unable to parse quantity suffix');
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  throw new QuantityError('unable to parse quantity suffix');
}

/** inf.Dec's SetString: an optional sign, digits with at most one point. */
function decFromString(value: string): { unscaled: bigint; scale: number } {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new QuantityError('unable to parse numeric part of quantity');
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[2]}${frac}` || '0');
  return { unscaled: m[1] === '-' ? -digits : digits, scale: frac.length };
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** inf.Dec Round(x, scale, RoundUp): away from zero. */
function decRoundUp(
  unscaled: bigint,
  scale: number,
  to: number,
): { unscaled: bigint; scale: number } {
  if (scale <= to) return { unscaled: unscaled * pow10(to - scale), scale: to };
  const d = pow10(scale - to);
  const q = unscaled / d;
  const r = unscaled % d;
  return { unscaled: r === 0n ? q : q + (unscaled < 0n ? -1n : 1n), scale: to };
}

/** ParseQuantity. */
function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError('empty quantity');
  if (str === '0')
    return { amount: { int: true, value: 0n, scale: 0 }, format: 'DecimalSI', s: str };
  const { positive, value, num, denom, suffix } = scan(str);
  const { base, exponent, format: fmt } = interpret(suffix);
  let format = fmt;
  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'DecimalExponent' || format === 'DecimalSI') {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent * 3) / 10)) - 1;
  } else {
    precision = -1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      if (!fitsInt64(v)) throw new QuantityError('unable to parse numeric part of quantity');
      const product = v * mantissa;
      if (fitsInt64(product)) {
        const result = positive ? product : -product;
        const amount: Amount = { int: true, value: result, scale };
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (v & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return canonical ? { amount, format, s: str } : { amount, format };
      }
    }
  }
  let dec = decFromString(value);
  if (base === 10) dec = { unscaled: dec.unscaled, scale: dec.scale - exponent };
  else dec = { unscaled: dec.unscaled * (1n << BigInt(exponent)), scale: dec.scale };
  const negative = dec.unscaled < 0n;
  if (negative) dec = { unscaled: -dec.unscaled, scale: dec.scale };
  if (dec.unscaled !== 0n) dec = decRoundUp(dec.unscaled, dec.scale, 9);
  if (format === 'BinarySI' && decCmp(dec, { unscaled: INT64_MAX, scale: 0 }) > 0)
    dec = { unscaled: INT64_MAX, scale: 0 };
  if (
    format === 'BinarySI' &&
    decCmp(dec, { unscaled: 1n, scale: 0 }) < 0 &&
    decCmp(dec, { unscaled: 0n, scale: 0 }) > 0
  )
    format = 'DecimalSI';
  if (negative) dec = { unscaled: -dec.unscaled, scale: dec.scale };
  return { amount: { int: false, ...dec }, format };
}

function decCmp(
  a: { unscaled: bigint; scale: number },
  b: { unscaled: bigint; scale: number },
): number {
  const s = Math.max(a.scale, b.scale);
  const x = a.unscaled * pow10(s - a.scale);
  const y = b.unscaled * pow10(s - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

const asDec = (a: Amount) => (a.int ? { unscaled: a.value, scale: -a.scale } : a);

function removeFactors(value: bigint, base: bigint): { result: bigint; times: number } {
  let result = value < 0n ? -value : value;
  let times = 0;
  while (result >= base && result % base === 0n) {
    times++;
    result /= base;
  }
  return { result: value < 0n ? -result : result, times };
}

/** removeBigIntFactors: Go's Euclidean DivMod. */
function removeBigFactors(value: bigint, base: bigint): { result: bigint; times: number } {
  let d = value;
  let times = 0;
  while (d !== 0n) {
    let m = d % base;
    if (m < 0n) m += base;
    if (m !== 0n) break;
    d = (d - m) / base;
    times++;
  }
  return { result: d, times };
}

function decCanonical(d: { unscaled: bigint; scale: number }): [string, number] {
  const r = removeBigFactors(d.unscaled, 10n);
  let amount = r.result;
  let exponent = -d.scale + r.times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  return [amount.toString(), exponent];
}

/** AsCanonicalBytes: digits and a decimal exponent that is a multiple of 3. */
function canonicalBytes(a: Amount): [string, number] {
  if (!a.int) return decCanonical(a);
  const r = removeFactors(a.value, 10n);
  let amount = r.result;
  let exponent = a.scale + r.times;
  const mod = exponent % 3;
  if (mod === 1 || mod === -2) {
    amount *= 10n;
    if (!fitsInt64(amount)) return decCanonical(asDec(a));
    exponent -= 1;
  } else if (mod === 2 || mod === -1) {
    amount *= 100n;
    if (!fitsInt64(amount)) return decCanonical(asDec(a));
    exponent -= 2;
  }
  return [amount.toString(), exponent];
}

/** negativeScaleInt64: divide by 10^scale, rounding away from zero. */
function negativeScale(base: bigint, scale: number): { value: bigint; exact: boolean } {
  if (scale === 0) return { value: base, exact: true };
  let value = base;
  let fraction = false;
  for (let i = 0; i < scale; i++) {
    if (!fraction && value % 10n !== 0n) fraction = true;
    value /= 10n;
    if (value === 0n) {
      if (fraction) return { value: base > 0n ? 1n : -1n, exact: false };
      return { value: 0n, exact: true };
    }
  }
  if (fraction) value += base > 0n ? 1n : -1n;
  return { value, exact: !fraction };
}

/** AsScale(scale): rounded up (away from zero) to 10^scale units, and whether exact. */
function asScale(a: Amount, scale: number): { amount: Amount; exact: boolean } {
  if (a.int) {
    if (a.scale >= scale) return { amount: a, exact: true };
    const r = negativeScale(a.value, scale - a.scale);
    return { amount: { int: true, value: r.value, scale }, exact: r.exact };
  }
  const rounded = decRoundUp(a.unscaled, a.scale, -scale);
  return { amount: { int: false, ...rounded }, exact: decCmp(rounded, a) === 0 };
}

function base1024Bytes(a: Amount): [string, number] {
  if (a.int) {
    // AsScaledInt64(0): the scale is never negative here.
    const v = a.value * pow10(Math.max(0, a.scale));
    if (fitsInt64(v)) {
      const r = removeFactors(v, 1024n);
      return [r.result.toString(), r.times];
    }
  }
  const d = decRoundUp(asDec(a).unscaled, asDec(a).scale, 0);
  const r = removeBigFactors(d.unscaled, 1024n);
  return [r.result.toString(), r.times];
}

const decimalSuffixOf = new Map(Object.entries(decimalSuffixes).map(([k, v]) => [v, k]));
const binarySuffixOf = new Map(Object.entries(binarySuffixes).map(([k, v]) => [v, k]));

function isZero(a: Amount): boolean {
  return a.int ? a.value === 0n : a.unscaled === 0n;
}

/** String(): the canonical text of a parsed quantity. */
function canonicalString(q: Quantity): string {
  if (q.s !== undefined && q.s !== '') return q.s;
  if (isZero(q.amount)) return '0';
  let format = q.format;
  let rounded: Amount | undefined;
  if (format === 'BinarySI') {
    const d = asDec(q.amount);
    if (
      decCmp(d, { unscaled: -1024n, scale: 0 }) > 0 &&
      decCmp(d, { unscaled: 1024n, scale: 0 }) < 0
    ) {
      format = 'DecimalSI';
    } else {
      const r = asScale(q.amount, 0);
      if (!r.exact) format = 'DecimalSI';
      else rounded = r.amount;
    }
  }
  if (format === 'BinarySI' && rounded) {
    const [number, exponent] = base1024Bytes(rounded);
    return number + (binarySuffixOf.get(exponent * 10) ?? '');
  }
  const [number, exponent] = canonicalBytes(q.amount);
  if (format === 'DecimalSI') return number + (decimalSuffixOf.get(exponent) ?? '');
  return exponent === 0 ? number : `${number}e${exponent}`;
}

export interface CanonicalOptions {
  /**
   * The value is in a ResourceList (container requests and limits, PVC
   * requests, ResourceQuota hard, LimitRange limits, overhead, capacity),
   * which the v1 defaulting rounds up to milli units.
   */
  resourceList?: boolean;
}

/**
 * The text the API server stores for a quantity given as `input` (a string,
 * or a JSON number, which the server parses by its JSON text), or undefined
 * when it is not a valid quantity (the server rejects it; it is emitted
 * unchanged so that its error names it).
 */
export function canonicalQuantity(
  input: unknown,
  options: CanonicalOptions = {},
): string | undefined {
  let text: string;
  if (typeof input === 'string') text = input.trim();
  else if (typeof input === 'number' && Number.isFinite(input)) text = JSON.stringify(input);
  else return undefined;
  let q: Quantity;
  try {
    q = parseQuantity(text);
  } catch (err) {
    if (err instanceof QuantityError) return undefined;
    throw err;
  }
  if (options.resourceList) {
    // SetDefaults_ResourceList: RoundUp(Milli).
    if (!q.amount.int || q.amount.scale < -3) {
      q = { amount: asScale(q.amount, -3).amount, format: q.format };
    }
  }
  return canonicalString(q);
}
