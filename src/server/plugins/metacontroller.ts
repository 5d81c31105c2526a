// The Metacontroller surface: POST /sync, /finalize and /customize, for hook
// versions v1 and v2 (read from controller.spec.hooks.<hook>.version). The
// routes decode the request with the wire codecs, call the pure handlers and
// encode the answer. Any failure is a 5xx with a code and a message: never
// `200 {}`, which would delete every child (contracts.md §1.5).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Surface } from '../surfaces.ts';
import type * as Runtime from './metacontroller-runtime.ts';

// The engine is loaded on the first hook call, not at start-up.
let runtime: Promise<typeof Runtime> | undefined;
const load = (): Promise<typeof Runtime> => (runtime ??= import('./metacontroller-runtime.ts'));

/** Part of every ETag; bump it whenever the engine's answers change, so no 304 answers an old build's tag. */
const BUILD = 'maestro-plan-engine-1';

export interface MetacontrollerSurfaceOptions {
  /** The clock the engine reads; tests pin it. */
  now?: () => number;
  /** The image of pipe Jobs' `publish` container (--pipe-image). */
  pipeImage?: string;
  /** Metacontroller's server-side-apply field manager (--field-manager; default metacontroller). */
  fieldManager?: string;
}

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .send({ statusCode: status, code, error: STATUS_CODES[status] ?? 'Error', message });
}

function instanceName(body: unknown): string {
  const meta = (body as { parent?: { metadata?: { namespace?: string; name?: string } } })?.parent
    ?.metadata;
  return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
}

export function metacontrollerSurface(options: MetacontrollerSurfaceOptions = {}): Surface {
  const now = options.now ?? (() => Date.now());
  // The image and the field manager shape the answers, so they are part of the ETag's build too.
  const build = [BUILD, options.pipeImage, options.fieldManager]
    .map((p) => p ?? '')
    .join('+')
    .replace(/\++$/, '');
  const sync =
    options.pipeImage === undefined && options.fieldManager === undefined
      ? undefined
      : {
          ...(options.pipeImage !== undefined && { pipeImage: options.pipeImage }),
          ...(options.fieldManager !== undefined && { fieldManager: options.fieldManager }),
        };
  return {
    name: 'metacontroller',
    kind: 'metacontroller',
    plugin: async (app: FastifyInstance) => {
      const hook =
        (name: 'sync' | 'finalize') =>
        async (
          request: {
            body: unknown;
            log: FastifyInstance['log'];
            headers: Record<string, string | string[] | undefined>;
          },
          reply: FastifyReply,
        ) => {
          const {
            HookWireError,
            PlanEngineError,
            decodeHookRequest,
            encodeHookResponse,
            hookEtag,
            runSync,
            toHookResponse,
          } = await load();
          try {
            const at = now();
            const tag = hookEtag(name, build, request.body, at);
            if (request.headers['if-none-match'] === tag) return reply.code(304).send();
            const req = decodeHookRequest(request.body, { hook: name });
            const out = runSync(req, { now: () => at, ...(sync && { sync }) });
            return reply
              .code(200)
              .header('etag', tag)
              .send(encodeHookResponse(toHookResponse(out), req));
          } catch (err) {
            if (err instanceof HookWireError)
              return fail(reply, err.statusCode, err.code, err.message);
            if (err instanceof PlanEngineError) {
              request.log.warn({ code: err.code }, err.message);
              return fail(reply, err.statusCode, err.code, err.message);
            }
            request.log.error({ err }, `${name} failed`);
            return fail(
              reply,
              500,
              'MAESTRO_SYNC_FAILED',
              `${name} of Instance ${instanceName(request.body)} failed: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
        };
      app.post('/sync', hook('sync'));
      app.post('/finalize', hook('finalize'));
      app.post('/customize', async (request, reply) => {
        const { HookWireError, decodeCustomizeRequest, encodeCustomizeResponse, handleCustomize } =
          await load();
        try {
          const req = decodeCustomizeRequest(request.body);
          return reply.code(200).send(encodeCustomizeResponse(handleCustomize(req), req));
        } catch (err) {
          if (err instanceof HookWireError)
            return fail(reply, err.statusCode, err.code, err.message);
          request.log.error({ err }, 'customize failed');
          return fail(
            reply,
            500,
            'MAESTRO_SYNC_FAILED',
            `customize failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      });
    },
  };
}
