// What admission needs to know about an OperatorVersion, read from either
// served version: v1beta1 is lifted to the v1 hub first, so string defaults
// and `value-type` are handled in one place.
import { toHub } from '../../model/conversion/index.ts';
import { V1BETA1 } from '../../model/names.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { v1, v1beta1 } from '../../model/types.ts';

export interface ParameterDef {
  name: string;
  /** KUDO's value-type; '' and unknown types behave as string. */
  type: string;
  default?: JsonValue;
  required: boolean;
  immutable: boolean;
  enum?: JsonValue[];
  trigger?: string;
  schema?: Record<string, unknown>;
}

export interface OperatorVersionView {
  /** `namespace/name`, for messages. */
  id: string;
  name: string;
  operator: string;
  version: string;
  parameters: ParameterDef[];
  byName: Map<string, ParameterDef>;
  plans: Map<string, v1.Plan>;
  upgradableFrom: v1.UpgradableFrom[];
}

// Views are read-only, and the lookup's cache hands out the same object while
// it is fresh, so a view is built once per OperatorVersion object.
const views = new WeakMap<object, OperatorVersionView>();

export function viewOperatorVersion(raw: unknown): OperatorVersionView {
  if (raw === null || typeof raw !== 'object') return buildView(raw);
  let view = views.get(raw);
  if (view === undefined) {
    view = buildView(raw);
    views.set(raw, view);
  }
  return view;
}

function buildView(raw: unknown): OperatorVersionView {
  const obj = raw as { apiVersion?: string };
  const ov = (
    obj?.apiVersion === V1BETA1 ? toHub(raw as v1beta1.OperatorVersion) : raw
  ) as v1.OperatorVersion;
  const spec = ov.spec ?? {};
  const parameters: ParameterDef[] = (spec.parameters ?? []).map((p) => ({
    name: p.name,
    type: p.type ?? '',
    ...(p.default !== undefined && p.default !== null ? { default: p.default as JsonValue } : {}),
    required: p.required === true,
    immutable: p.immutable === true,
    ...(p.enum !== undefined ? { enum: p.enum as JsonValue[] } : {}),
    ...(p.trigger ? { trigger: p.trigger } : {}),
    ...(p.schema !== undefined ? { schema: p.schema as Record<string, unknown> } : {}),
  }));
  const meta = ov.metadata ?? {};
  const name = meta.name ?? '';
  return {
    id: meta.namespace ? `${meta.namespace}/${name}` : name,
    name,
    operator: spec.operator?.name ?? '',
    version: spec.version ?? '',
    parameters,
    byName: new Map(parameters.map((p) => [p.name, p])),
    plans: new Map(
      Object.entries(spec.plans ?? {}).filter(([, p]) => p !== null) as [string, v1.Plan][],
    ),
    upgradableFrom: spec.upgradableFrom ?? [],
  };
}

/** KUDO's SelectPlan: the first of the candidates the OperatorVersion has. */
export function selectPlan(ov: OperatorVersionView, candidates: string[]): string | undefined {
  return candidates.find((p) => ov.plans.has(p));
}
