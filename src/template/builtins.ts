// Go text/template's builtin functions (funcs.go, Go 1.19): and, or, not,
// len, index, slice, print, printf, println, html, js, urlquery, call and the
// comparisons, with Go's error texts. Parameters typed reflect.Value receive
// the engine's value as is (undefined for Go's invalid Value).
import { byteAt, byteLength, byteSlice, utf8Bytes } from './bytes.ts';
import { canBeNil, zeroOf, type V } from './exec.ts';
import { sprint, sprintf, sprintln } from './fmt.ts';
import {
  FuncError,
  goFunc,
  isIntType,
  normalizeResult,
  type FuncMap,
  type GoFunc,
} from './funcs.ts';
import { isPrint } from './quote.ts';
import {
  GoInt,
  GoObject,
  compareGoStrings,
  elemTypeOf,
  goInt,
  integerKindOf,
  integerOf,
  isGoFunc,
  isGoMap,
  isTrue,
  isUnsigned,
  typeOf,
  typedSlice,
  type GoMap,
  type GoValue,
} from './value.ts';

const fail = (msg: string): never => {
  throw new FuncError(msg);
};

/** indirectInterface: a nil interface is Go's invalid Value. */
const ind = (v: V): V => (v === null ? undefined : v);

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string';

function basicKind(v: V): BasicKind {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
  }
  const ik = integerKindOf(v);
  if (ik !== undefined) return isUnsigned(ik) ? 'uint' : 'int';
  if (v instanceof GoObject && v.goKind === 'complex128') return 'complex';
  return 'invalid';
}

const intOf = (v: V): bigint => integerOf(v) as bigint;

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function comparable(v: V): boolean {
  return !(Array.isArray(v) || isGoMap(v) || isGoFunc(v));
}

function complexParts(v: V): [number, number] {
  const c = v as unknown as { re: number; im: number };
  return [c.re, c.im];
}

/** reflect.Kind for canCompare. */
function reflectKind(v: V): string {
  if (v === undefined || v === null) return 'invalid';
  if (Array.isArray(v)) return 'slice';
  if (isGoFunc(v)) return 'func';
  if (isGoMap(v)) return 'map';
  if (v instanceof GoObject) return v.goKind;
  return typeof v;
}

function isNilValue(v: V): boolean {
  return v === undefined || v === null || (v instanceof GoObject && v.isNil());
}

function eq(a1: V, ...rest: V[]): boolean {
  a1 = ind(a1);
  if (rest.length === 0) fail(errNoComparison);
  const k1 = basicKind(a1);
  for (let arg of rest) {
    arg = ind(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') {
        truth = intOf(a1) >= 0n && intOf(a1) === intOf(arg);
      } else if (k1 === 'uint' && k2 === 'int') {
        truth = intOf(arg) >= 0n && intOf(a1) === intOf(arg);
      } else if (a1 !== undefined && arg !== undefined) {
        fail(errBadComparison);
      }
    } else {
      switch (k1) {
        case 'bool':
        case 'float':
        case 'string':
          truth = a1 === arg;
          break;
        case 'int':
        case 'uint':
          truth = intOf(a1) === intOf(arg);
          break;
        case 'complex': {
          const [r1, i1] = complexParts(a1);
          const [r2, i2] = complexParts(arg);
          truth = r1 === r2 && i1 === i2;
          break;
        }
        default: {
          const r1 = reflectKind(a1);
          const r2 = reflectKind(arg);
          if (r1 !== r2 && r1 !== 'invalid' && r2 !== 'invalid') {
            fail(
              `non-comparable types ${sprintf('%s', a1)}: ${typeOf(a1)}, ${typeOf(arg)}: ${sprint(arg)}`,
            );
          }
          if (isNilValue(a1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(a1);
          else {
            if (!comparable(arg)) fail(`non-comparable type ${sprintf('%s', arg)}: ${typeOf(arg)}`);
            truth = a1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(a1: V, a2: V): boolean {
  a1 = ind(a1);
  const k1 = basicKind(a1);
  if (k1 === 'invalid') fail(errBadComparisonType);
  a2 = ind(a2);
  const k2 = basicKind(a2);
  if (k2 === 'invalid') fail(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') {
      return intOf(a1) < 0n || intOf(a1) < intOf(a2);
    }
    if (k1 === 'uint' && k2 === 'int') {
      return intOf(a2) >= 0n && intOf(a1) < intOf(a2);
    }
    return fail(errBadComparison);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      return fail(errBadComparisonType);
    case 'float':
      return (a1 as number) < (a2 as number);
    case 'int':
    case 'uint':
      return intOf(a1) < intOf(a2);
    default:
      return compareGoStrings(a1 as string, a2 as string) < 0;
  }
}

function le(a1: V, a2: V): boolean {
  return lt(a1, a2) || eq(a1, a2);
}

function indexArg(index: V, cap: number): number {
  let x: bigint;
  const iv = integerOf(index);
  if (iv !== undefined) x = iv;
  else if (index === undefined) return fail('cannot index slice/array with nil');
  else return fail(`cannot index slice/array with type ${typeOf(index)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

function intLike(t: string): boolean {
  return isIntType(t);
}

/** prepareArg: check (and convert int kinds of) a value for a parameter type. */
function prepareArg(value: V, argType: string): V {
  if (value === undefined) {
    if (!canBeNil(argType)) fail(`value is nil; should be of type ${argType}`);
    return zeroOf(argType);
  }
  const t = value === null ? 'interface {}' : typeOf(value);
  if (t === argType || argType === 'interface {}' || argType === 'reflect.Value') return value;
  if (value instanceof GoInt && intLike(argType)) return normalizeResult(argType, value.value);
  return fail(`value has type ${t}; should be ${argType}`);
}

function index(item: V, ...indexes: V[]): V {
  item = ind(item);
  if (item === undefined) return fail('index of untyped nil');
  for (let idx of indexes) {
    idx = ind(idx);
    if (item === null || (item instanceof GoObject && item.isNil())) fail('index of nil pointer');
    if (typeof item === 'string') {
      const len = byteLength(item);
      const x = indexArg(idx, len);
      // Go 1.19 lets index == len through to reflect, which panics.
      if (x === len) fail('reflect: string index out of range');
      item = goInt(byteAt(item, x), 'uint8');
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) fail('reflect: slice index out of range');
      item = item[x];
    } else if (isGoMap(item) && !isGoFunc(item)) {
      const key = prepareArg(idx, 'string');
      const m = item as GoMap;
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(m, key)) {
        item = m[key];
      } else item = zeroOf(elemTypeOf(m));
    } else if (item instanceof GoObject && item.mapIndex !== undefined) {
      const key = prepareArg(idx, item.mapKeyType ?? 'interface {}');
      const v = item.mapIndex(key as GoValue);
      item = v === undefined ? zeroOf(item.mapElemType ?? 'interface {}') : v;
    } else {
      return fail(`can't index item of type ${typeOf(item)}`);
    }
  }
  return item;
}

function slice(item: V, ...indexes: V[]): V {
  item = ind(item);
  if (item === undefined) return fail('slice of untyped nil');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    len = cap = byteLength(item);
  } else if (Array.isArray(item)) {
    len = cap = item.length;
  } else return fail(`can't slice item of type ${typeOf(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(ind(x), cap);
  });
  const [i0, i1, i2] = idx as [number, number, number];
  if (i0 > i1) fail(`invalid slice index: ${i0} > ${i1}`);
  if (indexes.length === 3 && i1 > i2) fail(`invalid slice index: ${i1} > ${i2}`);
  if (typeof item === 'string') return byteSlice(item, i0, i1);
  const out = item.slice(i0, i1);
  const et = elemTypeOf(item);
  return et === 'interface {}' ? out : typedSlice(out, et);
}

function length(item: V): GoInt {
  if (item === null) fail('len of nil pointer');
  if (item === undefined) fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return goInt(byteLength(item));
  if (Array.isArray(item)) return goInt(item.length);
  if (isGoMap(item) && !isGoFunc(item)) return goInt(Object.keys(item).length);
  if (item instanceof GoObject && item.isNil()) fail('len of nil pointer');
  return fail(`len of type ${typeOf(item)}`);
}

function call(fn: V, ...args: V[]): V {
  fn = ind(fn);
  if (fn === undefined) return fail('call of nil');
  if (!isGoFunc(fn)) return fail(`non-function of type ${typeOf(fn)}`);
  const sig = fn.sig;
  if (sig.result === '' || sig.result === 'error') {
    fail(`function called with ${sig.result === '' ? 0 : 1} args; should be 1 or 2`);
  }
  const numIn = sig.params.length;
  if (sig.variadic) {
    if (args.length < numIn - 1)
      fail(`wrong number of args: got ${args.length} want at least ${numIn - 1}`);
  } else if (args.length !== numIn) {
    fail(`wrong number of args: got ${args.length} want ${numIn}`);
  }
  const argv: unknown[] = [];
  args.forEach((a, i) => {
    const t = (!sig.variadic || i < numIn - 1 ? sig.params[i] : sig.params[numIn - 1]) as string;
    let v: V;
    try {
      v = prepareArg(ind(a), t);
    } catch (e) {
      return fail(`arg ${i}: ${(e as Error).message}`);
    }
    argv.push(v instanceof GoInt && isIntType(t) ? v.value : v);
  });
  return normalizeResult(sig.result, (fn.impl as (...a: unknown[]) => unknown)(ctxOf(), ...argv));
}

// call() needs the caller's context for the called function; the engine sets it.
let currentCtx: unknown = null;
function ctxOf(): never {
  return currentCtx as never;
}

function evalArgs(args: V[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // Go passes each argument through printableValue: a nil prints as <no value>.
  return sprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case "'":
        return '&#39;';
      case '"':
        return '&#34;';
      default:
        return '\uFFFD';
    }
  });
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) {
      switch (ch) {
        case '\\':
          out += '\\\\';
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case '<':
          out += '\\u003C';
          continue;
        case '>':
          out += '\\u003E';
          continue;
        case '&':
          out += '\\u0026';
          continue;
        case '=':
          out += '\\u003D';
          continue;
      }
      if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
      else out += ch;
    } else {
      const cp = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
      if (isPrint(cp)) out += String.fromCodePoint(cp);
      else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (b === 32) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const RV = 'reflect.Value';

/** The builtins, as Go declares them. */
export function builtinFuncs(): FuncMap {
  const f = (name: string, sig: string, impl: (...a: never[]) => unknown): GoFunc =>
    goFunc(name, sig, (ctx, ...args: never[]) => {
      currentCtx = ctx;
      return impl(...args);
    });
  return {
    and: f('and', `func(arg0 ${RV}, args ...${RV}) ${RV}`, (a: V) => a),
    or: f('or', `func(arg0 ${RV}, args ...${RV}) ${RV}`, (a: V) => a),
    not: f('not', `func(arg ${RV}) bool`, (a: V) => !isTrue(ind(a))),
    call: f('call', `func(fn ${RV}, args ...${RV}) (${RV}, error)`, call),
    html: f('html', 'func(args ...interface{}) string', (...a: V[]) => htmlEscape(evalArgs(a))),
    index: f('index', `func(item ${RV}, indexes ...${RV}) (${RV}, error)`, index),
    slice: f('slice', `func(item ${RV}, indexes ...${RV}) (${RV}, error)`, slice),
    js: f('js', 'func(args ...interface{}) string', (...a: V[]) => jsEscape(evalArgs(a))),
    len: f('len', `func(item ${RV}) (int, error)`, length),
    print: f('print', 'func(args ...interface{}) string', (...a: V[]) => sprint(...a)),
    printf: f(
      'printf',
      'func(format string, args ...interface{}) string',
      (fmt: string, ...a: V[]) => sprintf(fmt, ...a),
    ),
    println: f('println', 'func(args ...interface{}) string', (...a: V[]) => sprintln(...a)),
    urlquery: f('urlquery', 'func(args ...interface{}) string', (...a: V[]) =>
      queryEscape(evalArgs(a)),
    ),
    eq: f('eq', `func(arg1 ${RV}, arg2 ...${RV}) (bool, error)`, eq),
    ge: f('ge', `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a: V, b: V) => !lt(a, b)),
    gt: f('gt', `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a: V, b: V) => !le(a, b)),
    le: f('le', `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, le),
    lt: f('lt', `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, lt),
    ne: f('ne', `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a: V, b: V) => !eq(a, b)),
  };
}

export type { GoValue };
