// maestro.dev/v1beta1 types, derived from ./schema.ts.
import type { FromSchema } from '../schema-type.ts';
import type { Envelope, OperatorSpec } from '../types.ts';
import type * as s from './schema.ts';

export type Parameter = FromSchema<typeof s.parameterSchema>;
export type Plan = FromSchema<typeof s.planSchema>;
export type OperatorVersionSpec = FromSchema<typeof s.operatorVersionSpecSchema>;
export type InstanceSpec = FromSchema<typeof s.instanceSpecSchema>;
export type InstanceStatus = FromSchema<typeof s.instanceStatusSchema>;
export type Operator = Envelope<'Operator', 'maestro.dev/v1beta1', OperatorSpec, object>;
export type OperatorVersion = Envelope<
  'OperatorVersion',
  'maestro.dev/v1beta1',
  OperatorVersionSpec,
  object
>;
export type Instance = Envelope<'Instance', 'maestro.dev/v1beta1', InstanceSpec, InstanceStatus>;
