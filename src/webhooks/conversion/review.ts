// The ConversionReview wire (apiextensions.k8s.io/v1, contracts.md §4.1) and
// its decoding. A body that is not a ConversionReview still gets one back:
// kube-apiserver treats anything but an HTTP 200 review as a failed call.

export const CONVERSION_REVIEW_API_VERSION = 'apiextensions.k8s.io/v1';

export interface KObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ConversionRequest {
  uid: string;
  desiredAPIVersion: string;
  objects: unknown[];
}

export interface ConversionResult {
  status: 'Success' | 'Failure';
  message?: string;
}

export interface ConversionReviewResponse {
  apiVersion: typeof CONVERSION_REVIEW_API_VERSION;
  kind: 'ConversionReview';
  response: { uid: string; convertedObjects: unknown[]; result: ConversionResult };
}

export type Decoded =
  { ok: true; request: ConversionRequest } | { ok: false; uid: string; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The request's uid when one can be read, else ''. */
export function conversionUid(body: unknown): string {
  if (!isObject(body) || !isObject(body.request)) return '';
  return typeof body.request.uid === 'string' ? body.request.uid : '';
}

export function decodeConversionReview(body: unknown): Decoded {
  const uid = conversionUid(body);
  const fail = (message: string): Decoded => ({
    ok: false,
    uid,
    message: `${message} [MAESTRO_CONVERSION_BAD_REVIEW]`,
  });
  if (!isObject(body)) return fail('the request body is not a ConversionReview object');
  if (body.apiVersion !== CONVERSION_REVIEW_API_VERSION || body.kind !== 'ConversionReview') {
    return fail(
      `expected apiVersion ${CONVERSION_REVIEW_API_VERSION} and kind ConversionReview, got ${String(body.apiVersion)} ${String(body.kind)}; set conversionReviewVersions: ["v1"] in the CRD`,
    );
  }
  const request = body.request;
  if (!isObject(request)) return fail('the ConversionReview has no request');
  if (typeof request.uid !== 'string' || request.uid === '') return fail('request.uid is missing');
  if (typeof request.desiredAPIVersion !== 'string' || request.desiredAPIVersion === '') {
    return fail('request.desiredAPIVersion is missing');
  }
  if (!Array.isArray(request.objects)) return fail('request.objects is not a list');
  return {
    ok: true,
    request: {
      uid: request.uid,
      desiredAPIVersion: request.desiredAPIVersion,
      objects: request.objects,
    },
  };
}

export function conversionResponse(
  uid: string,
  convertedObjects: unknown[],
  result: ConversionResult,
): ConversionReviewResponse {
  return {
    apiVersion: CONVERSION_REVIEW_API_VERSION,
    kind: 'ConversionReview',
    response: { uid, convertedObjects, result },
  };
}

/** A failed conversion: no objects, a message kube-apiserver shows to the user. */
export function conversionFailure(uid: string, message: string): ConversionReviewResponse {
  return conversionResponse(uid, [], { status: 'Failure', message });
}
