// KUDO's opt-in ExtendedParametersVerifier (`--param-checks`): style warnings
// about parameter display names, descriptions, hints, groups and types.
import type { Package } from '../types.ts';
import type { Findings } from './kudo-checks.ts';

export const paramCheckNames = [
  'display',
  'hint',
  'desc',
  'type',
  'hasgroup',
  'groups',
  'all',
] as const;
export type ParamCheck = (typeof paramCheckNames)[number];

/** Checks the argument list; returns KUDO's error text for an unknown name. */
export function parseParamChecks(names: string[]): Set<ParamCheck> | string {
  const out = new Set<ParamCheck>();
  for (const n of names) {
    if (!(paramCheckNames as readonly string[]).includes(n)) {
      return `unknown parameter check: ${n}, must be one of [${paramCheckNames.join(' ')}]`;
    }
    if (n === 'all') for (const c of paramCheckNames) out.add(c);
    else out.add(n as ParamCheck);
  }
  return out;
}

/** Go's unicode.IsUpper-or-not-a-letter test of the first character. */
const startsUpper = (s: string) => {
  const c = [...s][0] ?? '';
  return c === c.toUpperCase() || c.toLowerCase() === c.toUpperCase();
};

function displayName(v: string | undefined): string | undefined {
  if (!v) return 'has no displayName';
  if (v.endsWith(':')) return "has a displayName ending with ':'";
  if (!startsUpper(v)) return 'has a displayName that does not start with a capital letter';
  return undefined;
}
function description(v: string | undefined): string | undefined {
  if (!v) return 'has no description';
  if (!'.!?)'.includes(v.slice(-1))) return "has a description not ending with one of '.!?)'";
  if (!startsUpper(v)) return 'has a description that does not start with a capital letter';
  return undefined;
}
function hint(v: string | undefined): string | undefined {
  if (!v) return 'has no hint';
  if (!v.endsWith('.')) return "has a hint not ending with a '.'";
  return undefined;
}

export function extendedParameters(pkg: Package, f: Findings, checks: Set<ParamCheck>): void {
  const params = pkg.params.parameters ?? [];
  const each = (
    check: ParamCheck,
    id: string,
    test: (p: (typeof params)[number]) => string | undefined,
  ) => {
    if (!checks.has(check)) return;
    params.forEach((p, i) => {
      const reason = test(p);
      if (reason !== undefined)
        f.warning(
          id,
          `parameter ${JSON.stringify(p.name ?? '')} ${reason}`,
          pkg.where.parameter(i),
        );
    });
  };
  each('desc', 'param-style-description', (p) => description(p.description));
  each('hint', 'param-style-hint', (p) => hint(p.hint));
  each('display', 'param-style-display', (p) => displayName(p.displayName));
  each('hasgroup', 'param-style-group', (p) =>
    (p.group ?? '') === '' ? 'has no group' : undefined,
  );
  each('type', 'param-style-type', (p) =>
    (p.type ?? '') === '' ? 'has no explicit type assigned' : undefined,
  );
  if (checks.has('groups')) {
    for (const g of pkg.params.groups ?? []) {
      for (const reason of [displayName(g.displayName), description(g.description)]) {
        if (reason !== undefined)
          f.warning(
            'group-style',
            `group ${JSON.stringify(g.name ?? '')} ${reason}`,
            'params.yaml',
          );
      }
    }
  }
}
