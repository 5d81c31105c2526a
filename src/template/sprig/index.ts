// The sprig 3.2.3 function map, exactly as the oracle loads it: sprig's
// TxtFuncMap() without env, expandenv, base, dir, clean, ext and isAbs, and
// without getHostByName (it reaches the network), plus toYaml (yaml.v2).
// See docs/template-sprig.md for what differs from KUDO's sprig 2.22.
import type { FuncMap } from '../funcs.ts';
import { certFuncs } from './certs.ts';
import { cryptoFuncs } from './crypto.ts';
import { dateFuncs } from './dates.ts';
import { defaultFuncs } from './defaults.ts';
import { dictFuncs } from './dicts.ts';
import { encodingFuncs } from './encoding.ts';
import { jsonFuncs } from './json.ts';
import { listFuncs } from './lists.ts';
import { mathFuncs } from './math.ts';
import { pathFuncs } from './paths.ts';
import { reflectionFuncs } from './reflection.ts';
import { regexFuncs } from './regex.ts';
import { semverFuncs } from './semver.ts';
import { stringFuncs } from './strings.ts';
import { urlFuncs } from './url.ts';
import { yamlFuncs } from './yaml.ts';

let cached: FuncMap | null = null;

/** Sprig's functions, as the oracle loads them. The map is shared: do not mutate it. */
export function sprigFuncMap(): FuncMap {
  cached ??= Object.freeze({
    ...stringFuncs,
    ...mathFuncs,
    ...listFuncs,
    ...dictFuncs,
    ...defaultFuncs,
    ...jsonFuncs,
    ...yamlFuncs,
    ...reflectionFuncs,
    ...pathFuncs,
    ...encodingFuncs,
    ...cryptoFuncs,
    ...certFuncs,
    ...semverFuncs,
    ...regexFuncs,
    ...urlFuncs,
    ...dateFuncs,
  }) as FuncMap;
  return cached;
}

/** Functions of sprig 3.2.3 that Maestro does not load, and why. */
export const absentFunctions: Readonly<Record<string, string>> = {
  env: 'reads the host environment (also removed by the oracle)',
  expandenv: 'reads the host environment (also removed by the oracle)',
  getHostByName: 'resolves names over the network',
  base: 'path function removed by the oracle (KUDO convention)',
  dir: 'path function removed by the oracle (KUDO convention)',
  clean: 'path function removed by the oracle (KUDO convention)',
  ext: 'path function removed by the oracle (KUDO convention)',
  isAbs: 'path function removed by the oracle (KUDO convention)',
};
