// The engine treats "__proto__" as an ordinary key of request data: a
// ConfigMap data key changes a child's hash, a planStatus entry stays an
// entry, and so does a parameter with that name (test/server/proto-keys.test.ts covers the routes end to end).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, stableHash } from '../../src/engine/canonical-json.ts';
import { readPlanStatus } from '../../src/engine/plan/state.ts';
import { viewOperatorVersion } from '../../src/engine/plan/ov.ts';
import { effectiveValues, renderParams, triggerDigests } from '../../src/engine/plan/params.ts';

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

test('a parameter named "__proto__" is resolved, digested and rendered like any other', () => {
  const ov = viewOperatorVersion({
    metadata: { name: 'x' },
    spec: {
      parameters: [
        { name: '__proto__', type: 'map', default: { a: 'b' } },
        { name: 'N', type: 'integer', default: 1 },
      ],
    },
  });
  const spec = parse('{"__proto__":{"polluted":"yes"}}') as Record<string, unknown>;
  const values = effectiveValues(ov, spec);
  assert.ok(Object.hasOwn(values, '__proto__'));
  assert.deepStrictEqual(values['__proto__'], { polluted: 'yes' });
  assert.equal(Object.getPrototypeOf(values), Object.prototype);
  const r = renderParams(ov, values);
  assert.ok(r.ok);
  assert.ok(Object.hasOwn(r.params, '__proto__'));
  assert.deepStrictEqual(r.params['__proto__'], { polluted: 'yes' });
  const before = triggerDigests(ov, values);
  const after = triggerDigests(ov, effectiveValues(ov, parse('{"__proto__":{"x":"y"}}') as never));
  assert.notEqual(before.deploy, after.deploy, 'a change to it changes its plan digest');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
