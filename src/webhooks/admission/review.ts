// The AdmissionReview wire (admission.k8s.io/v1, contracts.md §3.1-3.2) and
// its decoding. Only what Maestro reads is checked; every other field passes.

export const ADMISSION_REVIEW_API_VERSION = 'admission.k8s.io/v1';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionRequest {
  uid: string;
  kind: GroupVersionKind;
  resource?: { group: string; version: string; resource: string };
  subResource?: string;
  name?: string;
  namespace?: string;
  operation: Operation;
  userInfo?: unknown;
  object?: unknown;
  oldObject?: unknown;
  dryRun?: boolean;
  options?: unknown;
}

export interface AdmissionStatus {
  code: number;
  reason: string;
  message: string;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  patchType?: 'JSONPatch';
  patch?: string;
  warnings?: string[];
}

export interface AdmissionReviewResponse {
  apiVersion: typeof ADMISSION_REVIEW_API_VERSION;
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

export type Decoded =
  { ok: true; request: AdmissionRequest } | { ok: false; uid: string; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const operations = new Set(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/** The request's uid when one can be read, else ''. */
export function admissionUid(body: unknown): string {
  if (!isObject(body) || !isObject(body.request)) return '';
  return typeof body.request.uid === 'string' ? body.request.uid : '';
}

export function decodeAdmissionReview(body: unknown): Decoded {
  const uid = admissionUid(body);
  const fail = (message: string): Decoded => ({ ok: false, uid, message });
  if (!isObject(body)) return fail('the request body is not an AdmissionReview object');
  if (body.apiVersion !== ADMISSION_REVIEW_API_VERSION || body.kind !== 'AdmissionReview') {
    return fail(
      `expected apiVersion ${ADMISSION_REVIEW_API_VERSION} and kind AdmissionReview, got ${String(body.apiVersion)} ${String(body.kind)}; set admissionReviewVersions: ["v1"] in the webhook configuration`,
    );
  }
  const request = body.request;
  if (!isObject(request)) return fail('the AdmissionReview has no request');
  if (typeof request.uid !== 'string' || request.uid === '') return fail('request.uid is missing');
  const kind = request.kind;
  if (!isObject(kind) || typeof kind.kind !== 'string' || typeof kind.group !== 'string') {
    return fail('request.kind is missing or not a group/version/kind');
  }
  if (typeof request.operation !== 'string' || !operations.has(request.operation)) {
    return fail(
      `request.operation ${String(request.operation)} is not CREATE, UPDATE, DELETE or CONNECT`,
    );
  }
  return { ok: true, request: request as unknown as AdmissionRequest };
}

export function admissionReview(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_REVIEW_API_VERSION, kind: 'AdmissionReview', response };
}

const reasons: Record<number, string> = {
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  500: 'InternalError',
};

export function statusReason(code: number): string {
  return reasons[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}

/** A denial or an internal failure: HTTP 200 all the same, `allowed: false`. */
export function deniedReview(
  uid: string,
  code: number,
  message: string,
  warnings: string[] = [],
): AdmissionReviewResponse {
  return admissionReview({
    uid,
    allowed: false,
    status: { code, reason: statusReason(code), message },
    ...(warnings.length > 0 ? { warnings } : {}),
  });
}
