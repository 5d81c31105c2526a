// What API discovery tells Metacontroller: the kind behind a resource name,
// and whether it is namespaced. The CompositeController names child types by
// resource (`statefulsets`); hook requests key them by kind.

import { parseApiVersion } from '../engine/api-versions.ts';

export interface ResourceInfo {
  group: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const builtIn: ResourceInfo[] = [
  ['', 'configmaps', 'ConfigMap', true],
  ['', 'secrets', 'Secret', true],
  ['', 'services', 'Service', true],
  ['', 'serviceaccounts', 'ServiceAccount', true],
  ['', 'pods', 'Pod', true],
  ['', 'persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ['', 'namespaces', 'Namespace', false],
  ['apps', 'deployments', 'Deployment', true],
  ['apps', 'statefulsets', 'StatefulSet', true],
  ['apps', 'daemonsets', 'DaemonSet', true],
  ['apps', 'replicasets', 'ReplicaSet', true],
  ['batch', 'jobs', 'Job', true],
  ['batch', 'cronjobs', 'CronJob', true],
  ['policy', 'poddisruptionbudgets', 'PodDisruptionBudget', true],
  ['networking.k8s.io', 'ingresses', 'Ingress', true],
  ['networking.k8s.io', 'networkpolicies', 'NetworkPolicy', true],
  ['rbac.authorization.k8s.io', 'roles', 'Role', true],
  ['rbac.authorization.k8s.io', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['autoscaling', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true],
  ['apiextensions.k8s.io', 'customresourcedefinitions', 'CustomResourceDefinition', false],
  [
    'admissionregistration.k8s.io',
    'validatingwebhookconfigurations',
    'ValidatingWebhookConfiguration',
    false,
  ],
  [
    'admissionregistration.k8s.io',
    'mutatingwebhookconfigurations',
    'MutatingWebhookConfiguration',
    false,
  ],
  ['apiregistration.k8s.io', 'apiservices', 'APIService', false],
  ['scheduling.k8s.io', 'priorityclasses', 'PriorityClass', false],
  ['storage.k8s.io', 'storageclasses', 'StorageClass', false],
  ['networking.k8s.io', 'ingressclasses', 'IngressClass', false],
  ['maestro.dev', 'instances', 'Instance', true],
  ['maestro.dev', 'clusterinstances', 'ClusterInstance', false],
  ['maestro.dev', 'operatorversions', 'OperatorVersion', true],
  ['maestro.dev', 'operators', 'Operator', true],
  ['kudo.dev', 'instances', 'Instance', true],
  ['monitoring.coreos.com', 'servicemonitors', 'ServiceMonitor', true],
].map(([group, resource, kind, namespaced]) => ({
  group: group as string,
  resource: resource as string,
  kind: kind as string,
  namespaced: namespaced as boolean,
}));

export class Discovery {
  readonly #byResource = new Map<string, ResourceInfo>();
  readonly #byKind = new Map<string, ResourceInfo>();

  constructor(extra: readonly ResourceInfo[] = []) {
    for (const info of [...builtIn, ...extra]) {
      this.#byResource.set(`${info.group}/${info.resource}`, info);
      this.#byKind.set(`${info.group}/${info.kind}`, info);
    }
  }

  /** The resource behind a CompositeController rule, or undefined when discovery does not know it. */
  resource(apiVersion: string, resource: string): ResourceInfo | undefined {
    return this.#byResource.get(`${parseApiVersion(apiVersion).group}/${resource}`);
  }

  /** Namespaced unless discovery knows the kind as cluster-scoped. */
  namespaced(group: string, kind: string): boolean {
    return this.#byKind.get(`${group}/${kind}`)?.namespaced ?? true;
  }
}
