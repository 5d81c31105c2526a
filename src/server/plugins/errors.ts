// One error shape for every route: {statusCode, code, error, message}, with
// Maestro's stable codes (docs/errors.md) in place of fastify's internal ones.
// Surfaces whose callers need another shape (AdmissionReview, ConversionReview)
// set their own error handler inside their plugin.
import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import { MaestroError, type ErrorCode } from '../../errors.ts';

// fastify's codes for request problems, mapped to ours.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'MAESTRO_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MAESTRO_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MAESTRO_BAD_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MAESTRO_BAD_CONTENT_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MAESTRO_BAD_JSON',
};

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
}

export function errorBody(code: ErrorCode, statusCode: number, message: string): ErrorBody {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Classifies any thrown value into a status, a stable code and a message safe to send. */
export function classifyError(err: unknown): ErrorBody {
  if (err instanceof MaestroError) return errorBody(err.code, err.statusCode, err.message);
  const fe = err as Partial<FastifyError> | undefined;
  const mapped = fe?.code === undefined ? undefined : FASTIFY_CODES[fe.code];
  if (mapped !== undefined) {
    const status = fe?.statusCode ?? 400;
    let message = fe?.message ?? mapped;
    if (mapped === 'MAESTRO_BAD_JSON') message = `The request body is not valid JSON: ${message}`;
    return errorBody(mapped, status, message);
  }
  const status = fe?.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return errorBody('MAESTRO_BAD_JSON', status, fe?.message ?? 'Bad request');
  }
  return errorBody('MAESTRO_INTERNAL', 500, 'Internal error; the server log has the details.');
}

async function errors(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (err, request, reply) => {
    const body = classifyError(err);
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: body.code }, body.message);
    return reply.code(body.statusCode).send(body);
  });
  app.setNotFoundHandler(async (request, reply) => {
    return reply
      .code(404)
      .send(errorBody('MAESTRO_NOT_FOUND', 404, `No route for ${request.method} ${request.url}`));
  });
}

export const errorsPlugin = fp(errors, { name: 'maestro-errors', fastify: '5.x' });
