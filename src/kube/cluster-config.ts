// Where Maestro finds its cluster, for every command that talks to one: an
// explicit kubeconfig file, else client-node's defaults (KUBECONFIG,
// ~/.kube/config, the pod's service account). When none of these exists,
// client-node falls back to http://localhost:8080, which is Maestro's own
// default address, not a cluster: that counts as "no cluster".
import type * as K8s from '@kubernetes/client-node';

export type ClientModule = typeof K8s;

/** loadFromDefault()'s fallback when it finds no configuration. */
export const FALLBACK_SERVER = 'http://localhost:8080';

export const NO_CLUSTER_MESSAGE =
  'no cluster configured: run inside a pod with a service account, or give a kubeconfig (KUBECONFIG)';

/** The cluster configuration, or undefined when there is no cluster. */
export function loadClusterConfig(
  k8s: ClientModule,
  options: { kubeconfig?: string | undefined } = {},
): K8s.KubeConfig | undefined {
  const kc = new k8s.KubeConfig();
  if (options.kubeconfig !== undefined && options.kubeconfig !== '') {
    kc.loadFromFile(options.kubeconfig);
  } else {
    kc.loadFromDefault();
  }
  const server = kc.getCurrentCluster()?.server;
  if (server === undefined || server === '' || server.replace(/\/+$/, '') === FALLBACK_SERVER) {
    return undefined;
  }
  return kc;
}
