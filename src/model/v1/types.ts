// maestro.dev/v1 types, derived from ./schema.ts.
import type { FromSchema } from '../schema-type.ts';
import type { Envelope, OperatorSpec } from '../types.ts';
import type * as s from './schema.ts';

export type Parameter = FromSchema<typeof s.parameterSchema>;
export type Plan = FromSchema<typeof s.planSchema>;
export type OnFailure = FromSchema<typeof s.onFailureSchema>;
export type HealthCheck = FromSchema<typeof s.healthCheckSchema>;
export type UpgradableFrom = FromSchema<typeof s.upgradableFromSchema>;
export type OperatorVersionSpec = FromSchema<typeof s.operatorVersionSpecSchema>;
export type PlanControl = FromSchema<typeof s.planControlSchema>;
export type InstanceSpec = FromSchema<typeof s.instanceSpecSchema>;
export type ClusterInstanceSpec = FromSchema<typeof s.clusterInstanceSpecSchema>;
export type EngineStatus = FromSchema<typeof s.engineStatusSchema>;
export type InstanceStatus = FromSchema<typeof s.instanceStatusSchema>;
export type Operator = Envelope<'Operator', 'maestro.dev/v1', OperatorSpec, object>;
export type OperatorVersion = Envelope<
  'OperatorVersion',
  'maestro.dev/v1',
  OperatorVersionSpec,
  object
>;
export type Instance = Envelope<'Instance', 'maestro.dev/v1', InstanceSpec, InstanceStatus>;
export type ClusterInstance = Envelope<
  'ClusterInstance',
  'maestro.dev/v1',
  ClusterInstanceSpec,
  InstanceStatus
>;
