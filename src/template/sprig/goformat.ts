// Go's fmt %v for template values, as sprig uses it through fmt.Sprintf("%v")
// (cat, toString, squote, dict keys, toStrings, join). Kept private to sprig;
// the engine's own fmt prints what templates output.
import { GoInt, GoObject, isGoFunc, sortedKeys, type GoMap, type GoValue } from '../value.ts';
import { formatFloat } from './gostr.ts';

/** fmt.Sprintf("%v", v) */
export function sprintV(v: GoValue | undefined, top = true): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloat(v, 'g');
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return top ? '<nil>' : '<nil>';
  }
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) return '[' + v.map((e) => sprintV(e, false)).join(' ') + ']';
  if (v instanceof GoObject) {
    if (v.isNil()) return '<nil>';
    if (v.goString) return v.goString();
    const body =
      '{' +
      v
        .fieldNames()
        .map((n) => sprintV(v.field(n), false))
        .join(' ') +
      '}';
    return v.goKind === 'ptr' ? '&' + body : body;
  }
  if (isGoFunc(v)) return '0x0';
  const m = v as GoMap;
  return (
    'map[' +
    sortedKeys(m)
      .map((k) => `${k}:${sprintV(m[k], false)}`)
      .join(' ') +
    ']'
  );
}

/** sprig's strval: strings as they are, Stringers and errors by their text, else %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  return sprintV(v);
}
