// Go string semantics on JavaScript strings. Go strings are UTF-8 bytes and
// Go's unicode package classifies runes; sprig's helpers (goutils, xstrings)
// sometimes walk bytes and sometimes runes, and the outputs differ on
// non-ASCII text. These helpers make each choice explicit.
import { byteLength, decodeUtf8, utf8Bytes } from '../bytes.ts';
import { goQuote } from '../quote.ts';

// Raw bytes that are not valid UTF-8 travel as lone surrogates U+DC80..U+DCFF
// (the engine's "surrogate escape", src/template/bytes.ts): converting to
// bytes and back keeps them, as Go keeps its bytes.

/** The bytes of a Go string. */
export function utf8(s: string): Uint8Array {
  return utf8Bytes(s);
}

/** A Go string from bytes (invalid bytes are kept, one escape each). */
export function fromUtf8(b: Uint8Array): string {
  return decodeUtf8(b);
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** True when every code unit is ASCII (byte offsets equal string offsets). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** len(s) in Go: the number of bytes. */
export function byteLen(s: string): number {
  return isAscii(s) ? s.length : byteLength(s);
}

/** s[start:end] in Go (byte offsets, already checked by the caller). */
export function byteSlice(s: string, start: number, end?: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return fromUtf8(utf8(s).subarray(start, end));
}

/** The runes (code points) of a string. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** The string of one rune; invalid runes become U+FFFD as in Go. */
export function runeStr(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(r);
}

const reSpace = /^\s$/u;
const reUpper = /^\p{Lu}$/u;
const reLower = /^\p{Ll}$/u;
const reTitle = /^\p{Lt}$/u;
const reLetter = /^\p{L}$/u;
const reDigit = /^\p{Nd}$/u;
const reNumber = /^\p{N}$/u;
const rePunct = /^\p{P}$/u;
const rePrint = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsSpace */
export function isSpace(r: number): boolean {
  if (r < 0x80) return r === 32 || (r >= 9 && r <= 13);
  if (r === 0x85 || r === 0xa0) return true;
  return reSpace.test(runeStr(r)) && r !== 0xfeff;
}
export const isUpper = (r: number): boolean => reUpper.test(runeStr(r));
export const isLower = (r: number): boolean => reLower.test(runeStr(r));
export const isTitle = (r: number): boolean => reTitle.test(runeStr(r));
export const isLetter = (r: number): boolean => reLetter.test(runeStr(r));
export const isDigit = (r: number): boolean => reDigit.test(runeStr(r));
export const isNumber = (r: number): boolean => reNumber.test(runeStr(r));
export const isPunct = (r: number): boolean => rePunct.test(runeStr(r));
/** strconv.IsPrint */
export const isPrint = (r: number): boolean => rePrint.test(runeStr(r));

// Go maps case one rune to one rune (unicode.ToUpper); JavaScript may expand
// (ß -> SS). Keep the rune when the JS mapping is not a single rune.
function mapRune(r: number, f: (s: string) => string): number {
  const s = runeStr(r);
  const m = f(s);
  const cp = m.codePointAt(0) as number;
  return m.length === (cp > 0xffff ? 2 : 1) ? cp : r;
}
const titleOverrides: Record<number, number> = {
  0x1c4: 0x1c5,
  0x1c5: 0x1c5,
  0x1c6: 0x1c5,
  0x1c7: 0x1c8,
  0x1c8: 0x1c8,
  0x1c9: 0x1c8,
  0x1ca: 0x1cb,
  0x1cb: 0x1cb,
  0x1cc: 0x1cb,
  0x1f1: 0x1f2,
  0x1f2: 0x1f2,
  0x1f3: 0x1f2,
};
/** unicode.ToUpper */
export function toUpperRune(r: number): number {
  if (r < 0x80) return r >= 97 && r <= 122 ? r - 32 : r;
  return mapRune(r, (s) => s.toUpperCase());
}
/** unicode.ToLower */
export function toLowerRune(r: number): number {
  if (r < 0x80) return r >= 65 && r <= 90 ? r + 32 : r;
  return mapRune(r, (s) => s.toLowerCase());
}
/** unicode.ToTitle */
export function toTitleRune(r: number): number {
  return titleOverrides[r] ?? toUpperRune(r);
}

/** Maps every rune of a string. */
export function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const ch of s) out += runeStr(f(ch.codePointAt(0) as number));
  return out;
}

/** strings.TrimSpace */
export function trimSpace(s: string): string {
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && isSpace(rs[a] as number)) a++;
  while (b > a && isSpace(rs[b - 1] as number)) b--;
  return String.fromCodePoint(...rs.slice(a, b));
}

/** strings.Trim(s, cutset) */
export function trimCutset(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && cut.has(rs[a] as number)) a++;
  while (b > a && cut.has(rs[b - 1] as number)) b--;
  return rs.slice(a, b).map(runeStr).join('');
}

/** strconv.Quote of raw bytes: invalid UTF-8 bytes are written as \\xNN. */
export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) out += goQuote(strict.decode(Uint8Array.from(run))).slice(1, -1);
    run = [];
  };
  for (let i = 0; i < b.length;) {
    const n = validSeqLen(b, i);
    if (n === 0) {
      flush();
      out += '\\x' + (b[i] as number).toString(16).padStart(2, '0');
      i++;
    } else {
      for (let k = 0; k < n; k++) run.push(b[i + k] as number);
      i += n;
    }
  }
  flush();
  return out + '"';
}

// The length of the valid UTF-8 sequence at b[i], or 0.
function validSeqLen(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  let n = 0;
  let min = 0;
  let cp = 0;
  if (c >= 0xc2 && c <= 0xdf) [n, min, cp] = [1, 0x80, c & 0x1f];
  else if (c >= 0xe0 && c <= 0xef) [n, min, cp] = [2, 0x800, c & 0x0f];
  else if (c >= 0xf0 && c <= 0xf4) [n, min, cp] = [3, 0x10000, c & 0x07];
  else return 0;
  for (let k = 1; k <= n; k++) {
    const d = b[i + k];
    if (d === undefined || (d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n + 1;
}
