import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createCallContext,
  createRandom,
  formatSignature,
  goFunc,
  normalizeResult,
  parseSignature,
  BudgetError,
} from '../../src/template/funcs.ts';
import { GoInt, goInt, kindOf, typeOf, typedSlice } from '../../src/template/value.ts';

test('parseSignature reads Go signatures with names, variadics and error results', () => {
  const cases: [string, string][] = [
    ['func(s string) string', 'func(string) string'],
    ['func(i ...interface{}) int64', 'func(...interface {}) int64'],
    ['func(a, b int) (bool, error)', 'func(int, int) (bool, error)'],
    [
      'func(d interface{}, given ...interface{}) interface{}',
      'func(interface {}, ...interface {}) interface {}',
    ],
    ['func(int, string) string', 'func(int, string) string'],
    ['func() []string', 'func() []string'],
  ];
  for (const [input, want] of cases)
    assert.equal(formatSignature(parseSignature(input)), want, input);
  assert.deepEqual(parseSignature('func(a, b int) (bool, error)'), {
    params: ['int', 'int'],
    variadic: false,
    result: 'bool',
    error: true,
  });
});

test('normalizeResult converts to the declared Go type', () => {
  const r = normalizeResult('int64', 5n);
  assert.ok(r instanceof GoInt);
  assert.equal(typeOf(r), 'int64');
  assert.equal(typeOf(normalizeResult('[]string', ['a'])), '[]string');
  assert.equal(typeOf(normalizeResult('[]interface {}', ['a'])), '[]interface {}');
  assert.equal(typeOf(normalizeResult('map[string]string', { a: 'b' })), 'map[string]string');
  assert.equal(normalizeResult('float64', goInt(3)), 3);
  assert.equal(kindOf(normalizeResult('uint8', 300)), 'uint8');
  assert.equal((normalizeResult('uint8', 300) as GoInt).value, 44n);
});

test('goFunc keeps the Go type for %T', () => {
  const f = goFunc('upper', 'func(s string) string', (_c, s: string) => s.toUpperCase());
  assert.equal(f.goType(), 'func(string) string');
  assert.equal(typeOf(typedSlice([goInt(1)], 'int')), '[]int');
});

test('the random source is deterministic per seed', () => {
  const a = createRandom('seed');
  const b = createRandom('seed');
  const xs = Array.from({ length: 5 }, () => a.uint32());
  assert.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b.uint32()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 5 }, () => createRandom('other').uint32()),
  );
  const f = a.float64();
  assert.ok(f >= 0 && f < 1);
});

test('charge throws BudgetError once the steps run out', () => {
  const ctx = createCallContext({ steps: 10 });
  ctx.charge(10);
  assert.throws(() => ctx.charge(1), BudgetError);
});
