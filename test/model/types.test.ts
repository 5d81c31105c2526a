// The TypeScript types are derived from the schemas: the type-level checks
// below fail to compile (npm run typecheck) when a derived type drifts from its
// intent, and the test checks that typed objects validate against the schemas.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonValue } from '../../src/model/schema-type.ts';
import type { v1, v1beta1 } from '../../src/model/types.ts';
import * as schemas1 from '../../src/model/v1/schema.ts';
import * as schemas0 from '../../src/model/v1beta1/schema.ts';

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// Derived types: v1beta1 values are strings, v1 values are any JSON. These are
// compile-time checks (npm run typecheck fails when one is false); nothing runs.
export type DerivedTypeChecks = [
  Expect<Equal<v1beta1.Parameter['default'], string | undefined>>,
  Expect<Equal<v1.Parameter['default'], JsonValue | undefined>>,
  Expect<Equal<NonNullable<v1beta1.InstanceSpec['parameters']>[string], string>>,
  Expect<Equal<NonNullable<v1.InstanceSpec['parameters']>[string], JsonValue>>,
  Expect<Equal<v1.OnFailure['action'], 'Fail' | 'Continue' | undefined>>,
  Expect<Equal<v1.Parameter['name'], string>>,
];

test('an object typed with the derived types validates against its schema', () => {
  const ajv = new Ajv({ strict: false });
  addFormats.default(ajv);
  const instance: v1.Instance = {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: { name: 'kafka-instance' },
    spec: {
      operatorVersion: { name: 'kafka-2.5.1-1.3.2' },
      parameters: { BROKER_COUNT: 3, ZK: 'zk:2181' },
      planControl: { paused: false, retry: { uid: 'r1' } },
    },
    status: {
      planStatus: { deploy: { name: 'deploy', status: 'COMPLETE', lastUpdatedTimestamp: null } },
      maestro: { sequence: 1, execution: { id: 'e1', plan: 'deploy', status: 'COMPLETE' } },
    },
  };
  assert.ok(ajv.validate(schemas1.instanceSchema, instance), JSON.stringify(ajv.errors));
  const old: v1beta1.Instance = {
    apiVersion: 'maestro.dev/v1beta1',
    kind: 'Instance',
    metadata: {},
    spec: { parameters: { BROKER_COUNT: '3' } },
  };
  assert.ok(ajv.validate(schemas0.instanceSchema, old), JSON.stringify(ajv.errors));
  assert.equal(ajv.validate(schemas0.instanceSchema, { spec: { parameters: { N: 3 } } }), false);
});
