// The one thing admission reads from the cluster: the OperatorVersion an
// Instance names. The decision logic takes this function, so it is tested
// without a cluster; src/kube implements it with @kubernetes/client-node.

export interface OperatorVersionRef {
  namespace: string;
  name: string;
}

export type LookupFailure = 'NotFound' | 'Forbidden' | 'Timeout' | 'Unavailable' | 'NoCluster';

export type LookupResult =
  { ok: true; operatorVersion: unknown } | { ok: false; reason: LookupFailure; message: string };

export type OperatorVersionLookup = (ref: OperatorVersionRef) => Promise<LookupResult>;

/** The lookup when `serve` has no cluster configured: every read fails, and says why. */
export const noClusterLookup: OperatorVersionLookup = async (ref) => ({
  ok: false,
  reason: 'NoCluster',
  message: `cannot read OperatorVersion ${ref.namespace}/${ref.name}: no cluster is configured (Maestro runs outside a cluster without a kubeconfig); run it in the cluster or give it a kubeconfig (KUBECONFIG)`,
});
