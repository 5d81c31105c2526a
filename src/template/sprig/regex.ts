// sprig's regex functions on Go's regexp (RE2 syntax). Patterns are
// translated to JavaScript RegExps that match the same language: RE2's \s,
// '.', multi-line anchors, \A, \z, \Q..\E, POSIX classes and (?P<name>) are
// rewritten; what RE2 rejects (lookaround, backreferences, ...) fails with
// Go's own error text; inline flags other than a leading (?flags) are refused
// with a clear error because Node 20 cannot scope them. Match iteration,
// replacement ($1, ${name}) and Split follow Go's rules for empty matches.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';

class ReError extends Error {}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7f}',
  blank: '\\t ',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\u{b}\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const PERL: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: '\\t\\n\\f\\r ' };

const cp = (c: number): string => `\\u{${c.toString(16)}}`;

function unicodeClass(name: string, negate: boolean): string {
  const inner =
    name === 'Any' ? '\\s\\S' : /^[A-Z][a-z]?$/.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`;
  try {
    new RegExp(`[${inner}]`, 'u');
  } catch {
    throw new ReError(`invalid character class range: \`\\p{${name}}\``);
  }
  if (name === 'Any') return negate ? '' : inner;
  return negate ? inner.replace('\\p', '\\P') : inner;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

/** Translates an RE2 pattern; throws ReError with Go's message. */
export function translate(re: string): { source: string; flags: string } {
  const chars = Array.from(re);
  let i = 0;
  const fl: Flags = { i: false, m: false, s: false };
  // A leading (?flags) applies to the whole expression.
  const lead = /^\(\?([imsU]+)\)/.exec(re);
  if (lead) {
    for (const f of lead[1] as string) {
      if (f === 'U') throw new ReError('ungreedy (?U) is not supported by Maestro');
      fl[f as keyof Flags] = true;
    }
    i = Array.from(lead[0]).length;
  }
  let out = '';
  let depth = 0;
  let canRepeat = false; // is there an atom to repeat?
  let lastWasRepeat = '';

  const escapeIn = (inClass: boolean): string => {
    // at chars[i] === '\\'
    const start = i;
    i++;
    const c = chars[i];
    if (c === undefined) throw new ReError('trailing backslash at end of expression: ``');
    i++;
    switch (c) {
      case 'a':
        return cp(7);
      case 'f':
        return cp(12);
      case 't':
        return cp(9);
      case 'n':
        return cp(10);
      case 'r':
        return cp(13);
      case 'v':
        return cp(11);
      case 'd':
      case 'w':
        return inClass ? (PERL[c] as string) : `[${PERL[c]}]`;
      case 's':
        return inClass ? (PERL.s as string) : `[${PERL.s}]`;
      case 'D':
      case 'W':
      case 'S': {
        if (inClass)
          throw new ReError(
            `negated Perl classes inside [] are not supported by Maestro: \`\\${c}\``,
          );
        return `[^${PERL[c.toLowerCase()]}]`;
      }
      case 'p':
      case 'P': {
        let name: string;
        if (chars[i] === '{') {
          const close = chars.indexOf('}', i);
          if (close < 0)
            throw new ReError(`invalid character class range: \`${chars.slice(start).join('')}\``);
          name = chars.slice(i + 1, close).join('');
          i = close + 1;
        } else {
          name = chars[i] ?? '';
          i++;
        }
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        const cls = unicodeClass(name, neg);
        return inClass ? cls : `[${cls}]`;
      }
      case 'x': {
        let hex: string;
        if (chars[i] === '{') {
          const close = chars.indexOf('}', i);
          if (close < 0)
            throw new ReError(`invalid escape sequence: \`${chars.slice(start, i + 1).join('')}\``);
          hex = chars.slice(i + 1, close).join('');
          i = close + 1;
        } else {
          hex = chars.slice(i, i + 2).join('');
          i += 2;
        }
        if (!/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
          throw new ReError(`invalid escape sequence: \`${chars.slice(start, i).join('')}\``);
        }
        return cp(parseInt(hex, 16));
      }
      case 'Q': {
        if (inClass) throw new ReError('invalid escape sequence: `\\Q`');
        let lit = '';
        while (i < chars.length && !(chars[i] === '\\' && chars[i + 1] === 'E')) {
          lit += cp((chars[i] as string).codePointAt(0) as number);
          i++;
        }
        if (i < chars.length) i += 2;
        return lit === '' ? '(?:)' : `(?:${lit})`;
      }
      case 'A':
      case 'z':
        if (inClass) break;
        return c === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])';
      case 'b':
      case 'B':
        if (inClass) break;
        return '\\' + c;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        if (c !== '0' && !/[0-7]/.test(chars[i] ?? '')) break;
        let oct = c;
        for (let k = 0; k < 2 && /[0-7]/.test(chars[i] ?? ''); k++) oct += chars[i++];
        return cp(parseInt(oct, 8));
      }
      default:
        if (c.length === 1 && /[!-/:-@[-`{-~]/.test(c)) return cp(c.charCodeAt(0));
    }
    throw new ReError(`invalid escape sequence: \`${chars.slice(start, i).join('')}\``);
  };

  const classAt = (): string => {
    const start = i;
    i++; // '['
    let neg = false;
    if (chars[i] === '^') {
      neg = true;
      i++;
    }
    let body = '';
    let first = true;
    let prevSingle: number | null = null;
    while (i < chars.length && (chars[i] !== ']' || first)) {
      first = false;
      if (chars[i] === '[' && chars[i + 1] === ':') {
        const close = chars.join('').indexOf(':]', i + 2);
        const m = close >= 0 ? chars.slice(i + 2, close).join('') : null;
        let name = m ?? '';
        let pneg = false;
        if (name.startsWith('^')) {
          pneg = true;
          name = name.slice(1);
        }
        if (m !== null && POSIX[name] !== undefined) {
          if (pneg)
            throw new ReError(`negated POSIX classes are not supported by Maestro: \`[:${m}:]\``);
          body += POSIX[name];
          i = close + 2;
          prevSingle = null;
          continue;
        }
        if (m !== null && /^\^?[a-z]+$/.test(m))
          throw new ReError(`invalid character class range: \`[:${m}:]\``);
      }
      let lo: number;
      let loText: string;
      const itemStart = i;
      if (chars[i] === '\\') {
        const e = escapeIn(true);
        const single = /^\\u\{([0-9a-f]+)\}$/.exec(e);
        if (!single) {
          body += e;
          prevSingle = null;
          continue;
        }
        lo = parseInt(single[1] as string, 16);
        loText = e;
      } else {
        lo = (chars[i] as string).codePointAt(0) as number;
        loText = cp(lo);
        i++;
      }
      if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
        i++;
        let hi: number;
        let hiText: string;
        if (chars[i] === '\\') {
          hiText = escapeIn(true);
          const single = /^\\u\{([0-9a-f]+)\}$/.exec(hiText);
          if (!single)
            throw new ReError(
              `invalid character class range: \`${chars.slice(itemStart, i).join('')}\``,
            );
          hi = parseInt(single[1] as string, 16);
        } else {
          hi = (chars[i] as string).codePointAt(0) as number;
          hiText = cp(hi);
          i++;
        }
        if (hi < lo)
          throw new ReError(
            `invalid character class range: \`${chars.slice(itemStart, i).join('')}\``,
          );
        body += `${loText}-${hiText}`;
        prevSingle = null;
      } else {
        body += loText;
        prevSingle = lo;
      }
    }
    void prevSingle;
    if (i >= chars.length)
      throw new ReError(`missing closing ]: \`${chars.slice(start).join('')}\``);
    i++; // ']'
    if (body === '') return neg ? '[\\s\\S]' : '[^\\s\\S]';
    return `[${neg ? '^' : ''}${body}]`;
  };

  const groupStack: number[] = [];
  while (i < chars.length) {
    const c = chars[i] as string;
    if (
      c === '*' ||
      c === '+' ||
      c === '?' ||
      (c === '{' && /^\{\d+(,\d*)?\}/.test(chars.slice(i).join('')))
    ) {
      let op = c;
      if (c === '{') {
        op = (/^\{\d+(,\d*)?\}/.exec(chars.slice(i).join('')) as RegExpExecArray)[0];
        const [lo, hi] = op.slice(1, -1).split(',');
        if (
          Number(lo) > 1000 ||
          (hi !== undefined && hi !== '' && (Number(hi) > 1000 || Number(hi) < Number(lo)))
        ) {
          throw new ReError(`invalid repeat count: \`${op}\``);
        }
      }
      const opLen = Array.from(op).length;
      let full = op;
      if (chars[i + opLen] === '?') full += '?';
      if (lastWasRepeat !== '')
        throw new ReError(`invalid nested repetition operator: \`${lastWasRepeat}${op}\``);
      if (!canRepeat) throw new ReError(`missing argument to repetition operator: \`${op}\``);
      out += full;
      i += Array.from(full).length;
      lastWasRepeat = op;
      continue;
    }
    lastWasRepeat = '';
    switch (c) {
      case '\\': {
        const e = escapeIn(false);
        out += e;
        canRepeat = !/^\\[bB]$|^\(\?<!|^\(\?!/.test(e);
        continue;
      }
      case '[':
        out += classAt();
        canRepeat = true;
        continue;
      case '.':
        out += fl.s ? '[\\s\\S]' : '[^\\n]';
        i++;
        canRepeat = true;
        continue;
      case '^':
        out += fl.m ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?<![\\s\\S])';
        i++;
        canRepeat = false;
        continue;
      case '$':
        out += fl.m ? '(?=\\n|(?![\\s\\S]))' : '(?![\\s\\S])';
        i++;
        canRepeat = false;
        continue;
      case '|':
        out += '|';
        i++;
        canRepeat = false;
        continue;
      case '(': {
        const rest = chars.slice(i).join('');
        if (rest.startsWith('(?')) {
          const named = /^\(\?P<([^>]*)>/.exec(rest);
          if (rest.startsWith('(?P<')) {
            if (!named) throw new ReError(`invalid named capture: \`${rest}\``);
            const name = named[1] as string;
            if (!/^[A-Za-z0-9_]+$/.test(name))
              throw new ReError(`invalid named capture: \`${named[0]}\``);
            out += `(?<${name}>`;
            i += Array.from(named[0]).length;
          } else if (rest.startsWith('(?:')) {
            out += '(?:';
            i += 3;
          } else {
            const fm = /^\(\?([imsU-]*)(:|\))/.exec(rest);
            if (fm)
              throw new ReError(
                `inline flags inside the expression are not supported by Maestro: \`${fm[0]}\``,
              );
            throw new ReError(`invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
          }
        } else {
          out += '(';
          i++;
        }
        groupStack.push(i);
        depth++;
        canRepeat = false;
        continue;
      }
      case ')':
        if (depth === 0) throw new ReError(`unexpected ): \`${re}\``);
        depth--;
        groupStack.pop();
        out += ')';
        i++;
        canRepeat = true;
        continue;
      default:
        out += cp(c.codePointAt(0) as number);
        i++;
        canRepeat = true;
    }
  }
  if (depth > 0) throw new ReError(`missing closing ): \`${re}\``);
  return { source: out, flags: 'u' + (fl.i ? 'i' : '') };
}

const cache = new Map<string, RegExp | ReError>();

/** regexp.Compile; throws ReError ("error parsing regexp: ..."). */
export function compile(re: string): RegExp {
  let r = cache.get(re);
  if (r === undefined) {
    try {
      const t = translate(re);
      r = new RegExp(t.source, t.flags + 'g');
    } catch (e) {
      r =
        e instanceof ReError
          ? new ReError(`error parsing regexp: ${e.message}`)
          : new ReError(`error parsing regexp: ${(e as Error).message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(re, r);
  }
  if (r instanceof ReError) throw r;
  return r;
}

function exec(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

const width = (s: string, pos: number): number => {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
};

/** Go's allMatches: non-overlapping matches, empty matches abutting a match skipped. */
export function allMatches(ctx: CallContext, re: RegExp, s: string, n: number): RegExpExecArray[] {
  if (n < 0) n = s.length + 1;
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= s.length) {
    ctx.charge(1);
    const m = exec(re, s, pos);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += pos < s.length ? width(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

// Go's Regexp.Expand for ReplaceAllString templates ($1, ${1}, $name, $$).
function expand(tpl: string, m: RegExpExecArray): string {
  let out = '';
  let i = 0;
  while (i < tpl.length) {
    const d = tpl.indexOf('$', i);
    if (d < 0) {
      out += tpl.slice(i);
      break;
    }
    out += tpl.slice(i, d);
    i = d + 1;
    if (tpl[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | null = null;
    if (tpl[i] === '{') {
      const close = tpl.indexOf('}', i);
      const nm = close < 0 ? '' : tpl.slice(i + 1, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(nm)) {
        name = nm;
        i = close + 1;
      }
    } else {
      const nm = /^[A-Za-z0-9_]+/.exec(tpl.slice(i));
      if (nm) {
        name = nm[0];
        i += nm[0].length;
      }
    }
    if (name === null) {
      out += '$';
      continue;
    }
    if (/^\d+$/.test(name)) {
      const k = Number(name);
      if (k < m.length) out += m[k] ?? '';
    } else out += m.groups?.[name] ?? '';
  }
  return out;
}

export function replaceAll(
  ctx: CallContext,
  re: RegExp,
  s: string,
  repl: (m: RegExpExecArray) => string,
): string {
  let out = '';
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    ctx.charge(1);
    const m = exec(re, s, pos);
    if (!m) break;
    const end = m.index + m[0].length;
    out += s.slice(lastEnd, m.index);
    if (end > lastEnd || m.index === 0) {
      const r = repl(m);
      ctx.charge(r.length);
      out += r;
    }
    lastEnd = end;
    const w = pos < s.length ? width(s, pos) : 0;
    if (pos + w > end) pos += w;
    else if (pos + 1 > end) pos++;
    else pos = end;
  }
  return out + s.slice(lastEnd);
}

function split(ctx: CallContext, pattern: string, re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const ms = allMatches(ctx, re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of ms) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

// The non-must functions use regexp.MustCompile, which panics with this text.
function mustCompile(re: string): RegExp {
  try {
    return compile(re);
  } catch (e) {
    if (e instanceof ReError)
      throw new FuncError(`regexp: Compile(${goBackquote(re)}): ${e.message}`);
    throw e;
  }
}
function compileErr(re: string): RegExp {
  try {
    return compile(re);
  } catch (e) {
    if (e instanceof ReError) throw new FuncError(e.message);
    throw e;
  }
}
// strconv.Quote or a backquoted string, as regexp.quote does.
function goBackquote(s: string): string {
  return /^[^`\p{C}]*$/u.test(s) ? '`' + s + '`' : JSON.stringify(s);
}

const n = (b: bigint): number => Number(BigInt.asIntN(64, b));

const findAll = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(regex string, s string, n int) ${must ? '([]string, error)' : '[]string'}`,
    (ctx, re: string, s: string, k: bigint) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return allMatches(ctx, r, s, n(k)).map((m) => m[0]);
    },
  );
const find = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(regex string, s string) ${must ? '(string, error)' : 'string'}`,
    (_c, re: string, s: string) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return exec(r, s, 0)?.[0] ?? '';
    },
  );
const replace = (name: string, must: boolean, literal: boolean) =>
  goFunc(
    name,
    `func(regex string, s string, repl string) ${must ? '(string, error)' : 'string'}`,
    (ctx, re: string, s: string, repl: string) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return replaceAll(ctx, r, s, literal ? () => repl : (m) => expand(repl, m));
    },
  );
const splitF = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(regex string, s string, n int) ${must ? '([]string, error)' : '[]string'}`,
    (ctx, re: string, s: string, k: bigint) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return split(ctx, re, r, s, n(k));
    },
  );

export const regexFuncs: FuncMap = {
  regexMatch: goFunc(
    'regexMatch',
    'func(regex string, s string) bool',
    (_c, re: string, s: string) => {
      try {
        return exec(compile(re), s, 0) !== null;
      } catch (e) {
        if (e instanceof ReError) return false;
        throw e;
      }
    },
  ),
  mustRegexMatch: goFunc(
    'mustRegexMatch',
    'func(regex string, s string) (bool, error)',
    (_c, re: string, s: string) => exec(compileErr(re), s, 0) !== null,
  ),
  regexFindAll: findAll('regexFindAll', false),
  mustRegexFindAll: findAll('mustRegexFindAll', true),
  regexFind: find('regexFind', false),
  mustRegexFind: find('mustRegexFind', true),
  regexReplaceAll: replace('regexReplaceAll', false, false),
  mustRegexReplaceAll: replace('mustRegexReplaceAll', true, false),
  regexReplaceAllLiteral: replace('regexReplaceAllLiteral', false, true),
  mustRegexReplaceAllLiteral: replace('mustRegexReplaceAllLiteral', true, true),
  regexSplit: splitF('regexSplit', false),
  mustRegexSplit: splitF('mustRegexSplit', true),
  regexQuoteMeta: goFunc('regexQuoteMeta', 'func(s string) string', (_c, s: string) =>
    quoteMeta(s),
  ),
};
