// POST /validate and POST /mutate: an AdmissionReview in, an AdmissionReview
// out, always. The routing by kind and operation, and the wire rules of
// contracts.md §3.2: uid echoed, no patch from the validating webhook, a patch
// only with its patchType, a denial as allowed:false with a 4xx code, and an
// internal failure as allowed:false with code 500.
import type { ErrorCode } from '../../errors.ts';
import { jsonEqual } from '../../model/conversion/wrap.ts';
import { CLUSTER_INSTANCE, GROUP } from '../../model/names.ts';
import type { Decision } from './decision.ts';
import type { Verdict } from './operator-version.ts';
import { internal } from './decision.ts';
import { admitInstanceCreate, admitInstanceUpdate, type Mode } from './instance.ts';
import type { OperatorVersionLookup } from './lookup.ts';
import { encodedPatch } from './patch.ts';
import {
  admissionReview,
  decodeAdmissionReview,
  deniedReview,
  statusReason,
  type AdmissionRequest,
  type AdmissionReviewResponse,
} from './review.ts';

export { noClusterLookup } from './lookup.ts';
export type { OperatorVersionLookup } from './lookup.ts';
export type { Verdict } from './operator-version.ts';

/** Runs `package verify` on an OperatorVersion; the server runs it in a render worker. */
export type VerifyOperatorVersion = (object: unknown) => Promise<Verdict>;

export interface AdmissionOptions {
  /** Where OperatorVersion checks (template renders included) run; in-process when unset. */
  verifyOperatorVersion?: VerifyOperatorVersion;
}

async function operatorVersionDecision(
  request: AdmissionRequest,
  mode: Mode,
  options: AdmissionOptions,
): Promise<Decision> {
  if (mode === 'mutate') return { allowed: true, warnings: [] };
  const spec = (o: unknown) => (o as { spec?: unknown } | null)?.spec;
  if (request.operation === 'UPDATE' && jsonEqual(spec(request.oldObject), spec(request.object))) {
    // Labels, annotations or finalizers only: the spec was admitted when it was written.
    return { allowed: true, warnings: [] };
  }
  // Loaded on the first OperatorVersion: it brings the template engine, which Instance admission never needs.
  const verify =
    options.verifyOperatorVersion ??
    (async (object: unknown) =>
      (await import('./operator-version.ts')).verifyOperatorVersion(object));
  const verdict = await verify(request.object);
  const meta = (request.object as { metadata?: { name?: string } } | null)?.metadata;
  const id = `${request.namespace ? `${request.namespace}/` : ''}${meta?.name || request.name || ''}`;
  if (verdict.errors.length === 0) return { allowed: true, warnings: verdict.warnings };
  const n = verdict.errors.length;
  return {
    allowed: false,
    code: 422,
    message: `OperatorVersion ${id} is not valid (${n} problem${n === 1 ? '' : 's'}): ${verdict.errors.map((e, i) => `${i + 1}) ${e}`).join('; ')}. Fix them in the package and apply it again; \`maestro package verify DIR\` lists them too`,
    warnings: verdict.warnings,
  };
}

/** The stable code a denial carries at the end of its message (docs/errors.md). */
function errorCodeFor(kind: string, code: number): ErrorCode {
  if (code >= 500) return 'MAESTRO_INTERNAL';
  if (code === 404) return 'MAESTRO_OPERATORVERSION_NOT_FOUND';
  if (kind === 'OperatorVersion') return 'MAESTRO_OPERATORVERSION_INVALID';
  if (code === 409) return 'MAESTRO_INSTANCE_CONFLICT';
  if (code === 400) return 'MAESTRO_ADMISSION_BAD_REVIEW';
  return 'MAESTRO_INSTANCE_INVALID';
}

async function decide(
  request: AdmissionRequest,
  lookup: OperatorVersionLookup,
  mode: Mode,
  options: AdmissionOptions,
): Promise<Decision> {
  if (request.kind.group !== GROUP || request.subResource) return { allowed: true, warnings: [] };
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE')
    return { allowed: true, warnings: [] };
  if (request.object === null || typeof request.object !== 'object') {
    return {
      allowed: false,
      code: 400,
      message: `a ${request.operation} AdmissionReview must carry request.object`,
      warnings: [],
    };
  }
  switch (request.kind.kind) {
    case 'OperatorVersion':
      return operatorVersionDecision(request, mode, options);
    case 'Instance':
    case CLUSTER_INSTANCE:
      return request.operation === 'CREATE'
        ? admitInstanceCreate(request, lookup)
        : admitInstanceUpdate(request, lookup, mode);
    default:
      return { allowed: true, warnings: [] };
  }
}

export async function handleAdmission(
  body: unknown,
  lookup: OperatorVersionLookup,
  mode: Mode,
  options: AdmissionOptions = {},
): Promise<AdmissionReviewResponse> {
  const decoded = decodeAdmissionReview(body);
  if (!decoded.ok) {
    return deniedReview(decoded.uid, 400, `${decoded.message} [MAESTRO_ADMISSION_BAD_REVIEW]`);
  }
  const { request } = decoded;
  let decision: Decision;
  try {
    decision = await decide(request, lookup, mode, options);
  } catch (err) {
    decision = internal(
      `Maestro failed while admitting this object: ${(err as Error)?.message ?? String(err)} [MAESTRO_INTERNAL]`,
    );
  }
  const warnings = decision.warnings.length > 0 ? { warnings: decision.warnings } : {};
  if (!decision.allowed) {
    const code = decision.code;
    const tag = decision.errorCode ?? errorCodeFor(request.kind.kind, code);
    return admissionReview({
      uid: request.uid,
      allowed: false,
      status: { code, reason: statusReason(code), message: `${decision.message} [${tag}]` },
      ...warnings,
    });
  }
  const patch =
    mode === 'mutate' && decision.mutated !== undefined
      ? encodedPatch(request.object, decision.mutated)
      : undefined;
  return admissionReview({
    uid: request.uid,
    allowed: true,
    ...(patch !== undefined ? { patchType: 'JSONPatch' as const, patch } : {}),
    ...warnings,
  });
}
