// KUDO's operator repository index (pkg/kudoctl/util/repo/index.go): an
// `index.yaml` at the root of a static site, listing every package version
// with the URL of its tarball and the tarball's sha256. Pure: the CLI reads
// and downloads; this builds, parses and picks.
import { parse as parseYaml, stringify } from 'yaml';
import { compareVersions, isVersion, parseVersion } from './semver.ts';

export interface PackageVersionEntry {
  name: string;
  operatorVersion: string;
  appVersion?: string;
  description?: string;
  maintainers?: { name?: string; email?: string }[];
  urls: string[];
  digest?: string;
  removed?: boolean;
}

export interface RepoIndex {
  apiVersion: string;
  entries: Record<string, PackageVersionEntry[]>;
  generated?: string;
}

/** KUDO's tarball name: `<name>-<appVersion>_<operatorVersion>.tgz`, or `<name>-<operatorVersion>.tgz`. */
export function tarballName(name: string, operatorVersion: string, appVersion?: string): string {
  return appVersion
    ? `${name}-${appVersion}_${operatorVersion}.tgz`
    : `${name}-${operatorVersion}.tgz`;
}

/** Newest first: by appVersion, then operatorVersion; versions that do not parse go last (KUDO's order). */
export function compareEntries(a: PackageVersionEntry, b: PackageVersionEntry): number {
  const cmp = (x: string | undefined, y: string | undefined): number | undefined => {
    const vx = parseVersion(x ?? '');
    const vy = parseVersion(y ?? '');
    if (!isVersion(vx) && !isVersion(vy)) return 0;
    if (!isVersion(vx)) return 1;
    if (!isVersion(vy)) return -1;
    return -compareVersions(vx, vy);
  };
  const app = a.appVersion || b.appVersion ? cmp(a.appVersion, b.appVersion) : 0;
  if (app !== 0) return app!;
  return cmp(a.operatorVersion, b.operatorVersion) ?? 0;
}

/** Builds an index over package versions; a duplicate (name, appVersion, operatorVersion) is an error. */
export function buildIndex(
  packages: readonly {
    name: string;
    operatorVersion: string;
    appVersion?: string | undefined;
    description?: string | undefined;
    maintainers?: { name?: string; email?: string }[] | undefined;
    digest: string;
  }[],
  baseUrl: string,
  generated: string,
): { index: RepoIndex; problems: string[] } {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const entries: Record<string, PackageVersionEntry[]> = {};
  const problems: string[] = [];
  for (const p of packages) {
    if (!p.operatorVersion) {
      problems.push(`operator '${p.name}' is missing operator version`);
      continue;
    }
    const list = (entries[p.name] ??= []);
    if (
      list.some(
        (e) =>
          (e.appVersion ?? '') === (p.appVersion ?? '') && e.operatorVersion === p.operatorVersion,
      )
    ) {
      problems.push(
        `operator '${p.name}' version: ${p.appVersion ?? ''}_${p.operatorVersion} already exists`,
      );
      continue;
    }
    list.push({
      name: p.name,
      operatorVersion: p.operatorVersion,
      ...(p.appVersion && { appVersion: p.appVersion }),
      ...(p.description && { description: p.description }),
      ...(p.maintainers && p.maintainers.length > 0 && { maintainers: p.maintainers }),
      urls: [`${base}${tarballName(p.name, p.operatorVersion, p.appVersion)}`],
      digest: p.digest,
    });
  }
  const sorted: Record<string, PackageVersionEntry[]> = {};
  for (const name of Object.keys(entries).sort())
    sorted[name] = entries[name]!.sort(compareEntries);
  return { index: { apiVersion: 'v1', entries: sorted, generated }, problems };
}

export function indexYaml(index: RepoIndex): string {
  return stringify(index, { lineWidth: 0 });
}

/** Parses an index.yaml; throws with what is wrong. Entries come back newest first. */
export function parseIndex(text: string, source: string): RepoIndex {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new Error(`${source}: not YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const d = doc as Partial<RepoIndex> | null;
  if (d === null || typeof d !== 'object' || Array.isArray(d))
    throw new Error(`${source}: not a repository index (a YAML map with apiVersion and entries)`);
  if (!d.apiVersion) throw new Error(`${source}: validating index file: no API version defined`);
  const entries: Record<string, PackageVersionEntry[]> = {};
  for (const [name, list] of Object.entries(d.entries ?? {})) {
    if (!Array.isArray(list)) throw new Error(`${source}: entries.${name} is not a list`);
    entries[name] = list.map((raw, i) => {
      const e = raw as Partial<PackageVersionEntry> & { version?: string };
      // Indexes written before KUDO 0.11 called operatorVersion `version`.
      const operatorVersion = e.operatorVersion ?? e.version;
      if (!operatorVersion)
        throw new Error(
          `${source}: entries.${name}[${i}]: package ${e.name ?? name} is missing an operator version`,
        );
      return {
        ...e,
        name: e.name ?? name,
        operatorVersion,
        urls: e.urls ?? [],
      } as PackageVersionEntry;
    });
    entries[name].sort(compareEntries);
  }
  return {
    apiVersion: d.apiVersion,
    entries,
    ...(d.generated && { generated: String(d.generated) }),
  };
}

/**
 * The entry to install: the newest that is not removed, or the one with the
 * given operator version (and app version). Messages are KUDO's.
 */
export function pickEntry(
  index: RepoIndex,
  name: string,
  want: { operatorVersion?: string | undefined; appVersion?: string | undefined } = {},
): PackageVersionEntry {
  const list = (index.entries[name] ?? []).filter((e) => !e.removed);
  if (list.length === 0) throw new Error(`no operator found for: ${name}`);
  const found = list.find(
    (e) =>
      (!want.operatorVersion || e.operatorVersion === want.operatorVersion) &&
      (!want.appVersion || (e.appVersion ?? '') === want.appVersion),
  );
  if (found === undefined) {
    const v = [want.appVersion, want.operatorVersion].filter(Boolean).join('_');
    const have = list.map((e) => [e.appVersion, e.operatorVersion].filter(Boolean).join('_'));
    throw new Error(
      `no operator version found for ${name}-${v} (the repository has ${have.join(', ')})`,
    );
  }
  return found;
}

/** The tarball URL of an entry, resolved against the repository URL when relative. */
export function entryUrl(entry: PackageVersionEntry, repoUrl: string): string {
  const first = entry.urls[0];
  if (!first)
    throw new Error(`package ${entry.name} ${entry.operatorVersion} has no urls in the index`);
  const base = repoUrl.endsWith('/') ? repoUrl : `${repoUrl}/`;
  return new URL(first, base).href;
}
