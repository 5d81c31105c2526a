// A read-only view of an OperatorVersion: its plans in order, tasks by name,
// parameters, declared health checks and durations. The engine and admission
// read OperatorVersions only through this view, so the v1 shape (and v1beta1,
// lifted to the v1 hub first: string defaults, `value-type`) is handled in one place.

import { createHash } from 'node:crypto';
import { toHub } from '../../model/conversion/index.ts';
import { V1BETA1 } from '../../model/names.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import type { v1, v1beta1 } from '../../model/types.ts';
import { isRecord } from '../kobject.ts';
import { sameJson } from '../same-json.ts';
import type { HealthCheck } from '../health/index.ts';
import type { PackageTask } from '../../package/types.ts';

/** A task as the engine reads it: the package's task shape with its name and kind resolved. */
export interface OvTask {
  name: string;
  kind: string;
  spec: NonNullable<PackageTask['spec']>;
}

export interface OnFailure {
  retries?: number;
  backoffSeconds?: number;
  action?: string;
  plan?: string;
}

export interface OvStep {
  name: string;
  tasks: string[];
  timeoutSeconds?: number;
  onFailure?: OnFailure;
}

export interface OvPhase {
  name: string;
  strategy: 'serial' | 'parallel' | 'canary';
  canarySteps: number;
  steps: OvStep[];
  timeoutSeconds?: number;
}

export interface OvPlan {
  name: string;
  strategy: 'serial' | 'parallel';
  phases: OvPhase[];
  timeoutSeconds?: number;
  onFailure?: OnFailure;
}

export interface OvParameter {
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
  name: string;
  namespace: string;
  /** `namespace/name`, for messages. */
  id: string;
  uid: string;
  /** A digest of the spec as it arrived: names this exact OperatorVersion for caches. */
  fingerprint: string;
  operatorName: string;
  version: string;
  appVersion: string;
  templates: Record<string, string>;
  tasks: Map<string, OvTask>;
  plans: Map<string, OvPlan>;
  parameters: OvParameter[];
  byName: Map<string, OvParameter>;
  upgradableFrom: v1.UpgradableFrom[];
  /** Declared health checks (v1) by `group/Kind`. */
  healthChecks: Map<string, HealthCheck[]>;
  /** v1beta1-origin OperatorVersions get no default timeouts (scenario 12f). */
}

/** Go durations: `90s`, `10m`, `1h30m`, `1.5h`. Undefined when absent or malformed. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const re = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g;
  const unit: Record<string, number> = {
    ns: 1e-9,
    us: 1e-6,
    µs: 1e-6,
    ms: 1e-3,
    s: 1,
    m: 60,
    h: 3600,
  };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * unit[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === text.length ? total : undefined;
}

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// Views are read-only, and admission's lookup cache hands out the same object
// while it is fresh, so a view is built once per OperatorVersion object.
const views = new WeakMap<object, OperatorVersionView>();
// Every sync parses its OperatorVersion afresh from the request body, so the
// same content arrives as new objects each time. Views are also kept by the
// object's namespace and name, a few, the oldest forgotten, and one is reused
// only for an object equal to the one it was built from (never on uid and
// resourceVersion alone, which a caller could pair with other content).
// Comparing the parsed objects walks them; serialising either to compare or
// hash its text would copy and escape every template.
// Bounded by count and by the text the kept objects hold (templates are most
// of it, but a parameter default can be as large), so that large objects sent
// to fill it cannot bring a render worker to its memory ceiling while it
// serves someone else.
const byName = new Map<
  string,
  { raw: Record<string, unknown>; view: OperatorVersionView; chars: number }
>();
const NAMED_VIEWS = 32;
const NAMED_VIEW_CHARS = 8 * 1024 * 1024;
let namedChars = 0;

/** About the size of a parsed object: the characters of its strings and keys, one per other value. */
function textSize(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') n += v.length;
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        n += key.length;
        stack.push((v as Record<string, unknown>)[key]);
      }
    } else n += 1;
  }
  return n;
}

function keep(key: string, raw: Record<string, unknown>, view: OperatorVersionView): void {
  const old = byName.get(key);
  if (old !== undefined) {
    byName.delete(key);
    namedChars -= old.chars;
  }
  const chars = textSize(raw);
  if (chars > NAMED_VIEW_CHARS / 4) return;
  while (byName.size > 0 && (byName.size >= NAMED_VIEWS || namedChars + chars > NAMED_VIEW_CHARS)) {
    const [oldest, entry] = byName.entries().next().value!;
    byName.delete(oldest);
    namedChars -= entry.chars;
  }
  byName.set(key, { raw, view, chars });
  namedChars += chars;
}

/** The view of an OperatorVersion object at maestro.dev/v1 or v1beta1. */
export function viewOperatorVersion(raw: unknown): OperatorVersionView {
  if (!isRecord(raw)) return buildView({});
  let view = views.get(raw);
  if (view !== undefined) return view;
  const meta = isRecord(raw.metadata) ? raw.metadata : {};
  const key = `${str(meta.namespace)}/${str(meta.name)}`;
  const kept = byName.get(key);
  if (kept !== undefined && sameJson(kept.raw, raw)) view = kept.view;
  else {
    view = buildView(
      raw.apiVersion === V1BETA1
        ? (toHub(raw as unknown as v1beta1.OperatorVersion) as unknown as Record<string, unknown>)
        : raw,
    );
    keep(key, raw, view);
  }
  views.set(raw, view);
  return view;
}

/** KUDO's SelectPlan: the first of the candidates the OperatorVersion has. */
export function selectPlan(ov: OperatorVersionView, candidates: string[]): string | undefined {
  return candidates.find((p) => ov.plans.has(p));
}

function buildView(ov: Record<string, unknown>): OperatorVersionView {
  const meta = isRecord(ov.metadata) ? ov.metadata : {};
  const spec = isRecord(ov.spec) ? ov.spec : {};
  const tasks = new Map<string, OvTask>();
  for (const t of list(spec.tasks)) {
    if (!isRecord(t)) continue;
    const name = str(t.name);
    tasks.set(name, {
      name,
      kind: str(t.kind),
      spec: (isRecord(t.spec) ? t.spec : {}) as OvTask['spec'],
    });
  }
  const plans = new Map<string, OvPlan>();
  const rawPlans = isRecord(spec.plans) ? spec.plans : {};
  for (const name of Object.keys(rawPlans)) {
    const p = rawPlans[name];
    if (!isRecord(p)) continue;
    plans.set(name, {
      name,
      strategy: p.strategy === 'parallel' ? 'parallel' : 'serial',
      timeoutSeconds: parseDuration(p.timeout),
      ...(isRecord(p.onFailure) && { onFailure: p.onFailure as OnFailure }),
      phases: list(p.phases)
        .filter(isRecord)
        .map((ph) => ({
          name: str(ph.name),
          strategy:
            ph.strategy === 'parallel'
              ? 'parallel'
              : ph.strategy === 'canary'
                ? 'canary'
                : 'serial',
          canarySteps:
            isRecord(ph.canary) && typeof ph.canary.steps === 'number' ? ph.canary.steps : 1,
          timeoutSeconds: parseDuration(ph.timeout),
          steps: list(ph.steps)
            .filter(isRecord)
            .map((st) => ({
              name: str(st.name),
              tasks: list(st.tasks).map((x) => str(x)),
              timeoutSeconds: parseDuration(st.timeout),
              ...(isRecord(st.onFailure) && { onFailure: st.onFailure as OnFailure }),
            })),
        })),
    });
  }
  const parameters: OvParameter[] = list(spec.parameters)
    .filter(isRecord)
    .map((p) => ({
      name: str(p.name),
      type: str(p.type ?? p['value-type'], 'string'),
      // A null default is no default, as admission reads it (KUDO's nil default).
      ...(p.default !== undefined && p.default !== null && { default: p.default as JsonValue }),
      required: p.required === true,
      immutable: p.immutable === true,
      ...(Array.isArray(p.enum) && { enum: p.enum as JsonValue[] }),
      ...(typeof p.trigger === 'string' && p.trigger !== '' && { trigger: p.trigger }),
      ...(isRecord(p.schema) && { schema: p.schema }),
    }));
  const healthChecks = new Map<string, HealthCheck[]>();
  for (const hc of list(spec.healthChecks)) {
    if (!isRecord(hc)) continue;
    const key = `${str(hc.group)}/${str(hc.kind)}`;
    const checks: HealthCheck[] = [];
    const conds = list(hc.conditions).filter(isRecord);
    if (conds.length > 0)
      checks.push({
        conditions: conds.map((c) => ({ type: str(c.type), status: str(c.status, 'True') })),
      });
    for (const f of list(hc.fields).filter(isRecord))
      checks.push({ fieldPath: str(f.path), equals: f.equals });
    healthChecks.set(key, [...(healthChecks.get(key) ?? []), ...checks]);
  }
  const op = isRecord(spec.operator) ? spec.operator : {};
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  return {
    name,
    namespace,
    id: namespace !== '' ? `${namespace}/${name}` : name,
    uid: str(meta.uid),
    fingerprint: createHash('sha256').update(JSON.stringify(spec)).digest('hex'),
    operatorName: str(op.name),
    version: str(spec.version),
    appVersion: str(spec.appVersion),
    templates: (isRecord(spec.templates) ? spec.templates : {}) as Record<string, string>,
    tasks,
    plans,
    parameters,
    byName: new Map(parameters.map((p) => [p.name, p])),
    upgradableFrom: list(spec.upgradableFrom).filter(isRecord) as v1.UpgradableFrom[],
    healthChecks,
  };
}

/** A step's position in its plan, with the names templates see. */
export interface StepRef {
  phase: string;
  step: string;
  phaseIndex: number;
  stepIndex: number;
}

export function stepKey(phase: string, step: string): string {
  return `${phase}/${step}`;
}

/** Every step of a plan in plan order. */
export function planSteps(plan: OvPlan): StepRef[] {
  return plan.phases.flatMap((ph, phaseIndex) =>
    ph.steps.map((st, stepIndex) => ({ phase: ph.name, step: st.name, phaseIndex, stepIndex })),
  );
}
