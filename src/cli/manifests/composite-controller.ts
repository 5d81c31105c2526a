// The CompositeController that makes Metacontroller drive one operator's
// Instances through Maestro (DESIGN.md, "Wire contracts"; contracts.md §1.1-1.2):
// parents are maestro.dev/v1 instances labelled with the operator's name, the
// selector is generated, every kind the templates render is a child updated
// InPlace (Recreate for Jobs, whose pod template is immutable), and the hooks
// use version v2 against the Maestro Service over HTTPS. Each operator has two:
// one for its namespaced Instances and one for its ClusterInstances
// (cluster-scoped parents, whose children may be cluster-scoped too).
import { GROUP, labels } from '../../model/names.ts';
import { pluralOf, type ChildKind } from './child-kinds.ts';

export interface ServiceRef {
  namespace: string;
  name: string;
  port: number;
}

export const defaultService: ServiceRef = {
  namespace: 'maestro-system',
  name: 'maestro',
  port: 443,
};

/**
 * Metacontroller's periodic resync: the hook's resyncAfterSeconds is an
 * in-memory delayed enqueue that a Metacontroller restart loses, so a plan
 * waiting for a deadline would never see it pass without this (scenario 12c).
 */
export const RESYNC_PERIOD_SECONDS = 300;

/** Hook timeouts: the sync hook renders and may be slow on large packages; customize only names the OperatorVersion. */
export const hookTimeouts = { sync: '20s', finalize: '20s', customize: '10s' } as const;

/** The URL of a Maestro route through the Service's DNS name, which the serving certificate's SAN holds. */
export function serviceUrl(service: ServiceRef, path: string): string {
  return `https://${service.name}.${service.namespace}.svc:${service.port}${path}`;
}

/** Which parent kind a CompositeController serves: namespaced Instances or ClusterInstances. */
export type ParentScope = 'namespaced' | 'cluster';

/** Plural resource of the parent kind of each scope (maestro.dev/v1). */
export const parentResource: Record<ParentScope, string> = {
  namespaced: 'instances',
  cluster: 'clusterinstances',
};

/**
 * `maestro-<operator>` for Instances, `maestro-<operator>.cluster` for
 * ClusterInstances. The dot keeps the two apart for every operator name: an
 * operator's name is a DNS label (no dot), so `maestro-redis-cluster` (the
 * Instances of an operator "redis-cluster") can never be the ClusterInstance
 * controller of "redis".
 */
export function compositeControllerName(
  operator: string,
  scope: ParentScope = 'namespaced',
): string {
  return scope === 'cluster' ? `maestro-${operator}.cluster` : `maestro-${operator}`;
}

/** Metacontroller v4.16+'s webhook.caBundle: the CA it trusts for an https hook. */
export type HookCaBundle =
  { inline: string } | { secretRef: { namespace: string; name: string; key: string } };

/**
 * `hooksBase`: where the hooks are served, without a trailing slash (the
 * Service URL by default; a Knative Service, an externalURL, and `/t/<token>`
 * when the token guards the routes).
 */
export function compositeController(
  operator: string,
  children: ChildKind[],
  service: ServiceRef = defaultService,
  hooksBase: string = serviceUrl(service, ''),
  caBundle?: HookCaBundle,
  scope: ParentScope = 'namespaced',
) {
  const hook = (path: 'sync' | 'finalize' | 'customize') => ({
    version: 'v2',
    webhook: {
      url: `${hooksBase}/${path}`,
      timeout: hookTimeouts[path],
      ...(caBundle ? { caBundle } : {}),
    },
  });
  return {
    apiVersion: 'metacontroller.k8s.io/v1alpha1',
    kind: 'CompositeController',
    metadata: {
      name: compositeControllerName(operator, scope),
      labels: { [labels.managedBy]: 'maestro', [labels.operator]: operator },
    },
    spec: {
      parentResource: {
        apiVersion: `${GROUP}/v1`,
        resource: parentResource[scope],
        labelSelector: { matchLabels: { [labels.operator]: operator } },
      },
      childResources: children.map((c) => ({
        apiVersion: c.apiVersion,
        resource: pluralOf(c.kind),
        updateStrategy: {
          method: c.kind === 'Job' && c.apiVersion === 'batch/v1' ? 'Recreate' : 'InPlace',
        },
      })),
      generateSelector: true,
      resyncPeriodSeconds: RESYNC_PERIOD_SECONDS,
      hooks: { sync: hook('sync'), finalize: hook('finalize'), customize: hook('customize') },
    },
  };
}
