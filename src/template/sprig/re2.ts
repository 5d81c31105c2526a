// A linear-time RE2 engine for sprig's regex functions: Go's regexp/syntax
// grammar (Perl flags, (?flags) and (?flags:re) groups, (?P<name>re), \pN,
// [[:alpha:]], \Q..\E, repeat counts up to 1000) with Go's error texts,
// compiled to a Pike VM that runs in O(text × program) with Go's
// leftmost-first match priority. A template's pattern therefore cannot make a
// render backtrack exponentially, and the VM charges its work to the budget.

export class ReError extends Error {}

// ------------------------------------------------------------------ char sets
interface CharSet {
  ranges: [number, number][];
  preds: ((c: number) => boolean)[];
  negated: boolean;
  fold: boolean;
}

const propCache = new Map<string, RegExp>();
function propPred(name: string): ((c: number) => boolean) | null {
  let re = propCache.get(name);
  if (!re) {
    const body =
      name === 'Any'
        ? '[\\s\\S]'
        : /^[A-Z][a-z]?$/.test(name)
          ? `\\p{${name}}`
          : `\\p{Script=${name}}`;
    try {
      re = new RegExp(`^${body}$`, 'u');
    } catch {
      return null;
    }
    propCache.set(name, re);
  }
  const r = re;
  return (c) => r.test(String.fromCodePoint(c));
}

function inRanges(set: CharSet, c: number): boolean {
  for (const [lo, hi] of set.ranges) if (c >= lo && c <= hi) return true;
  for (const p of set.preds) if (p(c)) return true;
  return false;
}

// Case-fold orbit of a code point (unicode.SimpleFold's orbit, approximated
// by JS single-code-point case mappings plus the special orbits).
const specialOrbits: number[][] = [
  [0x4b, 0x6b, 0x212a],
  [0x53, 0x73, 0x17f],
  [0xc5, 0xe5, 0x212b],
  [0xb5, 0x39c, 0x3bc],
  [0x398, 0x3b8, 0x3d1, 0x3f4],
  [0x3a3, 0x3c2, 0x3c3],
];
const orbitOf = new Map<number, number[]>();
for (const o of specialOrbits) for (const c of o) orbitOf.set(c, o);
function orbit(c: number): number[] {
  const sp = orbitOf.get(c);
  if (sp) return sp;
  const s = String.fromCodePoint(c);
  const out = [c];
  for (const m of [s.toLowerCase(), s.toUpperCase()]) {
    const mc = m.codePointAt(0) as number;
    if (m.length === (mc > 0xffff ? 2 : 1) && !out.includes(mc)) out.push(mc);
  }
  return out;
}

function setMatches(set: CharSet, c: number): boolean {
  let hit = inRanges(set, c);
  if (!hit && set.fold) for (const o of orbit(c)) if (o !== c && inRanges(set, o)) hit = true;
  return hit !== set.negated;
}

const PERL: Record<string, [number, number][]> = {
  d: [[48, 57]],
  s: [
    [9, 10],
    [12, 13],
    [32, 32],
  ],
  w: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122],
  ],
};
const POSIX: Record<string, [number, number][]> = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122],
  ],
  alpha: [
    [65, 90],
    [97, 122],
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32],
  ],
  cntrl: [
    [0, 31],
    [127, 127],
  ],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126],
  ],
  space: [
    [9, 13],
    [32, 32],
  ],
  upper: [[65, 90]],
  word: [
    [48, 57],
    [65, 90],
    [97, 122],
    [95, 95],
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102],
  ],
};
const MAX = 0x10ffff;
function complement(r: [number, number][]): [number, number][] {
  const sorted = [...r].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX) out.push([next, MAX]);
  return out;
}

// ------------------------------------------------------------------ AST
type Assert = 'bot' | 'eot' | 'bol' | 'eol' | 'wb' | 'nwb';
type Node =
  | { t: 'set'; set: CharSet }
  | { t: 'assert'; kind: Assert }
  | { t: 'cat'; xs: Node[] }
  | { t: 'alt'; xs: Node[] }
  | { t: 'rep'; x: Node; min: number; max: number; greedy: boolean }
  | { t: 'cap'; n: number; x: Node };

interface Flags {
  i: boolean;
  m: boolean; // multi-line: ^ and $ match at line breaks
  s: boolean; // . matches \n
  U: boolean; // ungreedy
}

interface Frame {
  alts: Node[][];
  cur: Node[];
  cap: number; // capture index, 0 for a non-capturing group, -1 for the top level
  saved: Flags; // flags to restore when the group closes
}

export interface Parsed {
  node: Node;
  ncap: number;
  names: (string | null)[];
}

const lit = (c: number, fold: boolean): Node => ({
  t: 'set',
  set: { ranges: [[c, c]], preds: [], negated: false, fold },
});

/** Parses an RE2 pattern (Go's Perl syntax); throws ReError with Go's message. */
export function parse(re: string): Parsed {
  const chars = Array.from(re);
  let i = 0;
  let flags: Flags = { i: false, m: false, s: false, U: false };
  const names: (string | null)[] = [null];
  const stack: Frame[] = [];
  let frame: Frame = { alts: [], cur: [], cap: -1, saved: flags };
  let lastRepeat = '';
  const rest = (): string => chars.slice(i).join('');

  const escape = (
    inClass: boolean,
  ): { set?: CharSet; c?: number; assert?: Assert; text?: number[] } => {
    const start = i;
    i++;
    const c = chars[i];
    if (c === undefined) throw new ReError('trailing backslash at end of expression: ``');
    i++;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return { c: simple[c] };
    if (c === 'd' || c === 's' || c === 'w' || c === 'D' || c === 'S' || c === 'W') {
      const r = PERL[c.toLowerCase()] as [number, number][];
      return {
        set: {
          ranges: c === c.toLowerCase() ? r : complement(r),
          preds: [],
          negated: false,
          fold: false,
        },
      };
    }
    if (c === 'p' || c === 'P') {
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
      const pred = propPred(name);
      if (!pred)
        throw new ReError(`invalid character class range: \`${chars.slice(start, i).join('')}\``);
      return { set: { ranges: [], preds: [pred], negated: neg, fold: false } };
    }
    if (c === 'x') {
      let hex: string;
      if (chars[i] === '{') {
        const close = chars.indexOf('}', i);
        hex = close < 0 ? '' : chars.slice(i + 1, close).join('');
        if (close < 0 || !/^[0-9a-fA-F]+$/.test(hex) || parseInt(hex, 16) > MAX) {
          throw new ReError(
            `invalid escape sequence: \`${chars.slice(start, close < 0 ? chars.length : close + 1).join('')}\``,
          );
        }
        i = close + 1;
      } else {
        hex = chars.slice(i, i + 2).join('');
        if (!/^[0-9a-fA-F]{2}$/.test(hex))
          throw new ReError(`invalid escape sequence: \`${chars.slice(start, i + 2).join('')}\``);
        i += 2;
      }
      return { c: parseInt(hex, 16) };
    }
    if (!inClass) {
      if (c === 'A') return { assert: 'bot' };
      if (c === 'z') return { assert: 'eot' };
      if (c === 'b') return { assert: 'wb' };
      if (c === 'B') return { assert: 'nwb' };
      if (c === 'Q') {
        const text: number[] = [];
        while (i < chars.length && !(chars[i] === '\\' && chars[i + 1] === 'E')) {
          text.push((chars[i] as string).codePointAt(0) as number);
          i++;
        }
        if (i < chars.length) i += 2;
        return { text };
      }
    }
    if (c >= '0' && c <= '7' && (c === '0' || /[0-7]/.test(chars[i] ?? ''))) {
      let oct = c;
      for (let k = 0; k < 2 && /[0-7]/.test(chars[i] ?? ''); k++) oct += chars[i++];
      return { c: parseInt(oct, 8) };
    }
    if (c.length === 1 && c.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(c))
      return { c: c.charCodeAt(0) };
    throw new ReError(`invalid escape sequence: \`${chars.slice(start, i).join('')}\``);
  };

  const parseClass = (): CharSet => {
    const start = i;
    i++;
    const set: CharSet = { ranges: [], preds: [], negated: false, fold: flags.i };
    if (chars[i] === '^') {
      set.negated = true;
      i++;
    }
    let first = true;
    while (i < chars.length && (chars[i] !== ']' || first)) {
      first = false;
      if (chars[i] === '[' && chars[i + 1] === ':') {
        const text = chars.slice(i).join('');
        const close = text.indexOf(':]', 2);
        if (close >= 0) {
          const whole = text.slice(0, close + 2);
          let name = text.slice(2, close);
          let neg = false;
          if (name.startsWith('^')) {
            neg = true;
            name = name.slice(1);
          }
          const r = POSIX[name];
          if (!r) throw new ReError(`invalid character class range: \`${whole}\``);
          set.ranges.push(...(neg ? complement(r) : r));
          i += Array.from(whole).length;
          continue;
        }
      }
      const itemStart = i;
      let lo: number;
      if (chars[i] === '\\') {
        const e = escape(true);
        if (e.set) {
          if (e.set.negated) {
            const p = e.set;
            set.preds.push((c) => !inRanges({ ...p, negated: false }, c));
          } else {
            set.ranges.push(...e.set.ranges);
            set.preds.push(...e.set.preds);
          }
          continue;
        }
        lo = e.c as number;
      } else {
        lo = (chars[i] as string).codePointAt(0) as number;
        i++;
      }
      if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
        i++;
        let hi: number;
        if (chars[i] === '\\') {
          const escStart = i;
          const e = escape(true);
          if (e.c === undefined)
            throw new ReError(`invalid escape sequence: \`${chars.slice(escStart, i).join('')}\``);
          hi = e.c;
        } else {
          hi = (chars[i] as string).codePointAt(0) as number;
          i++;
        }
        if (hi < lo)
          throw new ReError(
            `invalid character class range: \`${chars.slice(itemStart, i).join('')}\``,
          );
        set.ranges.push([lo, hi]);
      } else set.ranges.push([lo, lo]);
    }
    if (i >= chars.length)
      throw new ReError(`missing closing ]: \`${chars.slice(start).join('')}\``);
    i++;
    return set;
  };

  const repeatOp = (): { min: number; max: number; text: string } | null => {
    const c = chars[i];
    if (c === '*') return { min: 0, max: -1, text: '*' };
    if (c === '+') return { min: 1, max: -1, text: '+' };
    if (c === '?') return { min: 0, max: 1, text: '?' };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest());
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && max < min))
        throw new ReError(`invalid repeat count: \`${m[0]}\``);
      return { min, max, text: m[0] };
    }
    return null;
  };

  while (i < chars.length) {
    const op = repeatOp();
    if (op) {
      let text = op.text;
      i += Array.from(op.text).length;
      let greedy = !flags.U;
      if (chars[i] === '?') {
        text += '?';
        i++;
        greedy = !greedy;
      }
      if (lastRepeat !== '')
        throw new ReError(`invalid nested repetition operator: \`${lastRepeat}${text}\``);
      const prev = frame.cur.pop();
      if (!prev) throw new ReError(`missing argument to repetition operator: \`${text}\``);
      frame.cur.push({ t: 'rep', x: prev, min: op.min, max: op.max, greedy });
      lastRepeat = text;
      continue;
    }
    lastRepeat = '';
    const c = chars[i] as string;
    switch (c) {
      case '(': {
        const r = rest();
        if (r.startsWith('(?')) {
          if (r.startsWith('(?P<') && r.length > 4) {
            const end = r.indexOf('>');
            if (end < 0) throw new ReError(`invalid named capture: \`${r}\``);
            const name = r.slice(4, end);
            if (!/^[A-Za-z0-9_]+$/.test(name))
              throw new ReError(`invalid named capture: \`${r.slice(0, end + 1)}\``);
            names.push(name);
            stack.push(frame);
            frame = { alts: [], cur: [], cap: names.length - 1, saved: flags };
            i += Array.from(r.slice(0, end + 1)).length;
            continue;
          }
          // Flags: (?flags) for the rest of the group, (?flags:re) for a group.
          let k = 2;
          const f = { ...flags };
          let sign = 1;
          let saw = false;
          let done = false;
          while (k < r.length) {
            const ch = r[k] as string;
            k++;
            if (ch === 'i' || ch === 'm' || ch === 's' || ch === 'U') {
              f[ch] = sign > 0;
              saw = true;
            } else if (ch === '-' && sign > 0) {
              sign = -1;
              saw = false;
            } else if ((ch === ':' || ch === ')') && !(sign < 0 && !saw)) {
              if (ch === ':') {
                stack.push(frame);
                frame = { alts: [], cur: [], cap: 0, saved: flags };
              }
              flags = f;
              done = true;
              break;
            } else break;
          }
          if (!done) throw new ReError(`invalid or unsupported Perl syntax: \`${r.slice(0, k)}\``);
          i += Array.from(r.slice(0, k)).length;
          continue;
        }
        names.push(null);
        stack.push(frame);
        frame = { alts: [], cur: [], cap: names.length - 1, saved: flags };
        i++;
        continue;
      }
      case ')': {
        if (stack.length === 0) throw new ReError(`unexpected ): \`${re}\``);
        frame.alts.push(frame.cur);
        const body: Node =
          frame.alts.length === 1
            ? { t: 'cat', xs: frame.alts[0] as Node[] }
            : { t: 'alt', xs: frame.alts.map((xs) => ({ t: 'cat', xs }) as Node) };
        const node: Node = frame.cap > 0 ? { t: 'cap', n: frame.cap, x: body } : body;
        flags = frame.saved;
        frame = stack.pop() as Frame;
        frame.cur.push(node);
        i++;
        continue;
      }
      case '|':
        frame.alts.push(frame.cur);
        frame.cur = [];
        i++;
        continue;
      case '[':
        frame.cur.push({ t: 'set', set: parseClass() });
        continue;
      case '.':
        frame.cur.push({
          t: 'set',
          set: {
            ranges: flags.s
              ? [[0, MAX]]
              : [
                  [0, 9],
                  [11, MAX],
                ],
            preds: [],
            negated: false,
            fold: false,
          },
        });
        i++;
        continue;
      case '^':
        frame.cur.push({ t: 'assert', kind: flags.m ? 'bol' : 'bot' });
        i++;
        continue;
      case '$':
        frame.cur.push({ t: 'assert', kind: flags.m ? 'eol' : 'eot' });
        i++;
        continue;
      case '\\': {
        const e = escape(false);
        if (e.text) {
          for (const t of e.text) frame.cur.push(lit(t, flags.i));
          // \Q..\E is a literal string: a following repeat applies to its last rune.
        } else if (e.assert) frame.cur.push({ t: 'assert', kind: e.assert });
        else if (e.set) frame.cur.push({ t: 'set', set: { ...e.set, fold: false } });
        else frame.cur.push(lit(e.c as number, flags.i));
        continue;
      }
      default:
        frame.cur.push(lit(c.codePointAt(0) as number, flags.i));
        i++;
    }
  }
  if (stack.length > 0) throw new ReError(`missing closing ): \`${re}\``);
  frame.alts.push(frame.cur);
  const body: Node =
    frame.alts.length === 1
      ? { t: 'cat', xs: frame.alts[0] as Node[] }
      : { t: 'alt', xs: frame.alts.map((xs) => ({ t: 'cat', xs }) as Node) };
  return { node: body, ncap: names.length, names };
}

// ------------------------------------------------------------------ program
type Inst =
  | { op: 'set'; set: CharSet; next: number }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number; next: number }
  | { op: 'assert'; kind: Assert; next: number }
  | { op: 'match' };

const MAX_PROG = 50000;

function compile(p: Parsed): Inst[] {
  const prog: Inst[] = [];
  const emit = (ins: Inst): number => {
    if (prog.length >= MAX_PROG) throw new ReError('expression too large');
    prog.push(ins);
    return prog.length - 1;
  };
  // Each gen returns after emitting; `next` fields are patched to prog.length.
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'set':
        emit({ op: 'set', set: n.set, next: prog.length + 1 });
        return;
      case 'assert':
        emit({ op: 'assert', kind: n.kind, next: prog.length + 1 });
        return;
      case 'cat':
        for (const x of n.xs) gen(x);
        return;
      case 'cap':
        emit({ op: 'save', n: 2 * n.n, next: prog.length + 1 });
        gen(n.x);
        emit({ op: 'save', n: 2 * n.n + 1, next: prog.length + 1 });
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.xs.forEach((x, k) => {
          if (k < n.xs.length - 1) {
            const sp = emit({ op: 'split', x: 0, y: 0 });
            (prog[sp] as { x: number }).x = prog.length;
            gen(x);
            jumps.push(emit({ op: 'jmp', x: 0 }));
            (prog[sp] as { y: number }).y = prog.length;
          } else gen(x);
        });
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        const { x, min, max, greedy } = n;
        for (let k = 0; k < min; k++) gen(x);
        if (max === -1) {
          const sp = emit({ op: 'split', x: 0, y: 0 });
          const body = prog.length;
          gen(x);
          emit({ op: 'jmp', x: sp });
          const after = prog.length;
          prog[sp] = greedy
            ? { op: 'split', x: body, y: after }
            : { op: 'split', x: after, y: body };
        } else {
          const splits: number[] = [];
          for (let k = min; k < max; k++) {
            splits.push(emit({ op: 'split', x: 0, y: 0 }));
            const body = prog.length;
            gen(x);
            (prog[splits[splits.length - 1] as number] as { x: number }).x = body;
          }
          const after = prog.length;
          for (const sp of splits) {
            const body = (prog[sp] as { x: number }).x;
            prog[sp] = greedy
              ? { op: 'split', x: body, y: after }
              : { op: 'split', x: after, y: body };
          }
        }
        return;
      }
    }
  };
  emit({ op: 'save', n: 0, next: 1 });
  gen(p.node);
  emit({ op: 'save', n: 1, next: prog.length + 1 });
  emit({ op: 'match' });
  return prog;
}

/** A compiled RE2 pattern. */
export class Regexp {
  readonly prog: Inst[];
  readonly ncap: number;
  readonly names: (string | null)[];
  constructor(readonly source: string) {
    const p = parse(source);
    this.ncap = p.ncap;
    this.names = p.names;
    this.prog = compile(p);
  }
}

const isWord = (c: number | undefined): boolean =>
  c !== undefined &&
  ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);

/** A text prepared for matching: its code points and their UTF-16 offsets. */
export class Input {
  readonly cps: number[] = [];
  readonly off: number[] = [];
  constructor(readonly s: string) {
    let o = 0;
    for (const ch of s) {
      this.off.push(o);
      this.cps.push(ch.codePointAt(0) as number);
      o += ch.length;
    }
    this.off.push(o);
  }
  /** The text between two code point positions. */
  slice(a: number, b: number): string {
    return this.s.slice(this.off[a], this.off[b]);
  }
}

/**
 * Leftmost-first search from code point `start`. Returns the capture
 * positions in code points (-1 for unset groups), or null. `charge` is called
 * with the work done (threads stepped).
 */
export function execute(
  re: Regexp,
  input: Input,
  start: number,
  charge: (n: number) => void,
): Int32Array | null {
  const prog = re.prog;
  const n = input.cps.length;
  const cps = input.cps;
  const ncapSlots = re.ncap * 2;
  let clist: { pc: number; caps: Int32Array }[] = [];
  let nlist: { pc: number; caps: Int32Array }[] = [];
  const mark = new Int32Array(prog.length).fill(-1);
  let gen = 0;
  let matched: Int32Array | null = null;

  const add = (
    list: { pc: number; caps: Int32Array }[],
    pc0: number,
    pos: number,
    caps0: Int32Array,
  ): void => {
    // Iterative epsilon closure in priority order (depth first, x before y).
    const stack: [number, Int32Array][] = [[pc0, caps0]];
    while (stack.length > 0) {
      const [pc, caps] = stack.pop() as [number, Int32Array];
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const ins = prog[pc] as Inst;
      switch (ins.op) {
        case 'jmp':
          stack.push([ins.x, caps]);
          break;
        case 'split':
          stack.push([ins.y, caps], [ins.x, caps]);
          break;
        case 'save': {
          const c2 = caps.slice();
          c2[ins.n] = pos;
          stack.push([ins.next, c2]);
          break;
        }
        case 'assert': {
          const prev = pos > 0 ? cps[pos - 1] : undefined;
          const next = pos < n ? cps[pos] : undefined;
          let ok = false;
          switch (ins.kind) {
            case 'bot':
              ok = pos === 0;
              break;
            case 'eot':
              ok = pos === n;
              break;
            case 'bol':
              ok = pos === 0 || prev === 10;
              break;
            case 'eol':
              ok = pos === n || next === 10;
              break;
            case 'wb':
              ok = isWord(prev) !== isWord(next);
              break;
            case 'nwb':
              ok = isWord(prev) === isWord(next);
              break;
          }
          if (ok) stack.push([ins.next, caps]);
          break;
        }
        default:
          list.push({ pc, caps });
      }
    }
  };

  gen = 1;
  for (let pos = start; pos <= n; pos++) {
    // clist's threads were added under this generation while stepping the
    // previous position; the start thread joins them at the lowest priority.
    if (matched === null) add(clist, 0, pos, new Int32Array(ncapSlots).fill(-1));
    gen++;
    if (clist.length === 0) {
      if (matched !== null) break;
      continue;
    }
    charge(clist.length);
    for (const t of clist) {
      const ins = prog[t.pc] as Inst;
      if (ins.op === 'match') {
        matched = t.caps;
        break; // lower-priority threads are cut
      }
      if (ins.op === 'set' && pos < n && setMatches(ins.set, cps[pos] as number))
        add(nlist, ins.next, pos + 1, t.caps);
    }
    [clist, nlist] = [nlist, clist];
    nlist.length = 0;
  }
  return matched;
}
