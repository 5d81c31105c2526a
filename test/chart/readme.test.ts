// charts/maestro/README.md's values table names every key of values.yaml
// (a map of settings may be named as a whole: `resources`, `podSecurityContext`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

const chart = new URL('../../charts/maestro/', import.meta.url);
const readme = readFileSync(new URL('README.md', chart), 'utf8').split('## Values')[1] ?? '';
const values = parse(readFileSync(new URL('values.yaml', chart), 'utf8')) as Record<
  string,
  unknown
>;
const documented = new Set(
  [...readme.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) \|/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([^`]+)`/g)].map((k) => k[1]!),
  ),
);

function leaves(v: unknown, path: string[]): string[][] {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length === 0)
    return [path];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
}

test('the README values table names every key of values.yaml', () => {
  const undocumented = leaves(values, [])
    .filter((path) => !path.some((_, i) => documented.has(path.slice(0, i + 1).join('.'))))
    .map((p) => p.join('.'));
  assert.deepEqual(undocumented, []);
});

test('every key the table names exists in values.yaml', () => {
  const get = (path: string) =>
    path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], values);
  for (const key of documented) assert.notEqual(get(key), undefined, key);
});
