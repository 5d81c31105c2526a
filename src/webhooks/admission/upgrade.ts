// Which OperatorVersion an Instance may move to: one that lists the current
// one in spec.upgradableFrom (by name, or by a semver range of versions), or
// one of the same operator with a greater version (KUDO's CLI rule: "the same
// or smaller" is refused). Versions are parsed leniently, as KUDO does.
import { compareVersions, isVersion, parseVersion, type Version } from '../../package/semver.ts';
import type { OperatorVersionView } from '../../engine/plan/ov.ts';

type Comparator = (v: Version) => boolean;

function comparator(text: string): Comparator | { error: string } {
  const m = /^(>=|<=|>|<|=|!=|\^|~)?\s*(.+)$/.exec(text);
  if (m === null) return { error: `"${text}" is not a version comparison` };
  const op = m[1] ?? '=';
  const parsed = parseVersion(m[2]!);
  if (!isVersion(parsed)) return { error: `"${m[2]}": ${parsed.error}` };
  const b = parsed;
  const cmp = (v: Version) => compareVersions(v, b);
  switch (op) {
    case '>=':
      return (v) => cmp(v) >= 0;
    case '<=':
      return (v) => cmp(v) <= 0;
    case '>':
      return (v) => cmp(v) > 0;
    case '<':
      return (v) => cmp(v) < 0;
    case '!=':
      return (v) => cmp(v) !== 0;
    case '^': {
      const upper: Version =
        b.major > 0
          ? { major: b.major + 1, minor: 0, patch: 0, prerelease: '', metadata: '' }
          : { major: 0, minor: b.minor + 1, patch: 0, prerelease: '', metadata: '' };
      return (v) => cmp(v) >= 0 && compareVersions(v, upper) < 0;
    }
    case '~': {
      const upper: Version = {
        major: b.major,
        minor: b.minor + 1,
        patch: 0,
        prerelease: '',
        metadata: '',
      };
      return (v) => cmp(v) >= 0 && compareVersions(v, upper) < 0;
    }
    default:
      return (v) => cmp(v) === 0;
  }
}

/** A range such as `>=1.2.0 <2.0.0 || 3.x`-free forms: space-separated comparisons, `||` between alternatives. */
export function parseRange(text: string): ((v: Version) => boolean) | { error: string } {
  const alternatives: Comparator[][] = [];
  for (const alt of text.split('||')) {
    const parts = alt
      .trim()
      .split(/\s+/)
      .filter((p) => p !== '');
    if (parts.length === 0) return { error: `"${text}" has an empty alternative` };
    const comps: Comparator[] = [];
    for (const part of parts) {
      const c = comparator(part);
      if ('error' in c) return c;
      comps.push(c);
    }
    alternatives.push(comps);
  }
  return (v) => alternatives.some((comps) => comps.every((c) => c(v)));
}

/** Why moving from `from` to `to` is not an upgrade Maestro allows, or undefined when it is. */
export function upgradeProblem(
  from: OperatorVersionView,
  to: OperatorVersionView,
): string | undefined {
  if (from.operatorName !== '' && to.operatorName !== '' && from.operatorName !== to.operatorName) {
    return `OperatorVersion ${to.id} belongs to operator "${to.operatorName}", not "${from.operatorName}"; an Instance stays with its operator, so create a new Instance instead`;
  }
  const fromVersion = parseVersion(from.version);
  for (const entry of to.upgradableFrom) {
    if (entry.name !== undefined && entry.name !== '' && entry.name === from.name) return undefined;
    if (entry.versions !== undefined && isVersion(fromVersion)) {
      const range = parseRange(entry.versions);
      if (!('error' in range) && range(fromVersion)) return undefined;
    }
  }
  const toVersion = parseVersion(to.version);
  if (
    isVersion(fromVersion) &&
    isVersion(toVersion) &&
    compareVersions(toVersion, fromVersion) > 0
  ) {
    return undefined;
  }
  return `upgraded version ${to.version || '(none)'} of ${to.id} is the same or smaller as current version ${from.version || '(none)'} of ${from.id}, and ${to.id} does not list it in spec.upgradableFrom; name a newer OperatorVersion, or add ${from.name} to spec.upgradableFrom of ${to.id}`;
}
