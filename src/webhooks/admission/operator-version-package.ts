// An OperatorVersion read back as the package it was built from, so that
// admission runs the same `package verify` (src/package/verify) as the CLI.
// Only the fields an OperatorVersion carries are filled in; locations name
// the OperatorVersion's fields instead of package files.
import type { JsonValue } from '../../model/schema-type.ts';
import type { v1 } from '../../model/types.ts';
import type { Package, PackageParameter, PackageTask } from '../../package/types.ts';

export function operatorVersionPackage(ov: v1.OperatorVersion): Package {
  const spec = ov.spec ?? {};
  const plans = Object.fromEntries(
    Object.entries(spec.plans ?? {}).filter(([, p]) => p !== null),
  ) as NonNullable<Package['operator']['plans']>;
  return {
    operator: {
      ...(spec.operator?.name !== undefined ? { name: spec.operator.name } : {}),
      ...(spec.version !== undefined ? { operatorVersion: spec.version } : {}),
      ...(spec.appVersion !== undefined ? { appVersion: spec.appVersion } : {}),
      tasks: (spec.tasks ?? []) as PackageTask[],
      plans,
      ...(spec.upgradableFrom !== undefined ? { upgradableFrom: spec.upgradableFrom } : {}),
      ...(spec.healthChecks !== undefined ? { healthChecks: spec.healthChecks } : {}),
    },
    params: {
      parameters: (spec.parameters ?? []).map((p): PackageParameter => {
        const { default: d, enum: e, schema, ...rest } = p;
        return {
          ...rest,
          // An OperatorVersion's `required` is explicit; the package reader's default (true) does not apply.
          required: p.required === true,
          ...(d !== undefined && d !== null ? { default: d as JsonValue } : {}),
          ...(e !== undefined ? { enum: e as JsonValue[] } : {}),
          ...(schema !== undefined ? { schema: schema as { [key: string]: JsonValue } } : {}),
        };
      }),
    },
    templates: spec.templates ?? {},
    where: {
      task: (i) => `spec.tasks[${i}]`,
      parameter: (i) => `spec.parameters[${i}]`,
      plan: (name) => `spec.plans.${name}`,
    },
  };
}
