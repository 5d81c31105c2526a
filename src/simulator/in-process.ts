// A HookServer that calls hook handlers in process, through the same wire
// codecs a route uses: the request is decoded from JSON, the answer encoded
// for the request's hook version. A thrown error becomes a non-200 answer,
// never a 200 without children, so a failing handler changes nothing.

import {
  HookWireError,
  decodeCustomizeRequest,
  decodeHookRequest,
  encodeCustomizeResponse,
  encodeHookResponse,
} from '../webhooks/metacontroller/wire/index.ts';
import type {
  NormalizedCustomizeRequest,
  NormalizedHookRequest,
  NormalizedHookResponse,
  RelatedResourceRule,
} from '../webhooks/metacontroller/wire/index.ts';
import type { HookAnswer, HookServer } from './hooks.ts';

export interface HookHandlers {
  sync(request: NormalizedHookRequest): NormalizedHookResponse;
  /** Defaults to `sync`, which sees `request.finalizing`. */
  finalize?(request: NormalizedHookRequest): NormalizedHookResponse;
  customize?(request: NormalizedCustomizeRequest): RelatedResourceRule[];
}

export function inProcessHooks(handlers: HookHandlers): HookServer {
  return (hook, body): HookAnswer => {
    try {
      if (hook === 'customize') {
        const req = decodeCustomizeRequest(body);
        return { status: 200, body: encodeCustomizeResponse(handlers.customize?.(req) ?? [], req) };
      }
      const req = decodeHookRequest(body, { hook });
      const handler = hook === 'finalize' && handlers.finalize ? handlers.finalize : handlers.sync;
      return { status: 200, body: encodeHookResponse(handler(req), req) };
    } catch (err) {
      if (err instanceof HookWireError) {
        return { status: err.statusCode, body: { code: err.code, message: err.message } };
      }
      return {
        status: 500,
        body: {
          code: 'MAESTRO_INTERNAL',
          message: err instanceof Error ? err.message : String(err),
        },
      };
    }
  };
}
