// Rendered text to objects, as KUDO's YamlToObject reads it through yaml.v2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { goYaml } from '../../src/model/go-yaml.ts';
import { splitManifests } from '../../src/package/manifests.ts';

test('YAML is read as yaml.v2 reads it into interface{} values', () => {
  const cases: [string, unknown][] = [
    ['on', true],
    ['y', true],
    ['No', false],
    ['0755', 493],
    ['0x1F', 31],
    ['1_000', 1000],
    ['1:20', '1:20'],
    ['2001-12-14', '2001-12-14'],
    ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'],
    ['~', null],
    ['"true"', 'true'],
  ];
  for (const [text, want] of cases)
    assert.deepStrictEqual(parse(`v: ${text}`, goYaml).v, want, text);
  assert.deepStrictEqual(parse('a: 1\na: 2\n', goYaml), { a: 2 });
  assert.deepStrictEqual(parse('base: &b {x: 1}\nm:\n  <<: *b\n  z: 2\n', goYaml).m, {
    x: 1,
    z: 2,
  });
  // A bare `y` is a boolean in YAML 1.1, keys included, as in yaml.v2.
  assert.deepStrictEqual(parse('y: 1\n', goYaml), { true: 1 });
});

test('split on "\\n---": empty and comment-only chunks are dropped', () => {
  const r = splitManifests(
    'kind: A\nmetadata: {name: a}\n---\n# only a comment\n---\n\n---\nkind: B\n',
  );
  assert.deepStrictEqual(r, {
    ok: true,
    objects: [{ kind: 'A', metadata: { name: 'a' } }, { kind: 'B' }],
  });
});

test('a chunk without kind, a non-map chunk and bad YAML are errors', () => {
  assert.match(
    JSON.stringify(splitManifests('metadata: {}\n')),
    /document 1, line 1: the object has no kind/,
  );
  assert.match(JSON.stringify(splitManifests('- a\n- b\n')), /document 1 is not an object/);
  assert.match(
    JSON.stringify(splitManifests('kind: A\n  bad: indent\n')),
    /document 1, line 1, column 7: a block cannot be a key/,
  );
});
