// ArtifactApi over @kubernetes/client-node, loaded only when this runs.
import type { ArtifactApi } from './publish.ts';
import { NO_CLUSTER_MESSAGE, loadClusterConfig } from '../cluster-config.ts';

export interface ConnectOptions {
  /** A kubeconfig file; else KUBECONFIG, ~/.kube/config or the pod's service account. */
  kubeconfig?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export async function connectArtifactApi(options: ConnectOptions): Promise<ArtifactApi> {
  const k8s = await import('@kubernetes/client-node');
  const config = loadClusterConfig(k8s, {
    kubeconfig: options.kubeconfig ?? options.env.KUBECONFIG,
  });
  if (config === undefined) throw new Error(NO_CLUSTER_MESSAGE);
  const core = config.makeApiClient(k8s.CoreV1Api);
  const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
  return {
    get: (target, namespace) =>
      target.kind === 'ConfigMap'
        ? core.readNamespacedConfigMap({ name: target.name, namespace })
        : core.readNamespacedSecret({ name: target.name, namespace }),
    patch: (target, namespace, body) =>
      target.kind === 'ConfigMap'
        ? core.patchNamespacedConfigMap({ name: target.name, namespace, body }, merge)
        : core.patchNamespacedSecret({ name: target.name, namespace, body }, merge),
  };
}
