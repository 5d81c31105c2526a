// Lenient semantic versions, as KUDO parses them (Masterminds/semver's
// NewVersion): an optional `v`, then one to three numbers, then an optional
// pre-release and build. `1.0`, `5.7` and `v1.2` are valid.

export interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: string;
  metadata: string;
}

const pattern =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Parses a version, or returns the error text KUDO's verifier shows. */
export function parseVersion(text: string): Version | { error: string } {
  const m = pattern.exec(text);
  if (m === null) return { error: 'Invalid Semantic Version' };
  const prerelease = m[5] ?? '';
  // Masterminds rejects numeric pre-release identifiers with leading zeros.
  if (prerelease.split('.').some((id) => /^0[0-9]+$/.test(id))) {
    return { error: 'Version segment starts with 0' };
  }
  return {
    major: Number(m[1]),
    minor: Number((m[2] ?? '.0').slice(1)),
    patch: Number((m[3] ?? '.0').slice(1)),
    prerelease,
    metadata: m[8] ?? '',
  };
}

export function isVersion(v: Version | { error: string }): v is Version {
  return !('error' in v);
}

/** Semver precedence: -1, 0 or 1. Build metadata is ignored. */
export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  const pa = a.prerelease.split('.');
  const pb = b.prerelease.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
