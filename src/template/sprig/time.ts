// Go's time.Time and time.Duration for templates: a value type with Go's
// methods (Format with Go's layouts, Unix, Year, UTC, Add, ...), Go's layout
// parser (time.ParseInLocation) and Go's Duration.String/ParseDuration.
// Zones: UTC, fixed offsets, and IANA names through Intl (Go's abbreviations
// are matched where ICU knows them; otherwise Go's numeric "+04" style).
import { FuncError, goFunc, type GoFunc } from '../funcs.ts';
import { utf8Bytes } from '../bytes.ts';
import { zoneAbbreviations } from './zone-abbr.ts';
import { GoInt, GoObject, goInt, type GoValue, type Kind } from '../value.ts';

/** A time zone: UTC, a fixed offset, or an IANA zone. */
export interface Loc {
  name: string;
  fixed?: { abbr: string; offset: number };
}
export const UTC: Loc = { name: 'UTC', fixed: { abbr: 'UTC', offset: 0 } };

const daysFromCivil = (y: number, m: number, d: number): number => {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};
const civilFromDays = (z: number): [number, number, number] => {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
};
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number): number =>
  m === 2
    ? isLeap(y)
      ? 29
      : 28
    : ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number);

/** time.LoadLocation; null when Go would fail. */
export function loadLocation(name: string, local: Loc): Loc | null {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return local;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return null;
    if (resolved === 'UTC' || resolved === 'Etc/UTC') {
      return { name, fixed: { abbr: zoneAbbreviations[name]?.['0'] ?? 'UTC', offset: 0 } };
    }
    return { name };
  } catch {
    return null;
  }
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function zoneInfo(loc: Loc, unixSec: number): { abbr: string; offset: number } {
  if (loc.fixed) return loc.fixed;
  let f = fmtCache.get(loc.name);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: loc.name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    fmtCache.set(loc.name, f);
  }
  const ms = unixSec * 1000;
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const local =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  const offset = local - unixSec;
  return { abbr: zoneAbbr(loc.name, ms, offset), offset };
}

function icuAbbr(name: string, ms: number): string | null {
  for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-AU', 'ja-JP']) {
    const p = new Intl.DateTimeFormat(locale, { timeZone: name, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((x) => x.type === 'timeZoneName')?.value;
    if (p && /^[A-Z]{2,5}$/.test(p) && p !== 'GMT') return p;
  }
  return null;
}

// ICU often has no abbreviation for old instants; the zone's modern
// abbreviation for the same offset (probed in January and July) is then used.
const modernAbbr = new Map<string, Map<number, string>>();
function abbrForOffset(name: string, offset: number): string | null {
  let m = modernAbbr.get(name);
  if (!m) {
    m = new Map();
    for (const ms of [Date.UTC(2020, 0, 15), Date.UTC(2020, 6, 15)]) {
      const a = icuAbbr(name, ms);
      if (a) m.set(zoneInfo({ name }, ms / 1000).offset, a);
    }
    modernAbbr.set(name, m);
  }
  return m.get(offset) ?? null;
}

function zoneAbbr(name: string, ms: number, offset: number): string {
  // Go's own tzdata abbreviation for this zone and offset, when known.
  const go = zoneAbbreviations[name]?.[String(offset)];
  if (go !== undefined) return go;
  const known =
    icuAbbr(name, ms) ?? (ms < Date.UTC(2020, 0, 1) ? abbrForOffset(name, offset) : null);
  if (known) return known;
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return sign + h + (m ? String(m).padStart(2, '0') : '');
}

const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longMonths = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A Go named integer type that prints a name: an int for casts, eq, %d, JSON and YAML. */
abstract class GoNamedInt extends GoObject {
  readonly goKind: Kind = 'int';
  constructor(readonly n: number) {
    super();
  }
  /** The integer value of this named integer type (for casts, eq, %d). */
  override intValue(): bigint {
    return BigInt(this.n);
  }
  jsonValue(): GoValue {
    return goInt(this.n);
  }
  yamlValue(): GoValue {
    return goInt(this.n);
  }
}

/** Go's time.Month. */
export class GoMonth extends GoNamedInt {
  readonly goType = 'time.Month';
  override goString(): string {
    return longMonths[this.n - 1] ?? `%!Month(${this.n})`;
  }
}

/** Go's time.Weekday. */
export class GoWeekday extends GoNamedInt {
  readonly goType = 'time.Weekday';
  override goString(): string {
    return longDays[this.n] ?? `%!Weekday(${this.n})`;
  }
}

/** Go's time.Duration (int64 nanoseconds). */
export class GoDuration extends GoObject {
  readonly goType = 'time.Duration';
  readonly goKind: Kind = 'int64';
  constructor(readonly ns: bigint) {
    super();
  }
  override intValue(): bigint {
    return this.ns;
  }
  jsonValue(): GoValue {
    return goInt(this.ns, 'int64');
  }
  yamlValue(): GoValue {
    return goInt(this.ns, 'int64');
  }
  override goString(): string {
    return durationString(this.ns);
  }
  override method(name: string): GoFunc | undefined {
    const d = this.ns;
    const float = (unit: bigint): number => Number(d / unit) + Number(d % unit) / Number(unit);
    switch (name) {
      case 'String':
        return goFunc('String', 'func() string', () => durationString(d));
      case 'Hours':
        return goFunc('Hours', 'func() float64', () => float(3600000000000n));
      case 'Minutes':
        return goFunc('Minutes', 'func() float64', () => float(60000000000n));
      case 'Seconds':
        return goFunc('Seconds', 'func() float64', () => float(1000000000n));
      case 'Milliseconds':
        return goFunc('Milliseconds', 'func() int64', () => d / 1000000n);
      case 'Microseconds':
        return goFunc('Microseconds', 'func() int64', () => d / 1000n);
      case 'Nanoseconds':
        return goFunc('Nanoseconds', 'func() int64', () => d);
    }
    return undefined;
  }
}

/** time.Duration.String */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  const frac = (v: bigint, prec: number): [string, bigint] => {
    let s = '';
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print = print || digit !== 0n;
      if (print) s = digit.toString() + s;
      v /= 10n;
    }
    return [print ? '.' + s : '', v];
  };
  if (u < 1000000000n) {
    let prec: number;
    let unit: string;
    if (u < 1000n) return (neg ? '-' : '') + u.toString() + 'ns';
    if (u < 1000000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [f, w] = frac(u, prec);
    out = w.toString() + f + unit;
  } else {
    const [f, w] = frac(u, 9);
    u = w;
    out = (u % 60n).toString() + f + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return (neg ? '-' : '') + out;
}

/** time.ParseDuration; throws FuncError with Go's message. */
export function parseDuration(s0: string): bigint {
  const q = goQuoteTime(s0);
  let s = s0;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new FuncError(`time: invalid duration ${q}`);
  const units: Record<string, bigint> = {
    ns: 1n,
    us: 1000n,
    µs: 1000n,
    μs: 1000n,
    ms: 1000000n,
    s: 1000000000n,
    m: 60000000000n,
    h: 3600000000000n,
  };
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(\.(\d*))?/.exec(s) as RegExpExecArray;
    const ip = m[1] ?? '';
    const fp = m[3] ?? '';
    if (ip === '' && fp === '') throw new FuncError(`time: invalid duration ${q}`);
    s = s.slice(m[0].length);
    const um = /^[^0-9.]*/.exec(s) as RegExpExecArray;
    const u = um[0];
    if (u === '') throw new FuncError(`time: missing unit in duration ${q}`);
    const mult = units[u];
    if (mult === undefined)
      throw new FuncError(`time: unknown unit ${goQuoteTime(u)} in duration ${q}`);
    s = s.slice(u.length);
    let v = BigInt(ip || '0') * mult;
    if (fp !== '') v += (BigInt(fp) * mult) / 10n ** BigInt(fp.length);
    total += v;
    if (total > (1n << 63n) - 1n) throw new FuncError(`time: invalid duration ${q}`);
  }
  return neg ? -total : total;
}

/** Go's time.Time: an instant (seconds + nanoseconds) and a location. */
export class GoTime extends GoObject {
  readonly goType = 'time.Time';
  readonly goKind: Kind = 'struct';
  constructor(
    readonly sec: bigint,
    readonly nsec: number,
    readonly loc: Loc,
  ) {
    super();
  }
  static fromUnixNano(ns: bigint, loc: Loc): GoTime {
    let s = ns / 1000000000n;
    let n = ns % 1000000000n;
    if (n < 0n) {
      n += 1000000000n;
      s -= 1n;
    }
    return new GoTime(s, Number(n), loc);
  }
  /** The zero time: January 1, year 1, 00:00:00 UTC. */
  static zero(): GoTime {
    return new GoTime(-62135596800n, 0, UTC);
  }
  isZero(): boolean {
    return this.sec === -62135596800n && this.nsec === 0;
  }
  unixNano(): bigint {
    return this.sec * 1000000000n + BigInt(this.nsec);
  }
  zone(): { abbr: string; offset: number } {
    return zoneInfo(this.loc, Number(this.sec));
  }
  /** Wall-clock fields in the time's location. */
  fields(): {
    year: number;
    month: number;
    day: number;
    hour: number;
    min: number;
    sec: number;
    wday: number;
    yday: number;
    abbr: string;
    offset: number;
  } {
    const z = this.zone();
    const local = Number(this.sec) + z.offset;
    const days = Math.floor(local / 86400);
    const rem = local - days * 86400;
    const [year, month, day] = civilFromDays(days);
    const wday = (((days + 4) % 7) + 7) % 7;
    const yday = days - daysFromCivil(year, 1, 1) + 1;
    return {
      year,
      month,
      day,
      hour: Math.floor(rem / 3600),
      min: Math.floor((rem % 3600) / 60),
      sec: rem % 60,
      wday,
      yday,
      abbr: z.abbr,
      offset: z.offset,
    };
  }
  in(loc: Loc): GoTime {
    return new GoTime(this.sec, this.nsec, loc);
  }
  add(d: bigint): GoTime {
    return GoTime.fromUnixNano(this.unixNano() + d, this.loc);
  }
  format(layout: string): string {
    return formatTime(this, layout);
  }
  override goString(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }
  /** JSON (MarshalJSON): RFC 3339 with nanoseconds. */
  jsonValue(): GoValue {
    return this.format('2006-01-02T15:04:05.999999999Z07:00');
  }
  /** yaml.v2 writes a time.Time as a plain RFC 3339 scalar, never quoted. */
  yamlPlainScalar(): string {
    return this.format('2006-01-02T15:04:05.999999999Z07:00');
  }
  goEqual(o: GoObject): boolean {
    return (
      o instanceof GoTime &&
      o.sec === this.sec &&
      o.nsec === this.nsec &&
      o.loc.name === this.loc.name
    );
  }
  override method(name: string): GoFunc | undefined {
    return timeMethods(this)[name];
  }
}

function timeMethods(t: GoTime): Record<string, GoFunc> {
  const f = () => t.fields();
  return {
    Format: goFunc('Format', 'func(layout string) string', (_c, l: string) => t.format(l)),
    String: goFunc('String', 'func() string', () => t.goString()),
    Unix: goFunc('Unix', 'func() int64', () => t.sec),
    UnixNano: goFunc('UnixNano', 'func() int64', () => BigInt.asIntN(64, t.unixNano())),
    UnixMilli: goFunc('UnixMilli', 'func() int64', () => t.unixNano() / 1000000n),
    UnixMicro: goFunc('UnixMicro', 'func() int64', () => t.unixNano() / 1000n),
    Year: goFunc('Year', 'func() int', () => f().year),
    Month: goFunc('Month', 'func() time.Month', () => new GoMonth(f().month)),
    Day: goFunc('Day', 'func() int', () => f().day),
    Hour: goFunc('Hour', 'func() int', () => f().hour),
    Minute: goFunc('Minute', 'func() int', () => f().min),
    Second: goFunc('Second', 'func() int', () => f().sec),
    Nanosecond: goFunc('Nanosecond', 'func() int', () => t.nsec),
    YearDay: goFunc('YearDay', 'func() int', () => f().yday),
    Weekday: goFunc('Weekday', 'func() time.Weekday', () => new GoWeekday(f().wday)),
    IsZero: goFunc('IsZero', 'func() bool', () => t.isZero()),
    UTC: goFunc('UTC', 'func() time.Time', () => t.in(UTC)),
    Local: goFunc('Local', 'func() time.Time', () => t.in(UTC)),
    Add: goFunc('Add', 'func(d time.Duration) time.Time', (_c, d: GoValue) =>
      t.add(durationArg(d)),
    ),
    AddDate: goFunc(
      'AddDate',
      'func(years int, months int, days int) time.Time',
      (_c, y: bigint, m: bigint, d: bigint) => {
        const x = t.fields();
        const days = daysFromCivil(x.year + Number(y), 1, 1) + 0;
        void days;
        return dateOf(
          x.year + Number(y),
          x.month + Number(m),
          x.day + Number(d),
          x.hour,
          x.min,
          x.sec,
          t.nsec,
          t.loc,
        );
      },
    ),
    Sub: goFunc(
      'Sub',
      'func(u time.Time) time.Duration',
      (_c, u: GoValue) => new GoDuration(t.unixNano() - (u as GoTime).unixNano()),
    ),
    Before: goFunc(
      'Before',
      'func(u time.Time) bool',
      (_c, u: GoValue) => t.unixNano() < (u as GoTime).unixNano(),
    ),
    After: goFunc(
      'After',
      'func(u time.Time) bool',
      (_c, u: GoValue) => t.unixNano() > (u as GoTime).unixNano(),
    ),
    Equal: goFunc(
      'Equal',
      'func(u time.Time) bool',
      (_c, u: GoValue) => t.unixNano() === (u as GoTime).unixNano(),
    ),
  };
}

function durationArg(d: GoValue): bigint {
  if (d instanceof GoDuration) return d.ns;
  if (d instanceof GoInt) return d.value;
  return 0n;
}

/** time.Date with normalization of out-of-range fields, in a location. */
export function dateOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
  nsec: number,
  loc: Loc,
): GoTime {
  // Normalize month, then let day arithmetic carry the rest.
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const days = daysFromCivil(y, m + 1, 1) + day - 1;
  const wall = BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  // Resolve the offset at that wall time (two passes for zone transitions).
  let utc = wall - BigInt(zoneInfo(loc, Number(wall)).offset);
  utc = wall - BigInt(zoneInfo(loc, Number(utc)).offset);
  return GoTime.fromUnixNano(utc * 1000000000n + BigInt(nsec), loc);
}

// ---------------------------------------------------------------- layouts
const enum Std {
  none,
  longMonth,
  month,
  numMonth,
  zeroMonth,
  longWeekDay,
  weekDay,
  day,
  underDay,
  zeroDay,
  underYearDay,
  zeroYearDay,
  hour,
  hour12,
  zeroHour12,
  minute,
  zeroMinute,
  second,
  zeroSecond,
  longYear,
  year,
  pm,
  PM,
  tz,
  iso8601TZ,
  iso8601SecondsTZ,
  iso8601ShortTZ,
  iso8601ColonTZ,
  iso8601ColonSecondsTZ,
  numTZ,
  numSecondsTz,
  numShortTZ,
  numColonTZ,
  numColonSecondsTZ,
  fracSecond0,
  fracSecond9,
}
interface Chunk {
  prefix: string;
  std: Std;
  digits: number; // fractional digits
  sep: string; // '.' or ','
  suffix: string;
}

const isLowerAt = (s: string, i: number): boolean =>
  i < s.length && s[i] !== undefined && (s[i] as string) >= 'a' && (s[i] as string) <= 'z';
const isDigitAt = (s: string, i: number): boolean =>
  i < s.length && (s[i] as string) >= '0' && (s[i] as string) <= '9';

function nextStdChunk(layout: string): Chunk {
  const ret = (i: number, std: Std, len: number, digits = 0, sep = '.'): Chunk => ({
    prefix: layout.slice(0, i),
    std,
    digits,
    sep,
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s: string): boolean => layout.startsWith(s, i);
    switch (c) {
      case 'J':
        if (at('Jan')) {
          if (at('January')) return ret(i, Std.longMonth, 7);
          if (!isLowerAt(layout, i + 3)) return ret(i, Std.month, 3);
        }
        break;
      case 'M':
        if (at('Mon')) {
          if (at('Monday')) return ret(i, Std.longWeekDay, 6);
          if (!isLowerAt(layout, i + 3)) return ret(i, Std.weekDay, 3);
        }
        if (at('MST')) return ret(i, Std.tz, 3);
        break;
      case '0': {
        const n = layout[i + 1];
        if (n !== undefined && n >= '1' && n <= '6') {
          return ret(
            i,
            [Std.zeroMonth, Std.zeroDay, Std.zeroHour12, Std.zeroMinute, Std.zeroSecond, Std.year][
              Number(n) - 1
            ] as Std,
            2,
          );
        }
        if (at('002')) return ret(i, Std.zeroYearDay, 3);
        break;
      }
      case '1':
        if (at('15')) return ret(i, Std.hour, 2);
        return ret(i, Std.numMonth, 1);
      case '2':
        if (at('2006')) return ret(i, Std.longYear, 4);
        return ret(i, Std.day, 1);
      case '_':
        if (layout[i + 1] === '2') {
          if (layout.startsWith('2006', i + 1))
            return {
              prefix: layout.slice(0, i + 1),
              std: Std.longYear,
              digits: 0,
              sep: '.',
              suffix: layout.slice(i + 5),
            };
          return ret(i, Std.underDay, 2);
        }
        if (at('__2')) return ret(i, Std.underYearDay, 3);
        break;
      case '3':
        return ret(i, Std.hour12, 1);
      case '4':
        return ret(i, Std.minute, 1);
      case '5':
        return ret(i, Std.second, 1);
      case 'P':
        if (at('PM')) return ret(i, Std.PM, 2);
        break;
      case 'p':
        if (at('pm')) return ret(i, Std.pm, 2);
        break;
      case '-':
        if (at('-070000')) return ret(i, Std.numSecondsTz, 7);
        if (at('-07:00:00')) return ret(i, Std.numColonSecondsTZ, 9);
        if (at('-0700')) return ret(i, Std.numTZ, 5);
        if (at('-07:00')) return ret(i, Std.numColonTZ, 6);
        if (at('-07')) return ret(i, Std.numShortTZ, 3);
        break;
      case 'Z':
        if (at('Z070000')) return ret(i, Std.iso8601SecondsTZ, 7);
        if (at('Z07:00:00')) return ret(i, Std.iso8601ColonSecondsTZ, 9);
        if (at('Z0700')) return ret(i, Std.iso8601TZ, 5);
        if (at('Z07:00')) return ret(i, Std.iso8601ColonTZ, 6);
        if (at('Z07')) return ret(i, Std.iso8601ShortTZ, 3);
        break;
      case '.':
      case ',': {
        const ch = layout[i + 1];
        if (ch === '0' || ch === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return ret(i, ch === '0' ? Std.fracSecond0 : Std.fracSecond9, j - i, j - (i + 1), c);
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: Std.none, digits: 0, sep: '.', suffix: '' };
}

const pad = (n: number, w: number): string => {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? '-' + s : s;
};

function formatTime(t: GoTime, layout: string): string {
  const f = t.fields();
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const ch = nextStdChunk(rest);
    out += ch.prefix;
    if (ch.std === Std.none) break;
    rest = ch.suffix;
    switch (ch.std) {
      case Std.year: {
        let y = f.year % 100;
        if (y < 0) y = -y;
        out += pad(y, 2);
        break;
      }
      case Std.longYear:
        out += pad(f.year, 4);
        break;
      case Std.month:
        out += longMonths[f.month - 1]?.slice(0, 3);
        break;
      case Std.longMonth:
        out += longMonths[f.month - 1];
        break;
      case Std.numMonth:
        out += f.month;
        break;
      case Std.zeroMonth:
        out += pad(f.month, 2);
        break;
      case Std.weekDay:
        out += longDays[f.wday]?.slice(0, 3);
        break;
      case Std.longWeekDay:
        out += longDays[f.wday];
        break;
      case Std.day:
        out += f.day;
        break;
      case Std.underDay:
        out += (f.day < 10 ? ' ' : '') + f.day;
        break;
      case Std.zeroDay:
        out += pad(f.day, 2);
        break;
      case Std.underYearDay:
        out += String(f.yday).padStart(3, ' ');
        break;
      case Std.zeroYearDay:
        out += pad(f.yday, 3);
        break;
      case Std.hour:
        out += pad(f.hour, 2);
        break;
      case Std.hour12:
        out += f.hour % 12 === 0 ? 12 : f.hour % 12;
        break;
      case Std.zeroHour12:
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case Std.minute:
        out += f.min;
        break;
      case Std.zeroMinute:
        out += pad(f.min, 2);
        break;
      case Std.second:
        out += f.sec;
        break;
      case Std.zeroSecond:
        out += pad(f.sec, 2);
        break;
      case Std.PM:
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case Std.pm:
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case Std.iso8601TZ:
      case Std.iso8601ColonTZ:
      case Std.iso8601SecondsTZ:
      case Std.iso8601ShortTZ:
      case Std.iso8601ColonSecondsTZ:
      case Std.numTZ:
      case Std.numColonTZ:
      case Std.numSecondsTz:
      case Std.numShortTZ:
      case Std.numColonSecondsTZ: {
        const iso = ch.std >= Std.iso8601TZ && ch.std <= Std.iso8601ColonSecondsTZ;
        if (f.offset === 0 && iso) {
          out += 'Z';
          break;
        }
        let zone = Math.floor(f.offset / 60);
        let absoff = f.offset;
        if (zone < 0) {
          out += '-';
          zone = -zone;
          absoff = -absoff;
        } else out += '+';
        out += pad(Math.floor(zone / 60), 2);
        if (
          ch.std === Std.iso8601ColonTZ ||
          ch.std === Std.numColonTZ ||
          ch.std === Std.iso8601ColonSecondsTZ ||
          ch.std === Std.numColonSecondsTZ
        )
          out += ':';
        if (ch.std !== Std.numShortTZ && ch.std !== Std.iso8601ShortTZ) out += pad(zone % 60, 2);
        if (
          ch.std === Std.iso8601SecondsTZ ||
          ch.std === Std.numSecondsTz ||
          ch.std === Std.numColonSecondsTZ ||
          ch.std === Std.iso8601ColonSecondsTZ
        ) {
          if (ch.std === Std.numColonSecondsTZ || ch.std === Std.iso8601ColonSecondsTZ) out += ':';
          out += pad(absoff % 60, 2);
        }
        break;
      }
      case Std.tz:
        if (f.abbr !== '') {
          out += f.abbr;
          break;
        }
        {
          let zone = Math.floor(f.offset / 60);
          if (zone < 0) {
            out += '-';
            zone = -zone;
          } else out += '+';
          out += pad(Math.floor(zone / 60), 2) + pad(zone % 60, 2);
        }
        break;
      case Std.fracSecond0:
      case Std.fracSecond9: {
        const digits = String(t.nsec).padStart(9, '0').slice(0, Math.min(ch.digits, 9));
        if (ch.std === Std.fracSecond0) out += ch.sep + digits;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed !== '') out += ch.sep + trimmed;
        }
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- parsing
/** The time package's quote: ASCII as is, other bytes as \\xNN. */
function goQuoteTime(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x80 || c < 0x20) {
      for (const b of utf8Bytes(ch)) out += '\\x' + b.toString(16).padStart(2, '0');
    } else out += (c === 34 || c === 92 ? '\\' : '') + ch;
  }
  return out + '"';
}

// The helpers below return Go's (value, rest, ok) triples: on failure the
// text is handed back as Go hands it back, because the error message quotes it.
function getnum(s: string, fixed: boolean): [number, string, boolean] {
  if (!isDigitAt(s, 0)) return [0, s, false];
  if (!isDigitAt(s, 1)) {
    if (fixed) return [0, s, false];
    return [Number(s[0]), s.slice(1), true];
  }
  return [Number(s.slice(0, 2)), s.slice(2), true];
}
function getnum3(s: string, fixed: boolean): [number, string, boolean] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) return [0, s, false];
  return [n, s.slice(i), true];
}
function lookup(tab: string[], val: string): [number, string, boolean] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i] as string;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase())
      return [i, val.slice(v.length), true];
  }
  return [-1, val, false];
}
function skip(value: string, prefix: string): [string, boolean] {
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') return [value, false];
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}
// time's atoi: an optional sign and digits (none at all reads as 0).
function tatoi(s: string): number | null {
  const m = /^([+-]?)(\d*)$/.exec(s);
  if (!m) return null;
  const v = Number(m[2] || '0');
  return m[1] === '-' ? -v : v;
}
// parseNanoseconds: [ns, range error text, ok].
function parseNanos(value: string, n: number): [number, string, boolean] {
  if (value[0] !== '.' && value[0] !== ',') return [0, '', false];
  if (n > 10) {
    value = value.slice(0, 10);
    n = 10;
  }
  const ns = tatoi(value.slice(1, n));
  if (ns === null) return [0, '', false];
  if (ns < 0) return [0, 'fractional second', true];
  return [ns * 10 ** (10 - n), '', true];
}
// time.parseSignedOffset: "+07", "-3" (all leading digits, at most 12).
function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  const m = /^\d+/.exec(value.slice(1));
  if (!m || Number(m[0]) > 12) return 0;
  return 1 + m[0].length;
}

// time.parseTimeZone: the length of a zone name at the start of value (0: none).
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT'))
    return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && (value[n] as string) >= 'A' && (value[n] as string) <= 'Z')
    n++;
  switch (n) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
  }
  return 0;
}

/** time.ParseInLocation; throws FuncError with Go's ParseError text. */
export function parseTime(layout0: string, value0: string, local: Loc): GoTime {
  let layout = layout0;
  let value = value0;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Loc | null = null;
  let zoneOffset = -1;
  let zoneName = '';
  let amSet = false;
  let pmSet = false;
  const perr = (layoutElem: string, valueElem: string, msg: string): FuncError =>
    new FuncError(
      msg === ''
        ? `parsing time ${goQuoteTime(value0)} as ${goQuoteTime(layout0)}: cannot parse ${goQuoteTime(valueElem)} as ${goQuoteTime(layoutElem)}`
        : `parsing time ${goQuoteTime(value0)}${msg}`,
    );
  for (;;) {
    const ch = nextStdChunk(layout);
    const stdstr = layout.slice(ch.prefix.length, layout.length - ch.suffix.length);
    let ok: boolean;
    [value, ok] = skip(value, ch.prefix);
    if (!ok) throw perr(ch.prefix, value, '');
    if (ch.std === Std.none) {
      if (value.length !== 0) throw perr('', value, `: extra text: ${goQuoteTime(value)}`);
      break;
    }
    layout = ch.suffix;
    let range = '';
    ok = true;
    switch (ch.std) {
      case Std.year: {
        if (value.length < 2) {
          ok = false;
          break;
        }
        const y = tatoi(value.slice(0, 2));
        if (y === null) {
          ok = false;
          break;
        }
        value = value.slice(2);
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case Std.longYear: {
        if (value.length < 4 || !isDigitAt(value, 0)) {
          ok = false;
          break;
        }
        const y = tatoi(value.slice(0, 4));
        value = value.slice(4);
        if (y === null) ok = false;
        else year = y;
        break;
      }
      case Std.month:
        [month, value, ok] = lookup(
          longMonths.map((m) => m.slice(0, 3)),
          value,
        );
        month++;
        break;
      case Std.longMonth:
        [month, value, ok] = lookup(longMonths, value);
        month++;
        break;
      case Std.numMonth:
      case Std.zeroMonth:
        [month, value, ok] = getnum(value, ch.std === Std.zeroMonth);
        if (ok && (month <= 0 || month > 12)) range = 'month';
        break;
      case Std.weekDay:
        [, value, ok] = lookup(
          longDays.map((d) => d.slice(0, 3)),
          value,
        );
        break;
      case Std.longWeekDay:
        [, value, ok] = lookup(longDays, value);
        break;
      case Std.day:
      case Std.underDay:
      case Std.zeroDay:
        if (ch.std === Std.underDay && value[0] === ' ') value = value.slice(1);
        [day, value, ok] = getnum(value, ch.std === Std.zeroDay);
        break;
      case Std.underYearDay:
      case Std.zeroYearDay:
        for (let k = 0; k < 2; k++)
          if (ch.std === Std.underYearDay && value[0] === ' ') value = value.slice(1);
        [yday, value, ok] = getnum3(value, ch.std === Std.zeroYearDay);
        break;
      case Std.hour:
        [hour, value, ok] = getnum(value, false);
        if (hour < 0 || hour >= 24) range = 'hour';
        break;
      case Std.hour12:
      case Std.zeroHour12:
        [hour, value, ok] = getnum(value, ch.std === Std.zeroHour12);
        if (hour < 0 || hour > 12) range = 'hour';
        break;
      case Std.minute:
      case Std.zeroMinute:
        [min, value, ok] = getnum(value, ch.std === Std.zeroMinute);
        if (min < 0 || min >= 60) range = 'minute';
        break;
      case Std.second:
      case Std.zeroSecond: {
        [sec, value, ok] = getnum(value, ch.std === Std.zeroSecond);
        if (sec < 0 || sec >= 60) {
          range = 'second';
          break;
        }
        // A fractional second in the input but not in the layout (Go runs
        // this even when the seconds failed to parse, and it can clear that error).
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
          const nx = nextStdChunk(layout).std;
          if (nx === Std.fracSecond0 || nx === Std.fracSecond9) break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          [nsec, range, ok] = parseNanos(value, n);
          value = value.slice(n);
        }
        break;
      }
      case Std.PM:
      case Std.pm: {
        if (value.length < 2) {
          ok = false;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [PM, AM] = ch.std === Std.PM ? ['PM', 'AM'] : ['pm', 'am'];
        if (p === PM) pmSet = true;
        else if (p === AM) amSet = true;
        else ok = false;
        break;
      }
      case Std.iso8601TZ:
      case Std.iso8601ColonTZ:
      case Std.iso8601SecondsTZ:
      case Std.iso8601ShortTZ:
      case Std.iso8601ColonSecondsTZ:
      case Std.numTZ:
      case Std.numShortTZ:
      case Std.numColonTZ:
      case Std.numSecondsTz:
      case Std.numColonSecondsTZ: {
        if (
          (ch.std === Std.iso8601TZ ||
            ch.std === Std.iso8601ShortTZ ||
            ch.std === Std.iso8601ColonTZ) &&
          value[0] === 'Z'
        ) {
          value = value.slice(1);
          z = UTC;
          break;
        }
        let sign: string;
        let hh: string;
        let mm: string;
        let ss = '00';
        if (ch.std === Std.iso8601ColonTZ || ch.std === Std.numColonTZ) {
          if (value.length < 6 || value[3] !== ':') {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6)];
          value = value.slice(6);
        } else if (ch.std === Std.numShortTZ || ch.std === Std.iso8601ShortTZ) {
          if (value.length < 3) {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), '00'];
          value = value.slice(3);
        } else if (ch.std === Std.iso8601ColonSecondsTZ || ch.std === Std.numColonSecondsTZ) {
          if (value.length < 9 || value[3] !== ':' || value[6] !== ':') {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(4, 6),
            value.slice(7, 9),
          ];
          value = value.slice(9);
        } else if (ch.std === Std.iso8601SecondsTZ || ch.std === Std.numSecondsTz) {
          if (value.length < 7) {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(3, 5),
            value.slice(5, 7),
          ];
          value = value.slice(7);
        } else {
          if (value.length < 5) {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5)];
          value = value.slice(5);
        }
        const h = tatoi(hh);
        const m = h === null ? null : tatoi(mm);
        const sx = m === null ? null : tatoi(ss);
        if (h === null || m === null || sx === null) {
          ok = false;
          break;
        }
        zoneOffset = (h * 60 + m) * 60 + sx;
        if (sign === '-') zoneOffset = -zoneOffset;
        else if (sign !== '+') ok = false;
        break;
      }
      case Std.tz: {
        if (value.startsWith('UTC')) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) {
          ok = false;
          break;
        }
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case Std.fracSecond0: {
        const nd = 1 + ch.digits;
        if (value.length < nd) {
          ok = false;
          break;
        }
        [nsec, range, ok] = parseNanos(value, nd);
        value = value.slice(nd);
        break;
      }
      case Std.fracSecond9: {
        if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1))
          break;
        let k = 0;
        while (k < 9 && k + 1 < value.length && isDigitAt(value, k + 1)) k++;
        [nsec, range, ok] = parseNanos(value, 1 + k);
        value = value.slice(1 + k);
        break;
      }
    }
    if (range !== '') throw perr(stdstr, value, `: ${range} out of range`);
    if (!ok) throw perr(stdstr, value, '');
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 60) {
        m = 2;
        d = 29;
      } else if (yday > 60) yday--;
    }
    if (yday < 1 || yday > 365) throw perr('', value, ': day-of-year out of range');
    if (m === 0) {
      const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = Math.floor((yday - 1) / 31) + 1;
      if ((before[m] as number) < yday) m++;
      d = yday - (before[m - 1] as number);
    }
    if (month >= 0 && month !== m) throw perr('', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d) throw perr('', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw perr('', value, ': day out of range');
  if (z) return dateOf(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const ut = new GoTime(t.sec - BigInt(zoneOffset), t.nsec, UTC);
    const li = zoneInfo(local, Number(ut.sec));
    if (li.offset === zoneOffset && (zoneName === '' || li.abbr === zoneName)) return ut.in(local);
    return ut.in({ name: zoneName, fixed: { abbr: zoneName, offset: zoneOffset } });
  }
  if (zoneName !== '') {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const li = zoneInfo(local, Number(t.sec));
    if (li.abbr === zoneName) return new GoTime(t.sec - BigInt(li.offset), t.nsec, local);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT'))
      offset = Number(zoneName.slice(3)) * 3600;
    return new GoTime(t.sec - BigInt(offset), t.nsec, {
      name: zoneName,
      fixed: { abbr: zoneName, offset },
    });
  }
  return dateOf(year, month, day, hour, min, sec, nsec, local);
}

export { goInt };
