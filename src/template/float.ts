// Go's strconv.FormatFloat for float64 ('e', 'E', 'f', 'g', 'G', 'b'; shortest
// and fixed precision). Fixed precision rounds the exact binary value half to
// even, as Go does (JavaScript's toFixed rounds ties away from zero).

interface Digits {
  /** Decimal digits without leading zeros ('' for zero). */
  d: string;
  /** Position of the decimal point relative to d. */
  dp: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Mantissa and binary exponent of a finite, positive double: x = mant * 2^exp. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0] as bigint;
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = bits & ((1n << 52n) - 1n);
  if (e === 0) return [m, -1074];
  return [m | (1n << 52n), e - 1075];
}

/** The exact decimal expansion of a finite, positive double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, exp] = decompose(x);
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return trim(s, dp);
}

function trim(s: string, dp: number): Digits {
  let start = 0;
  while (start < s.length && s.charCodeAt(start) === 48) start++;
  let end = s.length;
  while (end > start && s.charCodeAt(end - 1) === 48) end--;
  if (start === end) return { d: '', dp: 0 };
  return { d: s.slice(start, end), dp: dp - start };
}

/** Rounds to nd digits, half to even (strconv's decimal.Round on an exact value). */
function round(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= x.d.length) return x;
  const c = x.d.charCodeAt(nd);
  let up: boolean;
  if (c === 53 && nd + 1 === x.d.length) {
    up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else up = c >= 53;
  if (!up) return trim(x.d.slice(0, nd), x.dp);
  // Round up: increment the digit string.
  const digits = x.d.slice(0, nd).split('');
  let i = nd - 1;
  while (i >= 0 && digits[i] === '9') {
    digits[i] = '0';
    i--;
  }
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  digits[i] = String.fromCharCode((digits[i] as string).charCodeAt(0) + 1);
  return trim(digits.join(''), x.dp);
}

/** Shortest digits that round-trip (the same digits as Go's ryu shortest). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const s = x.toExponential();
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  const exp = parseInt(s.slice(e + 1), 10);
  return trim(mant, exp + 1);
}

function fmtE(neg: boolean, d: Digits, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += d.d.length === 0 ? '0' : d.d[0];
  if (prec > 0) {
    out += '.';
    let i = 1;
    const m = Math.min(d.d.length, prec + 1);
    if (i < m) {
      out += d.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) out += '0';
  }
  out += fmt;
  let exp = d.dp - 1;
  if (d.d.length === 0) exp = 0;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  out += sign + (exp < 10 ? '0' + exp : String(exp));
  return out;
}

function fmtF(neg: boolean, d: Digits, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const m = Math.min(d.d.length, d.dp);
    out += d.d.slice(0, m);
    for (let i = m; i < d.dp; i++) out += '0';
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.d.length ? d.d[j] : '0';
    }
  }
  return out;
}

/** strconv.FormatFloat(x, fmt, prec, 64). */
export function formatFloat(x: number, fmt: string, prec = -1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (fmt === 'b') return formatBinary(neg, ax);
  const shortest = prec < 0;
  let d: Digits;
  if (shortest) {
    d = shortestDigits(ax);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(d.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(d.d.length - d.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = d.d.length;
        break;
    }
  } else {
    const exact = exactDigits(ax);
    switch (fmt) {
      case 'e':
      case 'E':
        d = round(exact, prec + 1);
        break;
      case 'f':
        d = round(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        d = round(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, d, prec, fmt);
    case 'f':
      return fmtF(neg, d, prec);
    case 'g':
    case 'G': {
      let eprec = prec;
      if (eprec > d.d.length && d.d.length >= d.dp) eprec = d.d.length;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > d.d.length) prec = d.d.length;
        return fmtE(neg, d, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > d.dp) prec = d.d.length;
      return fmtF(neg, d, Math.max(prec - d.dp, 0));
    }
  }
  return '%' + fmt;
}

function formatBinary(neg: boolean, ax: number): string {
  const [mant, exp] = ax === 0 ? [0n, -1074] : decompose(ax);
  return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : ''}${exp}`;
}

/** Go's %v of a float64: strconv 'g' shortest. */
export function formatFloatV(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e6 && !Object.is(x, -0)) return String(x);
  return formatFloat(x, 'g', -1);
}
