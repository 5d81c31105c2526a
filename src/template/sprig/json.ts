// encoding/json as sprig uses it: toJson (HTML-escaping json.Marshal),
// toPrettyJson (MarshalIndent), toRawJson (Encoder without HTML escaping),
// and fromJson (Unmarshal into interface{}), with Go's error texts.
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import {
  GoInt,
  GoObject,
  elemTypeOf,
  isGoFunc,
  isGoMap,
  sortedKeys,
  type GoMap,
  type GoValue,
} from '../value.ts';
import { formatFloat } from '../float.ts';
import { b64encode } from './encoding.ts';
import { isNilMap, isNilSlice } from './reflect.ts';
import { goJsonSyntaxError } from '../json-syntax.ts';

/** A GoObject that encodes to JSON as another value (Go's MarshalJSON / struct fields). */
export interface JSONMarshaler {
  jsonValue(): GoValue;
}
const hasJSON = (o: GoObject): o is GoObject & JSONMarshaler =>
  typeof (o as unknown as Partial<JSONMarshaler>).jsonValue === 'function';

class JSONError extends Error {}

function quote(s: string, html: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (
      c < 0x20 ||
      (html && (c === 0x3c || c === 0x3e || c === 0x26)) ||
      c === 0x2028 ||
      c === 0x2029
    ) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Lone surrogates cannot be UTF-8: Go writes U+FFFD.
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + (s[i + 1] as string);
        i++;
      } else out += '\\ufffd'; // an invalid byte: Go writes the escape
    } else out += s[i];
  }
  return out + '"';
}

function floatJSON(f: number): string {
  if (!Number.isFinite(f)) throw new JSONError(`json: unsupported value: ${formatFloat(f, 'g')}`);
  const a = Math.abs(f);
  let s: string;
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    s = formatFloat(f, 'e');
    s = s.replace(/e-0(\d)$/, 'e-$1');
  } else s = formatFloat(f, 'f');
  return s;
}

/** json.Marshal / MarshalIndent(v, "", indent) of a template value. */
export function marshal(
  ctx: CallContext,
  v: GoValue | undefined,
  html: boolean,
  indent: string,
): string {
  const nl = indent === '' ? '' : '\n';
  const enc = (x: GoValue | undefined, pre: string): string => {
    ctx.charge(1);
    if (x === null || x === undefined) return 'null';
    switch (typeof x) {
      case 'string':
        return quote(x, html);
      case 'number':
        return floatJSON(x);
      case 'boolean':
        return x ? 'true' : 'false';
    }
    if (x instanceof GoInt) return x.value.toString();
    if (Array.isArray(x)) {
      if (isNilSlice(x)) return 'null';
      if (elemTypeOf(x) === 'uint8') {
        return quote(b64encode(Uint8Array.from(x.map((b) => Number((b as GoInt).value)))), html);
      }
      if (x.length === 0) return '[]';
      const inner = pre + indent;
      return '[' + nl + x.map((e) => inner + enc(e, inner)).join(',' + nl) + nl + pre + ']';
    }
    if (x instanceof GoObject) {
      if (x.isNil()) return 'null';
      if (hasJSON(x)) return enc(x.jsonValue(), pre);
      const obj: GoMap = {};
      for (const n of x.fieldNames()) obj[n] = x.field(n) ?? null;
      return encMap(obj, pre, false);
    }
    if (isGoFunc(x)) throw new JSONError(`json: unsupported type: ${x.goType()}`);
    if (isNilMap(x)) return 'null';
    return encMap(x, pre, true);
  };
  const encMap = (m: GoMap, pre: string, sort: boolean): string => {
    const keys = sort ? sortedKeys(m) : Object.keys(m);
    if (keys.length === 0) return '{}';
    const inner = pre + indent;
    const sep = indent === '' ? ':' : ': ';
    return (
      '{' +
      nl +
      keys.map((k) => inner + quote(k, html) + sep + enc(m[k], inner)).join(',' + nl) +
      nl +
      pre +
      '}'
    );
  };
  return enc(v, '');
}

/** Validates JSON as Go's scanner does; throws with Go's message. */
function checkValid(s: string): void {
  const err = goJsonSyntaxError(s);
  if (err !== null) throw new JSONError(err);
}

/** json.Unmarshal into interface{}. */
export function unmarshal(ctx: CallContext, s: string): GoValue {
  ctx.charge(s.length);
  checkValid(s);
  return JSON.parse(s) as GoValue;
}

const wrap = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    if (e instanceof JSONError) throw new FuncError(e.message);
    throw e;
  }
};
const quiet = (f: () => string): string => {
  try {
    return f();
  } catch (e) {
    if (e instanceof JSONError) return '';
    throw e;
  }
};

export const jsonFuncs: FuncMap = {
  toJson: goFunc('toJson', 'func(v interface{}) string', (ctx, v: GoValue) =>
    quiet(() => marshal(ctx, v, true, '')),
  ),
  mustToJson: goFunc('mustToJson', 'func(v interface{}) (string, error)', (ctx, v: GoValue) =>
    wrap(() => marshal(ctx, v, true, '')),
  ),
  toPrettyJson: goFunc('toPrettyJson', 'func(v interface{}) string', (ctx, v: GoValue) =>
    quiet(() => marshal(ctx, v, true, '  ')),
  ),
  mustToPrettyJson: goFunc(
    'mustToPrettyJson',
    'func(v interface{}) (string, error)',
    (ctx, v: GoValue) => wrap(() => marshal(ctx, v, true, '  ')),
  ),
  toRawJson: goFunc('toRawJson', 'func(v interface{}) string', (ctx, v: GoValue) =>
    wrap(() => marshal(ctx, v, false, '')),
  ),
  mustToRawJson: goFunc('mustToRawJson', 'func(v interface{}) (string, error)', (ctx, v: GoValue) =>
    wrap(() => marshal(ctx, v, false, '')),
  ),
  fromJson: goFunc('fromJson', 'func(v string) interface{}', (ctx, s: string) => {
    try {
      return unmarshal(ctx, s);
    } catch (e) {
      if (e instanceof JSONError) return null;
      throw e;
    }
  }),
  mustFromJson: goFunc('mustFromJson', 'func(v string) (interface{}, error)', (ctx, s: string) =>
    wrap(() => unmarshal(ctx, s)),
  ),
};
void isGoMap;
