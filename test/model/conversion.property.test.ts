// Round-trip properties of hub-and-spoke conversion, over objects generated
// from the schemas of both versions: lossless both ways, down to the byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { convertObject, fromHub, toHub } from '../../src/model/conversion/index.ts';
import { CONVERSION_ANNOTATION, V1, V1BETA1 } from '../../src/model/names.ts';
import type { AnyV1, AnyV1beta1 } from '../../src/model/types.ts';
import * as v1 from '../../src/model/v1/schema.ts';
import * as v1beta1 from '../../src/model/v1beta1/schema.ts';
import { objectOf } from './arbitrary.ts';

const kinds = [
  ['Operator', v1beta1.operatorSchema, v1.operatorSchema],
  ['OperatorVersion', v1beta1.operatorVersionSchema, v1.operatorVersionSchema],
  ['Instance', v1beta1.instanceSchema, v1.instanceSchema],
] as const;

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

const runs = { numRuns: 200 };

for (const [kind, spokeSchema, hubSchema] of kinds) {
  test(`${kind}: v1beta1 -> v1 -> v1beta1 gives back the same object`, () => {
    fc.assert(
      fc.property(objectOf(V1BETA1, kind, spokeSchema), (obj) => {
        const back = fromHub(toHub(obj as AnyV1beta1));
        assert.deepStrictEqual(back, obj);
      }),
      runs,
    );
  });

  test(`${kind}: v1 -> v1beta1 -> v1 gives back the same object`, () => {
    fc.assert(
      fc.property(objectOf(V1, kind, hubSchema), (obj) => {
        const back = toHub(fromHub(obj as AnyV1));
        assert.deepStrictEqual(back, obj);
      }),
      runs,
    );
  });

  test(`${kind}: conversion output is valid in the target version's schema`, () => {
    const validSpoke = ajv.compile(spokeSchema);
    const validHub = ajv.compile(hubSchema);
    fc.assert(
      fc.property(objectOf(V1, kind, hubSchema), (obj) => {
        assert.ok(validHub(obj), JSON.stringify(validHub.errors));
        const spoke = fromHub(obj as AnyV1);
        assert.ok(validSpoke(spoke), JSON.stringify(validSpoke.errors));
        assert.ok(validHub(toHub(spoke)), JSON.stringify(validHub.errors));
      }),
      { numRuns: 100 },
    );
  });

  test(`${kind}: conversion changes no metadata but the ${CONVERSION_ANNOTATION} annotation`, () => {
    fc.assert(
      fc.property(objectOf(V1, kind, hubSchema), (obj) => {
        const spoke = convertObject(obj, V1BETA1);
        const { annotations: a1, ...rest1 } = spoke.metadata;
        const { annotations: a0, ...rest0 } = obj.metadata;
        assert.deepStrictEqual(rest1, rest0);
        const without = { ...a1 };
        delete without[CONVERSION_ANNOTATION];
        assert.deepStrictEqual(without, { ...a0 });
      }),
      { numRuns: 100 },
    );
  });
}

/** Freezes every object and array in a JSON value, so that any write to it throws (ESM is strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// Conversion shares unchanged parts of its input with its result (copy on
// write), so it must never write to the input: a frozen input converts
// without a throw, and to the same result as an unfrozen copy.
for (const [kind, spokeSchema, hubSchema] of kinds) {
  test(`${kind}: conversion never writes to its input, in either direction`, () => {
    fc.assert(
      fc.property(
        objectOf(V1, kind, hubSchema),
        objectOf(V1BETA1, kind, spokeSchema),
        (hub, spoke) => {
          const hubCopy = structuredClone(hub);
          const spokeCopy = structuredClone(spoke);
          const down = fromHub(deepFreeze(hub) as AnyV1);
          assert.deepStrictEqual(down, fromHub(hubCopy as AnyV1));
          assert.deepStrictEqual(toHub(deepFreeze(down)), hubCopy);
          assert.deepStrictEqual(
            toHub(deepFreeze(spoke) as AnyV1beta1),
            toHub(spokeCopy as AnyV1beta1),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
}
