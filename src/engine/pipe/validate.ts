// KUDO's checks of a pipe pod (pkg/engine/task/task_pipe.go `validate`), in
// KUDO's order and with KUDO's messages: the first failing rule wins.

import { posix } from 'node:path';
import { isRecord } from '../kobject.ts';

export interface PipeFileSpec {
  file: string;
  kind: string;
  key: string;
}

// The rule Kubernetes uses for ConfigMap and Secret keys; KUDO checks base names with it.
const FILE_NAME = /^[-._a-zA-Z0-9]+$/;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The mount path of the pipe volume in the init container, or KUDO's message for the first broken rule. */
export function validatePipePod(
  spec: Record<string, unknown>,
  files: readonly PipeFileSpec[],
): { ok: true; mountPath: string; volume: string } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  if (list(spec.containers).length > 0)
    return fail(
      'pipe pod should not have containers. pipe artifacts are generated in the init container',
    );
  const inits = list(spec.initContainers);
  if (inits.length !== 1)
    return fail('pipe pod should define one init container that generated artifacts defined');
  const restart = spec.restartPolicy;
  if (restart !== undefined && restart !== null && restart !== '' && restart !== 'OnFailure')
    return fail('pipe pod RestartPolicy should be OnFailure');
  const volumes = list(spec.volumes);
  const volume = volumes[0];
  if (volumes.length !== 1 || !isRecord(volume) || !isRecord(volume.emptyDir))
    return fail(
      'pipe pod should define one emptyDir shared volume where the artifacts are temporary stored',
    );
  const volumeName = typeof volume.name === 'string' ? volume.name : '';
  const init = isRecord(inits[0]) ? inits[0] : {};
  let mountPath = '';
  for (const m of list(init.volumeMounts)) {
    if (isRecord(m) && m.name === volumeName && typeof m.mountPath === 'string') {
      mountPath = m.mountPath;
      break;
    }
  }
  if (mountPath === '') return fail(`pipe pod should save generated artifacts in ${volumeName}`);
  for (const f of files) {
    // Go's filepath.Rel(mountPath, file) must not climb out of the mount.
    const rel = posix.relative(posix.normalize(mountPath), posix.normalize(f.file));
    if (!posix.isAbsolute(f.file) || rel === '..' || rel.startsWith('../'))
      return fail(`pipe file ${f.file} should be a child of ${mountPath} mount path`);
    const base = posix.basename(f.file);
    if (!FILE_NAME.test(base))
      return fail(
        `pipe file name ${base} should only contain alphanumeric characters, '.', '_' and '-'`,
      );
  }
  return { ok: true, mountPath, volume: volumeName };
}

/** The task's `pipe` list: each entry needs a file, a known kind and a key. */
export function readPipeFiles(
  raw: unknown,
): { ok: true; files: PipeFileSpec[] } | { ok: false; message: string } {
  const entries = list(raw);
  if (entries.length === 0) return { ok: false, message: 'Pipe task has no pipe files' };
  const files: PipeFileSpec[] = [];
  const keys = new Set<string>();
  for (const [i, e] of entries.entries()) {
    const r = isRecord(e) ? e : {};
    const file = typeof r.file === 'string' ? r.file : '';
    const kind = typeof r.kind === 'string' ? r.kind : '';
    const key = typeof r.key === 'string' ? r.key : '';
    if (file === '') return { ok: false, message: `pipe[${i}] has no file` };
    if (key === '') return { ok: false, message: `pipe[${i}] (${file}) has no key` };
    if (kind !== 'Secret' && kind !== 'ConfigMap')
      return {
        ok: false,
        message: `pipe[${i}] (${file}) has kind ${JSON.stringify(kind)}; a pipe file is stored as a Secret or a ConfigMap`,
      };
    if (keys.has(key)) return { ok: false, message: `duplicated pipe key ${key}` };
    keys.add(key);
    files.push({ file, kind, key });
  }
  return { ok: true, files };
}
