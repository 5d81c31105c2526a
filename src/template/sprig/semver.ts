// Masterminds/semver v3.2.0 as sprig 3.2.3 uses it: semver (NewVersion, a
// *semver.Version with Go's methods) and semverCompare (constraints).
import { FuncError, goFunc, type CallContext, type FuncMap, type GoFunc } from '../funcs.ts';
import { GoObject, type GoValue, type Kind } from '../value.ts';
import { Input, Regexp, execute } from './re2.ts';

const semVerRegex =
  'v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const versionRe = new RegExp('^' + semVerRegex + '$');

const U64 = (1n << 64n) - 1n;
const num = /^[0-9]*$/;
const allowed = /^[0-9A-Za-z-]*$/;

function parseU64(s: string): bigint {
  const v = BigInt(s);
  if (v > U64)
    throw new FuncError(
      `Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`,
    );
  return v;
}

function validatePrerelease(p: string): void {
  for (const part of p.split('.')) {
    if (num.test(part)) {
      if (part.length > 1 && part[0] === '0') throw new FuncError('Version segment starts with 0');
    } else if (!allowed.test(part)) throw new FuncError('Invalid Prerelease string');
  }
}

/** *semver.Version (or semver.Version when a method returns a value). */
export class SemverVersion extends GoObject {
  readonly goKind: Kind;
  readonly goType: string;
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
    readonly pointer = true,
  ) {
    super();
    this.goKind = pointer ? 'ptr' : 'struct';
    this.goType = pointer ? '*semver.Version' : 'semver.Version';
  }
  static parse(v: string): SemverVersion {
    const m = versionRe.exec(v);
    if (!m) throw new FuncError('Invalid Semantic Version');
    const major = parseU64(m[1] as string);
    const minor = m[2] ? parseU64(m[2].slice(1)) : 0n;
    const patch = m[3] ? parseU64(m[3].slice(1)) : 0n;
    const pre = m[5] ?? '';
    const meta = m[8] ?? '';
    if (pre !== '') validatePrerelease(pre);
    if (meta !== '')
      for (const p of meta.split('.'))
        if (!allowed.test(p)) throw new FuncError('Invalid Metadata string');
    return new SemverVersion(major, minor, patch, pre, meta, v);
  }
  str(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.metadata ? '+' + this.metadata : ''}`;
  }
  override goString(): string {
    return this.str();
  }
  jsonValue(): GoValue {
    return this.str();
  }
  yamlValue(): GoValue {
    return this.str();
  }
  goEqual(o: GoObject): boolean {
    return o instanceof SemverVersion && o.str() === this.str() && o.original === this.original;
  }
  compare(o: SemverVersion): number {
    const seg = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
    const d = seg(this.major, o.major) || seg(this.minor, o.minor) || seg(this.patch, o.patch);
    if (d !== 0) return d;
    if (this.pre === '' && o.pre === '') return 0;
    if (this.pre === '') return 1;
    if (o.pre === '') return -1;
    return comparePrerelease(this.pre, o.pre);
  }
  private vPrefix(): string {
    return this.original.startsWith('v') ? 'v' : '';
  }
  private next(
    major: bigint,
    minor: bigint,
    patch: bigint,
    pre: string,
    meta: string,
  ): SemverVersion {
    const s = new SemverVersion(major, minor, patch, pre, meta, '', false);
    return new SemverVersion(major, minor, patch, pre, meta, this.vPrefix() + s.str(), false);
  }
  override method(name: string): GoFunc | undefined {
    const other = (o: GoValue): SemverVersion => {
      if (o instanceof SemverVersion) return o;
      throw new FuncError('invalid memory address or nil pointer dereference');
    };
    const m: Record<string, GoFunc> = {
      String: goFunc('String', 'func() string', () => this.str()),
      Major: goFunc('Major', 'func() uint64', () => this.major),
      Minor: goFunc('Minor', 'func() uint64', () => this.minor),
      Patch: goFunc('Patch', 'func() uint64', () => this.patch),
      Prerelease: goFunc('Prerelease', 'func() string', () => this.pre),
      Metadata: goFunc('Metadata', 'func() string', () => this.metadata),
      IncPatch: goFunc('IncPatch', 'func() semver.Version', () =>
        this.pre !== ''
          ? this.next(this.major, this.minor, this.patch, '', '')
          : this.next(this.major, this.minor, this.patch + 1n, '', ''),
      ),
      IncMinor: goFunc('IncMinor', 'func() semver.Version', () =>
        this.next(this.major, this.minor + 1n, 0n, '', ''),
      ),
      IncMajor: goFunc('IncMajor', 'func() semver.Version', () =>
        this.next(this.major + 1n, 0n, 0n, '', ''),
      ),
      SetPrerelease: goFunc(
        'SetPrerelease',
        'func(prerelease string) (semver.Version, error)',
        (_c, p: string) => {
          if (p !== '') validatePrerelease(p);
          return this.next(this.major, this.minor, this.patch, p, this.metadata);
        },
      ),
      SetMetadata: goFunc(
        'SetMetadata',
        'func(metadata string) (semver.Version, error)',
        (_c, p: string) => {
          if (p !== '')
            for (const x of p.split('.'))
              if (!allowed.test(x)) throw new FuncError('Invalid Metadata string');
          return this.next(this.major, this.minor, this.patch, this.pre, p);
        },
      ),
    };
    if (this.pointer) {
      Object.assign(m, {
        Original: goFunc('Original', 'func() string', () => this.original),
        LessThan: goFunc(
          'LessThan',
          'func(o *semver.Version) bool',
          (_c, o: GoValue) => this.compare(other(o)) < 0,
        ),
        GreaterThan: goFunc(
          'GreaterThan',
          'func(o *semver.Version) bool',
          (_c, o: GoValue) => this.compare(other(o)) > 0,
        ),
        Equal: goFunc(
          'Equal',
          'func(o *semver.Version) bool',
          (_c, o: GoValue) => this.compare(other(o)) === 0,
        ),
        Compare: goFunc('Compare', 'func(o *semver.Version) int', (_c, o: GoValue) =>
          this.compare(other(o)),
        ),
      });
    }
    return m[name];
  }
}

function comparePrerelease(v: string, o: string): number {
  const sp = v.split('.');
  const op = o.split('.');
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? '', op[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return s !== '' ? 1 : -1;
  const isU = (x: string): boolean => /^[0-9]+$/.test(x) && BigInt(x) <= U64;
  const oi = isU(o);
  const si = isU(s);
  if (!oi && !si) return s > o ? 1 : -1;
  if (!oi) return -1;
  if (!si) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

interface Constraint {
  con: SemverVersion;
  orig: string;
  op: string;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}
const isX = (x: string): boolean => x === 'x' || x === '*' || x === 'X';

function parseConstraint(c: string, charge: (n: number) => void): Constraint {
  if (c.length === 0) {
    return {
      con: SemverVersion.parse('0.0.0'),
      orig: c,
      op: '',
      minorDirty: false,
      patchDirty: false,
      dirty: true,
    };
  }
  const m = groupsOf(patterns().one, c, charge);
  if (!m) throw improper(c);
  const m3 = m[3] ?? '';
  const m4 = m[4] ?? '';
  const m5 = m[5] ?? '';
  const m6 = m[6] ?? '';
  let ver = m[2] as string;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m3) || m3 === '') {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, '')) || m4 === '') {
    minorDirty = true;
    dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, '')) || m5 === '') {
    dirty = true;
    patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con: SemverVersion;
  try {
    con = SemverVersion.parse(ver);
  } catch {
    throw new FuncError('constraint Parser Error');
  }
  return { con, orig: m[2] as string, op: m[1] as string, minorDirty, patchDirty, dirty };
}

function tilde(v: SemverVersion, c: Constraint): boolean {
  if (v.pre !== '' && c.con.pre === '') return false;
  if (v.compare(c.con) < 0) return false;
  if (
    c.con.major === 0n &&
    c.con.minor === 0n &&
    c.con.patch === 0n &&
    !c.minorDirty &&
    !c.patchDirty
  )
    return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function check(v: SemverVersion, c: Constraint): boolean {
  const preBlocked = v.pre !== '' && c.con.pre === '';
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked) return false;
      if (c.dirty) return tilde(v, c);
      return v.compare(c.con) === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        else if (c.minorDirty) return false;
        else if (c.con.patch !== v.patch && !c.patchDirty) return true;
        else if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return v.compare(c.con) !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return v.compare(c.con) === 1;
    case '<':
      if (preBlocked) return false;
      return v.compare(c.con) < 0;
    case '>=':
    case '=>':
      if (preBlocked) return false;
      return v.compare(c.con) >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      return tilde(v, c);
    case '^':
      if (preBlocked) return false;
      if (v.compare(c.con) < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

// Masterminds' constraint patterns, in Go's RE2 syntax, run by re2.ts's
// linear-time engine: JavaScript's backtracking engine needed seconds for a
// 100k-character constraint that almost matches. Matching costs O(text ×
// pattern), charged to the step budget as it runs.
const goOps = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const goCv =
  'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?' +
  '(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?' +
  '(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
let compiled: { one: Regexp; range: Regexp; find: Regexp; valid: Regexp } | undefined;
const patterns = () =>
  (compiled ??= {
    one: new Regexp(`^\\s*(${goOps})\\s*(${goCv})\\s*$`),
    range: new Regexp(`\\s*(${goCv})\\s+-\\s+(${goCv})\\s*`),
    find: new Regexp(`(${goOps})\\s*(${goCv})`),
    valid: new Regexp(
      `^(\\s*(${goOps})\\s*(${goCv})\\s*)((?:\\s+|,\\s*)(${goOps})\\s*(${goCv})\\s*)*$`,
    ),
  });

/** The groups of the leftmost match of `re` in `text` ('' for a group that took no part), or null. */
function groupsOf(re: Regexp, text: string, charge: (n: number) => void): string[] | null {
  const input = new Input(text);
  const caps = execute(re, input, 0, charge);
  if (caps === null) return null;
  const groups: string[] = [];
  for (let k = 0; k < re.ncap; k++) {
    const a = caps[2 * k] as number;
    groups.push(a < 0 ? '' : input.slice(a, caps[2 * k + 1] as number));
  }
  return groups;
}

/** Every non-overlapping match of `re` in `text` (none of these patterns matches empty). */
function findAll(re: Regexp, text: string, charge: (n: number) => void): string[][] {
  const input = new Input(text);
  const out: string[][] = [];
  let pos = 0;
  while (pos <= input.cps.length) {
    const caps = execute(re, input, pos, charge);
    if (caps === null) break;
    const groups: string[] = [];
    for (let k = 0; k < re.ncap; k++) {
      const a = caps[2 * k] as number;
      groups.push(a < 0 ? '' : input.slice(a, caps[2 * k + 1] as number));
    }
    out.push(groups);
    pos = Math.max(caps[1] as number, pos + 1);
  }
  return out;
}

/** Go's message quotes the segment; a long one is cut (it may hold a parameter value). */
const improper = (v: string): FuncError =>
  new FuncError(
    `improper constraint: ${v.length > 200 ? `${v.slice(0, 200)}... (${v.length} characters)` : v}`,
  );

/**
 * semver.NewConstraint, in time linear in the constraint's length. Go's
 * rewriteRange replaces each range with strings.Replace from the start of the
 * text (quadratic); here each range is replaced where it was found, which is
 * the same text: a range's first occurrence is where the leftmost-first search
 * found it (an earlier one would have been found first, and a replacement
 * holds no `space-hyphen-space`). test/template/semver-linear.test.ts checks
 * both against the Go oracle.
 */
export function parseConstraints(c0: string, ctx?: CallContext): Constraint[][] {
  const charge = (n: number): void => ctx?.charge(n);
  const re = patterns();
  let c = '';
  let last = 0;
  const input = new Input(c0);
  let pos = 0;
  while (pos <= input.cps.length) {
    const caps = execute(re.range, input, pos, charge);
    if (caps === null) break;
    const [a, b] = [caps[0] as number, caps[1] as number];
    const group = (k: number): string => {
      const s = caps[2 * k] as number;
      return s < 0 ? '' : input.slice(s, caps[2 * k + 1] as number);
    };
    c += input.slice(last, a) + `>= ${group(1)}, <= ${group(11)}`;
    last = b;
    pos = Math.max(b, pos + 1);
  }
  c += input.slice(last, input.cps.length);
  return c.split('||').map((v) => {
    if (execute(re.valid, new Input(v), 0, charge) === null) throw improper(v);
    const found = findAll(re.find, v, charge).map((x) => x[0] as string);
    const cs = found.length === 0 ? [v] : found;
    return cs.map((x) => parseConstraint(x, charge));
  });
}

export const semverFuncs: FuncMap = {
  semver: goFunc('semver', 'func(version string) (*semver.Version, error)', (_c, v: string) =>
    SemverVersion.parse(v),
  ),
  semverCompare: goFunc(
    'semverCompare',
    'func(constraint, version string) (bool, error)',
    (ctx, c: string, v: string) => {
      const cs = parseConstraints(c, ctx);
      const ver = SemverVersion.parse(v);
      return cs.some((and) => and.every((x) => check(ver, x)));
    },
  ),
};
