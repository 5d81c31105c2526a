// Finds a package as `kubectl kudo install` does: a directory, a .tgz file,
// a .tgz URL, or a name in a KUDO-format repository (--repo URL, its
// index.yaml); with a repository, a bare name is always the repository's. Repositories are plain static sites: http(s) URLs, file://
// URLs or local folders.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles, readTarball } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { entryUrl, parseIndex, pickEntry } from '../../package/repo-index.ts';
import type { Package } from '../../package/types.ts';

export interface ResolveOptions {
  repo?: string | undefined;
  operatorVersion?: string | undefined;
  appVersion?: string | undefined;
}

export interface Resolved {
  pkg: Package;
  files: Map<string, string>;
  /** Where it came from, for messages. */
  source: string;
  /** The package directory, when it is one (KudoOperator dependencies may be relative to it). */
  dir?: string;
}

const MAX_DOWNLOAD = 64 * 1024 * 1024;

/** The bytes at a URL, a file:// URL or a local path. */
export async function fetchBytes(location: string): Promise<Buffer> {
  if (/^https?:\/\//.test(location)) {
    let res: Response;
    try {
      res = await fetch(location, { signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new MaestroError(
        'MAESTRO_REPO_UNAVAILABLE',
        `${location}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
      );
    }
    if (!res.ok)
      throw new MaestroError(
        'MAESTRO_REPO_UNAVAILABLE',
        `${location}: HTTP ${res.status} ${res.statusText}`,
      );
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_DOWNLOAD)
      throw new MaestroError(
        'MAESTRO_REPO_UNAVAILABLE',
        `${location}: larger than ${MAX_DOWNLOAD} bytes`,
      );
    return body;
  }
  const path = location.startsWith('file://') ? fileURLToPath(location) : location;
  try {
    return readFileSync(path);
  } catch (err) {
    throw new MaestroError('MAESTRO_REPO_UNAVAILABLE', `${location}: ${(err as Error).message}`);
  }
}

function parse(files: Map<string, string>, source: string, dir?: string): Resolved {
  return { pkg: parsePackageOrThrow(files), files, source, ...(dir && { dir }) };
}

/** Resolves a package reference; `relativeTo` is the folder of a parent package (for KudoOperator). */
export async function resolvePackage(
  ref: string,
  options: ResolveOptions,
  relativeTo?: string,
): Promise<Resolved> {
  const local =
    relativeTo && !isAbsolute(ref) && /^\.\.?\//.test(ref) ? join(relativeTo, ref) : ref;
  // With a repository, a bare name (no slash, not a .tgz) is the repository's
  // package, even when a folder of that name is in the working directory
  // (KUDO took the folder, silently ignoring --repo and --operator-version);
  // `./NAME` still means the folder.
  const bareName = !ref.includes('/') && !/\.t(ar\.)?gz$/.test(ref);
  if (!(bareName && options.repo) && existsSync(local)) {
    const files = loadPackageFiles(local);
    const isDir = !/\.t(ar\.)?gz$/.test(local);
    return parse(files, local, isDir ? local : dirname(local));
  }
  if (/^(https?|file):\/\//.test(ref) || /\.t(ar\.)?gz$/.test(ref)) {
    return parse(readTarball(ref, await fetchBytes(ref)), ref);
  }
  if (/^\.{0,2}\//.test(ref)) {
    throw new MaestroError('MAESTRO_PACKAGE_NOT_FOUND', `${local}: no such directory or file`);
  }
  const repo = options.repo;
  if (!repo) {
    throw new MaestroError(
      'MAESTRO_PACKAGE_NOT_FOUND',
      `${ref} is not a package directory or .tgz here, and no repository is given: pass --repo URL (or set MAESTRO_REPO)`,
    );
  }
  const indexUrl = /^(https?|file):\/\//.test(repo)
    ? new URL('index.yaml', repo.endsWith('/') ? repo : `${repo}/`).href
    : join(repo, 'index.yaml');
  let entry;
  try {
    const index = parseIndex((await fetchBytes(indexUrl)).toString('utf8'), indexUrl);
    entry = pickEntry(index, ref, options);
  } catch (err) {
    if (err instanceof MaestroError) throw err;
    throw new MaestroError('MAESTRO_REPO_INVALID', `${repo}: ${(err as Error).message}`);
  }
  // A repository on disk (a folder or file://) holds its tarballs beside index.yaml,
  // whatever base URL the index was written for; a web repository is read as written.
  const file = (entry.urls[0] ?? '').split('/').pop() ?? '';
  const url = /^https?:\/\//.test(repo)
    ? entryUrl(entry, repo)
    : repo.startsWith('file://')
      ? new URL(file, repo.endsWith('/') ? repo : `${repo}/`).href
      : join(repo, file);
  const bytes = await fetchBytes(url);
  if (entry.digest) {
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== entry.digest)
      throw new MaestroError(
        'MAESTRO_REPO_INVALID',
        `${url}: sha256 ${digest} does not match the index's digest ${entry.digest}`,
      );
  }
  return parse(readTarball(url, bytes), `${ref} ${entry.operatorVersion} from ${repo}`);
}
