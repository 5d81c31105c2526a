// sprig's reflect.go (typeOf, typeIs, typeIsLike, kindOf, kindIs), deepEqual,
// and flow control (fail).
import { FuncError, goFunc, type FuncMap } from '../funcs.ts';
import type { GoValue } from '../value.ts';
import { deepEqual, kindOf, typeOf } from './reflect.ts';

export const reflectionFuncs: FuncMap = {
  typeOf: goFunc('typeOf', 'func(src interface{}) string', (_c, v: GoValue) => typeOf(v)),
  typeIs: goFunc(
    'typeIs',
    'func(target string, src interface{}) bool',
    (_c, t: string, v: GoValue) => t === typeOf(v),
  ),
  typeIsLike: goFunc(
    'typeIsLike',
    'func(target string, src interface{}) bool',
    (_c, t: string, v: GoValue) => {
      const ty = typeOf(v);
      return t === ty || '*' + t === ty;
    },
  ),
  kindOf: goFunc('kindOf', 'func(src interface{}) string', (_c, v: GoValue) => kindOf(v)),
  kindIs: goFunc(
    'kindIs',
    'func(target string, src interface{}) bool',
    (_c, t: string, v: GoValue) => t === kindOf(v),
  ),
  deepEqual: goFunc('deepEqual', 'func(x, y interface{}) bool', (_c, a: GoValue, b: GoValue) =>
    deepEqual(a, b),
  ),
  fail: goFunc('fail', 'func(msg string) (string, error)', (_c, msg: string) => {
    throw new FuncError(msg);
  }),
};
