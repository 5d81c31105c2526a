// The engine treats "__proto__" as an ordinary key of request data: a
// ConfigMap data key changes a child's hash, and a planStatus entry stays an
// entry (test/server/proto-keys.test.ts covers the routes end to end).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, stableHash } from '../../src/engine/canonical-json.ts';
import { readPlanStatus } from '../../src/engine/plan/state.ts';

const parse = (text: string): unknown => JSON.parse(text);

test('a "__proto__" key is part of the canonical JSON and of the hash', () => {
  const a = parse('{"data":{"__proto__":"a","x":"1"}}');
  const b = parse('{"data":{"__proto__":"b","x":"1"}}');
  assert.equal(canonicalJson(a), '{"data":{"__proto__":"a","x":"1"}}');
  assert.notEqual(stableHash(a), stableHash(b));
  assert.equal(canonicalJson(parse('{"m":{"__proto__":{"k":1}}}')), '{"m":{"__proto__":{"k":1}}}');
});

test('a planStatus entry named "__proto__" is read as an entry, not as a prototype', () => {
  const out = readPlanStatus(parse('{"planStatus":{"__proto__":{"name":"deploy"}}}'));
  assert.ok(Object.hasOwn(out, '__proto__'));
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(out.name, undefined);
});
