import { decodeUtf8 } from './bytes.ts';

// Go's strconv.Quote / Unquote / UnquoteChar and unicode.IsPrint, as the
// parser (string literals, error messages) and fmt's %q need them.

const printRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  if (cp < 0xa1) return false;
  return printRe.test(String.fromCodePoint(cp));
}

/** unicode.IsGraphic: IsPrint plus the Zs spaces. */
export function isGraphic(cp: number): boolean {
  return isPrint(cp) || (cp > 0x7f && /^\p{Zs}$/u.test(String.fromCodePoint(cp)));
}

const hex = '0123456789abcdef';

/** Appends the quoted form of one rune (quote is `"` or `'`). */
export function quoteRuneInto(
  out: string[],
  cp: number,
  quote: number,
  asciiOnly: boolean,
  graphicOnly = false,
): void {
  if (cp === quote || cp === 92) {
    out.push('\\', String.fromCharCode(cp));
    return;
  }
  if (asciiOnly) {
    if (cp < 0x80 && isPrint(cp)) {
      out.push(String.fromCharCode(cp));
      return;
    }
  } else if (isPrint(cp) || (graphicOnly && isGraphic(cp))) {
    out.push(String.fromCodePoint(cp));
    return;
  }
  switch (cp) {
    case 7:
      out.push('\\a');
      return;
    case 8:
      out.push('\\b');
      return;
    case 12:
      out.push('\\f');
      return;
    case 10:
      out.push('\\n');
      return;
    case 13:
      out.push('\\r');
      return;
    case 9:
      out.push('\\t');
      return;
    case 11:
      out.push('\\v');
      return;
  }
  if (cp < 0x20 || cp === 0x7f) {
    out.push('\\x', hex[cp >> 4] as string, hex[cp & 15] as string);
  } else if (cp < 0x10000) {
    out.push('\\u', cp.toString(16).padStart(4, '0'));
  } else {
    out.push('\\U', cp.toString(16).padStart(8, '0'));
  }
}

/** strconv.Quote (or QuoteToASCII). Lone surrogates quote as \ufffd (Go sees invalid UTF-8 as U+FFFD). */
export function goQuote(s: string, asciiOnly = false, graphicOnly = false): string {
  const out: string[] = ['"'];
  for (const ch of s) {
    let cp = ch.codePointAt(0) as number;
    if (cp >= 0xdc80 && cp <= 0xdcff) {
      // A raw byte (see bytes.ts): Go quotes invalid UTF-8 as \xNN.
      const b = cp - 0xdc00;
      out.push('\\x', hex[b >> 4] as string, hex[b & 15] as string);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    quoteRuneInto(out, cp, 34, asciiOnly, graphicOnly);
  }
  out.push('"');
  return out.join('');
}

/** strconv.QuoteRune. */
export function goQuoteRune(cp: number, asciiOnly = false, graphicOnly = false): string {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0) cp = 0xfffd;
  const out: string[] = ["'"];
  quoteRuneInto(out, cp, 39, asciiOnly, graphicOnly);
  out.push("'");
  return out.join('');
}

export class SyntaxError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

/**
 * strconv.UnquoteChar: decodes one (possibly escaped) character at s[i].
 * Returns [bytes or code point, next index]. \x and octal escapes give raw bytes.
 */
function unquoteCharAt(
  s: string,
  i: number,
  quote: number,
): { cp: number; byte: boolean; next: number } {
  const c = s.charCodeAt(i);
  if (c === quote && (quote === 39 || quote === 34)) throw new SyntaxError();
  if (c !== 92) {
    const cp = s.codePointAt(i) as number;
    return { cp, byte: false, next: i + (cp > 0xffff ? 2 : 1) };
  }
  if (i + 1 >= s.length) throw new SyntaxError();
  const e = s[i + 1] as string;
  i += 2;
  switch (e) {
    case 'a':
      return { cp: 7, byte: false, next: i };
    case 'b':
      return { cp: 8, byte: false, next: i };
    case 'f':
      return { cp: 12, byte: false, next: i };
    case 'n':
      return { cp: 10, byte: false, next: i };
    case 'r':
      return { cp: 13, byte: false, next: i };
    case 't':
      return { cp: 9, byte: false, next: i };
    case 'v':
      return { cp: 11, byte: false, next: i };
    case 'x':
    case 'u':
    case 'U': {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = s.slice(i, i + n);
      if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError();
      const v = parseInt(digits, 16);
      if (e === 'x') return { cp: v, byte: true, next: i + n };
      if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError();
      return { cp: v, byte: false, next: i + n };
    }
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const digits = s.slice(i - 1, i + 2);
      if (digits.length < 3 || !/^[0-7]{3}$/.test(digits)) throw new SyntaxError();
      const v = parseInt(digits, 8);
      if (v > 255) throw new SyntaxError();
      return { cp: v, byte: true, next: i + 2 };
    }
    case '\\':
      return { cp: 92, byte: false, next: i };
    case "'":
    case '"':
      if (e.charCodeAt(0) !== quote) throw new SyntaxError();
      return { cp: e.charCodeAt(0), byte: false, next: i };
  }
  throw new SyntaxError();
}

const encoder = new TextEncoder();

/** strconv.Unquote for `"..."`, `` `...` `` and `'.'`. Throws SyntaxError. */
export function goUnquote(s: string): string {
  const n = s.length;
  if (n < 2) throw new SyntaxError();
  const q = s[0];
  if (q !== s[n - 1]) throw new SyntaxError();
  const body = s.slice(1, n - 1);
  if (q === '`') {
    if (body.includes('`')) throw new SyntaxError();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== '"' && q !== "'") throw new SyntaxError();
  if (body.includes('\n')) throw new SyntaxError();
  if (!body.includes('\\') && !body.includes(q)) {
    if (q === '"') return body;
    if (q === "'" && [...body].length === 1) return body;
  }
  const bytes: number[] = [];
  let i = 0;
  let count = 0;
  while (i < body.length) {
    const r = unquoteCharAt(body, i, q.charCodeAt(0));
    i = r.next;
    count++;
    if (r.byte) bytes.push(r.cp);
    else for (const b of encoder.encode(String.fromCodePoint(r.cp))) bytes.push(b);
    if (q === "'" && count > 1) throw new SyntaxError();
  }
  if (q === "'" && count !== 1) throw new SyntaxError();
  return decodeUtf8(new Uint8Array(bytes));
}

/**
 * The parser's char constant: strconv.UnquoteChar(text[1:], '\'') and then
 * the check that only `'` remains. Returns the rune, or an error message.
 */
export function parseCharConstant(text: string): number | string {
  let r;
  try {
    r = unquoteCharAt(text, 1, 39);
  } catch {
    return 'invalid syntax';
  }
  if (text.slice(r.next) !== "'") return `malformed character constant: ${text}`;
  return r.cp;
}
