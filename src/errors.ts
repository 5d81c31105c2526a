// Stable error codes. Every error that crosses a surface (an HTTP answer, a
// status condition, a CLI message) carries one of these codes. Codes are never
// reused or renamed once released; docs/errors.md lists each one, and a test
// fails when the two drift apart. Each area keeps its codes in its own table
// so that areas can grow independently; this module joins them.

import { planEngineErrors } from './engine/plan/errors.ts';

/** What a code means for the caller: the HTTP status a surface maps it to. */
export interface ErrorSpec {
  /** HTTP status where the error ends a request (Metacontroller and CLI surfaces). */
  status: number;
  /** One line: what went wrong, for docs/errors.md. */
  summary: string;
}

/** Errors of the HTTP service itself (src/server). */
export const serverErrors = {
  MAESTRO_BODY_TOO_LARGE: { status: 413, summary: 'The request body is larger than --body-limit.' },
  MAESTRO_BAD_JSON: { status: 400, summary: 'The request body is not valid JSON.' },
  MAESTRO_BAD_CONTENT_TYPE: {
    status: 415,
    summary: 'The request body is not application/json.',
  },
  MAESTRO_OVERLOADED: {
    status: 429,
    summary: 'Too many Metacontroller requests at once; retry after the Retry-After delay.',
  },
  MAESTRO_SHUTTING_DOWN: {
    status: 503,
    summary: 'The process is draining after SIGTERM and takes no new work.',
  },
  MAESTRO_NOT_FOUND: { status: 404, summary: 'No route answers this method and path.' },
  MAESTRO_RENDER_LIMIT: {
    status: 503,
    summary:
      'A render worker was stopped by its memory ceiling (--render-memory) or the render deadline (--render-deadline).',
  },
  MAESTRO_INTERNAL: { status: 500, summary: 'An unexpected failure inside Maestro.' },
  MAESTRO_CONFIG_INVALID: {
    status: 500,
    summary: 'A flag or environment variable has a value Maestro cannot use.',
  },
  MAESTRO_TLS_LOAD_FAILED: {
    status: 500,
    summary: 'The TLS certificate or key could not be read or parsed.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of the Metacontroller hook wire (src/webhooks/metacontroller/wire). */
export const hookWireErrors = {
  MAESTRO_HOOK_BAD_REQUEST: {
    status: 400,
    summary:
      'A hook request does not have the shape Metacontroller sends; the message names the field.',
  },
  MAESTRO_HOOK_BAD_KEY: {
    status: 400,
    summary: 'A children or related key is not `Kind.version` or `Kind.group/version`.',
  },
  MAESTRO_HOOK_BAD_RESPONSE: {
    status: 500,
    summary:
      'Maestro refused to send a hook response that would damage children: no status, a child without a name, or a duplicate child.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of the API model (src/model): conversion between served versions. */
export const modelErrors = {
  MAESTRO_CONVERSION_UNSUPPORTED: {
    status: 400,
    summary: 'An object of a version or kind that Maestro does not serve was sent for conversion.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of operator packages (src/package): reading, parsing, verifying. */
export const packageErrors = {
  MAESTRO_PACKAGE_NOT_FOUND: {
    status: 400,
    summary: 'The package directory or .tgz does not exist or cannot be read.',
  },
  MAESTRO_PACKAGE_INVALID: {
    status: 400,
    summary: 'A package file is missing, is not valid YAML, or has the wrong shape.',
  },
  MAESTRO_PACKAGE_PARAMS_INVALID: {
    status: 400,
    summary: 'A parameter value given with -p or -P is not valid for the package.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of the admission and conversion webhooks (src/webhooks/admission, src/webhooks/conversion, src/kube). */
export const webhookErrors = {
  MAESTRO_ADMISSION_BAD_REVIEW: {
    status: 400,
    summary: 'The body sent to /validate or /mutate is not an admission.k8s.io/v1 AdmissionReview.',
  },
  MAESTRO_CONVERSION_BAD_REVIEW: {
    status: 400,
    summary: 'The body sent to /convert is not an apiextensions.k8s.io/v1 ConversionReview.',
  },
  MAESTRO_OPERATORVERSION_INVALID: {
    status: 422,
    summary: 'An OperatorVersion fails the package verify checks that apply to it.',
  },
  MAESTRO_INSTANCE_INVALID: {
    status: 422,
    summary: 'An Instance names unknown parameters or plans, or has invalid or missing values.',
  },
  MAESTRO_INSTANCE_CONFLICT: {
    status: 409,
    summary:
      'An Instance update conflicts with the plan that is scheduled or running, or with its deletion.',
  },
  MAESTRO_OPERATORVERSION_NOT_FOUND: {
    status: 404,
    summary: 'The OperatorVersion an Instance names does not exist.',
  },
  MAESTRO_OPERATORVERSION_LOOKUP_FAILED: {
    status: 500,
    summary:
      'Reading the OperatorVersion an Instance names failed: refused, timed out or unreachable.',
  },
  MAESTRO_NO_CLUSTER: {
    status: 500,
    summary: 'Instance admission needs to read from a cluster, and none is configured.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of the template engine (src/template). The message is Go's, naming template, line and column. */
export const templateErrors = {
  MAESTRO_TEMPLATE_PARSE: {
    status: 422,
    summary: 'A template does not parse; the message names the template and line.',
  },
  MAESTRO_TEMPLATE_EXEC: {
    status: 422,
    summary:
      'A template failed while rendering; the message names template, line, column and action.',
  },
  MAESTRO_TEMPLATE_BUDGET: {
    status: 422,
    summary: 'A render ran out of its budget of steps, output bytes or nesting depth.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** Errors of install manifests (src/helm, `maestro manifests --install`, child types by cluster). */
export const installErrors = {
  MAESTRO_CHART_RENDER: {
    status: 422,
    summary:
      'The chart does not render: a value fails values.schema.json, a required value is missing, or a template fails.',
  },
  MAESTRO_API_NOT_SERVED: {
    status: 422,
    summary: 'A manifest needs an apiVersion that the target Kubernetes version does not serve.',
  },
} as const satisfies Record<string, ErrorSpec>;

export const errorCatalogue = {
  ...installErrors,
  ...serverErrors,
  ...hookWireErrors,
  ...planEngineErrors,
  ...modelErrors,
  ...packageErrors,
  ...webhookErrors,
  ...templateErrors,
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An error with a stable code. `details` is structured context for logs and status. */
export class MaestroError extends Error {
  override name = 'MaestroError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.statusCode = errorCatalogue[code].status;
    this.details = options.details;
  }
}
