// ArtifactApi over @kubernetes/client-node, loaded only when this runs.
import type { ArtifactApi } from './publish.ts';

export interface ConnectOptions {
  /** A kubeconfig file; else KUBECONFIG; else the pod's service account. */
  kubeconfig?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export async function connectArtifactApi(options: ConnectOptions): Promise<ArtifactApi> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  const file = options.kubeconfig ?? options.env.KUBECONFIG;
  if (file !== undefined && file !== '') {
    config.loadFromFile(file);
  } else if (options.env.KUBERNETES_SERVICE_HOST !== undefined) {
    config.loadFromCluster();
  } else {
    throw new Error(
      'no cluster configured: run inside a pod with a service account, or pass --kubeconfig (or KUBECONFIG)',
    );
  }
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
