// The syntax error that Go's encoding/json reports for malformed input (its
// scanner's messages, e.g. `invalid character 'o' in literal null (expecting
// 'u')`), so that `maestro template` answers bad lines with the oracle's text.
import { goQuote } from './quote.ts';

// Go's scanner works on bytes: for a character outside ASCII it reports the
// first byte of its UTF-8 form, quoted as the rune of that value ('é' is
// reported as 'Ã', an emoji as 'ð').
function firstUtf8Byte(c: string): number {
  const u = c.charCodeAt(0);
  if (u < 0x80) return u;
  if (u < 0x800) return 0xc0 | (u >> 6);
  if (u >= 0xd800 && u <= 0xdbff) return 0xf0 | ((u - 0xd800 + 0x40) >> 8);
  return 0xe0 | (u >> 12);
}

function quoteChar(char: string): string {
  const c = String.fromCharCode(firstUtf8Byte(char));
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = goQuote(c);
  return `'${q.slice(1, -1)}'`;
}

class Stop extends Error {}

/** Returns Go's syntax error for `s`, or null when `s` is valid JSON. */
export function goJsonSyntaxError(s: string): string | null {
  let i = 0;
  const n = s.length;
  const fail = (c: string, context: string): never => {
    throw new Stop(`invalid character ${quoteChar(c)} ${context}`);
  };
  const eof = (): never => {
    throw new Stop('unexpected end of JSON input');
  };
  const isWs = (c: string | undefined): boolean =>
    c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const ws = (): void => {
    while (i < n && isWs(s[i])) i++;
  };
  const peek = (): string => {
    if (i >= n) eof();
    return s[i] as string;
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      const c = peek();
      if (c !== word[k]) fail(c, `in literal ${word} (expecting ${quoteChar(word[k] as string)})`);
    }
    i++;
  };
  const digits = (): void => {
    while (i < n && (s[i] as string) >= '0' && (s[i] as string) <= '9') i++;
  };
  const number = (): void => {
    if (s[i] === '-') {
      i++;
      const c = peek();
      if (!(c >= '0' && c <= '9')) fail(c, 'in numeric literal');
    }
    if (s[i] === '0') i++;
    else digits();
    if (s[i] === '.') {
      i++;
      const c = peek();
      if (!(c >= '0' && c <= '9')) fail(c, 'after decimal point in numeric literal');
      digits();
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      let c = peek();
      if (c === '+' || c === '-') {
        i++;
        c = peek();
      }
      if (!(c >= '0' && c <= '9')) fail(c, 'in exponent of numeric literal');
      digits();
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = peek();
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        const e = peek();
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            const h = peek();
            if (!/[0-9a-fA-F]/.test(h)) fail(h, 'in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) fail(e, 'in string escape code');
        i++;
        continue;
      }
      if (c < ' ') fail(c, 'in string literal');
      i++;
    }
  };
  const value = (): void => {
    ws();
    const c = peek();
    if (c === '{') {
      i++;
      ws();
      if (peek() === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const k = peek();
        if (k !== '"') fail(k, 'looking for beginning of object key string');
        string();
        ws();
        const colon = peek();
        if (colon !== ':') fail(colon, 'after object key');
        i++;
        value();
        ws();
        const sep = peek();
        if (sep === '}') {
          i++;
          return;
        }
        if (sep !== ',') fail(sep, 'after object key:value pair');
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (peek() === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        const sep = peek();
        if (sep === ']') {
          i++;
          return;
        }
        if (sep !== ',') fail(sep, 'after array element');
        i++;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail(c, 'looking for beginning of value');
  };
  try {
    value();
    ws();
    if (i < n) fail(s[i] as string, 'after top-level value');
    return null;
  } catch (e) {
    if (e instanceof Stop) return e.message;
    throw e;
  }
}
