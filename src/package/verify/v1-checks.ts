// Maestro's checks of what only Maestro reads: the v1 OperatorVersion a
// package builds must satisfy the v1 schema (durations, onFailure actions,
// typed defaults...), and phase strategies should be ones Maestro knows.
import { Ajv } from 'ajv';
import { packageResources } from '../resources.ts';
import type { Package } from '../types.ts';
import { operatorVersionSpecSchema } from '../../model/v1/schema.ts';
import type { Findings } from './kudo-checks.ts';

let validate: ReturnType<Ajv['compile']> | undefined;

export function v1Schema(pkg: Package, f: Findings): void {
  validate ??= new Ajv({ strict: false, allErrors: true }).compile(operatorVersionSpecSchema);
  const spec = packageResources(pkg).v1.operatorVersion.spec;
  if (validate(spec)) return;
  for (const e of validate.errors ?? []) {
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'spec';
    f.error('v1-schema', `${path} ${e.message ?? 'is invalid'}`, 'operator.yaml');
  }
}

const strategies = new Set(['serial', 'parallel', 'canary']);

export function phaseStrategies(pkg: Package, f: Findings): void {
  for (const [planName, plan] of Object.entries(pkg.operator.plans ?? {})) {
    const check = (value: string | undefined, what: string) => {
      if (value !== undefined && !strategies.has(value)) {
        f.warning(
          'unknown-strategy',
          `${what} has strategy ${JSON.stringify(value)}, which is not serial, parallel or canary: it runs as parallel, as in KUDO`,
          pkg.where.plan(planName),
        );
      }
    };
    check(plan.strategy, `plan ${JSON.stringify(planName)}`);
    for (const phase of plan.phases ?? []) {
      check(
        phase.strategy,
        `phase ${JSON.stringify(phase.name ?? '')} of plan ${JSON.stringify(planName)}`,
      );
    }
  }
}
