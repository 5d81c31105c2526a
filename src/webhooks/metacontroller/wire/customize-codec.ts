// The customize hook: `{controller, parent}` in, `{relatedResources}` out
// (contracts.md §1.8). Maestro answers with the one OperatorVersion the
// Instance names; the rule checks below keep any answer within what
// Metacontroller accepts for the hook's version.

import type { KObject } from '../../../engine/kobject.ts';
import { HookWireError } from './errors.ts';
import { hookVersion } from './request-codec.ts';
import { describeSchemaError, validator } from './schemas.ts';
import type {
  NormalizedCustomizeRequest,
  RelatedResourceRule,
  WireCustomizeRequest,
  WireCustomizeResponse,
} from './types.ts';

export function decodeCustomizeRequest(body: unknown): NormalizedCustomizeRequest {
  const validate = validator('CustomizeHookRequest');
  if (!validate(body)) {
    const { field, message } = describeSchemaError('request', validate.errors);
    throw new HookWireError('MAESTRO_HOOK_BAD_REQUEST', field, message);
  }
  const req = body as WireCustomizeRequest;
  return {
    version: hookVersion(req.controller, 'customize'),
    controller: req.controller,
    parent: req.parent,
  };
}

/** The response body; throws MAESTRO_HOOK_BAD_RESPONSE for a rule Metacontroller would reject. */
export function encodeCustomizeResponse(
  rules: readonly RelatedResourceRule[],
  request: NormalizedCustomizeRequest,
): WireCustomizeResponse {
  rules.forEach((rule, i) => checkRule(rule, `response.relatedResources[${i}]`, request));
  const out: WireCustomizeResponse = { relatedResources: rules.map((r) => ({ ...r })) };
  const validate = validator('CustomizeHookResponse');
  if (!validate(out)) {
    const { field, message } = describeSchemaError('response', validate.errors);
    throw new HookWireError('MAESTRO_HOOK_BAD_RESPONSE', field, message);
  }
  return out;
}

function checkRule(
  rule: RelatedResourceRule,
  field: string,
  request: NormalizedCustomizeRequest,
): void {
  const bad = (message: string) => new HookWireError('MAESTRO_HOOK_BAD_RESPONSE', field, message);
  if (rule.names && (rule.labelSelector || rule.namespaceSelector)) {
    throw bad('names cannot be combined with labelSelector or namespaceSelector');
  }
  if (rule.namespace !== undefined && rule.namespaceSelector) {
    throw bad('namespace cannot be combined with namespaceSelector');
  }
  const parentNs = (request.parent as KObject).metadata.namespace ?? '';
  if (request.version === 'v1' && parentNs !== '') {
    if (rule.namespaceSelector)
      throw bad('a v1 customize hook of a namespaced parent cannot use namespaceSelector');
    if (rule.namespace !== undefined && rule.namespace !== parentNs) {
      throw bad(
        `a v1 customize hook can only relate objects in the parent's namespace "${parentNs}"`,
      );
    }
  }
}
