// `maestro render` builds KUDO's ParamsMap from the package's parameters: a
// parameter named "__proto__" is an ordinary entry there too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paramsMap } from '../../src/package/variables.ts';

test('paramsMap keeps parameters named "__proto__" and "constructor" as own entries', () => {
  const values = JSON.parse('{"__proto__":"given"}') as Record<string, string>;
  const r = paramsMap(
    [
      { name: '__proto__' },
      { name: 'constructor', default: 'c' },
      { name: 'LIST', type: 'array', default: '[1]' },
    ],
    values,
  );
  assert.equal(r.ok, true);
  if (!r.ok) return;
  assert.deepEqual(Object.keys(r.params), ['__proto__', 'constructor', 'LIST']);
  assert.equal(Object.getOwnPropertyDescriptor(r.params, '__proto__')?.value, 'given');
  assert.equal(Object.getPrototypeOf(r.params), Object.prototype);
  assert.equal(r.params.constructor, 'c');
});
