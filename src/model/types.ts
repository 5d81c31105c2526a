// The API types, derived from the schemas (the single source of truth).
// Version-specific types live in v1beta1/types.ts and v1/types.ts.
import type {
  conditionSchema,
  objectReferenceSchema,
  operatorSpecSchema,
  planStatusSchema,
  taskSchema,
} from './common-schemas.ts';
import type { FromSchema } from './schema-type.ts';
import type * as v1 from './v1/types.ts';
import type * as v1beta1 from './v1beta1/types.ts';

export type * as v1 from './v1/types.ts';
export type * as v1beta1 from './v1beta1/types.ts';

/** Kubernetes object metadata, as far as the model reads or writes it. */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
  [key: string]: unknown;
}

/** apiVersion, kind, metadata, spec and status of one kind in one version. */
export interface Envelope<Kind extends string, Version extends string, Spec, Status> {
  apiVersion: Version;
  kind: Kind;
  metadata: ObjectMeta;
  spec?: Spec;
  status?: Status;
}

export type ObjectReference = FromSchema<typeof objectReferenceSchema>;
export type Condition = FromSchema<typeof conditionSchema>;
export type PlanStatus = FromSchema<typeof planStatusSchema>;
export type Task = FromSchema<typeof taskSchema>;
export type OperatorSpec = FromSchema<typeof operatorSpecSchema>;

export type AnyV1beta1 = v1beta1.Operator | v1beta1.OperatorVersion | v1beta1.Instance;
export type AnyV1 = v1.Operator | v1.OperatorVersion | v1.Instance;
