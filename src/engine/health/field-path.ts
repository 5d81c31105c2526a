// A small field path syntax for declared checks: dot-separated names, `[n]`
// indices and `['quoted.key']` for keys with dots or slashes
// (`metadata.annotations['example.com/ready']`). A leading dot is allowed, as
// in kubectl's JSONPath. No wildcards or filters: a check names one field.

export type PathSegment = string | number;

export class FieldPathError extends Error {
  override name = 'FieldPathError';
}

/** Parses a field path, or throws FieldPathError saying where it went wrong. */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = path.startsWith('.') ? 1 : 0;
  const fail = (why: string): never => {
    throw new FieldPathError(`field path "${path}" at offset ${i}: ${why}`);
  };
  if (i >= path.length) fail('is empty');
  while (i < path.length) {
    const ch = path[i];
    if (ch === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail('unclosed [');
      const inner = path.slice(i + 1, close);
      const quoted = /^'([^']*)'$/.exec(inner) ?? /^"([^"]*)"$/.exec(inner);
      if (quoted) out.push(quoted[1] ?? '');
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else fail(`[${inner}] is neither an index nor a quoted key`);
      i = close + 1;
      if (path[i] === '.') {
        i++;
        if (i >= path.length) fail('ends with a dot');
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    const name = path.slice(i, j);
    if (name === '') fail('empty field name');
    out.push(name);
    i = j;
    if (path[i] === '.') {
      i++;
      if (i >= path.length) fail('ends with a dot');
    }
  }
  return out;
}
