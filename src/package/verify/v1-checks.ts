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

/**
 * `onFailure.plan` (of a plan or a step) names the plan started when the plan
 * fails: it must be defined, and cannot be `cleanup`, which runs only when
 * the Instance is deleted. An onFailure plan on cleanup itself never runs.
 * Messages follow KUDO's "plan X used in ... is not defined".
 */
export function onFailurePlans(pkg: Package, f: Findings): void {
  const plans = pkg.operator.plans ?? {};
  const q = (s: string) => JSON.stringify(s);
  for (const [planName, plan] of Object.entries(plans)) {
    const where = pkg.where.plan(planName);
    const check = (next: string | undefined, user: string) => {
      if (next === undefined || next === '') return;
      if (!Object.hasOwn(plans, next)) {
        f.error(
          'onfailure-plan-undefined',
          `plan ${q(next)} used in onFailure of ${user} is not defined`,
          where,
        );
      } else if (next === 'cleanup') {
        f.error(
          'onfailure-plan-cleanup',
          `plan "cleanup" used in onFailure of ${user} cannot be triggered: it runs only when the instance is deleted`,
          where,
        );
      } else if (planName === 'cleanup') {
        f.warning(
          'onfailure-of-cleanup',
          `plan ${q(next)} used in onFailure of ${user} never runs: a failed cleanup triggers no plan`,
          where,
        );
      }
    };
    check(plan.onFailure?.plan, `plan ${q(planName)}`);
    for (const phase of plan.phases ?? [])
      for (const step of phase.steps ?? [])
        check(
          step.onFailure?.plan,
          `step ${q(step.name ?? '')} in phase ${q(phase.name ?? '')} of plan ${q(planName)}`,
        );
  }
}
