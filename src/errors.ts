// Stable error codes. Every error that crosses a surface (an HTTP answer, a
// status condition, a CLI message) carries one of these codes. Codes are never
// reused or renamed once released; docs/errors.md lists each one, and a test
// fails when the two drift apart. Each area keeps its codes in its own table
// so that areas can grow independently; this module joins them.

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

/**
 * Errors of the plan engine (src/engine/plan). The engine itself reports
 * almost everything in status (a failed step, a condition); these are the
 * cases where the only safe answer is a 5xx that changes nothing.
 */
export const planEngineErrors = {
  MAESTRO_SYNC_PARENT_VERSION: {
    status: 500,
    summary:
      'The sync hook got a parent that is not maestro.dev/v1; run the CompositeController on v1 (maestro manifests does), whose status schema holds the bookkeeping.',
  },
  MAESTRO_SYNC_FAILED: {
    status: 500,
    summary:
      'The plan engine failed unexpectedly; nothing was applied. The message names the instance; the server log has the details.',
  },
} as const;

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
  MAESTRO_INSTANCE_OPERATOR_MISMATCH: {
    status: 403,
    summary:
      "An Instance names another operator's OperatorVersion, or changes its maestro.dev/operator label.",
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

/**
 * Problems the plan engine reports in a status condition, the code ending
 * the condition's message; the hook itself answers 200 (status 200 here), and
 * every child is kept.
 */
export const conditionErrors = {
  MAESTRO_CLUSTER_SCOPED_CHILD: {
    status: 200,
    summary:
      'A namespaced Instance rendered a cluster-scoped kind; the step fails: install the package as a ClusterInstance.',
  },
  MAESTRO_CLUSTER_INSTANCE_NAMESPACE: {
    status: 200,
    summary:
      'A ClusterInstance has no spec.namespace; nothing runs and every child is kept until it is set.',
  },
  MAESTRO_OPERATOR_MISMATCH: {
    status: 200,
    summary:
      "The OperatorVersion belongs to another operator than the Instance's label or the controller; nothing of it runs.",
  },
  MAESTRO_STATUS_INTENT_IGNORED: {
    status: 200,
    summary:
      'A delete intent in status.maestro that no Delete task, prune or cleanup of a recorded execution accounts for was ignored.',
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

/** Errors of the cluster commands (install, update, upgrade, uninstall, plan, get, diagnostics, init). */
export const cliErrors = {
  MAESTRO_REPO_UNAVAILABLE: {
    status: 502,
    summary: 'A repository index or package tarball could not be downloaded or read.',
  },
  MAESTRO_REPO_INVALID: {
    status: 400,
    summary:
      'A repository index is not valid, lacks the package or version, or a tarball does not match its digest.',
  },
  MAESTRO_CLUSTER_UNREACHABLE: {
    status: 503,
    summary: 'No cluster is configured, or the API server could not be reached.',
  },
  MAESTRO_CLUSTER_REFUSED: {
    status: 400,
    summary: 'The API server (or Maestro admission) refused a request; the message is its answer.',
  },
  MAESTRO_INSTANCE_NOT_FOUND: { status: 404, summary: 'The named Instance does not exist.' },
  MAESTRO_INSTANCE_EXISTS: {
    status: 409,
    summary: 'install found an Instance of that name already in the namespace.',
  },
  MAESTRO_PARAMETERS_MISSING: {
    status: 422,
    summary: 'Required parameters have no value and no default, or unknown parameters were given.',
  },
  MAESTRO_UPGRADE_NOT_NEWER: {
    status: 409,
    summary: 'upgrade was given a package version that is not newer than the installed one.',
  },
  MAESTRO_METACONTROLLER_MISSING: {
    status: 412,
    summary: 'The cluster has no Metacontroller (no CompositeController API).',
  },
  MAESTRO_WAIT_TIMEOUT: {
    status: 504,
    summary: '--wait ended at --timeout before the plan or deletion finished.',
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
  ...conditionErrors,
  ...templateErrors,
  ...cliErrors,
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
