// An operator package in KUDO's on-disk format (kudo-semantics.md §4.1):
// operator.yaml, params.yaml and templates/. The shapes mirror KUDO's Go
// structs; the v1-only keys (timeouts, onFailure, canary, healthChecks,
// upgradableFrom versions, parameter schemas) are read as well.
import type { JsonValue } from '../model/schema-type.ts';
import type { v1 } from '../model/types.ts';
import { S, type Shape } from './decode.ts';

export { packageApiVersions } from '../model/package-files.ts';

export interface PackageTask {
  name?: string;
  kind?: string;
  spec?: {
    resources?: string[];
    parameter?: string;
    pod?: string;
    pipe?: { file?: string; envFile?: string; kind?: string; key?: string }[];
    package?: string;
    instanceName?: string;
    appVersion?: string;
    operatorVersion?: string;
    parameterFile?: string;
    wantErr?: boolean;
    fatal?: boolean;
    done?: boolean;
  };
}

export interface PackageStep {
  name?: string;
  tasks?: string[];
  timeout?: string;
  onFailure?: v1.OnFailure;
}
export interface PackagePhase {
  name?: string;
  strategy?: string;
  canary?: { steps?: number };
  timeout?: string;
  steps?: PackageStep[];
}
export interface PackagePlan {
  strategy?: string;
  phases?: PackagePhase[];
  timeout?: string;
  onFailure?: v1.OnFailure;
}

export interface OperatorFile {
  apiVersion?: string;
  name?: string;
  description?: string;
  operatorVersion?: string;
  appVersion?: string;
  kudoVersion?: string;
  kubernetesVersion?: string;
  maintainers?: { name?: string; email?: string }[];
  url?: string;
  namespaceManifest?: string;
  tasks?: PackageTask[];
  plans?: Record<string, PackagePlan>;
  upgradableFrom?: v1.UpgradableFrom[];
  healthChecks?: v1.HealthCheck[];
}

export interface PackageParameter {
  name?: string;
  displayName?: string;
  description?: string;
  required?: boolean;
  default?: JsonValue;
  trigger?: string;
  type?: string;
  immutable?: boolean;
  enum?: JsonValue[];
  group?: string;
  advanced?: boolean;
  hint?: string;
  schema?: { [key: string]: JsonValue };
}

export interface ParamsFile {
  apiVersion?: string;
  groups?: { name?: string; displayName?: string; description?: string; prio?: number }[];
  parameters?: PackageParameter[];
}

/** A package read from its files; `lines` locates items for messages. */
export interface Package {
  operator: OperatorFile;
  params: ParamsFile;
  /** Template text by path under templates/. */
  templates: Record<string, string>;
  /** Where things are, for messages: `operator.yaml:12:5`. */
  where: {
    task(index: number): string;
    parameter(index: number): string;
    plan(name: string): string;
  };
  /** The text of operator.yaml and params.yaml, for the schema check's positions. */
  sources?: { operator: string; params: string };
}

const onFailure = S.struct({
  retries: S.int,
  backoffSeconds: S.int,
  action: S.string,
  plan: S.string,
});

const step = S.struct({ name: S.string, tasks: S.list(S.string), timeout: S.string, onFailure });
const phase = S.struct({
  name: S.string,
  strategy: S.string,
  canary: S.struct({ steps: S.int }),
  timeout: S.string,
  steps: S.list(step),
});

export const operatorFileShape: Shape = S.struct({
  apiVersion: S.string,
  name: S.string,
  description: S.string,
  operatorVersion: S.string,
  appVersion: S.string,
  kudoVersion: S.string,
  kubernetesVersion: S.string,
  maintainers: S.list(S.struct({ name: S.string, email: S.string })),
  url: S.string,
  namespaceManifest: S.string,
  tasks: S.list(
    S.struct({
      name: S.string,
      kind: S.string,
      spec: S.struct({
        resources: S.list(S.string),
        parameter: S.string,
        pod: S.string,
        pipe: S.list(
          S.struct({ file: S.string, envFile: S.string, kind: S.string, key: S.string }),
        ),
        package: S.string,
        instanceName: S.string,
        appVersion: S.string,
        operatorVersion: S.string,
        parameterFile: S.string,
        wantErr: S.bool,
        fatal: S.bool,
        done: S.bool,
      }),
    }),
  ),
  plans: S.map(
    S.struct({ strategy: S.string, phases: S.list(phase), timeout: S.string, onFailure }),
  ),
  upgradableFrom: S.list(
    S.struct({
      apiVersion: S.string,
      kind: S.string,
      name: S.string,
      namespace: S.string,
      versions: S.string,
    }),
  ),
  healthChecks: S.list(S.any),
});

export const paramsFileShape: Shape = S.struct({
  apiVersion: S.string,
  groups: S.list(
    S.struct({ name: S.string, displayName: S.string, description: S.string, prio: S.int }),
  ),
  parameters: S.list(
    S.struct({
      name: S.string,
      displayName: S.string,
      description: S.string,
      required: S.bool,
      default: S.any,
      trigger: S.string,
      type: S.string,
      immutable: S.bool,
      enum: S.list(S.any),
      group: S.string,
      advanced: S.bool,
      hint: S.string,
      schema: S.any,
    }),
  ),
});
