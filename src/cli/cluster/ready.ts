// `maestro init --wait`: what "Maestro is ready" means, checked through the
// API server. The CRDs are Established; Maestro answers (in the cluster its
// Deployment is Available; in both modes a server-side dry-run create of an
// Instance goes through Maestro's admission webhook and comes back with
// Maestro's own answer); Metacontroller's CompositeController API is served.
import type { KObject } from '../../engine/kobject.ts';
import type { Cluster } from '../../kube/cli/cluster.ts';
import { V1 } from '../../model/names.ts';
import { ExitCode, println, type CommandIO } from '../command.ts';
import { CliFailure } from './common.ts';

/** One check's answer: ready, or why not yet. */
export interface Readiness {
  ready: boolean;
  detail: string;
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

const conditions = (o: KObject | undefined): Condition[] =>
  ((o?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).filter(
    (c) => typeof c === 'object' && c !== null,
  );

/** A CustomResourceDefinition is ready when its Established condition is True. */
export function crdReadiness(crd: KObject | undefined): Readiness {
  if (crd === undefined) return { ready: false, detail: 'not found' };
  const c = conditions(crd).find((x) => x.type === 'Established');
  if (c?.status === 'True') return { ready: true, detail: 'Established' };
  const names = conditions(crd).find((x) => x.type === 'NamesAccepted');
  if (names?.status === 'False')
    return { ready: false, detail: `names not accepted: ${names.message ?? names.reason ?? ''}` };
  return {
    ready: false,
    detail: c ? `Established is ${c.status ?? 'unknown'}` : 'not Established yet',
  };
}

/**
 * A Deployment is ready as `kubectl rollout status` has it: the controller saw
 * the latest generation, every replica is updated, and Available is True.
 */
export function deploymentReadiness(d: KObject | undefined): Readiness {
  if (d === undefined) return { ready: false, detail: 'not found' };
  const spec = (d.spec ?? {}) as { replicas?: number };
  const st = (d.status ?? {}) as {
    observedGeneration?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
  };
  const want = spec.replicas ?? 1;
  if ((st.observedGeneration ?? 0) < (d.metadata.generation ?? 0))
    return { ready: false, detail: 'the controller has not seen the latest generation' };
  if ((st.updatedReplicas ?? 0) < want)
    return { ready: false, detail: `${st.updatedReplicas ?? 0} of ${want} replicas updated` };
  const c = conditions(d).find((x) => x.type === 'Available');
  if (c?.status !== 'True')
    return {
      ready: false,
      detail: `${st.availableReplicas ?? 0} of ${want} replicas available${c?.message ? ` (${c.message})` : ''}`,
    };
  return { ready: true, detail: `Available (${st.availableReplicas ?? want}/${want} replicas)` };
}

/**
 * What a dry-run create of an Instance that names no OperatorVersion tells:
 * Maestro's admission answered (it refuses with its own message, or admits),
 * or the API server could not call it (`failed calling webhook`).
 */
export function admissionReadiness(err: unknown): Readiness {
  if (err === undefined) return { ready: true, detail: 'a dry-run Instance was admitted' };
  const message = (err as Error).message ?? String(err);
  const code = /\[(MAESTRO_[A-Z0-9_]+)\]/.exec(message)?.[1];
  if (/denied the request/.test(message) && code)
    return { ready: true, detail: `a dry-run Instance got Maestro's answer (${code})` };
  return { ready: false, detail: message };
}

interface Check {
  label: string;
  probe: () => Promise<Readiness>;
}

export interface ReadyOptions {
  namespace: string;
  timeoutMs: number;
  pollMs: number;
  /** Where the webhooks call Maestro (externalURL), for the message. */
  externalURL?: string | undefined;
}

const PROBE_NAME = 'maestro-init-probe';

/** Waits until every check passes, printing each when it does; exit 3 at the timeout. */
export async function waitUntilReady(
  cluster: Cluster,
  objects: KObject[],
  o: ReadyOptions,
  io: CommandIO,
): Promise<number> {
  const checks: Check[] = [];
  for (const crd of objects.filter((x) => x.kind === 'CustomResourceDefinition')) {
    const name = crd.metadata.name ?? '';
    checks.push({
      label: `crd ${name} Established`,
      probe: async () =>
        crdReadiness(
          await cluster.get({
            apiVersion: crd.apiVersion,
            kind: 'CustomResourceDefinition',
            name,
          }),
        ),
    });
  }
  for (const d of objects.filter((x) => x.kind === 'Deployment')) {
    const ref = {
      apiVersion: d.apiVersion,
      kind: 'Deployment',
      name: d.metadata.name ?? '',
      namespace: d.metadata.namespace ?? o.namespace,
    };
    checks.push({
      label: `deployment ${ref.namespace}/${ref.name} Available`,
      probe: async () => deploymentReadiness(await cluster.get(ref)),
    });
  }
  checks.push({
    label: `Maestro answering admission${o.externalURL ? ` at ${o.externalURL}` : ''}`,
    probe: async () => {
      try {
        await cluster.create(
          {
            apiVersion: V1,
            kind: 'Instance',
            metadata: { name: PROBE_NAME, namespace: o.namespace },
            spec: { operatorVersion: { name: PROBE_NAME }, parameters: {} },
          } as unknown as KObject,
          { dryRun: true },
        );
        cluster.takeWarnings();
        return admissionReadiness(undefined);
      } catch (err) {
        return admissionReadiness(err);
      }
    },
  });
  checks.push({
    label: "Metacontroller's CompositeController API",
    probe: async () =>
      (await cluster.serves('metacontroller.k8s.io/v1alpha1', 'CompositeController'))
        ? { ready: true, detail: 'served' }
        : {
            ready: false,
            detail: 'the cluster serves no metacontroller.k8s.io/v1alpha1 CompositeController',
          },
  });
  println(
    io.stdout,
    `waiting up to ${Math.round(o.timeoutMs / 1000)}s for: ${checks.map((c) => c.label).join('; ')}`,
  );
  const deadline = Date.now() + o.timeoutMs;
  const pending = new Map(checks.map((c) => [c.label, c]));
  const last = new Map<string, string>();
  for (;;) {
    for (const [label, check] of pending) {
      let r: Readiness;
      try {
        r = await check.probe();
      } catch (err) {
        r = { ready: false, detail: (err as Error).message };
      }
      if (r.ready) {
        println(io.stdout, `ready: ${label}: ${r.detail}`);
        pending.delete(label);
      } else last.set(label, r.detail);
    }
    if (pending.size === 0) return ExitCode.ok;
    if (Date.now() >= deadline)
      throw new CliFailure(
        'MAESTRO_WAIT_TIMEOUT',
        `timed out after ${Math.round(o.timeoutMs / 1000)}s waiting for ${[...pending.keys()]
          .map((l) => `${l} (${last.get(l) ?? 'not checked'})`)
          .join('; ')}`,
        ExitCode.timeout,
      );
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
}
