// The cluster as the CLI sees it: kubeconfig, context and namespace resolved
// as kubectl resolves them, and a small generic object API over
// @kubernetes/client-node's KubernetesObjectApi. Imported only by cluster
// commands (install, plan, get, ...), and it imports client-node lazily, so
// `maestro serve` never loads any of it.
import type * as K8s from '@kubernetes/client-node';
import type { RequestOptions } from 'node:https';
import { FALLBACK_SERVER } from '../cluster-config.ts';
import type { KObject } from '../../engine/kobject.ts';

export interface ClusterOptions {
  /** --kubeconfig; else KUBECONFIG (colon-separated files merged), else ~/.kube/config, else in-cluster. */
  kubeconfig?: string | undefined;
  /** --context: a context of the kubeconfig instead of its current-context. */
  context?: string | undefined;
  /** -n/--namespace: else the context's namespace, else "default". */
  namespace?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export interface Ref {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string | undefined;
}

/** The API server refused a request, or could not be reached. */
export class ClusterError extends Error {
  override name = 'ClusterError';
  constructor(
    message: string,
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The Status reason (NotFound, AlreadyExists, Conflict, Forbidden, Invalid, ...). */
    readonly reason: string,
  ) {
    super(message);
  }
}

export interface Cluster {
  /** The namespace commands use when none is given. */
  readonly namespace: string;
  readonly context: string;
  readonly server: string;
  get(ref: Ref): Promise<KObject | undefined>;
  /** `dryRun`: a server-side dry run (admission runs, nothing is stored). */
  create(obj: KObject, options?: { dryRun?: boolean }): Promise<KObject>;
  replace(obj: KObject): Promise<KObject>;
  mergePatch(ref: Ref, patch: Record<string, unknown>): Promise<KObject>;
  /** Deletes with propagationPolicy Background (KUDO #1071); false when it was already gone. */
  delete(ref: Ref): Promise<boolean>;
  /** A namespace of undefined lists across all namespaces. */
  list(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    selectors?: { label?: string; field?: string },
  ): Promise<KObject[]>;
  /** True when the API server serves this apiVersion and kind (a yes is cached, a no asked again). */
  serves(apiVersion: string, kind: string): Promise<boolean>;
  /** The kind of a resource (plural) the API server serves, from discovery. */
  kindOf(apiVersion: string, resource: string): Promise<string | undefined>;
  podLog(namespace: string, pod: string, container?: string): Promise<string>;
  serverVersion(): Promise<string>;
  /** Warning headers the API server sent (admission warnings among them), drained on read. */
  takeWarnings(): string[];
}

/** How `get` and the others describe an object in messages: `Instance default/zk`. */
export function describeRef(ref: Ref): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function errorFromException(err: unknown, what: string): ClusterError {
  const e = err as { code?: number; body?: unknown; message?: string; cause?: unknown };
  if (typeof e.code === 'number') {
    let body = e.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // keep the text
      }
    }
    const status = body as { message?: string; reason?: string } | string | undefined;
    const message =
      typeof status === 'object' && status?.message
        ? status.message
        : typeof status === 'string' && status !== ''
          ? status
          : `HTTP ${e.code}`;
    const reason = typeof status === 'object' ? (status?.reason ?? '') : '';
    return new ClusterError(`${what}: ${message}`, e.code, reason);
  }
  const cause = e.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.message ?? e.message ?? String(err);
  return new ClusterError(`${what}: ${detail}`, 0, 'Unreachable');
}

/** Reads the kubeconfig as kubectl does and picks the context and namespace. */
export function loadKubeConfig(
  k8s: typeof K8s,
  options: ClusterOptions,
): { kc: K8s.KubeConfig; namespace: string } {
  const kc = new k8s.KubeConfig();
  const files = options.kubeconfig
    ? [options.kubeconfig]
    : (options.env.KUBECONFIG ?? '').split(':').filter((f) => f !== '');
  try {
    // KUBECONFIG with several files: loadFromDefault merges them as kubectl does.
    if (files.length === 1) kc.loadFromFile(files[0]!);
    else kc.loadFromDefault();
  } catch (err) {
    throw new ClusterError(
      `cannot read the kubeconfig ${files.join(':') || '~/.kube/config'}: ${(err as Error).message}`,
      0,
      'NoCluster',
    );
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ClusterError(
        `context "${options.context}" is not in the kubeconfig (its contexts: ${known.join(', ') || 'none'})`,
        0,
        'NoContext',
      );
    }
    kc.setCurrentContext(options.context);
  }
  const server = kc.getCurrentCluster()?.server ?? '';
  if (server === '' || server.replace(/\/+$/, '') === FALLBACK_SERVER) {
    throw new ClusterError(
      'no cluster configured: give --kubeconfig, set KUBECONFIG, or create ~/.kube/config',
      0,
      'NoCluster',
    );
  }
  const contextNs = kc.getContextObject(kc.getCurrentContext())?.namespace;
  return { kc, namespace: options.namespace || contextNs || 'default' };
}

export async function connect(options: ClusterOptions): Promise<Cluster> {
  const k8s = await import('@kubernetes/client-node');
  const { kc, namespace } = loadKubeConfig(k8s, options);
  const server = kc.getCurrentCluster()!.server;
  const warnings: string[] = [];
  const config = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [
      {
        pre: (ctx) => Promise.resolve(ctx),
        post: (rsp) => {
          const w = rsp.headers.warning;
          if (w) {
            // RFC 7234: 299 - "text", several joined by ", ".
            for (const m of w.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g))
              warnings.push(m[1]!.replace(/\\(.)/g, '$1'));
          }
          return Promise.resolve(rsp);
        },
      },
    ],
  });
  const objects = new k8s.KubernetesObjectApi(config);
  const core = new k8s.CoreV1Api(config);
  const merge = k8s.PatchStrategy.MergePatch;
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw errorFromException(err, what);
    }
  };
  const spec = (ref: Ref) => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace && { namespace: ref.namespace }) },
  });
  const refOf = (o: KObject): Ref => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace,
  });
  const servesCache = new Map<string, boolean>();
  return {
    namespace,
    context: kc.getCurrentContext(),
    server,
    async get(ref) {
      try {
        return (await objects.read(spec(ref))) as unknown as KObject;
      } catch (err) {
        const e = errorFromException(err, `get ${describeRef(ref)}`);
        if (e.status === 404) return undefined;
        throw e;
      }
    },
    create: (obj, options = {}) =>
      call(
        `create ${describeRef(refOf(obj))}`,
        async () =>
          (await objects.create(
            obj as K8s.KubernetesObject,
            undefined,
            options.dryRun ? 'All' : undefined,
          )) as unknown as KObject,
      ),
    replace: (obj) =>
      call(
        `update ${describeRef(refOf(obj))}`,
        async () => (await objects.replace(obj as K8s.KubernetesObject)) as unknown as KObject,
      ),
    mergePatch: (ref, patch) =>
      call(
        `update ${describeRef(ref)}`,
        async () =>
          (await objects.patch(
            { ...spec(ref), ...patch } as K8s.KubernetesObject,
            undefined,
            undefined,
            undefined,
            undefined,
            merge,
          )) as unknown as KObject,
      ),
    async delete(ref) {
      try {
        await objects.delete(spec(ref), undefined, undefined, undefined, undefined, 'Background');
        return true;
      } catch (err) {
        const e = errorFromException(err, `delete ${describeRef(ref)}`);
        if (e.status === 404) return false;
        throw e;
      }
    },
    list: (apiVersion, kind, ns, selectors = {}) =>
      call(`list ${kind}`, async () => {
        const out: KObject[] = [];
        let token: string | undefined;
        do {
          const page = await objects.list(
            apiVersion,
            kind,
            ns,
            undefined,
            undefined,
            undefined,
            selectors.field,
            selectors.label,
            500,
            token,
          );
          for (const item of page.items) {
            // List items carry no apiVersion and kind.
            out.push({ apiVersion, kind, ...(item as object) } as KObject);
          }
          token = page.metadata?._continue || undefined;
        } while (token);
        return out;
      }),
    async serves(apiVersion, kind) {
      const key = `${apiVersion} ${kind}`;
      const cached = servesCache.get(key);
      if (cached !== undefined) return cached;
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const found = await call(`discover ${apiVersion}`, async () => {
        const res = await rawGet(kc, server, path);
        if (res.status === 404) return false;
        if (res.status >= 300) throw new ClusterError(`HTTP ${res.status}`, res.status, '');
        const list = JSON.parse(res.body) as { resources?: { kind: string; name: string }[] };
        return (list.resources ?? []).some((r) => r.kind === kind && !r.name.includes('/'));
      });
      if (found) servesCache.set(key, found);
      return found;
    },
    kindOf: (apiVersion, resource) =>
      call(`discover ${apiVersion}`, async () => {
        const [group, version] = apiVersion.includes('/')
          ? apiVersion.split('/')
          : ['', apiVersion];
        const res = await rawGet(
          kc,
          server,
          group ? `/apis/${group}/${version}` : `/api/${version}`,
        );
        if (res.status === 404) return undefined;
        if (res.status >= 300) throw new ClusterError(`HTTP ${res.status}`, res.status, '');
        const list = JSON.parse(res.body) as { resources?: { kind: string; name: string }[] };
        return (list.resources ?? []).find((r) => r.name === resource)?.kind;
      }),
    podLog: (ns, pod, container) =>
      call(`logs of Pod ${ns}/${pod}`, async () =>
        String(
          await core.readNamespacedPodLog({
            name: pod,
            namespace: ns,
            ...(container && { container }),
            tailLines: 2000,
          }),
        ),
      ),
    serverVersion: () =>
      call('get the server version', async () => {
        const res = await rawGet(kc, server, '/version');
        const v = JSON.parse(res.body) as { gitVersion?: string };
        return v.gitVersion ?? 'unknown';
      }),
    takeWarnings() {
      return warnings.splice(0);
    },
  };
}

/** A GET with the kubeconfig's credentials, for discovery and /version. */
async function rawGet(
  kc: K8s.KubeConfig,
  server: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const https = await import('node:https');
  const http = await import('node:http');
  const opts: RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(path, server);
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(url, { ...opts, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
