// sprig's regex functions on Go's regexp (RE2 syntax), run by re2.ts's
// linear-time engine: same grammar, same error texts, same leftmost-first
// matches. Match iteration, replacement ($1, ${name}) and Split follow Go's
// rules for empty matches.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { Input, ReError, Regexp, execute } from './re2.ts';

const cache = new Map<string, Regexp | ReError>();

/** regexp.Compile; throws ReError ("error parsing regexp: ..."). */
export function compile(re: string): Regexp {
  let r = cache.get(re);
  if (r === undefined) {
    try {
      r = new Regexp(re);
    } catch (e) {
      if (!(e instanceof ReError)) throw e;
      r = new ReError(`error parsing regexp: ${e.message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(re, r);
  }
  if (r instanceof ReError) throw r;
  return r;
}

/** One match: capture positions in code points (-1 when a group did not take part). */
interface Match {
  caps: Int32Array;
  input: Input;
  re: Regexp;
}
const start = (m: Match): number => m.caps[0] as number;
const end = (m: Match): number => m.caps[1] as number;
const text = (m: Match, k = 0): string => {
  const a = m.caps[2 * k] as number;
  return a < 0 ? '' : m.input.slice(a, m.caps[2 * k + 1] as number);
};

function find(ctx: CallContext, re: Regexp, input: Input, pos: number): Match | null {
  const caps = execute(re, input, pos, (n) => ctx.charge(n));
  return caps ? { caps, input, re } : null;
}

/** Go's allMatches: non-overlapping matches, empty matches abutting a match skipped. */
export function allMatches(ctx: CallContext, re: Regexp, input: Input, n: number): Match[] {
  const len = input.cps.length;
  if (n < 0) n = len + 1;
  const out: Match[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= len) {
    const m = find(ctx, re, input, pos);
    if (!m) break;
    let accept = true;
    if (end(m) === pos) {
      if (start(m) === prevEnd) accept = false;
      pos += 1;
    } else pos = end(m);
    prevEnd = end(m);
    if (accept) out.push(m);
  }
  return out;
}

// Go's Regexp.Expand for ReplaceAllString templates ($1, ${1}, $name, $$).
function expand(tpl: string, m: Match): string {
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
      if (k < m.re.ncap) out += text(m, k);
    } else {
      const k = m.re.names.indexOf(name);
      if (k > 0) out += text(m, k);
    }
  }
  return out;
}

export function replaceAll(
  ctx: CallContext,
  re: Regexp,
  input: Input,
  repl: (m: Match) => string,
): string {
  const len = input.cps.length;
  let out = '';
  let lastEnd = 0;
  let pos = 0;
  while (pos <= len) {
    const m = find(ctx, re, input, pos);
    if (!m) break;
    out += input.slice(lastEnd, start(m));
    if (end(m) > lastEnd || start(m) === 0) {
      const r = repl(m);
      ctx.charge(r.length);
      out += r;
    }
    lastEnd = end(m);
    const w = pos < len ? 1 : 0;
    if (pos + w > end(m)) pos += w;
    else if (pos + 1 > end(m)) pos++;
    else pos = end(m);
  }
  return out + input.slice(lastEnd, len);
}

function split(ctx: CallContext, pattern: string, re: Regexp, input: Input, n: number): string[] {
  if (n === 0) return [];
  const len = input.cps.length;
  if (pattern.length > 0 && len === 0) return [''];
  const ms = allMatches(ctx, re, input, n);
  const out: string[] = [];
  let beg = 0;
  let e = 0;
  for (const m of ms) {
    if (n > 0 && out.length === n - 1) break;
    e = start(m);
    if (end(m) !== 0) out.push(input.slice(beg, e));
    beg = end(m);
  }
  if (e !== len) out.push(input.slice(beg, len));
  return out;
}

/** regexp.QuoteMeta */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

// The non-must functions use regexp.MustCompile, which panics with this text.
function mustCompile(re: string): Regexp {
  try {
    return compile(re);
  } catch (e) {
    if (e instanceof ReError)
      throw new FuncError(`regexp: Compile(${goBackquote(re)}): ${e.message}`);
    throw e;
  }
}
function compileErr(re: string): Regexp {
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
      return allMatches(ctx, r, new Input(s), n(k)).map((m) => text(m));
    },
  );
const findOne = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(regex string, s string) ${must ? '(string, error)' : 'string'}`,
    (_c, re: string, s: string) => {
      const r = must ? compileErr(re) : mustCompile(re);
      const m = find(_c, r, new Input(s), 0);
      return m ? text(m) : '';
    },
  );
const replace = (name: string, must: boolean, literal: boolean) =>
  goFunc(
    name,
    `func(regex string, s string, repl string) ${must ? '(string, error)' : 'string'}`,
    (ctx, re: string, s: string, repl: string) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return replaceAll(ctx, r, new Input(s), literal ? () => repl : (m) => expand(repl, m));
    },
  );
const splitF = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(regex string, s string, n int) ${must ? '([]string, error)' : '[]string'}`,
    (ctx, re: string, s: string, k: bigint) => {
      const r = must ? compileErr(re) : mustCompile(re);
      return split(ctx, re, r, new Input(s), n(k));
    },
  );

export const regexFuncs: FuncMap = {
  regexMatch: goFunc(
    'regexMatch',
    'func(regex string, s string) bool',
    (ctx, re: string, s: string) => {
      try {
        return find(ctx, compile(re), new Input(s), 0) !== null;
      } catch (e) {
        if (e instanceof ReError) return false;
        throw e;
      }
    },
  ),
  mustRegexMatch: goFunc(
    'mustRegexMatch',
    'func(regex string, s string) (bool, error)',
    (ctx, re: string, s: string) => find(ctx, compileErr(re), new Input(s), 0) !== null,
  ),
  regexFindAll: findAll('regexFindAll', false),
  mustRegexFindAll: findAll('mustRegexFindAll', true),
  regexFind: findOne('regexFind', false),
  mustRegexFind: findOne('mustRegexFind', true),
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
