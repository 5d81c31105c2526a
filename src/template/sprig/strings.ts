// sprig's string functions (strings.go, functions.go), with the byte- or
// rune-wise behaviour of the Go helpers they call (goutils, xstrings).
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { GoObject, compareGoStrings, type GoValue } from '../value.ts';
import {
  byteLen,
  byteSlice,
  fromUtf8,
  isLetter,
  isDigit,
  isLower,
  isSpace,
  isTitle,
  isUpper,
  mapRunes,
  runeStr,
  runes,
  toLowerRune,
  toTitleRune,
  toUpperRune,
  trimCutset,
  trimSpace,
  utf8,
} from './gostr.ts';
import { sprintV, strval } from './goformat.ts';
import { goQuote } from '../quote.ts';
import { camelCase, kebabCase, snakeCase } from './xstrings.ts';

const n = (b: bigint): number => Number(BigInt.asIntN(64, b));

/** A Go runtime panic, as text/template reports a recovered one. */
export function runtimeError(msg: string): FuncError {
  return new FuncError(`runtime error: ${msg}`);
}

/** s[a:b] with Go's bounds checks (byte offsets); b undefined means s[a:]. */
export function goSlice(s: string, a: number | undefined, b: number | undefined): string {
  const len = byteLen(s);
  if (b !== undefined) {
    if (b < 0 || b > len) {
      throw runtimeError(
        `slice bounds out of range [:${b}]${b > len ? ` with length ${len}` : ''}`,
      );
    }
  }
  const lo = a ?? 0;
  const hi = b ?? len;
  if (lo < 0 || lo > hi) throw runtimeError(`slice bounds out of range [${lo}:${hi}]`);
  return byteSlice(s, lo, hi);
}

/** strings.Repeat with its panics; charges the result size first. */
export function goRepeat(ctx: CallContext, s: string, count: number): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  const size = byteLen(s) * count;
  if (!Number.isSafeInteger(size)) throw new FuncError('strings: Repeat count causes overflow');
  ctx.charge(size);
  return s.repeat(count);
}

// goutils.AbbreviateFull, on bytes (a cut multi-byte character stays cut
// until the result is decoded, as Go's string slicing leaves it).
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  const r = abbreviateBytes(utf8(str), offset, maxWidth);
  return r === null ? str : fromUtf8(r);
}

function abbreviateBytes(b: Uint8Array, offset: number, maxWidth: number): Uint8Array | null {
  const dots = Uint8Array.of(46, 46, 46);
  const cat = (x: Uint8Array, y: Uint8Array): Uint8Array => {
    const o = new Uint8Array(x.length + y.length);
    o.set(x);
    o.set(y, x.length);
    return o;
  };
  if (b.length === 0) return b;
  if (maxWidth < 4) return new Uint8Array(0);
  const len = b.length;
  if (len <= maxWidth) return null;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return cat(b.subarray(0, maxWidth - 3), dots);
  if (maxWidth < 7) return new Uint8Array(0);
  if (offset + maxWidth - 3 < len) {
    const inner = b.subarray(offset);
    return cat(dots, abbreviateBytes(inner, 0, maxWidth - 3) ?? inner);
  }
  return cat(dots, b.subarray(len - (maxWidth - 3)));
}

// goutils.WrapCustom: byte-wise, breaking at ' '.
function wrapCustom(str: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (str === '') return '';
  if (newLine === '') newLine = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const b = utf8(str);
  const nl = utf8(newLine);
  const len = b.length;
  const out: number[] = [];
  const put = (from: number, to: number): void => {
    for (let i = from; i < to; i++) out.push(b[i] as number);
  };
  let offset = 0;
  while (len - offset > wrapLength) {
    if (b[offset] === 32) {
      offset++;
      continue;
    }
    const end = Math.min(wrapLength + offset + 1, len);
    let space = -1;
    for (let i = end - 1; i >= offset; i--) {
      if (b[i] === 32) {
        space = i;
        break;
      }
    }
    if (space >= offset) {
      put(offset, space);
      out.push(...nl);
      offset = space + 1;
    } else if (wrapLong) {
      put(offset, wrapLength + offset);
      out.push(...nl);
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      let idx = -1;
      for (let i = e; i < len; i++) {
        if (b[i] === 32) {
          idx = i;
          break;
        }
      }
      if (idx === -1) {
        put(offset, len);
        offset = len;
      } else {
        put(offset, idx);
        out.push(...nl);
        offset = idx + 1;
      }
    }
  }
  put(offset, len);
  return fromUtf8(Uint8Array.from(out));
}

// goutils walks bytes and widens each byte to a rune (Latin-1): replicate it.
function bytesAsRunes(s: string): number[] {
  return Array.from(utf8(s));
}

function initials(s: string): string {
  if (s === '') return s;
  let out = '';
  let gap = true;
  for (const ch of bytesAsRunes(s)) {
    if (isSpace(ch)) gap = true;
    else if (gap) {
      out += String.fromCodePoint(ch);
      gap = false;
    }
  }
  return out;
}

function deleteWhiteSpace(s: string): string {
  if (s === '') return s;
  const bs = bytesAsRunes(s);
  const kept = bs.filter((c) => !isSpace(c));
  if (kept.length === bs.length) return s;
  return kept.map((c) => String.fromCodePoint(c)).join('');
}

// goutils.SwapCase: word-based (a lower-case letter after a space becomes title case).
function swapCase(s: string): string {
  let ws = true;
  let out = '';
  for (const r of runes(s)) {
    let o = r;
    if (isUpper(r) || isTitle(r)) {
      o = toLowerRune(r);
      ws = false;
    } else if (isLower(r)) {
      if (ws) {
        o = toTitleRune(r);
        ws = false;
      } else o = toUpperRune(r);
    } else ws = isSpace(r);
    out += runeStr(o);
  }
  return out;
}

function uncapitalize(s: string): string {
  let next = true;
  let out = '';
  for (const r of runes(s)) {
    if (isSpace(r)) {
      next = true;
      out += runeStr(r);
    } else if (next) {
      out += runeStr(toLowerRune(r));
      next = false;
    } else out += runeStr(r);
  }
  return out;
}

// strings.Title's separator rule.
function isSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 48 && r <= 57) || (r >= 97 && r <= 122) || (r >= 65 && r <= 90) || r === 95) {
      return false;
    }
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

function title(s: string): string {
  let prev = 32;
  let out = '';
  for (const r of runes(s)) {
    out += runeStr(isSeparator(prev) ? toTitleRune(r) : r);
    prev = r;
  }
  return out;
}

/** strings.Replace(s, old, new, -1), with Go's rule for an empty old string. */
export function replaceAll(ctx: CallContext, s: string, old: string, nw: string): string {
  if (old === nw) return s;
  if (old === '') {
    const rs = Array.from(s);
    ctx.charge((rs.length + 1) * nw.length);
    return nw + rs.map((c) => c + nw).join('');
  }
  const parts = s.split(old);
  ctx.charge(s.length + (parts.length - 1) * nw.length);
  return parts.join(nw);
}

/** strings.Split / SplitN (n < 0: all). */
export function goSplit(ctx: CallContext, s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const rs = Array.from(s);
    ctx.charge(rs.length);
    if (n > 0 && rs.length > n) return [...rs.slice(0, n - 1), rs.slice(n - 1).join('')];
    return rs;
  }
  const parts = s.split(sep);
  ctx.charge(parts.length);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function indexMap(parts: string[]): Record<string, GoValue> {
  const m: Record<string, GoValue> = {};
  parts.forEach((p, i) => (m[`_${i}`] = p));
  return m;
}

/** sprig's strslice (toStrings, join, sortAlpha). */
export function strslice(ctx: CallContext, v: GoValue): string[] {
  if (Array.isArray(v)) {
    ctx.charge(v.length);
    const out: string[] = [];
    for (const e of v) if (e !== null) out.push(strval(e));
    return out;
  }
  if (v === null) return [];
  return [strval(v)];
}

function indent(ctx: CallContext, spaces: number, s: string): string {
  const pad = goRepeat(ctx, ' ', spaces);
  return pad + replaceAll(ctx, s, '\n', '\n' + pad);
}

export const stringFuncs: FuncMap = {
  hello: goFunc('hello', 'func() string', () => 'Hello!'),
  abbrev: goFunc('abbrev', 'func(width int, s string) string', (_c, w: bigint, s: string) =>
    n(w) < 4 ? s : abbreviateFull(s, 0, n(w)),
  ),
  abbrevboth: goFunc(
    'abbrevboth',
    'func(left, right int, s string) string',
    (_c, l: bigint, r: bigint, s: string) => {
      const left = n(l);
      const right = n(r);
      if (right < 4 || (left > 0 && right < 7)) return s;
      return abbreviateFull(s, left, right);
    },
  ),
  trunc: goFunc('trunc', 'func(c int, s string) string', (_c, cb: bigint, s: string) => {
    const c = n(cb);
    const len = byteLen(s);
    if (c < 0 && len + c > 0) return byteSlice(s, len + c);
    if (c >= 0 && len > c) return byteSlice(s, 0, c);
    return s;
  }),
  trim: goFunc('trim', 'func(s string) string', (_c, s: string) => trimSpace(s)),
  upper: goFunc('upper', 'func(s string) string', (_c, s: string) => mapRunes(s, toUpperRune)),
  lower: goFunc('lower', 'func(s string) string', (_c, s: string) => mapRunes(s, toLowerRune)),
  title: goFunc('title', 'func(s string) string', (_c, s: string) => title(s)),
  untitle: goFunc('untitle', 'func(str string) string', (_c, s: string) => uncapitalize(s)),
  substr: goFunc(
    'substr',
    'func(start, end int, s string) string',
    (_c, a: bigint, b: bigint, s: string) => {
      const start = n(a);
      const end = n(b);
      if (start < 0) return goSlice(s, undefined, end);
      if (end < 0 || end > byteLen(s)) return goSlice(s, start, undefined);
      return goSlice(s, start, end);
    },
  ),
  repeat: goFunc('repeat', 'func(count int, str string) string', (ctx, c: bigint, s: string) =>
    goRepeat(ctx, s, n(c)),
  ),
  trimall: goFunc('trimall', 'func(a, b string) string', (_c, a: string, b: string) =>
    trimCutset(b, a),
  ),
  trimAll: goFunc('trimAll', 'func(a, b string) string', (_c, a: string, b: string) =>
    trimCutset(b, a),
  ),
  trimSuffix: goFunc('trimSuffix', 'func(a, b string) string', (_c, a: string, b: string) =>
    a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
  ),
  trimPrefix: goFunc('trimPrefix', 'func(a, b string) string', (_c, a: string, b: string) =>
    a !== '' && b.startsWith(a) ? b.slice(a.length) : b,
  ),
  nospace: goFunc('nospace', 'func(str string) string', (_c, s: string) => deleteWhiteSpace(s)),
  initials: goFunc('initials', 'func(s string) string', (_c, s: string) => initials(s)),
  swapcase: goFunc('swapcase', 'func(str string) string', (_c, s: string) => swapCase(s)),
  shuffle: goFunc('shuffle', 'func(str string) string', (ctx, s: string) => {
    if (s === '') return s;
    const rs = runes(s);
    ctx.charge(rs.length);
    for (let i = rs.length - 1; i > 0; i--) {
      const j = ctx.rand.intn(i + 1);
      [rs[i], rs[j]] = [rs[j] as number, rs[i] as number];
    }
    return rs.map(runeStr).join('');
  }),
  snakecase: goFunc('snakecase', 'func(str string) string', (_c, s: string) => snakeCase(s)),
  camelcase: goFunc('camelcase', 'func(str string) string', (_c, s: string) => camelCase(s)),
  kebabcase: goFunc('kebabcase', 'func(str string) string', (_c, s: string) => kebabCase(s)),
  wrap: goFunc('wrap', 'func(l int, s string) string', (ctx, l: bigint, s: string) => {
    ctx.charge(byteLen(s) * 2);
    return wrapCustom(s, n(l), '', false);
  }),
  wrapWith: goFunc(
    'wrapWith',
    'func(l int, sep, str string) string',
    (ctx, l: bigint, sep: string, s: string) => {
      ctx.charge(byteLen(s) * (1 + byteLen(sep)));
      return wrapCustom(s, n(l), sep, true);
    },
  ),
  contains: goFunc('contains', 'func(substr string, str string) bool', (_c, a: string, b: string) =>
    b.includes(a),
  ),
  hasPrefix: goFunc(
    'hasPrefix',
    'func(substr string, str string) bool',
    (_c, a: string, b: string) => b.startsWith(a),
  ),
  hasSuffix: goFunc(
    'hasSuffix',
    'func(substr string, str string) bool',
    (_c, a: string, b: string) => b.endsWith(a),
  ),
  quote: goFunc('quote', 'func(str ...interface{}) string', (ctx, ...xs: GoValue[]) => {
    ctx.charge(xs.length);
    return xs
      .filter((x) => x !== null)
      .map((x) => goQuote(strval(x)))
      .join(' ');
  }),
  squote: goFunc('squote', 'func(str ...interface{}) string', (ctx, ...xs: GoValue[]) => {
    ctx.charge(xs.length);
    return xs
      .filter((x) => x !== null)
      .map((x) => `'${sprintV(x)}'`)
      .join(' ');
  }),
  cat: goFunc('cat', 'func(v ...interface{}) string', (ctx, ...xs: GoValue[]) => {
    ctx.charge(xs.length);
    return xs
      .filter((x) => x !== null)
      .map((x) => sprintV(x))
      .join(' ');
  }),
  indent: goFunc('indent', 'func(spaces int, v string) string', (ctx, sp: bigint, s: string) =>
    indent(ctx, n(sp), s),
  ),
  nindent: goFunc(
    'nindent',
    'func(spaces int, v string) string',
    (ctx, sp: bigint, s: string) => '\n' + indent(ctx, n(sp), s),
  ),
  replace: goFunc(
    'replace',
    'func(old, new, src string) string',
    (ctx, o: string, w: string, s: string) => replaceAll(ctx, s, o, w),
  ),
  plural: goFunc(
    'plural',
    'func(one, many string, count int) string',
    (_c, one: string, many: string, c: bigint) => (c === 1n ? one : many),
  ),
  toString: goFunc('toString', 'func(v interface{}) string', (_c, v: GoValue) => strval(v)),
  splitList: goFunc('splitList', 'func(sep, orig string) []string', (ctx, sep: string, s: string) =>
    goSplit(ctx, s, sep),
  ),
  split: goFunc(
    'split',
    'func(sep, orig string) map[string]string',
    (ctx, sep: string, s: string) => indexMap(goSplit(ctx, s, sep)),
  ),
  splitn: goFunc(
    'splitn',
    'func(sep string, n int, orig string) map[string]string',
    (ctx, sep: string, c: bigint, s: string) => indexMap(goSplit(ctx, s, sep, n(c))),
  ),
  toStrings: goFunc('toStrings', 'func(v interface{}) []string', (ctx, v: GoValue) =>
    strslice(ctx, v),
  ),
  join: goFunc('join', 'func(sep string, v interface{}) string', (ctx, sep: string, v: GoValue) => {
    const parts = strslice(ctx, v);
    // The separator can make the result far larger than the list: charge it first.
    const size = parts.reduce((n, p) => n + p.length, 0);
    ctx.charge(size + sep.length * Math.max(parts.length - 1, 0));
    return parts.join(sep);
  }),
  sortAlpha: goFunc('sortAlpha', 'func(list interface{}) []string', (ctx, v: GoValue) => {
    if (Array.isArray(v)) {
      const a = strslice(ctx, v);
      return a.sort(compareGoStrings);
    }
    return [strval(v)];
  }),
};
void GoObject;
