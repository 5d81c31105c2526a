// Types of the Metacontroller hook wire (metacontroller.k8s.io/v1alpha1,
// contracts.md §1). The request and response field names are the same for
// hook versions v1 and v2; only the inner map keys and the strictness of
// response decoding differ.

import type { DeclaredType } from '../../../engine/api-versions.ts';
import type { ChildIdentity } from '../../../engine/identity.ts';
import type { KObject } from '../../../engine/kobject.ts';

export type HookVersion = 'v1' | 'v2';
export type HookName = 'sync' | 'finalize' | 'customize';
export type UpdateMethod =
  'OnDelete' | 'Recreate' | 'InPlace' | 'RollingRecreate' | 'RollingInPlace';
export type ResponseUnmarshalMode = 'loose' | 'strict';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface Webhook {
  url?: string;
  path?: string;
  service?: { name: string; namespace: string; port?: number; protocol?: string };
  timeout?: string;
  etag?: { enabled?: boolean; cacheTimeoutSeconds?: number; cacheCleanupSeconds?: number };
  /** Capital M, as Metacontroller spells it. */
  responseUnMarshallMode?: ResponseUnmarshalMode;
  [field: string]: unknown;
}

export interface Hook {
  version?: HookVersion;
  webhook?: Webhook;
}

export interface ChildResourceRule {
  apiVersion: string;
  /** Lower-case plural, e.g. `statefulsets`. */
  resource: string;
  updateStrategy?: {
    method?: UpdateMethod;
    statusChecks?: { conditions?: { type: string; status?: string; reason?: string }[] };
  };
}

export interface CompositeControllerSpec {
  parentResource: {
    apiVersion: string;
    resource: string;
    labelSelector?: LabelSelector;
    revisionHistory?: { fieldPaths?: string[] };
    ignoreStatusChanges?: boolean;
  };
  childResources?: ChildResourceRule[];
  resyncPeriodSeconds?: number;
  generateSelector?: boolean;
  hooks?: { sync?: Hook; finalize?: Hook; customize?: Hook; [hook: string]: Hook | undefined };
  [field: string]: unknown;
}

export interface CompositeController {
  apiVersion: 'metacontroller.k8s.io/v1alpha1';
  kind: 'CompositeController';
  metadata: { name: string; [field: string]: unknown };
  spec: CompositeControllerSpec;
  [field: string]: unknown;
}

/** `Kind.version` or `Kind.group/version` → inner key → object. */
export type WireObjectMap = Record<string, Record<string, KObject>>;

/** The sync and finalize request body, as Metacontroller sends it. */
export interface WireHookRequest {
  controller: CompositeController;
  parent: KObject;
  children: WireObjectMap;
  related?: WireObjectMap;
  finalizing?: boolean;
}

/** The sync and finalize response body. v2 (strict) accepts these four fields only. */
export interface WireHookResponse {
  status: Record<string, unknown> | null;
  children: KObject[] | null;
  resyncAfterSeconds?: number;
  finalized?: boolean;
}

/** One observed object of a request, with its identity read from the object. */
export interface ObservedObject {
  identity: ChildIdentity;
  /** The apiVersion Metacontroller listed it at: the declared one, not necessarily the stored one. */
  apiVersion: string;
  object: KObject;
}

/** A sync or finalize request, independent of the hook version's keys. */
export interface NormalizedHookRequest {
  hook: 'sync' | 'finalize';
  /** The version of `controller.spec.hooks.<hook>.version` (default v1): the response is encoded for it. */
  version: HookVersion;
  controller: CompositeController;
  parent: KObject;
  /** Observed children, sorted by identity, one entry per identity. */
  children: ObservedObject[];
  /** The child types the controller declares (every `children` key, even empty ones), sorted. */
  childTypes: DeclaredType[];
  related: ObservedObject[];
  relatedTypes: DeclaredType[];
  finalizing: boolean;
  /** Oddities that did not stop decoding (a key that disagrees with its object, a duplicate identity). */
  notes: string[];
}

/** What the engine answers, before encoding. */
export interface NormalizedHookResponse {
  /** The whole new parent status. Required: a missing status wipes the old one. */
  status: Record<string, unknown>;
  children: KObject[];
  /** Omitted unless > 0. */
  resyncAfterSeconds?: number;
  /** Finalize hook only. */
  finalized?: boolean;
}

export interface RelatedResourceRule {
  apiVersion: string;
  resource: string;
  labelSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  namespace?: string;
  names?: string[];
}

export interface WireCustomizeRequest {
  controller: CompositeController;
  parent: KObject;
}

export interface WireCustomizeResponse {
  relatedResources: RelatedResourceRule[];
}

export interface NormalizedCustomizeRequest {
  version: HookVersion;
  controller: CompositeController;
  parent: KObject;
}
