// huandu/xstrings 1.3.3's case conversions (camelcase, snakecase, kebabcase),
// rune by rune: its word splitting decides where connectors go.
import {
  isLetter,
  isNumber,
  isPunct,
  isSpace,
  isUpper,
  runeStr,
  toLowerRune,
  toUpperRune,
} from './gostr.ts';

const isConnector = (r: number): boolean => r === 45 || r === 95 || isSpace(r);

function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x2e80) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** xstrings.ToCamelCase */
export function camelCase(str: string): string {
  const rs = Array.from(str, (c) => c.codePointAt(0) as number);
  if (rs.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = 0;
  let got = false;
  while (i < rs.length) {
    r0 = rs[i++] as number;
    got = true;
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      break;
    }
    out += runeStr(r0);
  }
  if (i >= rs.length) {
    // One rune left, or only connectors (Go then writes the last one twice).
    if (got) out += runeStr(r0);
    return out;
  }
  let r1: number;
  while (i < rs.length) {
    r1 = r0;
    r0 = rs[i++] as number;
    if (isConnector(r0) && isConnector(r1)) {
      out += runeStr(r1);
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else {
      r0 = toLowerRune(r0);
      out += runeStr(r1);
    }
  }
  out += runeStr(r0);
  return out;
}

const enum W {
  invalid,
  number,
  upper,
  alphabet,
  connector,
  punct,
  other,
}

// Returns the word type, the word, and the index where the remainder starts.
function nextWord(rs: number[], start: number): [W, number[], number] {
  if (start >= rs.length) return [W.invalid, [], start];
  let i = start;
  let r = rs[i++] as number;
  let wt: W;
  if (isConnector(r)) {
    wt = W.connector;
    while (i < rs.length && isConnector(rs[i] as number)) i++;
  } else if (isPunct(r)) {
    wt = W.punct;
    while (i < rs.length && isPunct(rs[i] as number)) i++;
  } else if (isUpper(r)) {
    wt = W.upper;
    if (i < rs.length) {
      r = rs[i] as number;
      if (isUpper(r)) {
        i++;
        while (i < rs.length && isUpper(rs[i] as number)) i++;
        // "HTTPStatus": keep the "S" for the next word.
        if (i < rs.length && isAlphabet(rs[i] as number)) i--;
      } else if (isAlphabet(r)) {
        i++;
        while (i < rs.length && isAlphabet(rs[i] as number) && !isUpper(rs[i] as number)) i++;
      }
    }
  } else if (isAlphabet(r)) {
    wt = W.alphabet;
    while (i < rs.length && isAlphabet(rs[i] as number) && !isUpper(rs[i] as number)) i++;
  } else if (isNumber(r)) {
    wt = W.number;
    while (i < rs.length && isNumber(rs[i] as number)) i++;
  } else {
    wt = W.other;
    while (i < rs.length) {
      const c = rs[i] as number;
      if (isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)) break;
      i++;
    }
  }
  return [wt, rs.slice(start, i), i];
}

function lower(out: string[], wt: W, word: number[], connector: string): void {
  if (wt !== W.upper && wt !== W.connector) {
    out.push(word.map(runeStr).join(''));
    return;
  }
  for (const r of word) {
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(runeStr(toLowerRune(r)));
    else out.push(runeStr(r));
  }
}

function camelToLower(str: string, connector: string): string {
  if (str === '') return '';
  const rs = Array.from(str, (c) => c.codePointAt(0) as number);
  const out: string[] = [];
  let [wt, word, pos] = nextWord(rs, 0);
  while (pos < rs.length) {
    if (wt !== W.connector) lower(out, wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word, pos] = nextWord(rs, pos);
    switch (prev) {
      case W.number:
        while (wt === W.alphabet || wt === W.number) {
          lower(out, wt, word, connector);
          [wt, word, pos] = nextWord(rs, pos);
        }
        if (wt !== W.invalid && wt !== W.punct && wt !== W.connector) out.push(connector);
        break;
      case W.connector:
        lower(out, prev, last, connector);
        break;
      case W.punct:
        break;
      default: {
        if (wt !== W.number) {
          if (wt !== W.connector && wt !== W.punct) out.push(connector);
          break;
        }
        if (pos >= rs.length) break;
        const lastNum = word;
        [wt, word, pos] = nextWord(rs, pos);
        if (wt !== W.alphabet) {
          lower(out, W.number, lastNum, connector);
          if (wt !== W.connector && wt !== W.punct) out.push(connector);
          break;
        }
        out.push(connector);
        lower(out, W.number, lastNum, connector);
        while (wt === W.alphabet || wt === W.number) {
          lower(out, wt, word, connector);
          [wt, word, pos] = nextWord(rs, pos);
        }
        if (wt !== W.invalid && wt !== W.connector && wt !== W.punct) out.push(connector);
      }
    }
  }
  lower(out, wt, word, connector);
  return out.join('');
}

/** xstrings.ToSnakeCase */
export const snakeCase = (s: string): string => camelToLower(s, '_');
/** xstrings.ToKebabCase */
export const kebabCase = (s: string): string => camelToLower(s, '-');
