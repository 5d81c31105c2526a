// toYaml: gopkg.in/yaml.v2's Marshal output, byte for byte: its resolver
// decides which strings need quotes, its emitter (a port of libyaml) decides
// the style, the indentation and where long scalars fold at 80 columns, and
// its key order puts digit runs in numeric order.
import { goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { GoInt, GoObject, isGoFunc, type GoMap, type GoValue } from '../value.ts';
import { byteLen, isDigit, isLetter, utf8 } from './gostr.ts';
import { formatFloat } from '../float.ts';
import { b64encode } from './encoding.ts';
import { parseGoFloat, parseIntBase0 } from './cast.ts';

/** A GoObject that marshals to YAML as another value (MarshalText, time, struct fields). */
export interface YAMLMarshaler {
  yamlValue(): GoValue;
}
const hasYAML = (o: GoObject): o is GoObject & YAMLMarshaler =>
  typeof (o as unknown as Partial<YAMLMarshaler>).yamlValue === 'function';

const boolNull = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const timestamp =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

// Would a plain scalar resolve to something other than a string?
function resolvesNonString(s: string): boolean {
  const c = s[0];
  const hint =
    s === ''
      ? 'N'
      : c === '+' || c === '-'
        ? 'S'
        : c !== undefined && c >= '0' && c <= '9'
          ? 'D'
          : c !== undefined && 'yYnNtTfFoO~'.includes(c)
            ? 'M'
            : c === '.'
              ? '.'
              : '';
  if (hint === '') return false;
  if (boolNull.has(s)) return true;
  if (hint === 'M') return false;
  if (hint === '.') return parseGoFloat(s) !== null;
  if (timestamp.test(s)) {
    const m = timestamp.exec(s) as RegExpExecArray;
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && (m[2] as string).length <= 2) return true;
  }
  const plain = s.replace(/_/g, '');
  if (parseIntBase0(plain) !== null) return true;
  if (parseUint(plain)) return true;
  if (yamlStyleFloat.test(plain) && parseGoFloat(plain) !== null) return true;
  if (plain.startsWith('0b') && /^[01]+$/.test(plain.slice(2))) return true;
  if (plain.startsWith('-0b') && /^[01]+$/.test(plain.slice(3))) return true;
  return false;
}
function parseUint(s: string): boolean {
  if (s.startsWith('-') || s.startsWith('+')) return false;
  const v = parseIntBase0('-' + s);
  return v !== null;
}

// yaml.v2's key order (sorter.go) for string keys.
function keyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0) as number);
  const br = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as number;
    const y = br[i] as number;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as number); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai] as number); ai++)
      an = an * 10n + BigInt((ar[ai] as number) - 48);
    for (; bi < br.length && isDigit(br[bi] as number); bi++)
      bn = bn * 10n + BigInt((br[bi] as number) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

const isBreak = (c: number): boolean =>
  c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
const isPrintable = (c: number): boolean =>
  c === 10 ||
  (c >= 0x20 && c <= 0x7e) ||
  (c >= 0xa0 && c <= 0xd7ff) ||
  (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

function analyze(cs: number[]): Analysis {
  if (cs.length === 0)
    return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const s = String.fromCodePoint(...cs.slice(0, 3));
  if (s === '---' || s === '...') {
    blockInd = true;
    flowInd = true;
  }
  let preceded = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as number;
    const next = cs[i + 1];
    const followed = next === undefined || next === 32 || next === 9;
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowInd = true;
        blockInd = true;
      } else if (ch === '?' || ch === ':') {
        flowInd = true;
        if (followed) blockInd = true;
      } else if (ch === '-' && followed) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(ch)) flowInd = true;
    else if (ch === ':') {
      flowInd = true;
      if (followed) blockInd = true;
    } else if (ch === '#' && preceded) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    preceded = c === 32 || c === 9 || isBreak(c) || c === 0;
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlain: true,
    blockPlain: true,
    single: true,
    block: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
    a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.single = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.single = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

class Emitter {
  out: string[] = [];
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  constructor(
    private ctx: CallContext,
    /** Quote a `<<` string too (yaml.v2 writes it plain, then reads a plain `<<` key as a merge). */
    private quoteMergeKey = false,
  ) {}

  put(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }
  putCp(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column += 1;
  }
  putBreak(): void {
    this.out.push('\n');
    this.column = 0;
    this.ctx.charge(1);
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  indicator(ind: string, needWs: boolean, isWs: boolean, isInd: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWs;
    this.indention = this.indention && isInd;
  }
  increase(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }
  pop(): void {
    this.indent = this.indents.pop() as number;
  }

  scalar(s: string, requested: Style, simpleKey: boolean): void {
    const cs = Array.from(s, (c) => c.codePointAt(0) as number);
    const an = analyze(cs);
    let style = requested;
    if (simpleKey && an.multiline) style = 'double';
    if (style === 'plain') {
      if (!an.blockPlain) style = 'single';
      if (cs.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !an.single) style = 'double';
    if (style === 'literal' && (!an.block || simpleKey)) style = 'double';
    this.increase(true, false);
    const breaks = !simpleKey;
    switch (style) {
      case 'plain':
        this.writePlain(cs, breaks);
        break;
      case 'single':
        this.writeSingle(cs, breaks);
        break;
      case 'double':
        this.writeDouble(cs, breaks);
        break;
      case 'literal':
        this.writeLiteral(cs);
        break;
    }
    this.pop();
  }

  writePlain(cs: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i] as number;
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > 80 && cs[i + 1] !== 32) this.writeIndent();
        else this.putCp(c);
        spaces = true;
      } else {
        this.putCp(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingle(cs: number[], allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i] as number;
      if (c === 32) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > 80 &&
          i > 0 &&
          i < cs.length - 1 &&
          cs[i + 1] !== 32
        ) {
          this.writeIndent();
        } else this.putCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 10) this.putBreak();
        if (c === 10) this.putBreak();
        else {
          this.out.push(String.fromCodePoint(c));
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 39) this.put("'");
        this.putCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDouble(cs: number[], allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    let spaces = false;
    const esc: Record<number, string> = {
      0: '0',
      7: 'a',
      8: 'b',
      9: 't',
      10: 'n',
      11: 'v',
      12: 'f',
      13: 'r',
      0x1b: 'e',
      0x22: '"',
      0x5c: '\\',
      0x85: 'N',
      0xa0: '_',
      0x2028: 'L',
      0x2029: 'P',
    };
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i] as number;
      if (!isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const e = esc[c];
        if (e !== undefined) this.put(e);
        else if (c <= 0xff) this.put('x' + c.toString(16).toUpperCase().padStart(2, '0'));
        else if (c <= 0xffff) this.put('u' + c.toString(16).toUpperCase().padStart(4, '0'));
        else this.put('U' + c.toString(16).toUpperCase().padStart(8, '0'));
        spaces = false;
      } else if (c === 32) {
        if (allowBreaks && !spaces && this.column > 80 && i > 0 && i < cs.length - 1) {
          this.writeIndent();
          if (cs[i + 1] === 32) this.put('\\');
        } else this.putCp(c);
        spaces = true;
      } else {
        this.putCp(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeLiteral(cs: number[]): void {
    this.indicator('|', true, false, false);
    let hints = '';
    if (cs[0] === 32 || isBreak(cs[0] as number)) hints += '2';
    const last = cs[cs.length - 1] as number;
    if (!isBreak(last)) hints += '-';
    else if (cs.length === 1 || isBreak(cs[cs.length - 2] as number)) hints += '+';
    if (hints) this.indicator(hints, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        if (c === 10) this.putBreak();
        else {
          this.out.push(String.fromCodePoint(c));
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.putCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  // A string scalar, styled as yaml.v2's encoder asks.
  str(s: string, simpleKey: boolean): void {
    if (/(?<![\ud800-\udbff])[\udc80-\udcff]/.test(s)) {
      // Not valid UTF-8: yaml.v2 writes it as base64 with the !!binary tag.
      this.indicator('!!binary', true, false, false);
      this.scalar(b64encode(utf8(s)), 'plain', simpleKey);
      return;
    }
    const canPlain =
      !resolvesNonString(s) &&
      !(base60float.test(s) && /^[-+0-9]/.test(s)) &&
      !(this.quoteMergeKey && s === '<<');
    const style: Style = s.includes('\n') ? 'literal' : canPlain ? 'plain' : 'double';
    this.scalar(s, style, simpleKey);
  }

  node(v: GoValue | undefined, ctx: { mapping: boolean }): void {
    this.ctx.charge(1);
    if (v === null || v === undefined) return this.scalar('null', 'plain', false);
    switch (typeof v) {
      case 'string':
        return this.str(v, false);
      case 'number': {
        let s = formatFloat(v, 'g');
        if (s === '+Inf') s = '.inf';
        else if (s === '-Inf') s = '-.inf';
        else if (s === 'NaN') s = '.nan';
        return this.scalar(s, 'plain', false);
      }
      case 'boolean':
        return this.scalar(v ? 'true' : 'false', 'plain', false);
    }
    if (v instanceof GoInt) return this.scalar(v.value.toString(), 'plain', false);
    if (Array.isArray(v)) return this.seq(v, ctx.mapping);
    if (v instanceof GoObject) {
      if (v.isNil()) return this.scalar('null', 'plain', false);
      const plain = (v as unknown as { yamlPlainScalar?: () => string }).yamlPlainScalar;
      if (plain) return this.scalar(plain.call(v), 'plain', false);
      if (hasYAML(v)) return this.node(v.yamlValue(), ctx);
      const entries: [string, GoValue][] = v
        .fieldNames()
        .map((n) => [n.toLowerCase(), v.field(n) ?? null]);
      return this.map(entries);
    }
    if (isGoFunc(v)) return this.scalar('null', 'plain', false);
    const m = v as GoMap;
    const keys = Object.keys(m).sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
    return this.map(keys.map((k) => [k, m[k] as GoValue]));
  }

  seq(items: GoValue[], mappingContext: boolean): void {
    if (items.length === 0) {
      this.increase(true, false);
      this.indicator('[', true, true, false);
      this.indicator(']', false, false, false);
      this.pop();
      return;
    }
    this.increase(false, mappingContext && !this.indention);
    for (const it of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(it, { mapping: false });
    }
    this.pop();
  }

  map(entries: [string, GoValue][]): void {
    if (entries.length === 0) {
      this.increase(true, false);
      this.indicator('{', true, true, false);
      this.indicator('}', false, false, false);
      this.pop();
      return;
    }
    this.increase(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (/[\n\r\u0085\u2028\u2029]/.test(k) || byteLen(k) > 128) {
        // Not a simple key: "? key" then ": value" on its own line.
        this.indicator('?', true, false, true);
        this.str(k, false);
        this.writeIndent();
        this.indicator(':', true, false, true);
      } else {
        this.str(k, true);
        this.indicator(':', false, false, false);
      }
      this.node(v, { mapping: true });
    }
    this.pop();
  }
}

/** yaml.v2's Marshal of a template value. */
export function toYaml(ctx: CallContext, v: GoValue, quoteMergeKey = false): string {
  const e = new Emitter(ctx, quoteMergeKey);
  e.node(v, { mapping: false });
  // Document end: finish the last line.
  e.indent = -1;
  if (e.column > 0) e.putBreak();
  return e.out.join('');
}

export const yamlFuncs: FuncMap = {
  toYaml: goFunc('toYaml', 'func(v interface{}) string', (ctx, v: GoValue) => toYaml(ctx, v)),
};
