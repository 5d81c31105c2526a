// The admission surface: POST /validate and POST /mutate. Always HTTP 200 with
// an AdmissionReview: a denial is allowed:false with a 4xx code, and anything
// that goes wrong inside (a body that cannot be read included) is
// allowed:false with code 500, the uid echoed when it is known. The decision
// code is loaded on the first request, so `serve` starts without it.
import type { FastifyInstance } from 'fastify';
import type { Surface } from '../surfaces.ts';
import type * as AdmissionHandlers from '../../webhooks/admission/index.ts';
import type { OperatorVersionLookup } from '../../webhooks/admission/lookup.ts';
import { admissionUid, deniedReview } from '../../webhooks/admission/review.ts';
import { classifyError } from './errors.ts';
import type { RenderRunner } from '../render-pool.ts';
import { useExactJson } from '../json-body.ts';

type Handlers = typeof AdmissionHandlers;
let handlers: Promise<Handlers> | undefined;
const load = (): Promise<Handlers> => (handlers ??= import('../../webhooks/admission/index.ts'));

/** OperatorVersion checks through the render runner: a stopped worker is a denial naming the limit. */
function verifyThrough(renderer: RenderRunner): AdmissionHandlers.VerifyOperatorVersion {
  return async (object) => {
    const out = await renderer.run({ kind: 'verify-operator-version', object }, {});
    if (out.ok) return out.value as AdmissionHandlers.Verdict;
    const where = out.template === undefined ? '' : `template ${out.template}: `;
    return {
      errors: [`${where}rendering stopped: it exceeded ${out.message} [MAESTRO_RENDER_LIMIT]`],
      warnings: [],
    };
  };
}

export function admissionSurface(lookup: OperatorVersionLookup, renderer?: RenderRunner): Surface {
  const options = renderer === undefined ? {} : { verifyOperatorVersion: verifyThrough(renderer) };
  async function admission(app: FastifyInstance): Promise<void> {
    useExactJson(app);
    app.setErrorHandler(async (err, request, reply) => {
      const body = classifyError(err);
      if (body.statusCode >= 500) request.log.error({ err }, 'admission failed');
      else request.log.info({ code: body.code }, body.message);
      // A request Maestro cannot read is a 4xx denial (413 for a body over --body-limit); anything else is 500.
      const code = body.statusCode >= 500 ? 500 : body.statusCode >= 400 ? body.statusCode : 400;
      return reply
        .code(200)
        .send(deniedReview(admissionUid(request.body), code, `${body.message} [${body.code}]`));
    });
    app.post('/validate', async (request) =>
      (await load()).handleAdmission(request.body, lookup, 'validate', options),
    );
    app.post('/mutate', async (request) =>
      (await load()).handleAdmission(request.body, lookup, 'mutate', options),
    );
  }
  return { name: 'admission', kind: 'admission', plugin: admission };
}
