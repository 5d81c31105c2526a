// One sync or finalize call from the raw body to the answer's bytes: parse,
// ETag, decode, run the plan engine, encode. Pure, and self-contained in both
// directions (a string in, a string out), so that the server can run it in a
// render worker (src/server/render-pool.ts) whose memory and time are capped,
// and pay only a string copy each way. Failures are answers with a stable code,
// never `200 {}`: that would delete every child (contracts.md §1.5).

import { PlanEngineError } from '../../engine/plan/index.ts';
import type { SyncOptions } from '../../engine/plan/index.ts';
import { hookEtag } from './etag.ts';
import { runSync, toHookResponse } from './handlers.ts';
import { HookWireError, decodeHookRequest, encodeHookResponse } from './wire/index.ts';

export interface HookTask {
  hook: 'sync' | 'finalize';
  /** The request body as received (JSON text). */
  body: string;
  /** The request's If-None-Match header, when it has one. */
  ifNoneMatch?: string;
  /** The clock reading the answer is computed at (ms since the epoch). */
  now: number;
  /** The build part of the ETag (engine version, pipe image, field manager). */
  build: string;
  sync?: SyncOptions;
}

export interface HookAnswer {
  statusCode: number;
  /** Set on a 200: the ETag of the answer. */
  etag?: string;
  /** The JSON body; empty for a 304. */
  payload: string;
  /** What the server should log about a failure. */
  log?: { level: 'warn' | 'error'; code: string; message: string };
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** A failure answer in the shape of every other route's errors: {statusCode, code, error, message}. */
export function hookFailure(statusCode: number, code: string, message: string): HookAnswer {
  return {
    statusCode,
    payload: JSON.stringify({
      statusCode,
      code,
      error: REASONS[statusCode] ?? 'Error',
      message,
    }),
  };
}

function instanceName(body: unknown): string {
  const meta = (body as { parent?: { metadata?: { namespace?: string; name?: string } } })?.parent
    ?.metadata;
  return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
}

/** Parses a hook body; a byte-order mark is allowed, as for every other route. */
function parseBody(text: string): unknown {
  if (text.length === 0) throw new SyntaxError('The request body is empty; send a JSON object.');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

export function answerHook(task: HookTask): HookAnswer {
  let body: unknown;
  try {
    body = parseBody(task.body);
  } catch (err) {
    return hookFailure(
      400,
      'MAESTRO_BAD_JSON',
      `The request body is not valid JSON: ${(err as Error).message}`,
    );
  }
  try {
    const tag = hookEtag(task.hook, task.build, body, task.now);
    if (task.ifNoneMatch === tag) return { statusCode: 304, payload: '' };
    const req = decodeHookRequest(body, { hook: task.hook });
    const out = runSync(req, { now: () => task.now, ...(task.sync && { sync: task.sync }) });
    const payload = JSON.stringify(encodeHookResponse(toHookResponse(out), req));
    return { statusCode: 200, etag: tag, payload };
  } catch (err) {
    if (err instanceof HookWireError) return hookFailure(err.statusCode, err.code, err.message);
    if (err instanceof PlanEngineError) {
      return {
        ...hookFailure(err.statusCode, err.code, err.message),
        log: { level: 'warn', code: err.code, message: err.message },
      };
    }
    const message = `${task.hook} of Instance ${instanceName(body)} failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      ...hookFailure(500, 'MAESTRO_SYNC_FAILED', message),
      log: {
        level: 'error',
        code: 'MAESTRO_SYNC_FAILED',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      },
    };
  }
}
