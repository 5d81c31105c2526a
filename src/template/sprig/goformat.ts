// Go's fmt %v for template values, as sprig uses it through fmt.Sprintf("%v")
// (cat, toString, squote, dict keys, toStrings, join): the engine's own fmt
// port, the one that prints what templates output.
import { sprint } from '../fmt.ts';
import type { GoValue } from '../value.ts';

/** fmt.Sprintf("%v", v): the engine's printer (src/template/fmt.ts). */
export function sprintV(v: GoValue | undefined): string {
  return sprint(v === undefined ? null : v);
}

/** sprig's strval: strings as they are, Stringers and errors by their text, else %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  return sprintV(v);
}
