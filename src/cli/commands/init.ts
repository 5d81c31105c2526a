// `maestro init`: installs Maestro itself from the objects the Helm chart
// (charts/maestro) renders, through src/cli/manifests/install.ts, the one
// source `helm install` and `maestro manifests --install` share.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import {
  CliFailure,
  clusterFlags,
  openCluster,
  printWarnings,
  runCluster,
} from '../cluster/common.ts';
import { waitFlags, waitOptions } from '../cluster/flags.ts';
import type { Cluster } from '../../kube/cli/cluster.ts';
import type { KObject } from '../../engine/kobject.ts';

export const help = `Usage: maestro init [options]

Installs Maestro itself: its namespace, service account and RBAC, Deployment,
Service, certificates, the maestro.dev CRDs with their conversion caBundle,
and the admission webhook configurations, exactly as the Helm chart
charts/maestro renders them (the same templates, rendered by Maestro). Objects
that exist are updated; generated certificates and the hook token are kept
(read back from their Secrets, as helm's lookup does). Then checks that
Metacontroller is installed, and says what it needs when it is not.

With --wait it then waits until Maestro is ready and says what it waits for:
the CRDs Established; in the cluster, the Deployment Available; Maestro
answering admission (a server-side dry-run create of an Instance must come
back with Maestro's own answer; with externalURL this is the only sign that
Maestro runs there); and Metacontroller's CompositeController API served.

Options:
  -n, --namespace NS        Maestro's namespace (default maestro-system; created if missing)
      --version V           image tag of Maestro (default: the chart's appVersion)
      --image REPO          image repository (default: the chart's, "maestro")
  -f, --values FILE         chart values (YAML; repeatable; later files win)
      --set KEY=VALUE       one chart value, dotted path, value read as YAML (repeatable; wins)
      --dry-run             print the objects instead of applying them (no cluster needed
                            with --kube-version)
  -w, --wait                wait until Maestro is ready (above); exit 3 at --timeout
      --timeout DURATION    how long --wait waits (default 5m; 300s, 1h30m, or seconds)
  -o, --output FORMAT       with --dry-run: yaml (default) or json
      --kube-version V      target Kubernetes version for --dry-run without a cluster (default 1.20)
      --kubeconfig FILE     kubeconfig file (default: KUBECONFIG, else ~/.kube/config)
      --context NAME        kubeconfig context

Examples:
  maestro init --version 0.1.0
  maestro init --dry-run -o yaml --kube-version 1.27 > maestro.yaml
  maestro init --version 0.1.0 --wait --timeout 3m
  maestro init --set externalURL=https://10.0.0.5:8443 --set-file certificates.caBundle=ca.crt

Exit codes: 0 installed (or printed), 1 refused or the chart does not render, 2 usage
error, 3 --wait reached --timeout, 4 no cluster or unreachable.`;

/** Sets a dotted path in a values map (`a.b.c`). */
export function setPath(values: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => k === '')) throw new UsageError(`--set ${path}: empty key in the path`);
  let node = values;
  for (const k of keys.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, k) ? node[k] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      const fresh: Record<string, unknown> = {};
      Object.defineProperty(node, k, {
        value: fresh,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = fresh;
    } else node = next as Record<string, unknown>;
  }
  Object.defineProperty(node, keys.at(-1)!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const METACONTROLLER_HINT =
  'Metacontroller is not installed (the cluster serves no metacontroller.k8s.io/v1alpha1 CompositeController). ' +
  'Maestro needs Metacontroller v4.17 or later (hook version v2) started with --apply-strategy=server-side-apply ' +
  '(Maestro reads the applied bodies from managedFields; dynamic-apply works too), and its CRDs of the same version: ' +
  'https://metacontroller.github.io/metacontroller/guide/install.html';

async function apply(cluster: Cluster, obj: KObject, io: CommandIO): Promise<void> {
  const ref = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace,
  };
  const label = `${obj.kind.toLowerCase()} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name ?? ''}`;
  const existing = await cluster.get(ref);
  if (existing === undefined) {
    await cluster.create(obj);
    printWarnings(cluster, io);
    println(io.stdout, `${label} created`);
    return;
  }
  const next = {
    ...obj,
    metadata: { ...obj.metadata, resourceVersion: existing.metadata.resourceVersion },
  } as KObject;
  // A Service keeps its allocated clusterIP.
  if (obj.kind === 'Service' && obj.apiVersion === 'v1') {
    const spec = { ...((obj.spec as object) ?? {}) } as Record<string, unknown>;
    const old = (existing.spec ?? {}) as Record<string, unknown>;
    if (old.clusterIP) spec.clusterIP = old.clusterIP;
    if (old.clusterIPs) spec.clusterIPs = old.clusterIPs;
    next.spec = spec;
  }
  await cluster.replace(next);
  printWarnings(cluster, io);
  println(io.stdout, `${label} configured`);
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    version: { type: 'string' },
    image: { type: 'string' },
    values: { type: 'string', short: 'f', multiple: true },
    set: { type: 'string', multiple: true },
    'set-file': { type: 'string', multiple: true },
    'dry-run': { type: 'boolean', default: false },
    output: { type: 'string', short: 'o', default: 'yaml' },
    'kube-version': { type: 'string' },
    ...waitFlags,
  });
  if (positionals.length > 0) throw new UsageError('init takes no arguments');
  const output = values.output;
  if (output !== 'yaml' && output !== 'json')
    throw new UsageError(`-o must be yaml or json, not ${JSON.stringify(output)}`);
  const chartValues: Record<string, unknown> = {};
  for (const file of values.values ?? []) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8')) ?? {};
    } catch (err) {
      throw new UsageError(`-f ${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      throw new UsageError(`-f ${file}: not a YAML map of chart values`);
    const { coalesceValues } = await import('../../helm/render.ts');
    Object.assign(chartValues, coalesceValues(chartValues, doc as Record<string, unknown>));
  }
  for (const kv of values.set ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${JSON.stringify(kv)}: expected KEY=VALUE`);
    let v: unknown;
    try {
      v = parseYaml(kv.slice(eq + 1));
    } catch {
      v = kv.slice(eq + 1);
    }
    setPath(chartValues, kv.slice(0, eq), v ?? '');
  }
  for (const kv of values['set-file'] ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set-file ${JSON.stringify(kv)}: expected KEY=FILE`);
    let text: string;
    try {
      text = readFileSync(kv.slice(eq + 1), 'utf8');
    } catch (err) {
      throw new UsageError(`--set-file ${kv}: ${(err as Error).message}`);
    }
    setPath(chartValues, kv.slice(0, eq), text);
  }
  if (values.version) setPath(chartValues, 'image.tag', values.version);
  if (values.image) setPath(chartValues, 'image.repository', values.image);
  const namespace = values.namespace ?? 'maestro-system';
  const wait = waitOptions(values, io);
  if (wait.wait && values['dry-run'])
    throw new UsageError('--wait and --dry-run exclude each other');
  return runCluster('init', io, async () => {
    const { renderInstallManifests } = await import('../manifests/install.ts');
    let cluster: Cluster | undefined;
    if (!values['dry-run'] || values['kube-version'] === undefined)
      cluster = await openCluster({ ...values, namespace }, io);
    const kubeVersion = values['kube-version'] ?? (await cluster!.serverVersion());
    // What helm's lookup would read: the Secrets that keep generated keys and the
    // token, and the API server's endpoints for the NetworkPolicy.
    const live = new Map<string, Record<string, unknown>>();
    if (cluster) {
      const secrets = await cluster.list('v1', 'Secret', namespace).catch(() => []);
      for (const s of secrets) live.set(`Secret/${namespace}/${s.metadata.name}`, s);
      const ep = await cluster
        .get({ apiVersion: 'v1', kind: 'Endpoints', name: 'kubernetes', namespace: 'default' })
        .catch(() => undefined);
      if (ep) live.set('Endpoints/default/kubernetes', ep);
    }
    let manifests;
    try {
      manifests = renderInstallManifests({
        namespace,
        values: chartValues,
        kubeVersion,
        lookup: (_apiVersion, kind, ns, name) => live.get(`${kind}/${ns}/${name}`),
      });
    } catch (err) {
      const e = err as { code?: string; message: string };
      throw new CliFailure('MAESTRO_CHART_RENDER', e.message);
    }
    const objects = manifests.objects as unknown as KObject[];
    if (values['dry-run']) {
      if (output === 'json')
        println(
          io.stdout,
          JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2),
        );
      else io.stdout.write(objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join(''));
      if (
        cluster &&
        !(await cluster.serves('metacontroller.k8s.io/v1alpha1', 'CompositeController'))
      )
        println(io.stderr, `Warning: ${METACONTROLLER_HINT}`);
      return ExitCode.ok;
    }
    const c = cluster!;
    if (
      !objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace) &&
      (await c.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace })) === undefined
    ) {
      await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      println(io.stdout, `namespace ${namespace} created`);
    }
    for (const obj of objects) await apply(c, obj, io);
    // With --wait the check is one of the waits, and says so there.
    if (await c.serves('metacontroller.k8s.io/v1alpha1', 'CompositeController')) {
      if (!wait.wait)
        println(io.stdout, 'Metacontroller is installed: the CompositeController API is served');
    } else println(io.stderr, `Warning: ${METACONTROLLER_HINT}`);
    if (wait.wait) {
      const { waitUntilReady } = await import('../cluster/ready.ts');
      const external = chartValues.externalURL;
      await waitUntilReady(
        c,
        objects,
        {
          namespace,
          timeoutMs: wait.timeoutMs,
          pollMs: wait.pollMs ?? 1000,
          externalURL: typeof external === 'string' && external !== '' ? external : undefined,
        },
        io,
      );
    }
    println(
      io.stdout,
      `Maestro is installed in namespace ${namespace} (${objects.length} objects); next: maestro install PACKAGE`,
    );
    return ExitCode.ok;
  });
}
