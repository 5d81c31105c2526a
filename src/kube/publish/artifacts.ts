// What `maestro pipe publish` writes: one file into one artifact (a ConfigMap
// or Secret that the plan engine already rendered, empty). The data key is the
// file's base name, as in KUDO; ConfigMaps take the bytes as binaryData and
// Secrets as data, both base64. The annotation records the content digest, so
// the engine and a person can see what arrived.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

export type ArtifactKind = 'ConfigMap' | 'Secret';

export interface ArtifactTarget {
  kind: ArtifactKind;
  name: string;
  /** Absolute path of the file the init container wrote. */
  file: string;
}

/** KUDO's limit: a pipe file larger than 1 MiB fails the task. */
export const MAX_PIPE_FILE_SIZE = 1024 * 1024;

/** The annotations the publisher sets on an artifact it filled. */
export const PUBLISHED_ANNOTATION = 'maestro.dev/pipe-published';
export const EXECUTION_ANNOTATION = 'maestro.dev/pipe-execution';

// A ConfigMap or Secret data key: alphanumerics, '-', '_' and '.' (KUDO's rule).
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;
// A DNS-1123 subdomain, the rule for ConfigMap and Secret names.
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Parses `NAME=FILE` as given to --configmap or --secret; throws a message naming the flag. */
export function parseTarget(kind: ArtifactKind, spec: string): ArtifactTarget {
  const flag = kind === 'ConfigMap' ? '--configmap' : '--secret';
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new Error(`${flag} ${spec}: expected NAME=FILE`);
  }
  const name = spec.slice(0, eq);
  const file = spec.slice(eq + 1);
  if (name.length > 253 || !OBJECT_NAME.test(name)) {
    throw new Error(`${flag} ${spec}: "${name}" is not a valid ${kind} name (DNS-1123 subdomain)`);
  }
  if (!file.startsWith('/')) {
    throw new Error(`${flag} ${spec}: the file must be an absolute path`);
  }
  const key = basename(file);
  if (!DATA_KEY.test(key)) {
    throw new Error(
      `pipe file name ${key} should only contain alphanumeric characters, '.', '_' and '-'`,
    );
  }
  return { kind, name, file };
}

export function digest(content: Buffer): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** The JSON merge patch that puts one file into its artifact and nothing else. */
export function artifactPatch(
  target: ArtifactTarget,
  content: Buffer,
  execution?: string,
): Record<string, unknown> {
  const field = target.kind === 'ConfigMap' ? 'binaryData' : 'data';
  const annotations: Record<string, string> = { [PUBLISHED_ANNOTATION]: digest(content) };
  if (execution !== undefined) annotations[EXECUTION_ANNOTATION] = execution;
  return {
    metadata: { annotations },
    [field]: { [basename(target.file)]: content.toString('base64') },
  };
}
