import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cloneJson } from '../../src/model/clone.ts';

test('cloneJson gives an equal, fully independent copy of any JSON value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const copy = cloneJson(value);
      assert.deepStrictEqual(copy, value);
      assert.equal(JSON.stringify(copy), JSON.stringify(value));
      if (value !== null && typeof value === 'object') assert.notEqual(copy, value);
    }),
  );
});

test('nested objects and arrays are copied, not shared', () => {
  const original = { a: { b: [1, { c: 'x' }] } };
  const copy = cloneJson(original);
  (copy.a.b[1] as { c: string }).c = 'changed';
  (copy.a.b as unknown[]).push(2);
  assert.deepEqual(original, { a: { b: [1, { c: 'x' }] } });
});

test('a "__proto__" key from JSON stays an own property and never becomes the prototype', () => {
  const parsed = JSON.parse('{"data": {"__proto__": {"polluted": true}, "k": 1}}') as {
    data: Record<string, unknown>;
  };
  const copy = cloneJson(parsed);
  assert.equal(Object.getPrototypeOf(copy.data), Object.prototype);
  assert.ok(Object.hasOwn(copy.data, '__proto__'));
  assert.deepEqual(Object.keys(copy.data), ['__proto__', 'k']);
  assert.equal((copy.data as { polluted?: boolean }).polluted, undefined);
  assert.equal(JSON.stringify(copy), JSON.stringify(parsed));
});
