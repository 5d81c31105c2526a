// The conversion surface: POST /convert. Always HTTP 200 with a
// ConversionReview, even when the body cannot be read or Maestro fails inside:
// kube-apiserver turns anything else into an opaque "conversion webhook
// failed" error, and a Retry-After would make it retry within its deadline.
// The conversion code is loaded on the first request, so `serve` starts without it.
import type { FastifyInstance } from 'fastify';
import type { Surface } from '../surfaces.ts';
import type * as ConversionHandlers from '../../webhooks/conversion/index.ts';
import { conversionFailure, conversionUid } from '../../webhooks/conversion/review.ts';
import { classifyError } from './errors.ts';
import { useExactJson } from '../json-body.ts';

let handlers: Promise<typeof ConversionHandlers> | undefined;
const load = () => (handlers ??= import('../../webhooks/conversion/index.ts'));

async function conversion(app: FastifyInstance): Promise<void> {
  useExactJson(app);
  app.setErrorHandler(async (err, request, reply) => {
    const body = classifyError(err);
    if (body.statusCode >= 500) request.log.error({ err }, 'conversion failed');
    else request.log.info({ code: body.code }, body.message);
    const uid = conversionUid(request.body);
    return reply.code(200).send(conversionFailure(uid, `${body.message} [${body.code}]`));
  });
  app.post('/convert', async (request) => (await load()).convertReview(request.body));
}

export const conversionSurface: Surface = {
  name: 'conversion',
  kind: 'conversion',
  plugin: conversion,
};
