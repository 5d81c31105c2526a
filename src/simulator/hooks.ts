// How the emulated Metacontroller reaches the hooks: a function per call. The
// plan engine (in process) or an HTTP client (`--server URL`) sits behind it.

import type { HookName } from '../webhooks/metacontroller/wire/index.ts';

/** An HTTP-like answer. Only 200 with a body is applied; 429 honours `retryAfterSeconds`. */
export interface HookAnswer {
  status: number;
  body?: unknown;
  retryAfterSeconds?: number;
}

/** Called with the hook and the request body (a JSON value); may throw like a transport error. */
export type HookServer = (hook: HookName, body: unknown) => HookAnswer;

export const ok = (body: unknown): HookAnswer => ({ status: 200, body });
