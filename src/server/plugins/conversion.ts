// The conversion surface: POST /convert. Always HTTP 200 with a
// ConversionReview, even when the body cannot be read or Maestro fails inside:
// kube-apiserver turns anything else into an opaque "conversion webhook
// failed" error, and a Retry-After would make it retry within its deadline.
// The conversion code is loaded on the first request, so `serve` starts without it.
// The plain case of the same route is also answered outside fastify's request
// path (../convert-fast-path.ts), with the two functions below.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Surface } from '../surfaces.ts';
import type * as ConversionHandlers from '../../webhooks/conversion/index.ts';
import {
  conversionFailure,
  conversionUid,
  type ConversionReviewResponse,
} from '../../webhooks/conversion/review.ts';
import { classifyError } from './errors.ts';
import { useExactJson } from '../json-body.ts';

let handlers: Promise<typeof ConversionHandlers> | undefined;
let loaded: typeof ConversionHandlers | undefined;
const load = () =>
  (handlers ??= import('../../webhooks/conversion/index.ts').then((m) => (loaded = m)));

/** The answer to a parsed ConversionReview body. */
export async function answerConversion(body: unknown): Promise<ConversionReviewResponse> {
  return (loaded ?? (await load())).convertReview(body);
}

/** The answer when reading or converting `body` failed with `err`, logged. */
export function conversionErrorAnswer(
  err: unknown,
  body: unknown,
  log: FastifyBaseLogger,
): ConversionReviewResponse {
  const classified = classifyError(err);
  if (classified.statusCode >= 500) log.error({ err }, 'conversion failed');
  else log.info({ code: classified.code }, classified.message);
  return conversionFailure(conversionUid(body), `${classified.message} [${classified.code}]`);
}

async function conversion(app: FastifyInstance): Promise<void> {
  useExactJson(app);
  app.setErrorHandler(async (err, request, reply) =>
    reply.code(200).send(conversionErrorAnswer(err, request.body, request.log)),
  );
  app.post('/convert', async (request) => answerConversion(request.body));
}

export const conversionSurface: Surface = {
  name: 'conversion',
  kind: 'conversion',
  plugin: conversion,
};
