// A port of the parts of Go's fmt package that templates reach: Sprint,
// Sprintln and Sprintf with every verb, flag, width, precision and argument
// index, Go's %v of maps (sorted keys), slices, nil and structs, and the
// `%!verb(type=value)` error forms.
import { formatFloat, formatFloatV } from './float.ts';
import { goQuote, goQuoteRune, isPrint } from './quote.ts';
import {
  GoComplex,
  GoInt,
  GoObject,
  elemTypeOf,
  integerKindOf,
  integerOf,
  isGoFunc,
  isUnsigned,
  sortedKeys,
  typeOf,
  type GoMap,
  type GoValue,
} from './value.ts';
import { decodeUtf8, utf8Bytes } from './bytes.ts';

type V = GoValue | undefined;

const ldigits = '0123456789abcdefx';
const udigits = '0123456789ABCDEFX';

class Printer {
  buf = '';
  // flags
  plus = false;
  minus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  widPresent = false;
  prec = 0;
  precPresent = false;
  erroring = false;
  /** Print a top-level pointer to a struct as the struct (no `&`). */
  derefTop = false;
  // current argument, for badVerb
  arg: V = undefined;
  argSet = false;

  clearflags(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      const z = this.zero;
      this.zero = false;
      this.writePadding(width);
      this.zero = z;
    }
  }

  truncate(s: string): string {
    if (this.precPresent) {
      let n = this.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(goQuote(s, this.plus));
  }

  fmtSx(s: string, digits: string): void {
    const bytes = utf8Bytes(s);
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = '';
    if (this.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += ' ';
        if (this.sharp) out += '0' + digits[16];
      }
      const c = bytes[i] as number;
      out += (digits[c >> 4] as string) + (digits[c & 15] as string);
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtBool(b: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(b ? 'true' : 'false');
    else this.badVerb(verb);
  }

  fmtInteger(v: bigint, signed: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !signed) {
          this.fmt0x64(v, true);
          return;
        }
        this.fmtInt(v, 10, verb, ldigits);
        return;
      case 'd':
        this.fmtInt(v, 10, verb, ldigits);
        return;
      case 'b':
        this.fmtInt(v, 2, verb, ldigits);
        return;
      case 'o':
      case 'O':
        this.fmtInt(v, 8, verb, ldigits);
        return;
      case 'x':
        this.fmtInt(v, 16, verb, ldigits);
        return;
      case 'X':
        this.fmtInt(v, 16, verb, udigits);
        return;
      case 'c':
        this.pad(String.fromCodePoint(toRune(v)));
        return;
      case 'q':
        this.pad(goQuoteRune(toRune(v), this.plus));
        return;
      case 'U':
        this.fmtUnicode(v);
        return;
    }
    this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInt(v, 16, 'v', ldigits);
    this.sharp = sharp;
  }

  fmtUnicode(u: bigint): void {
    let s = (u < 0n ? BigInt.asUintN(64, u) : u).toString(16).toUpperCase();
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    s = 'U+' + s.padStart(prec, '0');
    if (this.sharp && u <= 0x10ffffn && u >= 0n && isPrint(Number(u))) {
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    }
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }

  fmtInt(u: bigint, base: number, verb: string, digits: string): void {
    const negative = u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const z = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = z;
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        this.fmtFloatPrec(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatPrec(v, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
      case 'F':
        this.fmtFloatPrec(v, verb === 'F' ? 'f' : verb, 6);
        return;
    }
    this.badVerb(verb);
  }

  fmtFloatPrec(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num: string;
    if (verb === 'x' || verb === 'X') num = formatHexFloat(v, prec, verb);
    else num = formatFloat(v, verb, prec);
    if (num[0] === '-' || num[0] === '+') {
      /* keep */
    } else num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const z = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = z;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i] as string;
        if (c === '.') {
          hasDecimalPoint = true;
          continue;
        }
        if (c === 'p' || c === 'P') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X') {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtComplex(v: GoComplex, verb: string): void {
    if ('vbgGxXfFeE'.includes(verb)) {
      const plus = this.plus;
      this.buf += '(';
      this.fmtFloat(v.re, verb);
      this.plus = true;
      this.fmtFloat(v.im, verb);
      this.buf += 'i)';
      this.plus = plus;
    } else this.badVerb(verb);
  }

  fmtString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        this.fmtS(s);
        return;
      case 'x':
        this.fmtSx(s, ldigits);
        return;
      case 'X':
        this.fmtSx(s, udigits);
        return;
      case 'q':
        this.fmtQ(s);
        return;
    }
    this.badVerb(verb);
  }

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (this.argSet && this.arg !== null && this.arg !== undefined) {
      this.buf += typeOf(this.arg) + '=';
      this.printArg(this.arg, 'v');
    } else this.buf += '<nil>';
    this.buf += ')';
    this.erroring = false;
  }

  printArg(arg: V, verb: string): void {
    this.arg = arg;
    this.argSet = true;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeOf(arg));
      return;
    }
    if (verb === 'p') {
      this.buf += '%!p(' + typeOf(arg) + '=';
      this.printValue(arg, 'v', 0);
      this.buf += ')';
      return;
    }
    this.printValue(arg, verb, 0);
  }

  handleMethods(v: V, verb: string): boolean {
    if (this.erroring) return false;
    if (v instanceof GoObject && v.goString !== undefined) {
      if (this.sharpV) return false;
      if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
        // Go calls String()/Error() even on a nil pointer; a panic there prints <nil>.
        let text: string;
        try {
          text = v.goString();
        } catch {
          this.buf += '<nil>';
          return true;
        }
        this.fmtString(text, verb);
        return true;
      }
    }
    return false;
  }

  printValue(v: V, verb: string, depth: number): void {
    if (depth > 0) {
      this.arg = v;
      this.argSet = true;
    }
    switch (typeof v) {
      case 'string':
        this.fmtString(v, verb);
        return;
      case 'number':
        this.fmtFloat(v, verb);
        return;
      case 'boolean':
        this.fmtBool(v, verb);
        return;
      case 'undefined':
        if (depth === 0) this.buf += '<invalid reflect.Value>';
        else if (verb === 'v') this.buf += '<nil>';
        else this.badVerb(verb);
        return;
    }
    if (v === null) {
      // A nil interface inside a slice or map prints <nil> whatever the verb.
      this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (v instanceof GoInt) {
      this.fmtInteger(v.value, !isUnsigned(v.kind), verb);
      return;
    }
    if (v instanceof GoComplex) {
      this.fmtComplex(v, verb);
      return;
    }
    if (this.handleMethods(v, verb)) return;
    const named = integerKindOf(v);
    if (named !== undefined) {
      // A named integer type (time.Month, time.Duration) without a Stringer verb.
      this.fmtInteger(integerOf(v) as bigint, !isUnsigned(named), verb);
      return;
    }
    if (Array.isArray(v)) {
      if (
        (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X') &&
        elemTypeOf(v) === 'uint8'
      ) {
        const bytes = Uint8Array.from(v.map((b) => Number((b as GoInt).value)));
        this.fmtString(decodeUtf8(bytes), verb);
        return;
      }
      if (this.sharpV) {
        this.buf += typeOf(v) + '{';
        v.forEach((e, i) => {
          if (i > 0) this.buf += ', ';
          this.printValue(e, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      this.buf += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += ' ';
        this.printValue(v[i], verb, depth + 1);
      }
      this.buf += ']';
      return;
    }
    if (v instanceof GoObject) {
      if (v.isNil()) {
        this.buf += '<nil>';
        return;
      }
      const names = v.fieldNames();
      if (v.goKind === 'ptr' && depth > 0) {
        this.buf += '0xc000000000';
        return;
      }
      if (v.goKind === 'ptr' && !this.derefTop) this.buf += '&';
      if (this.sharpV) this.buf += v.goType.replace(/^\*/, '');
      this.buf += '{';
      names.forEach((n, i) => {
        if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
        if (this.plusV || this.sharpV) this.buf += n + ':';
        this.printValue(v.field(n), verb, depth + 1);
      });
      this.buf += '}';
      return;
    }
    if (isGoFunc(v)) {
      this.buf += '0x0';
      return;
    }
    const m = v as GoMap;
    if (this.sharpV) this.buf += typeOf(m) + '{';
    else this.buf += 'map[';
    const keys = sortedKeys(m);
    keys.forEach((k, i) => {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(m[k], verb, depth + 1);
    });
    this.buf += this.sharpV ? '}' : ']';
  }

  doPrintf(format: string, a: V[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;
    const argNumber = (argNum: number, i: number): [number, number, boolean] => {
      if (format.length <= i || format[i] !== '[') return [argNum, i, false];
      reordered = true;
      const [index, wid, ok] = parseArgNumber(format.slice(i));
      if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
      goodArgNum = false;
      return [argNum, i + wid, ok];
    };
    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i] as string;
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = !this.minus;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            this.zero = false;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(argNum, i);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(a, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i) as number;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') {
        this.buf += '%';
      } else if (!goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= a.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = a[k];
        if (arg === null || arg === undefined) this.buf += '<nil>';
        else {
          this.buf += typeOf(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (num > 1e6 || num < -1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num, isnum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(a: V[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    const iv = integerOf(v);
    if (iv !== undefined) {
      const n = iv;
      if (n >= -(1n << 63n) && n < 1n << 63n) {
        num = Number(n);
        isInt = true;
      }
    }
    newArgNum = argNum + 1;
    if (num > 1e6 || num < -1e6) {
      num = 0;
      isInt = false;
    }
  }
  return [num, isInt, newArgNum];
}

function toRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn) return 0xfffd;
  const n = Number(v);
  if (n >= 0xd800 && n <= 0xdfff) return 0xfffd;
  return n;
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A low surrogate is a rune of its own unless it completes a pair.
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c === 0xfeff) return false;
    if (c < 0x80) {
      if ((c < 0x20 && c !== 9) || c === 0x60 || c === 0x7f) return false;
    } else if (c === 0xfffd) return false;
  }
  return true;
}

function formatHexFloat(v: number, prec: number, verb: string): string {
  // %x of a float: rare in templates; Go's 'x' format: -0x1.8p+01.
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1);
  const neg = v < 0 || Object.is(v, -0);
  let ax = Math.abs(v);
  if (ax === 0) {
    const z = prec > 0 ? '0.' + '0'.repeat(prec) : '0';
    const zs = `${neg ? '-' : ''}0x${z}p+00`;
    return verb === 'X' ? zs.toUpperCase() : zs;
  }
  let exp = Math.floor(Math.log2(ax));
  ax = ax / 2 ** exp;
  while (ax >= 2) {
    ax /= 2;
    exp++;
  }
  while (ax < 1) {
    ax *= 2;
    exp--;
  }
  let mant = BigInt(Math.round((ax - 1) * 2 ** 52));
  let digits = mant.toString(16).padStart(13, '0');
  if (prec >= 0 && prec < 13) {
    const shift = BigInt((13 - prec) * 4);
    const half = 1n << (shift - 1n);
    const rem = mant & ((1n << shift) - 1n);
    mant >>= shift;
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant++;
    let lead = 1;
    if (mant >> BigInt(prec * 4) > 0n) {
      lead = 2;
      mant &= (1n << BigInt(prec * 4)) - 1n;
    }
    digits = prec > 0 ? mant.toString(16).padStart(prec, '0') : '';
    if (lead === 2) {
      exp++;
      digits = prec > 0 ? '0'.repeat(prec) : '';
    }
  } else {
    digits = digits.replace(/0+$/, '');
    if (prec > 13) digits = digits.padEnd(prec, '0');
  }
  const es = exp < 0 ? '-' : '+';
  const ea = Math.abs(exp);
  let s = `${neg ? '-' : ''}0x1${digits ? '.' + digits : ''}p${es}${ea < 10 ? '0' + ea : ea}`;
  if (verb === 'X') s = s.toUpperCase();
  return s;
}

/** fmt.Sprint. */
export function sprint(...args: V[]): string {
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === 'string') return a;
  }
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  }
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(...args: V[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.printArg(args[i], 'v');
  }
  return p.buf + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, ...args: V[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** What {{.}} prints: fmt.Fprint of one value (the engine handles <no value>). */
export function printOne(v: V): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloatV(v);
  if (v instanceof GoInt) return v.value.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const p = new Printer();
  // text/template's printableValue dereferences a pointer before printing it.
  if (v instanceof GoObject && v.goKind === 'ptr' && !v.isNil() && v.goString === undefined) {
    p.derefTop = true;
  }
  p.printArg(v, 'v');
  return p.buf;
}
