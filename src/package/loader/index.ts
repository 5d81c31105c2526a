// Reads a package from disk into the map of path to text that parsePackage
// takes: a directory, or a .tgz as `kubectl kudo package create` writes it
// (KUDO's reader_tar.go). Only src/cli and src/kube use this module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MaestroError } from '../../errors.ts';

/** Bound on what a package may hold: real ones are well under a MiB. */
const MAX_BYTES = 64 * 1024 * 1024;

export function loadPackageFiles(path: string): Map<string, string> {
  let stat;
  try {
    stat = statSync(path);
  } catch (err) {
    throw new MaestroError('MAESTRO_PACKAGE_NOT_FOUND', `${path}: ${(err as Error).message}`);
  }
  return stat.isDirectory() ? readDirectory(path) : readTarball(path, readFileSync(path));
}

function readDirectory(root: string): Map<string, string> {
  const files = new Map<string, string>();
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        total += st.size;
        if (total > MAX_BYTES) {
          throw new MaestroError(
            'MAESTRO_PACKAGE_INVALID',
            `${root}: larger than ${MAX_BYTES} bytes`,
          );
        }
        files.set(relative(root, full).split(sep).join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  walk(root);
  return files;
}

/** A minimal ustar reader: regular files only, paths made relative to the package root. */
export function readTarball(name: string, gz: Buffer): Map<string, string> {
  let data: Buffer;
  try {
    data = gunzipSync(gz, { maxOutputLength: MAX_BYTES });
  } catch (err) {
    throw new MaestroError(
      'MAESTRO_PACKAGE_INVALID',
      `${name}: not a gzip file: ${(err as Error).message}`,
    );
  }
  const entries: [string, string][] = [];
  let longName: string | undefined;
  for (let off = 0; off + 512 <= data.length;) {
    const header = data.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number) =>
      header
        .subarray(start, start + len)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const body = data.subarray(off + 512, off + 512 + size);
    let path = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '7') {
      path = path.replace(/^\.\//, '');
      entries.push([path, body.toString('utf8')]);
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  // KUDO's tarballs hold the package at their root, or inside one top folder.
  const files = new Map<string, string>();
  const top = commonTopFolder(entries.map(([p]) => p));
  for (const [p, text] of entries) files.set(top ? p.slice(top.length + 1) : p, text);
  return files;
}

function commonTopFolder(paths: string[]): string | undefined {
  if (paths.some((p) => p === 'operator.yaml')) return undefined;
  const first = paths.find((p) => p.endsWith('/operator.yaml'));
  if (first === undefined) return undefined;
  const top = first.slice(0, -'/operator.yaml'.length);
  return paths.every((p) => p.startsWith(`${top}/`)) ? top : undefined;
}
