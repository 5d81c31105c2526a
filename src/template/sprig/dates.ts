// sprig's date.go: date, dateInZone, toDate, dateModify, duration, ... The
// clock is the render's (ctx.now), and "Local" is the render's location.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { GoInt, type GoValue } from '../value.ts';
import {
  GoDuration,
  GoTime,
  UTC,
  durationString,
  loadLocation,
  parseDuration,
  parseTime,
  type Loc,
} from './time.ts';

function localLoc(ctx: CallContext): Loc {
  return loadLocation(ctx.location, UTC) ?? UTC;
}
function now(ctx: CallContext): GoTime {
  return GoTime.fromUnixNano(ctx.now(), localLoc(ctx));
}

// date's argument: a time.Time, or seconds since the epoch as int/int32/int64.
function asTime(ctx: CallContext, v: GoValue, int32ok: boolean): GoTime {
  if (v instanceof GoTime) return v;
  if (
    v instanceof GoInt &&
    (v.kind === 'int' || v.kind === 'int64' || (int32ok && v.kind === 'int32'))
  ) {
    return new GoTime(v.value, 0, localLoc(ctx));
  }
  return now(ctx);
}

function dateInZone(ctx: CallContext, layout: string, date: GoValue, zone: string): string {
  const t = asTime(ctx, date, true);
  const loc = loadLocation(zone, localLoc(ctx)) ?? UTC;
  return t.in(loc).format(layout);
}

const timeParam = (v: GoValue): GoTime => {
  if (v instanceof GoTime) return v;
  throw new FuncError('wrong type for value; expected time.Time');
};

function durationRound(ctx: CallContext, v: GoValue): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === 'int64') d = v.value;
  else if (v instanceof GoDuration) d = v.ns;
  else if (v instanceof GoTime) d = ctx.now() - v.unixNano();
  let u = BigInt.asUintN(64, d);
  if (d < 0n) u = BigInt.asUintN(64, -u);
  const hour = 3600000000000n;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60000000000n, 'm'],
    [1000000000n, 's'],
  ];
  for (const [size, name] of units) if (u > size) return (u / size).toString() + name;
  return '0s';
}

const dateModify = (name: string, must: boolean) =>
  goFunc(
    name,
    `func(fmt string, date time.Time) ${must ? '(time.Time, error)' : 'time.Time'}`,
    (_c, f: string, d: GoValue) => {
      const t = timeParam(d);
      try {
        return t.add(parseDuration(f));
      } catch (e) {
        if (must) throw e;
        return t;
      }
    },
  );

export const dateFuncs: FuncMap = {
  now: goFunc('now', 'func() time.Time', (ctx) => now(ctx)),
  date: goFunc('date', 'func(fmt string, date interface{}) string', (ctx, f: string, d: GoValue) =>
    dateInZone(ctx, f, d, 'Local'),
  ),
  dateInZone: goFunc(
    'dateInZone',
    'func(fmt string, date interface{}, zone string) string',
    (ctx, f: string, d: GoValue, z: string) => dateInZone(ctx, f, d, z),
  ),
  date_in_zone: goFunc(
    'date_in_zone',
    'func(fmt string, date interface{}, zone string) string',
    (ctx, f: string, d: GoValue, z: string) => dateInZone(ctx, f, d, z),
  ),
  htmlDate: goFunc('htmlDate', 'func(date interface{}) string', (ctx, d: GoValue) =>
    dateInZone(ctx, '2006-01-02', d, 'Local'),
  ),
  htmlDateInZone: goFunc(
    'htmlDateInZone',
    'func(date interface{}, zone string) string',
    (ctx, d: GoValue, z: string) => dateInZone(ctx, '2006-01-02', d, z),
  ),
  dateModify: dateModify('dateModify', false),
  date_modify: dateModify('date_modify', false),
  mustDateModify: dateModify('mustDateModify', true),
  must_date_modify: dateModify('must_date_modify', true),
  ago: goFunc('ago', 'func(date interface{}) string', (ctx, d: GoValue) => {
    const t = asTime(ctx, d, false);
    let since = ctx.now() - t.unixNano();
    // Round to the second, halves away from zero (time.Duration.Round).
    const s = 1000000000n;
    const r = since % s;
    since -= r;
    if ((r < 0n ? -r : r) * 2n >= s) since += r < 0n ? -s : s;
    return durationString(since);
  }),
  duration: goFunc('duration', 'func(sec interface{}) string', (_c, v: GoValue) => {
    let n = 0n;
    if (typeof v === 'string') n = /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
    else if (v instanceof GoInt && v.kind === 'int64') n = v.value;
    return durationString(BigInt.asIntN(64, n * 1000000000n));
  }),
  durationRound: goFunc('durationRound', 'func(duration interface{}) string', (ctx, v: GoValue) =>
    durationRound(ctx, v),
  ),
  toDate: goFunc('toDate', 'func(fmt, str string) time.Time', (ctx, f: string, s: string) => {
    try {
      return parseTime(f, s, localLoc(ctx));
    } catch (e) {
      if (e instanceof FuncError) return GoTime.zero();
      throw e;
    }
  }),
  mustToDate: goFunc(
    'mustToDate',
    'func(fmt, str string) (time.Time, error)',
    (ctx, f: string, s: string) => parseTime(f, s, localLoc(ctx)),
  ),
  unixEpoch: goFunc('unixEpoch', 'func(date time.Time) string', (_c, d: GoValue) =>
    timeParam(d).sec.toString(),
  ),
};
