// Writes a package tarball as `kubectl kudo package create` does
// (writer_tar.go): gzip'd ustar, one entry per regular file, named by its
// path relative to the package root, no directory entries, mtime 0, uid and
// gid 0, owner root. Deterministic: the same files give the same bytes, so
// the index digest is stable.
import { gzipSync } from 'node:zlib';

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(512, 0);
  let path = name;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    // ustar splits long names at a slash: prefix (155) + name (100).
    const cut = path.lastIndexOf('/', path.length - 1);
    const candidate = cut > 0 ? path.slice(0, cut) : '';
    if (
      cut <= 0 ||
      Buffer.byteLength(candidate) > 155 ||
      Buffer.byteLength(path.slice(cut + 1)) > 100
    )
      throw new Error(`${name}: path too long for a tar header`);
    prefix = candidate;
    path = path.slice(cut + 1);
  }
  h.write(path, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii');
  h.fill(' ', 148, 156);
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 'ascii');
  h.write('root', 297, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** The .tgz bytes of these files (path relative to the package root → text), in path order. */
export function writeTarball(files: ReadonlyMap<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const path of [...files.keys()].sort()) {
    const body = Buffer.from(files.get(path)!, 'utf8');
    parts.push(header(path, body.length), body);
    const pad = (512 - (body.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
