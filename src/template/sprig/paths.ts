// sprig's os* path functions (path/filepath on Linux: '/' separated). The
// host-reaching ones (env, expandenv) and the plain path.* aliases (base,
// dir, clean, ext, isAbs) are not loaded, as in the oracle.
import { goFunc, type FuncMap } from '../funcs.ts';

/** path.Clean / filepath.Clean with '/' separators. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function base(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

function dir(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export const pathFuncs: FuncMap = {
  osBase: goFunc('osBase', 'func(path string) string', (_c, p: string) => base(p)),
  osClean: goFunc('osClean', 'func(path string) string', (_c, p: string) => cleanPath(p)),
  osDir: goFunc('osDir', 'func(path string) string', (_c, p: string) => dir(p)),
  osExt: goFunc('osExt', 'func(path string) string', (_c, p: string) => ext(p)),
  osIsAbs: goFunc('osIsAbs', 'func(path string) bool', (_c, p: string) => p.startsWith('/')),
};
