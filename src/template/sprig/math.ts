// sprig's arithmetic (functions.go, numeric.go): integer math through
// cast.ToInt64 with int64 wrap-around, float math through shopspring/decimal.
import { FuncError, goFunc, type FuncMap } from '../funcs.ts';
import type { GoValue } from '../value.ts';
import { atoi, floatToInt64, parseIntBase0, toFloat64, toInt, toInt64 } from './cast.ts';
import { sprintV } from './goformat.ts';
import { formatFloat } from '../float.ts';
import { runtimeError } from './strings.ts';

const w64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** A decimal number value * 10^exp (shopspring/decimal's representation). */
interface Dec {
  v: bigint;
  exp: number;
}

// decimal.NewFromFloat: the shortest decimal that rounds back to f.
function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f))
    throw new FuncError(`Cannot create a Decimal from ${formatFloat(f, 'g')}`);
  if (f === 0) return { v: 0n, exp: 0 };
  const [m, e] = f.toExponential().split('e') as [string, string];
  const digits = m.replace('.', '').replace('-', '');
  const frac = (m.split('.')[1] ?? '').length;
  const v = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { v, exp: Number(e) - frac };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.exp, b.exp);
  return [a.v * 10n ** BigInt(a.exp - e), b.v * 10n ** BigInt(b.exp - e), e];
}
const add = (a: Dec, b: Dec): Dec => {
  const [x, y, e] = align(a, b);
  return { v: x + y, exp: e };
};
const subd = (a: Dec, b: Dec): Dec => {
  const [x, y, e] = align(a, b);
  return { v: x - y, exp: e };
};
const mul = (a: Dec, b: Dec): Dec => ({ v: a.v * b.v, exp: a.exp + b.exp });
// Decimal.Div: DivRound to 16 places, half away from zero.
function div(a: Dec, b: Dec): Dec {
  if (b.v === 0n) throw new FuncError('decimal division by 0');
  const prec = 16;
  const scale = -prec;
  const e = a.exp - b.exp - scale;
  let aa: bigint;
  let bb: bigint;
  let scalerest: number;
  if (e < 0) {
    aa = a.v;
    bb = b.v * 10n ** BigInt(-e);
    scalerest = a.exp;
  } else {
    aa = a.v * 10n ** BigInt(e);
    bb = b.v;
    scalerest = scale + b.exp;
  }
  const q = aa / bb;
  const r = aa % bb;
  // Compare 2*|r|*10^prec (at exponent scalerest) with |b| (at exponent b.exp).
  const r2: Dec = { v: (r < 0n ? -r : r) * 2n, exp: scalerest + prec };
  const babs: Dec = { v: b.v < 0n ? -b.v : b.v, exp: b.exp };
  const [x, y] = align(r2, babs);
  const qd: Dec = { v: q, exp: scale };
  if (x < y) return qd;
  const one: Dec = { v: 1n, exp: -prec };
  const neg = (a.v < 0n ? -1 : a.v > 0n ? 1 : 0) * (b.v < 0n ? -1 : 1) < 0;
  return neg ? subd(qd, one) : add(qd, one);
}
const decToFloat = (d: Dec): number => Number(`${d.v}e${d.exp}`);

function decOp(a: GoValue, bs: GoValue[], f: (x: Dec, y: Dec) => Dec): number {
  let p = decFromFloat(toFloat64(a));
  for (const b of bs) p = f(p, decFromFloat(toFloat64(b)));
  return decToFloat(p);
}

// Go's math.Max / math.Min (NaN wins; +0 beats -0 for Max).
function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}
function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

function round(a: GoValue, p: bigint, rOpt: number[]): number {
  const roundOn = rOpt.length > 0 ? (rOpt[0] as number) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const div = digit - Math.trunc(digit); // math.Modf's fractional part (sign of digit)
  const r = div >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

const maxI = (name: string) =>
  goFunc(
    name,
    'func(a interface{}, i ...interface{}) int64',
    (_c, a: GoValue, ...xs: GoValue[]) => {
      let m = toInt64(a);
      for (const x of xs) {
        const b = toInt64(x);
        if (b > m) m = b;
      }
      return m;
    },
  );

export const mathFuncs: FuncMap = {
  atoi: goFunc('atoi', 'func(a string) int', (_c, s: string) => atoi(s) ?? 0n),
  int64: goFunc('int64', 'func(v interface{}) int64', (_c, v: GoValue) => toInt64(v)),
  int: goFunc('int', 'func(v interface{}) int', (_c, v: GoValue) => toInt(v)),
  float64: goFunc('float64', 'func(v interface{}) float64', (_c, v: GoValue) => toFloat64(v)),
  toDecimal: goFunc('toDecimal', 'func(v interface{}) int64', (_c, v: GoValue) => {
    const s = sprintV(v);
    // strconv.ParseInt(s, 8, 64): optional sign, octal digits, no prefixes or underscores.
    if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
    return parseIntBase0(s.replace(/^([+-]?)/, '$10o')) ?? 0n;
  }),
  add1: goFunc('add1', 'func(i interface{}) int64', (_c, i: GoValue) => w64(toInt64(i) + 1n)),
  add: goFunc('add', 'func(i ...interface{}) int64', (_c, ...xs: GoValue[]) =>
    xs.reduce<bigint>((a, x) => w64(a + toInt64(x)), 0n),
  ),
  sub: goFunc('sub', 'func(a, b interface{}) int64', (_c, a: GoValue, b: GoValue) =>
    w64(toInt64(a) - toInt64(b)),
  ),
  div: goFunc('div', 'func(a, b interface{}) int64', (_c, a: GoValue, b: GoValue) => {
    const d = toInt64(b);
    if (d === 0n) throw runtimeError('integer divide by zero');
    return w64(toInt64(a) / d);
  }),
  mod: goFunc('mod', 'func(a, b interface{}) int64', (_c, a: GoValue, b: GoValue) => {
    const d = toInt64(b);
    if (d === 0n) throw runtimeError('integer divide by zero');
    return w64(toInt64(a) % d);
  }),
  mul: goFunc(
    'mul',
    'func(a interface{}, v ...interface{}) int64',
    (_c, a: GoValue, ...xs: GoValue[]) =>
      xs.reduce<bigint>((acc, x) => w64(acc * toInt64(x)), toInt64(a)),
  ),
  randInt: goFunc('randInt', 'func(min, max int) int', (ctx, min: bigint, max: bigint) => {
    const n = w64(max - min);
    if (n <= 0n) throw new FuncError('invalid argument to Intn');
    if (n <= 0xffffffffn) return w64(BigInt(ctx.rand.intn(Number(n))) + min);
    // Wider ranges: combine two draws.
    const r = (BigInt(ctx.rand.uint32()) << 32n) | BigInt(ctx.rand.uint32());
    return w64((r % n) + min);
  }),
  add1f: goFunc('add1f', 'func(i interface{}) float64', (_c, i: GoValue) => decOp(i, [1], add)),
  addf: goFunc('addf', 'func(i ...interface{}) float64', (_c, ...xs: GoValue[]) =>
    decOp(0, xs, add),
  ),
  subf: goFunc(
    'subf',
    'func(a interface{}, v ...interface{}) float64',
    (_c, a: GoValue, ...xs: GoValue[]) => decOp(a, xs, subd),
  ),
  divf: goFunc(
    'divf',
    'func(a interface{}, v ...interface{}) float64',
    (_c, a: GoValue, ...xs: GoValue[]) => decOp(a, xs, div),
  ),
  mulf: goFunc(
    'mulf',
    'func(a interface{}, v ...interface{}) float64',
    (_c, a: GoValue, ...xs: GoValue[]) => decOp(a, xs, mul),
  ),
  biggest: maxI('biggest'),
  max: maxI('max'),
  min: goFunc(
    'min',
    'func(a interface{}, i ...interface{}) int64',
    (_c, a: GoValue, ...xs: GoValue[]) => {
      let m = toInt64(a);
      for (const x of xs) {
        const b = toInt64(x);
        if (b < m) m = b;
      }
      return m;
    },
  ),
  maxf: goFunc(
    'maxf',
    'func(a interface{}, i ...interface{}) float64',
    (_c, a: GoValue, ...xs: GoValue[]) =>
      xs.reduce<number>((m, x) => goMax(m, toFloat64(x)), toFloat64(a)),
  ),
  minf: goFunc(
    'minf',
    'func(a interface{}, i ...interface{}) float64',
    (_c, a: GoValue, ...xs: GoValue[]) =>
      xs.reduce<number>((m, x) => goMin(m, toFloat64(x)), toFloat64(a)),
  ),
  ceil: goFunc('ceil', 'func(a interface{}) float64', (_c, a: GoValue) => Math.ceil(toFloat64(a))),
  floor: goFunc('floor', 'func(a interface{}) float64', (_c, a: GoValue) =>
    Math.floor(toFloat64(a)),
  ),
  round: goFunc(
    'round',
    'func(a interface{}, p int, rOpt ...float64) float64',
    (_c, a: GoValue, p: bigint, ...r: number[]) => round(a, p, r),
  ),
};
void floatToInt64;
