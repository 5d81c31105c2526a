// sprig's defaults.go: default, empty, coalesce, all, any, ternary.
import { goFunc, type FuncMap } from '../funcs.ts';
import type { GoValue } from '../value.ts';
import { isEmpty } from './reflect.ts';

export const defaultFuncs: FuncMap = {
  default: goFunc(
    'default',
    'func(d interface{}, given ...interface{}) interface{}',
    (_c, d: GoValue, ...given: GoValue[]) =>
      given.length === 0 || isEmpty(given[0]) ? d : (given[0] as GoValue),
  ),
  empty: goFunc('empty', 'func(given interface{}) bool', (_c, v: GoValue) => isEmpty(v)),
  coalesce: goFunc('coalesce', 'func(v ...interface{}) interface{}', (_c, ...vs: GoValue[]) => {
    for (const v of vs) if (!isEmpty(v)) return v;
    return null;
  }),
  all: goFunc('all', 'func(v ...interface{}) bool', (_c, ...vs: GoValue[]) =>
    vs.every((v) => !isEmpty(v)),
  ),
  any: goFunc('any', 'func(v ...interface{}) bool', (_c, ...vs: GoValue[]) =>
    vs.some((v) => !isEmpty(v)),
  ),
  ternary: goFunc(
    'ternary',
    'func(vt interface{}, vf interface{}, v bool) interface{}',
    (_c, vt: GoValue, vf: GoValue, v: boolean) => (v ? vt : vf),
  ),
};
