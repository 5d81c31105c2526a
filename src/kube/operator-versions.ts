// OperatorVersion lookups for admission, with @kubernetes/client-node: the
// in-cluster service account, or a kubeconfig (KUBECONFIG, ~/.kube/config)
// when `serve` runs outside a cluster. The client is imported on the first
// lookup only: it costs more start-up time than all of `serve` is allowed.
// A failed read is reported as such, never guessed around.
import type * as K8s from '@kubernetes/client-node';
import { GROUP, PLURALS } from '../model/names.ts';
import type {
  LookupResult,
  OperatorVersionLookup,
  OperatorVersionRef,
} from '../webhooks/admission/lookup.ts';
import { noClusterLookup } from '../webhooks/admission/lookup.ts';
import { TtlCache } from './ttl-cache.ts';

type ClientModule = typeof K8s;
type KubeConfig = K8s.KubeConfig;

/** loadFromDefault()'s fallback when it finds no configuration: Maestro's own address, not a cluster. */
export const FALLBACK_SERVER = 'http://localhost:8080';

export interface LookupOptions {
  /** Longest wait for one GET. */
  timeoutMs?: number;
  ttlMs?: number;
  maxEntries?: number;
  /** Builds the KubeConfig; the default is loadFromDefault(). */
  kubeConfig?: (k8s: ClientModule) => KubeConfig;
  now?: () => number;
}

export const lookupDefaults = { timeoutMs: 2_000, ttlMs: 5_000, maxEntries: 512 } as const;

function defaultKubeConfig(k8s: ClientModule): KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromDefault();
  return kc;
}

type Getter = (ref: OperatorVersionRef, signal: AbortSignal) => Promise<unknown>;

async function connect(options: LookupOptions): Promise<Getter | undefined> {
  const k8s = await import('@kubernetes/client-node');
  const kc = (options.kubeConfig ?? defaultKubeConfig)(k8s);
  const server = kc.getCurrentCluster()?.server;
  if (server === undefined || server === '' || server.replace(/\/+$/, '') === FALLBACK_SERVER) {
    return undefined;
  }
  const api = kc.makeApiClient(k8s.CustomObjectsApi);
  return (ref, signal) =>
    api.getNamespacedCustomObject(
      {
        group: GROUP,
        version: 'v1',
        namespace: ref.namespace,
        plural: PLURALS.OperatorVersion,
        name: ref.name,
      },
      {
        middleware: [
          {
            pre: (ctx) => {
              ctx.setSignal(signal);
              return new k8s.Observable(Promise.resolve(ctx));
            },
            post: (res) => new k8s.Observable(Promise.resolve(res)),
          },
        ],
        middlewareMergeStrategy: 'append',
      },
    );
}

function failure(
  err: unknown,
  ref: OperatorVersionRef,
  timeoutMs: number,
  timedOut: boolean,
): LookupResult {
  const id = `${ref.namespace}/${ref.name}`;
  const code = (err as { code?: unknown })?.code;
  if (timedOut || (err as Error)?.name === 'AbortError') {
    return {
      ok: false,
      reason: 'Timeout',
      message: `reading OperatorVersion ${id} took longer than ${timeoutMs} ms; the API server is slow or unreachable, try again`,
    };
  }
  if (code === 404) {
    return { ok: false, reason: 'NotFound', message: `OperatorVersion ${id} not found` };
  }
  if (code === 401 || code === 403) {
    return {
      ok: false,
      reason: 'Forbidden',
      message: `reading OperatorVersion ${id} was refused (HTTP ${code}); Maestro's service account needs get on operatorversions.${GROUP} in ${ref.namespace}`,
    };
  }
  const detail =
    typeof code === 'number' ? `HTTP ${code}` : ((err as Error)?.message ?? String(err));
  return {
    ok: false,
    reason: 'Unavailable',
    message: `reading OperatorVersion ${id} failed: ${detail}`,
  };
}

/** The lookup `serve` uses. Connecting happens on the first call; without a cluster every call says so. */
export function clusterOperatorVersionLookup(options: LookupOptions = {}): OperatorVersionLookup {
  const timeoutMs = options.timeoutMs ?? lookupDefaults.timeoutMs;
  const cache = new TtlCache<LookupResult>({
    ttlMs: options.ttlMs ?? lookupDefaults.ttlMs,
    maxEntries: options.maxEntries ?? lookupDefaults.maxEntries,
    ...(options.now ? { now: options.now } : {}),
  });
  let getter: Promise<Getter | undefined> | undefined;
  return async (ref) => {
    getter ??= connect(options);
    let get: Getter | undefined;
    try {
      get = await getter;
    } catch (err) {
      getter = undefined; // a broken kubeconfig may be fixed on disk; try again next time
      return {
        ok: false,
        reason: 'Unavailable',
        message: `cannot read OperatorVersion ${ref.namespace}/${ref.name}: the Kubernetes configuration cannot be loaded: ${(err as Error).message}`,
      };
    }
    if (get === undefined) return noClusterLookup(ref);
    const read = get;
    return cache.getOrLoad(
      `${ref.namespace}/${ref.name}`,
      async () => {
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
        try {
          return { ok: true, operatorVersion: await read(ref, controller.signal) };
        } catch (err) {
          return failure(err, ref, timeoutMs, timedOut);
        } finally {
          clearTimeout(timer);
        }
      },
      (result) => result.ok,
    );
  };
}
