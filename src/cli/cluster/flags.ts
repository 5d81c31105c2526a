// Flags shared by install, update and upgrade: parameters, --wait, where the
// package comes from and where the CompositeController's hooks point.
import { readFileSync } from 'node:fs';
import type { JsonValue } from '../../model/schema-type.ts';
import { UsageError, type CommandIO } from '../command.ts';
import { parameterValues, parseDuration } from './args.ts';
import type { WaitOptions } from './lifecycle.ts';

export const parameterFlags = {
  parameter: { type: 'string', short: 'p', multiple: true },
  'parameter-file': { type: 'string', short: 'P', multiple: true },
} as const;

export const waitFlags = {
  wait: { type: 'boolean', short: 'w', default: false },
  timeout: { type: 'string', default: '5m' },
} as const;

export const parameterHelp = `  -p, --parameter NAME=VALUE   a parameter value (repeatable; wins over -P)
  -P, --parameter-file FILE    a YAML map of parameter values (repeatable; later files win)`;

export const waitHelp = `  -w, --wait                   wait for the plan to finish, showing its progress
      --timeout DURATION       how long --wait waits (default 5m; 300s, 1h30m, or seconds)`;

export function readParameters(values: {
  parameter?: string[] | undefined;
  'parameter-file'?: string[] | undefined;
}): Record<string, JsonValue> {
  const files = (values['parameter-file'] ?? []).map((name) => {
    try {
      return { name, text: readFileSync(name, 'utf8') };
    } catch (err) {
      throw new UsageError(`-P ${name}: ${(err as Error).message}`);
    }
  });
  return parameterValues(values.parameter ?? [], files);
}

export function waitOptions(
  values: { wait?: boolean | undefined; timeout?: string | undefined },
  io: CommandIO,
): WaitOptions {
  const poll = Number(io.env.MAESTRO_POLL_INTERVAL_MS);
  return {
    wait: values.wait === true,
    timeoutMs: parseDuration(values.timeout ?? '5m'),
    ...(Number.isFinite(poll) && poll > 0 && { pollMs: poll }),
  };
}

/** Where a package comes from when PACKAGE is a name in a repository. */
export const packageSourceFlags = {
  repo: { type: 'string' },
  'operator-version': { type: 'string' },
  'app-version': { type: 'string' },
} as const;

/** Where the CompositeController that install and upgrade write calls Maestro. */
export const hooksFlags = {
  'maestro-namespace': { type: 'string', default: 'maestro-system' },
  'hooks-url': { type: 'string' },
  'hooks-ca-secret': { type: 'string' },
} as const;

/** The options of packageSourceFlags and hooksFlags, as lifecycle.ts takes them. */
export function sourceAndHooks(
  values: {
    repo?: string | undefined;
    'operator-version'?: string | undefined;
    'app-version'?: string | undefined;
    'maestro-namespace': string;
    'hooks-url'?: string | undefined;
    'hooks-ca-secret'?: string | undefined;
  },
  io: CommandIO,
) {
  return {
    repo: values.repo ?? io.env.MAESTRO_REPO,
    operatorVersion: values['operator-version'],
    appVersion: values['app-version'],
    serviceNamespace: values['maestro-namespace'],
    hooksUrl: values['hooks-url'],
    hooksCaSecret: values['hooks-ca-secret'],
  };
}

/** --cluster: the command works on a ClusterInstance (the cluster-scoped parent kind). */
export const clusterScopeFlags = {
  cluster: { type: 'boolean', default: false },
} as const;

export const clusterScopeHelp = `      --cluster                a ClusterInstance of that name (default: the Instance in the
                               namespace, else the ClusterInstance of that name)`;

/** The lookup scope --cluster asks for. */
export const lookupScope = (values: { cluster?: boolean | undefined }): 'auto' | 'cluster' =>
  values.cluster === true ? 'cluster' : 'auto';
