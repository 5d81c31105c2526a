// Parameter sets for differential render tests: the defaults, and two sets
// that flip booleans and change numbers so that other branches of the
// templates run (kafka's TLS, Kerberos, mirror-maker, external access...).
import type { Package } from '../../src/package/types.ts';
import { packageResources } from '../../src/package/resources.ts';

export function parameterSets(pkg: Package): [string, Record<string, string>][] {
  const params = packageResources(pkg).operatorVersion.spec!.parameters ?? [];
  const flipped: Record<string, string> = {};
  const enabled: Record<string, string> = {};
  for (const p of params) {
    const name = p.name ?? '';
    const d = p.default;
    if (d === 'true' || d === 'false') {
      flipped[name] = d === 'true' ? 'false' : 'true';
      enabled[name] = 'true';
    } else if (d !== undefined && /^[0-9]+$/.test(d)) {
      flipped[name] = String(Number(d) + 2);
      enabled[name] = '1';
    } else if (d === undefined && p.required === true) {
      flipped[name] = 'value';
      enabled[name] = 'value';
    }
  }
  return [
    ['defaults', {}],
    ['flipped', flipped],
    ['enabled', enabled],
  ];
}
