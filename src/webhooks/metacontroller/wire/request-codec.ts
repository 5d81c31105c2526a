// Decoding sync and finalize requests of either hook version into one shape,
// and (for the simulator and tests) encoding that shape back into a request.
// Identity is read from each object, never from a map key (scenario 7e), so a
// switch of `hooks.sync.version` cannot make children look missing.

import type { DeclaredType } from '../../../engine/api-versions.ts';
import {
  compareIdentity,
  describeIdentity,
  identityKey,
  identityOf,
} from '../../../engine/identity.ts';
import type { KObject } from '../../../engine/kobject.ts';
import { HookWireError } from './errors.ts';
import { formatTypeKey, objectKey, parseTypeKey } from './keys.ts';
import { describeSchemaError, validator } from './schemas.ts';
import type {
  CompositeController,
  HookName,
  HookVersion,
  NormalizedHookRequest,
  ObservedObject,
  WireHookRequest,
  WireObjectMap,
} from './types.ts';

/** The version a hook of this controller speaks: `spec.hooks.<hook>.version`, default v1. */
export function hookVersion(controller: CompositeController, hook: HookName): HookVersion {
  return controller.spec.hooks?.[hook]?.version ?? 'v1';
}

export interface DecodeOptions {
  /**
   * The hook the route serves. Defaults to the request's own `finalizing` flag:
   * Metacontroller sends `finalizing: true` exactly when it calls finalize.
   */
  hook?: 'sync' | 'finalize';
}

/** Validates and normalises a sync or finalize request body. Throws HookWireError. */
export function decodeHookRequest(
  body: unknown,
  options: DecodeOptions = {},
): NormalizedHookRequest {
  const validate = validator('CompositeHookRequest');
  if (!validate(body)) {
    const { field, message } = describeSchemaError('request', validate.errors);
    throw new HookWireError('MAESTRO_HOOK_BAD_REQUEST', field, message);
  }
  const req = body as WireHookRequest;
  const finalizing = req.finalizing === true;
  const hook = options.hook ?? (finalizing ? 'finalize' : 'sync');
  const version = hookVersion(req.controller, hook);
  const notes: string[] = [];
  const children = decodeMap(req.children, 'request.children', version, req.parent, notes);
  const related = decodeMap(req.related ?? {}, 'request.related', version, req.parent, notes);
  return {
    hook,
    version,
    controller: req.controller,
    parent: req.parent,
    children: children.objects,
    childTypes: children.types,
    related: related.objects,
    relatedTypes: related.types,
    finalizing,
    notes,
  };
}

function decodeMap(
  map: WireObjectMap,
  field: string,
  version: HookVersion,
  parent: KObject,
  notes: string[],
): { objects: ObservedObject[]; types: DeclaredType[] } {
  const types: DeclaredType[] = [];
  const byIdentity = new Map<string, ObservedObject>();
  for (const typeKey of Object.keys(map).sort()) {
    const type = parseTypeKey(typeKey, `${field}["${typeKey}"]`);
    types.push(type);
    const group = map[typeKey] ?? {};
    for (const key of Object.keys(group).sort()) {
      const object = group[key] as KObject;
      const where = `${field}["${typeKey}"]["${key}"]`;
      if (object.kind !== type.kind || object.apiVersion !== type.apiVersion) {
        notes.push(
          `${where} is a ${object.kind} ${object.apiVersion}, not the ${type.kind} ${type.apiVersion} of its key`,
        );
      }
      const expected = objectKey(version, parent, object);
      if (key !== expected) {
        notes.push(`${where}: a ${version} hook keys this object "${expected}"`);
      }
      const observed: ObservedObject = {
        identity: identityOf(object),
        apiVersion: type.apiVersion,
        object,
      };
      const id = identityKey(observed.identity);
      if (byIdentity.has(id)) {
        // Two declared versions of one kind list the same stored object twice.
        notes.push(
          `${describeIdentity(observed.identity)} is listed under two child types; kept the first`,
        );
        continue;
      }
      byIdentity.set(id, observed);
    }
  }
  const objects = [...byIdentity.values()].sort(
    (a, b) => compareIdentity(a.identity, b.identity) || cmp(a.apiVersion, b.apiVersion),
  );
  return {
    objects,
    types: types.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.apiVersion, b.apiVersion)),
  };
}

export interface EncodeRequestInput {
  controller: CompositeController;
  parent: KObject;
  /** Every declared child type gets a key, even when empty (as Metacontroller does). */
  childTypes: readonly DeclaredType[];
  /** Objects, each already at one of the declared apiVersions. */
  children: readonly KObject[];
  relatedTypes?: readonly DeclaredType[];
  related?: readonly KObject[];
  finalizing: boolean;
}

/** Builds a request body in the version the controller asks for (used by the simulator). */
export function encodeHookRequest(input: EncodeRequestInput): WireHookRequest {
  const hook = input.finalizing ? 'finalize' : 'sync';
  const version = hookVersion(input.controller, hook);
  return {
    controller: input.controller,
    parent: input.parent,
    children: encodeMap(input.childTypes, input.children, version, input.parent, 'children'),
    related: encodeMap(
      input.relatedTypes ?? [],
      input.related ?? [],
      version,
      input.parent,
      'related',
    ),
    finalizing: input.finalizing,
  };
}

function encodeMap(
  types: readonly DeclaredType[],
  objects: readonly KObject[],
  version: HookVersion,
  parent: KObject,
  field: string,
): WireObjectMap {
  const map: WireObjectMap = {};
  for (const t of types) map[formatTypeKey(t)] = {};
  for (const obj of objects) {
    const group = map[formatTypeKey(obj)];
    if (!group) {
      throw new HookWireError(
        'MAESTRO_HOOK_BAD_KEY',
        field,
        `${obj.kind} ${obj.apiVersion} is not one of the declared types`,
      );
    }
    group[objectKey(version, parent, obj)] = obj;
  }
  return map;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
