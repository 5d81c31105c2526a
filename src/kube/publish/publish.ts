// Publishes pipe files into their artifacts through the Kubernetes API with
// get and patch only. The engine renders each artifact as an empty child that
// Metacontroller creates; the publisher never creates anything, so its Role
// can be limited to those object names (RBAC cannot limit `create` by name).
// An artifact that is not there yet is waited for, up to the deadline.
import { readFile, stat } from 'node:fs/promises';
import { MAX_PIPE_FILE_SIZE, artifactPatch, digest, type ArtifactTarget } from './artifacts.ts';

/** The two calls the publisher needs, so tests and the real client plug in alike. */
export interface ArtifactApi {
  /** Resolves when the object exists; rejects with `{ code: 404 }` when it does not. */
  get(target: ArtifactTarget, namespace: string): Promise<unknown>;
  patch(target: ArtifactTarget, namespace: string, body: Record<string, unknown>): Promise<unknown>;
}

export interface PublishOptions {
  namespace: string;
  targets: ArtifactTarget[];
  /** The plan execution that ran this Job; recorded so the engine knows the data is current. */
  execution?: string;
  maxFileSize?: number;
  /** How long to wait for an artifact to exist. */
  timeoutMs: number;
  /** First wait between attempts; doubles up to 5 s. */
  retryDelayMs?: number;
  log: (line: string) => void;
}

export class PublishError extends Error {
  override name = 'PublishError';
}

function statusCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; statusCode?: unknown } | undefined;
  const code = typeof e?.code === 'number' ? e.code : e?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

async function readPipeFile(file: string, max: number): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    throw new PublishError(`error opening pipe file ${file}: ${(err as Error).message}`);
  }
  // Checked before reading: a ConfigMap or Secret cannot hold more anyway.
  if (size > max) {
    throw new PublishError(
      `pipe file ${file} size ${size} exceeds maximum file size of ${max} bytes`,
    );
  }
  return readFile(file);
}

export async function publish(api: ArtifactApi, options: PublishOptions): Promise<void> {
  const max = options.maxFileSize ?? MAX_PIPE_FILE_SIZE;
  // Every file is checked before anything is written: all or nothing.
  const contents = await Promise.all(options.targets.map((t) => readPipeFile(t.file, max)));
  const deadline = Date.now() + options.timeoutMs;
  for (const [i, target] of options.targets.entries()) {
    const content = contents[i]!;
    const what = `${target.kind} ${options.namespace}/${target.name}`;
    let delay = options.retryDelayMs ?? 250;
    for (;;) {
      try {
        await api.get(target, options.namespace);
        break;
      } catch (err) {
        const code = statusCode(err);
        if (code !== 404) {
          throw new PublishError(`cannot read ${what}: ${describe(err)}`);
        }
        if (Date.now() + delay > deadline) {
          throw new PublishError(
            `${what} does not exist after ${options.timeoutMs} ms; the plan engine renders it in the same step`,
          );
        }
        options.log(`${what} does not exist yet; retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
      }
    }
    try {
      await api.patch(target, options.namespace, artifactPatch(target, content, options.execution));
    } catch (err) {
      throw new PublishError(`cannot write ${what}: ${describe(err)}`);
    }
    options.log(
      `published ${target.file} (${content.length} bytes, ${digest(content)}) to ${what}`,
    );
  }
}

function describe(err: unknown): string {
  const code = statusCode(err);
  const body = (err as { body?: unknown }).body;
  let reason = '';
  if (typeof body === 'string') {
    try {
      reason = (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      reason = body;
    }
  } else if (body !== null && typeof body === 'object' && 'message' in body) {
    reason = String((body as { message: unknown }).message);
  }
  if (code === 403)
    return `forbidden (HTTP 403): the pipe ServiceAccount lacks get/patch on it. ${reason}`.trim();
  return code === undefined
    ? (err as Error).message
    : `HTTP ${code}: ${reason || (err as Error).message}`;
}
