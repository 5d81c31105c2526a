// sprig's list functions (list.go, numeric.go's until/untilStep/seq). Lists are
// arrays; sprig accepts any slice kind through reflection and returns
// []interface{}. Every function charges the size it allocates first.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { goInt, typedSlice, type ElemType, type GoValue } from '../value.ts';
import { toInt } from './cast.ts';
import { deepEqual, elemTypeOf, isEmpty, kindName, nilSlice } from './reflect.ts';
import { runtimeError } from './strings.ts';

const nilDeref = (): FuncError => runtimeError('invalid memory address or nil pointer dereference');

/** The list as an array, or Go's error for a non-slice (message built by `msg`). */
function asList(v: GoValue, msg: (kind: string) => string): GoValue[] {
  if (v === null) throw nilDeref();
  if (!Array.isArray(v)) throw new FuncError(msg(kindName(v)));
  return v;
}

function copyOf(ctx: CallContext, l: GoValue[], extra = 0): GoValue[] {
  ctx.charge(l.length + extra);
  return l.slice();
}

/** untilStep from numeric.go; charges the number of elements first. */
export function untilStep(ctx: CallContext, start: bigint, stop: bigint, step: bigint): bigint[] {
  return untilStepBig(ctx, start, stop, step);
}
const intList = (xs: bigint[]): GoValue[] => xs.map((x) => goInt(x));

function untilStepBig(ctx: CallContext, start: bigint, stop: bigint, step: bigint): bigint[] {
  let count = 0n;
  if (stop < start) {
    if (step >= 0n) return [];
    count = (start - stop + (-step - 1n)) / -step;
  } else {
    if (step <= 0n) return [];
    count = (stop - start + (step - 1n)) / step;
  }
  ctx.charge(Number(count));
  // What the list will weigh on the heap (a slot and a boxed integer an element).
  ctx.chargeBytes(Number(count) * 64);
  const out: bigint[] = [];
  let i = start;
  for (let k = 0n; k < count; k++, i += step) out.push(i);
  return out;
}

function seq(ctx: CallContext, params: bigint[]): string {
  const join = (xs: bigint[]): string => xs.join(' ');
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const end = params[0] as bigint;
      const inc = end < 1n ? -1n : 1n;
      return join(untilStep(ctx, 1n, end + inc, inc));
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      const step = end < start ? -1n : 1n;
      return join(untilStep(ctx, start, end + step, step));
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      return join(untilStep(ctx, start, end + inc, step));
    }
    default:
      return '';
  }
}

const push = (name: string) =>
  goFunc(
    name,
    `func(list interface{}, v interface{}) ([]interface{}, error)`,
    (ctx, l: GoValue, v: GoValue) => {
      const nl = copyOf(
        ctx,
        asList(l, (k) => `Cannot push on type ${k}`),
        1,
      );
      nl.push(v);
      return nl;
    },
  );
const prepend = (name: string) =>
  goFunc(
    name,
    `func(list interface{}, v interface{}) ([]interface{}, error)`,
    (ctx, l: GoValue, v: GoValue) => {
      const nl = copyOf(
        ctx,
        asList(l, (k) => `Cannot prepend on type ${k}`),
        1,
      );
      nl.unshift(v);
      return nl;
    },
  );
const chunk = (name: string) =>
  goFunc(
    name,
    'func(size int, list interface{}) ([][]interface{}, error)',
    (ctx, sz: bigint, l: GoValue) => {
      const list = asList(l, (k) => `Cannot chunk type ${k}`);
      const size = Number(sz);
      const len = list.length;
      const cs = Math.floor((len - 1) / size) + 1;
      if (!Number.isFinite(cs) || cs < 0) throw runtimeError('makeslice: len out of range');
      ctx.charge(len + cs);
      const out: GoValue[] = [];
      for (let i = 0; i < cs; i++) {
        let clen = size;
        if (i === cs - 1) {
          clen = Math.floor(len % size);
          if (clen === 0) clen = size;
        }
        if (clen < 0) throw runtimeError('makeslice: len out of range');
        const part: GoValue[] = [];
        for (let j = 0; j < clen; j++) {
          const ix = i * size + j;
          if (ix >= len) throw runtimeError(`index out of range [${ix}] with length ${len}`);
          part.push(list[ix] as GoValue);
        }
        out.push(part);
      }
      return typedSlice(out, '[]interface {}' as ElemType);
    },
  );
const getter = (name: string, what: string, pick: (l: GoValue[]) => GoValue) =>
  goFunc(name, 'func(list interface{}) (interface{}, error)', (_c, l: GoValue) => {
    const list = asList(l, (k) => `Cannot find ${what} on type ${k}`);
    return list.length === 0 ? null : pick(list);
  });
const sub = (name: string, what: string, from: number, dropLast: boolean) =>
  goFunc(name, 'func(list interface{}) ([]interface{}, error)', (ctx, l: GoValue) => {
    const list = asList(l, (k) => `Cannot find ${what} on type ${k}`);
    if (list.length === 0) return nilSlice([]);
    ctx.charge(list.length);
    return list.slice(from, dropLast ? list.length - 1 : list.length);
  });
const reverse = (name: string) =>
  goFunc(name, 'func(v interface{}) ([]interface{}, error)', (ctx, l: GoValue) =>
    copyOf(
      ctx,
      asList(l, (k) => `Cannot find reverse on type ${k}`),
    ).reverse(),
  );
const compact = (name: string) =>
  goFunc(name, 'func(list interface{}) ([]interface{}, error)', (ctx, l: GoValue) =>
    copyOf(
      ctx,
      asList(l, (k) => `Cannot compact on type ${k}`),
    ).filter((x) => !isEmpty(x)),
  );
const uniq = (name: string) =>
  goFunc(name, 'func(list interface{}) ([]interface{}, error)', (ctx, l: GoValue) => {
    const list = asList(l, (k) => `Cannot find uniq on type ${k}`);
    ctx.charge(list.length);
    const out: GoValue[] = [];
    for (const x of list) {
      ctx.charge(out.length);
      if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
    return out;
  });
const without = (name: string) =>
  goFunc(
    name,
    'func(list interface{}, omit ...interface{}) ([]interface{}, error)',
    (ctx, l: GoValue, ...omit: GoValue[]) => {
      const list = asList(l, (k) => `Cannot find without on type ${k}`);
      ctx.charge(list.length * (omit.length + 1));
      return list.filter((x) => !omit.some((o) => deepEqual(x, o)));
    },
  );
const has = (name: string) =>
  goFunc(
    name,
    'func(needle interface{}, haystack interface{}) (bool, error)',
    (ctx, needle: GoValue, h: GoValue) => {
      if (h === null) return false;
      const list = asList(h, (k) => `Cannot find has on type ${k}`);
      ctx.charge(list.length);
      return list.some((x) => deepEqual(needle, x));
    },
  );
const slice = (name: string) =>
  goFunc(
    name,
    'func(list interface{}, indices ...interface{}) (interface{}, error)',
    (ctx, l: GoValue, ...ix: GoValue[]) => {
      const list = asList(l, (k) => `list should be type of slice or array but ${k}`);
      const len = list.length;
      if (len === 0) return null;
      const start = ix.length > 0 ? Number(toInt(ix[0] as GoValue)) : 0;
      const end = ix.length < 2 ? len : Number(toInt(ix[1] as GoValue));
      if (start < 0 || end < start || end > len) {
        throw new FuncError('reflect.Value.Slice: slice index out of bounds');
      }
      ctx.charge(end - start);
      return typedSlice(list.slice(start, end), elemTypeOf(list));
    },
  );

export const listFuncs: FuncMap = {
  list: goFunc('list', 'func(v ...interface{}) []interface{}', (ctx, ...xs: GoValue[]) => {
    ctx.charge(xs.length);
    return xs;
  }),
  tuple: goFunc('tuple', 'func(v ...interface{}) []interface{}', (ctx, ...xs: GoValue[]) => {
    ctx.charge(xs.length);
    return xs;
  }),
  append: push('append'),
  push: push('push'),
  mustAppend: push('mustAppend'),
  mustPush: push('mustPush'),
  prepend: prepend('prepend'),
  mustPrepend: prepend('mustPrepend'),
  chunk: chunk('chunk'),
  mustChunk: chunk('mustChunk'),
  first: getter('first', 'first', (l) => l[0] as GoValue),
  mustFirst: getter('mustFirst', 'first', (l) => l[0] as GoValue),
  last: getter('last', 'last', (l) => l[l.length - 1] as GoValue),
  mustLast: getter('mustLast', 'last', (l) => l[l.length - 1] as GoValue),
  rest: sub('rest', 'rest', 1, false),
  mustRest: sub('mustRest', 'rest', 1, false),
  initial: sub('initial', 'initial', 0, true),
  mustInitial: sub('mustInitial', 'initial', 0, true),
  reverse: reverse('reverse'),
  mustReverse: reverse('mustReverse'),
  compact: compact('compact'),
  mustCompact: compact('mustCompact'),
  uniq: uniq('uniq'),
  mustUniq: uniq('mustUniq'),
  without: without('without'),
  mustWithout: without('mustWithout'),
  has: has('has'),
  mustHas: has('mustHas'),
  slice: slice('slice'),
  mustSlice: slice('mustSlice'),
  concat: goFunc('concat', 'func(lists ...interface{}) interface{}', (ctx, ...lists: GoValue[]) => {
    const res: GoValue[] = [];
    for (const l of lists) {
      if (l === null) throw nilDeref();
      if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${kindName(l)} as list`);
      ctx.charge(l.length);
      // One by one: spreading a long list into push() overflows the stack.
      for (const x of l) res.push(x);
    }
    return res.length === 0 ? nilSlice(res) : res;
  }),
  until: goFunc('until', 'func(count int) []int', (ctx, count: bigint) =>
    intList(untilStep(ctx, 0n, count, count < 0n ? -1n : 1n)),
  ),
  untilStep: goFunc(
    'untilStep',
    'func(start, stop, step int) []int',
    (ctx, a: bigint, b: bigint, s: bigint) => intList(untilStep(ctx, a, b, s)),
  ),
  seq: goFunc('seq', 'func(params ...int) string', (ctx, ...ps: bigint[]) => seq(ctx, ps)),
};
