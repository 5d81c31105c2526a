// The Metacontroller surface: POST /sync, /finalize and /customize, for hook
// versions v1 and v2 (read from controller.spec.hooks.<hook>.version). /sync
// and /finalize hand the raw body to a render runner (the worker pool under
// `serve`), which runs the pure hook task (webhooks/metacontroller/hook-task.ts)
// and returns the answer's bytes. Any failure is a 5xx with a code and a
// message: never `200 {}`, which would delete every child (contracts.md §1.5).
// A render stopped by a worker limit is answered again with the template that
// stopped it refused, which the engine reports as a FATAL_ERROR step, every
// existing child echoed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Surface } from '../surfaces.ts';
import { parseJsonBody } from '../json-body.ts';
import type { MaestroError } from '../../errors.ts';
import type * as Runtime from './metacontroller-runtime.ts';
import { InProcessRenderer, type RenderRunner, type RequestDeadline } from '../render-pool.ts';
import type { HookAnswer, HookTask } from '../../webhooks/metacontroller/hook-task.ts';
import { errorBody } from './errors.ts';

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
  /** Where templates render: the worker pool under `serve`; in-process when unset. */
  renderer?: RenderRunner;
}

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .send({ statusCode: status, code, error: STATUS_CODES[status] ?? 'Error', message });
}

/** namespace/name of the body's parent, for a message; read only on a failure. */
function instanceName(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '(unreadable)';
  }
  const meta = (body as { parent?: { metadata?: { namespace?: string; name?: string } } })?.parent
    ?.metadata;
  return `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
}

/** Attempts at one request: each worker stop refuses one more template. */
const MAX_ATTEMPTS = 3;

/**
 * Runs a hook task; a worker stopped by a limit is answered again with the
 * template refused. All attempts share the request's one render deadline: an
 * attempt after it renders no template, so the answer (a failed step naming
 * the template and the limit) comes within the deadline and about a second.
 */
export async function answerWithRenderer(
  renderer: RenderRunner,
  task: HookTask,
): Promise<HookAnswer & { stops: number }> {
  const refuse: Record<string, string> = {};
  const deadline: RequestDeadline = {};
  for (let attempt = 1; ; attempt++) {
    const out = await renderer.run({ kind: 'hook', task }, refuse, deadline);
    if (out.ok) return { ...(out.value as HookAnswer), stops: attempt - 1 };
    const retry =
      out.stop !== 'overloaded' &&
      out.template !== undefined &&
      !Object.hasOwn(refuse, out.template) &&
      attempt < MAX_ATTEMPTS;
    if (!retry) {
      const status = out.stop === 'overloaded' ? 429 : 503;
      const code = out.stop === 'overloaded' ? 'MAESTRO_OVERLOADED' : 'MAESTRO_RENDER_LIMIT';
      const where = out.template === undefined ? '' : ` while rendering ${out.template}`;
      return {
        statusCode: status,
        payload: JSON.stringify(
          errorBody(code, status, `${task.hook} stopped${where}: it exceeded ${out.message}`),
        ),
        log: { level: 'warn', code, message: out.message },
        stops: attempt,
      };
    }
    refuse[out.template!] = `render stopped: it exceeded ${out.message} [MAESTRO_RENDER_LIMIT]`;
  }
}

export function metacontrollerSurface(options: MetacontrollerSurfaceOptions = {}): Surface {
  const now = options.now ?? (() => Date.now());
  const renderer = options.renderer ?? new InProcessRenderer();
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
      // The hooks' bodies go to the render worker as text: parsing them there
      // keeps the server's thread free, and a string is cheap to hand over.
      app.removeContentTypeParser('application/json');
      app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
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
          const inm = request.headers['if-none-match'];
          const body = typeof request.body === 'string' ? request.body : '';
          let answer: HookAnswer;
          try {
            const task: HookTask = {
              hook: name,
              body,
              ...(typeof inm === 'string' && { ifNoneMatch: inm }),
              now: now(),
              build,
              ...(sync && { sync }),
            };
            answer = await answerWithRenderer(renderer, task);
          } catch (err) {
            request.log.error({ err }, `${name} failed`);
            return fail(
              reply,
              500,
              'MAESTRO_SYNC_FAILED',
              `${name} of Instance ${instanceName(body)} failed: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
          if (answer.log !== undefined) {
            request.log[answer.log.level]({ code: answer.log.code }, answer.log.message);
          }
          if (answer.statusCode === 304) return reply.code(304).send();
          if (answer.statusCode === 429) reply.header('retry-after', '1');
          if (answer.etag !== undefined) reply.header('etag', answer.etag);
          return reply
            .code(answer.statusCode)
            .type('application/json; charset=utf-8')
            .send(answer.payload);
        };
      app.post('/sync', hook('sync'));
      app.post('/finalize', hook('finalize'));
      app.post('/customize', async (request, reply) => {
        const { HookWireError, decodeCustomizeRequest, encodeCustomizeResponse, handleCustomize } =
          await load();
        let body: unknown;
        try {
          body = parseJsonBody(typeof request.body === 'string' ? request.body : '');
        } catch (err) {
          const e = err as MaestroError;
          return fail(reply, e.statusCode, e.code, e.message);
        }
        try {
          const req = decodeCustomizeRequest(body);
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
