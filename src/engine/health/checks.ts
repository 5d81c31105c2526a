// v1's declared health checks (kudo#1518): for kinds with no built-in rule,
// custom resources included, an OperatorVersion can say what "healthy" means.

import { jsonEqual } from '../canonical-json.ts';
import { getPath } from '../kobject.ts';
import type { KObject } from '../kobject.ts';
import { findCondition } from './conditions.ts';
import { FieldPathError, parseFieldPath } from './field-path.ts';
import { healthy, waiting } from './types.ts';
import type { HealthCheck, HealthResult } from './types.ts';

/** Evaluates every check; the first that does not hold is the reason. */
export function evaluateChecks(
  obj: KObject,
  who: string,
  checks: readonly HealthCheck[],
): HealthResult {
  for (const check of checks) {
    const r = evaluateCheck(obj, who, check);
    if (!r.healthy) return r;
  }
  return healthy(
    `${who}: ${checks.length === 1 ? 'its declared check holds' : `all ${checks.length} declared checks hold`}`,
  );
}

function evaluateCheck(obj: KObject, who: string, check: HealthCheck): HealthResult {
  if ('conditions' in check) {
    for (const want of check.conditions) {
      const got = findCondition(obj, want.type);
      if (got?.status !== want.status) {
        const now = got ? `is ${got.status}` : 'is absent';
        return waiting(`${who}: condition ${want.type} ${now}, want ${want.status}`);
      }
    }
    return healthy(`${who}: conditions hold`);
  }
  let path;
  try {
    path = parseFieldPath(check.fieldPath);
  } catch (err) {
    if (err instanceof FieldPathError)
      return waiting(`${who}: declared check has a bad ${err.message}`);
    throw err;
  }
  const value = getPath(obj, ...path);
  if (value === undefined)
    return waiting(`${who}: ${check.fieldPath} is not set, want ${JSON.stringify(check.equals)}`);
  if (!jsonEqual(value, check.equals)) {
    return waiting(
      `${who}: ${check.fieldPath} is ${JSON.stringify(value)}, want ${JSON.stringify(check.equals)}`,
    );
  }
  return healthy(`${who}: ${check.fieldPath} is ${JSON.stringify(value)}`);
}
