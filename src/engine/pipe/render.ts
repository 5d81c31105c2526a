// What a Pipe task renders (docs/pipe.md): one empty artifact per pipe file,
// and a runner — a Job that runs the user's init container and then
// `maestro pipe publish`, with a ServiceAccount, Role and RoleBinding that
// allow exactly get/patch/update on those artifacts. The engine stays a pure
// function: the publisher, not the engine, writes the data.

import type { KObject } from '../kobject.ts';
import { isRecord } from '../kobject.ts';
import { artifactName, pipeJobName } from './names.ts';
import type { PipeTaskRef } from './names.ts';
import type { PipeFileSpec } from './validate.ts';
import { PIPE_RUNNER_ANNOTATION } from './cleanup.ts';

/** The publisher image when neither --pipe-image nor MAESTRO_PIPE_IMAGE says otherwise. */
export { DEFAULT_PIPE_IMAGE } from './image.ts';

/** On a pipe Job: marks it as one (the simulator plays such Jobs). */
export const PIPE_JOB_ANNOTATION = 'maestro.dev/pipe';
/** Set by the publisher (src/kube/publish/artifacts.ts): the execution whose run filled the artifact. */
export const PIPE_EXECUTION_ANNOTATION = 'maestro.dev/pipe-execution';
/** Set by the publisher: the `sha256:` digest of the content. */
export const PIPE_PUBLISHED_ANNOTATION = 'maestro.dev/pipe-published';

/** The publisher's user: any non-root uid works, this is the distroless "nonroot" one. */
const PUBLISHER_UID = 65532;

export interface PipeArtifact {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The data key the publisher writes: the file's base name. */
  dataKey: string;
  file: string;
}

export interface PipeRender {
  jobName: string;
  artifacts: PipeArtifact[];
  /** Artifacts first (each empty), then Job, ServiceAccount, Role, RoleBinding. */
  artifactObjects: KObject[];
  runnerObjects: KObject[];
}

export interface PipeRenderInput {
  ref: PipeTaskRef;
  namespace: string;
  execution: string;
  image: string;
  files: readonly PipeFileSpec[];
  /** The user's pod, validated (validatePipePod). */
  pod: KObject;
  mountPath: string;
}

const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);

/** The publisher's arguments, exactly as `maestro pipe publish` takes them. */
export function publishArgs(execution: string, artifacts: readonly PipeArtifact[]): string[] {
  const args = ['pipe', 'publish', '--namespace', '$(POD_NAMESPACE)', '--execution', execution];
  for (const a of artifacts)
    args.push(a.kind === 'ConfigMap' ? '--configmap' : '--secret', `${a.name}=${a.file}`);
  return args;
}

export function renderPipe(i: PipeRenderInput): PipeRender {
  const jobName = pipeJobName(i.ref, i.execution);
  const ns = i.namespace;
  const artifacts: PipeArtifact[] = i.files.map((f) => ({
    kind: f.kind as PipeArtifact['kind'],
    name: artifactName(i.ref, f.key),
    dataKey: baseName(f.file),
    file: f.file,
  }));
  // Empty on purpose: sync never holds data, so Metacontroller's three-way
  // merge never touches what the publisher wrote.
  const artifactObjects: KObject[] = artifacts.map((a) => ({
    apiVersion: 'v1',
    kind: a.kind,
    metadata: { name: a.name, namespace: ns },
    ...(a.kind === 'Secret' && { type: 'Opaque' }),
  }));

  const podMeta = isRecord(i.pod.metadata) ? i.pod.metadata : {};
  const userSpec = isRecord(i.pod.spec) ? i.pod.spec : {};
  const {
    containers: _c,
    restartPolicy: _r,
    serviceAccountName: _s,
    serviceAccount: _sa,
    automountServiceAccountToken: _a,
    ...rest
  } = userSpec;
  const volume = (userSpec.volumes as Record<string, unknown>[])[0]!;
  const publish = {
    name: 'publish',
    image: i.image,
    args: publishArgs(i.execution, artifacts),
    env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
    volumeMounts: [{ name: volume.name, mountPath: i.mountPath, readOnly: true }],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: PUBLISHER_UID,
      runAsGroup: PUBLISHER_UID,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    },
  };
  const templateMeta: Record<string, unknown> = {};
  if (isRecord(podMeta.labels)) templateMeta.labels = podMeta.labels;
  if (isRecord(podMeta.annotations)) templateMeta.annotations = podMeta.annotations;
  const job: KObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace: ns,
      annotations: { [PIPE_JOB_ANNOTATION]: 'true', [PIPE_RUNNER_ANNOTATION]: jobName },
    },
    spec: {
      template: {
        ...(Object.keys(templateMeta).length > 0 && { metadata: templateMeta }),
        spec: {
          ...rest,
          serviceAccountName: jobName,
          automountServiceAccountToken: true,
          restartPolicy: 'OnFailure',
          containers: [publish],
        },
      },
    },
  };
  const serviceAccount: KObject = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: jobName, namespace: ns, annotations: { [PIPE_RUNNER_ANNOTATION]: jobName } },
  };
  const rules: Record<string, unknown>[] = [];
  for (const [kind, resource] of [
    ['ConfigMap', 'configmaps'],
    ['Secret', 'secrets'],
  ] as const) {
    const names = [...new Set(artifacts.filter((a) => a.kind === kind).map((a) => a.name))].sort();
    if (names.length > 0)
      rules.push({
        apiGroups: [''],
        resources: [resource],
        resourceNames: names,
        verbs: ['get', 'patch', 'update'],
      });
  }
  const role: KObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: jobName, namespace: ns, annotations: { [PIPE_RUNNER_ANNOTATION]: jobName } },
    rules,
  };
  const binding: KObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: jobName, namespace: ns, annotations: { [PIPE_RUNNER_ANNOTATION]: jobName } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: jobName },
    subjects: [{ kind: 'ServiceAccount', name: jobName, namespace: ns }],
  };
  return {
    jobName,
    artifacts,
    artifactObjects,
    runnerObjects: [job, serviceAccount, role, binding],
  };
}
