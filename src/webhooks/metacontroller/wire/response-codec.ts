// Encoding the engine's answer for Metacontroller, and decoding an answer the
// way Metacontroller does (for the simulator). The encoder refuses what would
// silently damage children: no status (Metacontroller would wipe it), a child
// without apiVersion, kind or name, or two children with one identity
// (Metacontroller keeps the last and drops the other, scenario 7b).

import {
  compareIdentity,
  describeIdentity,
  identityKey,
  identityOf,
} from '../../../engine/identity.ts';
import { isKObject, isRecord } from '../../../engine/kobject.ts';
import type { KObject } from '../../../engine/kobject.ts';
import { HookWireError } from './errors.ts';
import { describeSchemaError, validator } from './schemas.ts';
import type {
  HookVersion,
  NormalizedHookRequest,
  NormalizedHookResponse,
  ResponseUnmarshalMode,
  WireHookResponse,
} from './types.ts';

/**
 * The response body for the request's hook and version. The fields come out in
 * a fixed order and the children sorted by identity, so equal answers are
 * byte-identical. v1 and v2 share the shape; the body never holds a field a
 * strict (v2) decoder would reject.
 */
export function encodeHookResponse(
  response: NormalizedHookResponse,
  request: Pick<NormalizedHookRequest, 'hook' | 'version'>,
): WireHookResponse {
  if (!isRecord(response.status)) {
    throw new HookWireError(
      'MAESTRO_HOOK_BAD_RESPONSE',
      'response.status',
      'is missing; Metacontroller would replace the parent status with {}',
    );
  }
  if (!Array.isArray(response.children)) {
    throw new HookWireError(
      'MAESTRO_HOOK_BAD_RESPONSE',
      'response.children',
      'is missing; Metacontroller would delete every child',
    );
  }
  const seen = new Map<string, number>();
  response.children.forEach((child, i) => {
    const field = `response.children[${i}]`;
    if (
      !isKObject(child) ||
      typeof child.metadata.name !== 'string' ||
      child.metadata.name === ''
    ) {
      throw new HookWireError(
        'MAESTRO_HOOK_BAD_RESPONSE',
        field,
        'needs apiVersion, kind and metadata.name',
      );
    }
    const key = identityKey(identityOf(child));
    const first = seen.get(key);
    if (first !== undefined) {
      throw new HookWireError(
        'MAESTRO_HOOK_BAD_RESPONSE',
        field,
        `${describeIdentity(identityOf(child))} is also response.children[${first}]; Metacontroller would keep only one`,
      );
    }
    seen.set(key, i);
  });
  const children = [...response.children].sort((a, b) =>
    compareIdentity(identityOf(a), identityOf(b)),
  );
  const out: WireHookResponse = { status: response.status, children };
  const resync = response.resyncAfterSeconds;
  if (resync !== undefined && Number.isFinite(resync) && resync > 0)
    out.resyncAfterSeconds = resync;
  if (request.hook === 'finalize') out.finalized = response.finalized === true;
  return out;
}

/** How Metacontroller reads a hook response (contracts.md §1.4). */
export interface DecodedHookResponse {
  /** null when absent or null: Metacontroller then writes `{observedGeneration}` only. */
  status: Record<string, unknown> | null;
  /** [] when absent or null: every observed child gets deleted. */
  children: KObject[];
  resyncAfterSeconds: number;
  finalized: boolean;
  /** Unknown top-level fields a loose decoder ignored. */
  ignoredFields: string[];
}

/** The decoding mode Metacontroller uses: the webhook's setting, else loose for v1 and strict for v2. */
export function responseMode(
  version: HookVersion,
  configured?: ResponseUnmarshalMode,
): ResponseUnmarshalMode {
  return configured ?? (version === 'v2' ? 'strict' : 'loose');
}

/**
 * Decodes a response body as Metacontroller would. Throws HookWireError
 * (MAESTRO_HOOK_BAD_RESPONSE) where Metacontroller fails the sync: a body that
 * is not an object, fields of the wrong type, or, in strict mode, unknown fields.
 */
export function decodeHookResponse(
  body: unknown,
  mode: ResponseUnmarshalMode,
): DecodedHookResponse {
  const validate = validator(
    mode === 'strict' ? 'CompositeHookResponseStrict' : 'CompositeHookResponseLoose',
  );
  if (!validate(body)) {
    const { field, message } = describeSchemaError('response', validate.errors);
    throw new HookWireError('MAESTRO_HOOK_BAD_RESPONSE', field, message);
  }
  const r = body as Record<string, unknown>;
  const known = new Set(['status', 'children', 'resyncAfterSeconds', 'finalized']);
  return {
    status: (r.status as Record<string, unknown> | null | undefined) ?? null,
    children: (r.children as KObject[] | null | undefined) ?? [],
    resyncAfterSeconds: typeof r.resyncAfterSeconds === 'number' ? r.resyncAfterSeconds : 0,
    finalized: r.finalized === true,
    ignoredFields: Object.keys(r)
      .filter((k) => !known.has(k))
      .sort(),
  };
}
