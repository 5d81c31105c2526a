// install, update, upgrade and uninstall against a cluster, as `kubectl kudo`
// did them, over Maestro's v1 API: the Operator, OperatorVersion and the
// package's CompositeController (so Metacontroller drives its Instances
// through Maestro), KudoOperator dependencies first, then the Instance.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../../engine/kobject.ts';
import type { Cluster, Ref } from '../../kube/cli/cluster.ts';
import type { JsonValue } from '../../model/schema-type.ts';
import { V1, labels, operatorVersionName } from '../../model/names.ts';
import { packageResources } from '../../package/resources.ts';
import { compareVersions, isVersion, parseVersion } from '../../package/semver.ts';
import { ExitCode, println, type CommandIO } from '../command.ts';
import {
  ownCustomResourceKinds,
  ownCustomResourcesWarning,
  renderedChildKinds,
} from '../manifests/child-kinds.ts';
import {
  compositeController,
  compositeControllerName,
  defaultService,
  parentResource,
  serviceUrl,
  type HookCaBundle,
  type ParentScope,
} from '../manifests/composite-controller.ts';
import { servedChildKinds } from '../commands/manifests.ts';
import { missingRequired, unknownParameters } from './args.ts';
import { CliFailure, nsName, printWarnings } from './common.ts';
import { ProgressView, planOutcome, statusOf, type WaitTarget } from './progress.ts';
import { resolvePackage, type ResolveOptions, type Resolved } from './resolve.ts';
import { clusterScopedObjects, describeFinding } from './scope.ts';

export const CC_API = 'metacontroller.k8s.io/v1alpha1';

export interface WaitOptions {
  wait: boolean;
  timeoutMs: number;
  /** Poll period; tests shorten it. */
  pollMs?: number;
}

const instanceRef = (name: string, namespace: string): Ref => ({
  apiVersion: V1,
  kind: 'Instance',
  name,
  namespace,
});

/** The two parent kinds: a namespaced Instance, or a cluster-scoped ClusterInstance. */
export type ParentKind = 'Instance' | 'ClusterInstance';

/** How a command looks an instance up: `auto` (an Instance in -n, else a ClusterInstance) or `cluster` (--cluster). */
export type LookupScope = 'auto' | 'cluster';

/** The instance a command works on. */
export interface Target {
  kind: ParentKind;
  name: string;
  /** An Instance's namespace; for a ClusterInstance, its spec.namespace (its namespaced children's). */
  namespace: string;
}

export function targetRef(t: Target): Ref {
  return t.kind === 'Instance'
    ? instanceRef(t.name, t.namespace)
    : { apiVersion: V1, kind: 'ClusterInstance', name: t.name };
}

/** `instance default/zk` or `clusterinstance zk`, as messages name them. */
export function describeTarget(t: Target): string {
  return t.kind === 'Instance'
    ? `instance ${nsName(t.namespace, t.name)}`
    : `clusterinstance ${t.name}`;
}

function targetOf(obj: KObject): Target {
  if (obj.kind === 'ClusterInstance') {
    const ns = (obj.spec as { namespace?: string } | undefined)?.namespace ?? '';
    return { kind: 'ClusterInstance', name: obj.metadata.name ?? '', namespace: ns };
  }
  return {
    kind: 'Instance',
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace ?? '',
  };
}

/** True when the cluster serves ClusterInstance (a Maestro chart that has its CRD). */
export async function servesClusterInstances(cluster: Cluster): Promise<boolean> {
  return cluster.serves(V1, 'ClusterInstance');
}

/**
 * Finds the instance a command names: the namespaced Instance of that name in
 * the namespace first, then the ClusterInstance of that name; with scope
 * `cluster` (--cluster) only the ClusterInstance.
 */
export async function findInstance(
  cluster: Cluster,
  name: string,
  namespace: string,
  scope: LookupScope = 'auto',
): Promise<{ target: Target; object: KObject }> {
  if (scope === 'auto') {
    const inst = await cluster.get(instanceRef(name, namespace));
    if (inst !== undefined) return { target: targetOf(inst), object: inst };
  }
  const served = await servesClusterInstances(cluster);
  if (served) {
    const ci = await cluster
      .get({ apiVersion: V1, kind: 'ClusterInstance', name })
      .catch((err: Error & { status?: number }) => {
        // Looking further for a namespace user who may not read ClusterInstances: not found.
        if (scope === 'auto' && err.name === 'ClusterError' && err.status === 403) return undefined;
        throw err;
      });
    if (ci !== undefined) return { target: targetOf(ci), object: ci };
  }
  if (scope === 'cluster')
    throw new CliFailure(
      'MAESTRO_INSTANCE_NOT_FOUND',
      served
        ? `clusterinstance ${name} does not exist`
        : `the cluster serves no ClusterInstance (maestro.dev/v1): update Maestro's CRDs (maestro init)`,
    );
  throw new CliFailure(
    'MAESTRO_INSTANCE_NOT_FOUND',
    `instance ${name} does not exist in namespace ${namespace}${served ? ', and no clusterinstance has that name' : ''}`,
  );
}

/** The instance now, by its target; gone is an error. */
export async function getInstance(cluster: Cluster, target: Target): Promise<KObject> {
  const inst = await cluster.get(targetRef(target));
  if (inst === undefined)
    throw new CliFailure(
      'MAESTRO_INSTANCE_NOT_FOUND',
      target.kind === 'Instance'
        ? `instance ${target.name} does not exist in namespace ${target.namespace}`
        : `clusterinstance ${target.name} does not exist`,
    );
  return inst;
}

/**
 * The OperatorVersion an Instance names (spec.operatorVersion, in the
 * Instance's namespace by default; a ClusterInstance names its namespace,
 * else its spec.namespace).
 */
export async function operatorVersionOf(
  cluster: Cluster,
  instance: KObject,
): Promise<KObject | undefined> {
  const spec = (instance.spec ?? {}) as {
    operatorVersion?: { name?: string; namespace?: string };
    namespace?: string;
  };
  const ref = spec.operatorVersion;
  if (!ref?.name) return undefined;
  const namespace = ref.namespace || instance.metadata.namespace || spec.namespace;
  if (!namespace) return undefined;
  return cluster.get({ apiVersion: V1, kind: 'OperatorVersion', name: ref.name, namespace });
}

/** The package and its KudoOperator dependencies, dependencies first; cycles are an error. */
export async function withDependencies(
  root: Resolved,
  options: ResolveOptions,
): Promise<Resolved[]> {
  const order: Resolved[] = [];
  const done = new Set<string>();
  const visit = async (r: Resolved, path: string[]) => {
    const name = r.pkg.operator.name ?? '';
    const id = operatorVersionName(
      name,
      r.pkg.operator.appVersion,
      r.pkg.operator.operatorVersion ?? '',
    );
    if (path.includes(id))
      throw new CliFailure(
        'MAESTRO_PACKAGE_INVALID',
        `cyclic package dependency: ${[...path, id].join(' -> ')}`,
      );
    if (done.has(id)) return;
    for (const task of r.pkg.operator.tasks ?? []) {
      if (task.kind !== 'KudoOperator') continue;
      const spec = task.spec ?? {};
      if (!spec.package)
        throw new CliFailure(
          'MAESTRO_PACKAGE_INVALID',
          `${r.source}: KudoOperator task ${task.name ?? ''} names no package`,
        );
      let dep: Resolved;
      try {
        dep = await resolvePackage(
          spec.package,
          {
            repo: options.repo,
            operatorVersion: spec.operatorVersion,
            appVersion: spec.appVersion,
          },
          r.dir,
        );
      } catch (err) {
        throw new CliFailure(
          'MAESTRO_PACKAGE_NOT_FOUND',
          `dependency ${spec.package} of ${name} (task ${task.name ?? ''}): ${(err as Error).message}`,
        );
      }
      await visit(dep, [...path, id]);
    }
    done.add(id);
    order.push(r);
  };
  await visit(root, []);
  return order;
}

function say(io: CommandIO, text: string) {
  println(io.stdout, text);
}

/** Creates the object, or leaves an existing one (with a warning when it differs). */
async function ensureObject(
  cluster: Cluster,
  obj: KObject,
  label: string,
  io: CommandIO,
): Promise<void> {
  const ref = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name ?? '',
    namespace: obj.metadata.namespace,
  };
  const existing = await cluster.get(ref);
  if (existing === undefined) {
    await cluster.create(obj);
    printWarnings(cluster, io);
    say(io, `${label} created`);
    return;
  }
  if (obj.kind === 'OperatorVersion' && !isDeepStrictEqual(existing.spec, obj.spec)) {
    println(
      io.stderr,
      `Warning: ${label} already exists with other content; it is kept as it is (give the package a new operatorVersion to install a change)`,
    );
  }
  say(io, `${label} is already installed`);
}

/**
 * Creates one of the operator's CompositeControllers (for its Instances or its
 * ClusterInstances), or widens an existing one to the new child kinds.
 */
async function ensureController(
  cluster: Cluster,
  r: Resolved,
  hooks: HookTarget,
  scope: ParentScope,
  io: CommandIO,
): Promise<void> {
  const name = r.pkg.operator.name ?? '';
  const ccName = compositeControllerName(name, scope);
  const children = servedChildKinds(renderedChildKinds(r.pkg), hooks.kubeVersion);
  const own = ownCustomResourceKinds(r.pkg, children);
  // Said once per package, with its first controller.
  if (own.length > 0 && scope === 'namespaced')
    println(io.stderr, `Warning: ${ownCustomResourcesWarning(own)}`);
  const wanted = compositeController(
    name,
    children,
    hooks.service,
    hooks.base,
    hooks.caBundle,
    scope,
  ) as unknown as KObject;
  const label = `compositecontroller ${ccName}`;
  const existing = await cluster.get({
    apiVersion: CC_API,
    kind: 'CompositeController',
    name: ccName,
  });
  if (existing === undefined) {
    await cluster.create(wanted);
    say(io, `${label} created`);
    return;
  }
  const parent = (existing.spec as { parentResource?: { apiVersion?: string; resource?: string } })
    .parentResource;
  if (parent?.resource !== parentResource[scope])
    throw new CliFailure(
      'MAESTRO_INSTANCE_CONFLICT',
      `${label} exists with parent resource ${parent?.apiVersion ?? ''} ${parent?.resource ?? ''}, not ${parentResource[scope]}: it is not the one Maestro writes for operator ${name}`,
    );
  type Child = { apiVersion: string; resource: string };
  const have = ((existing.spec as { childResources?: Child[] }).childResources ?? []).slice();
  const add = (wanted.spec as { childResources: Child[] }).childResources.filter(
    (c) => !have.some((h) => h.apiVersion === c.apiVersion && h.resource === c.resource),
  );
  if (add.length === 0) {
    say(io, `${label} is already installed`);
    return;
  }
  // Keep the kinds of the version installed before: its children stay managed.
  const spec = { ...(existing.spec as object), childResources: [...have, ...add] };
  await cluster.replace({ ...existing, spec });
  say(io, `${label} updated (child kinds: +${add.map((c) => c.resource).join(', +')})`);
}

async function requireMetacontroller(cluster: Cluster): Promise<void> {
  if (!(await cluster.serves(CC_API, 'CompositeController')))
    throw new CliFailure(
      'MAESTRO_METACONTROLLER_MISSING',
      `the cluster serves no ${CC_API} CompositeController: install Metacontroller (v4.x with --apply-strategy=server-side-apply, or v1.5+) first, then \`maestro init\``,
    );
}

/**
 * Installs the Operators, OperatorVersions and CompositeControllers of these
 * packages, in order: for each, the controller of its Instances, and the one of
 * its ClusterInstances when the cluster serves that kind.
 */
async function installPackages(
  cluster: Cluster,
  packages: Resolved[],
  namespace: string,
  hooksOptions: HookOptions,
  io: CommandIO,
): Promise<void> {
  const hooks = await hookTarget(cluster, hooksOptions);
  const scopes: ParentScope[] = (await servesClusterInstances(cluster))
    ? ['namespaced', 'cluster']
    : ['namespaced'];
  for (const r of packages) {
    const res = packageResources(r.pkg).v1;
    const op = { ...res.operator, metadata: { ...res.operator.metadata, namespace } };
    const ov = {
      ...res.operatorVersion,
      metadata: { ...res.operatorVersion.metadata, namespace },
    };
    await ensureObject(
      cluster,
      op as unknown as KObject,
      `operator ${nsName(namespace, op.metadata.name ?? '')}`,
      io,
    );
    await ensureObject(
      cluster,
      ov as unknown as KObject,
      `operatorversion ${nsName(namespace, ov.metadata.name ?? '')}`,
      io,
    );
    for (const scope of scopes) await ensureController(cluster, r, hooks, scope, io);
  }
}

function checkParameters(r: Resolved, params: Record<string, JsonValue>, install: boolean): void {
  const declared = r.pkg.params.parameters ?? [];
  const unknown = unknownParameters(declared, params);
  if (unknown.length > 0)
    throw new CliFailure(
      'MAESTRO_PARAMETERS_MISSING',
      `unknown parameters for ${r.pkg.operator.name ?? ''}: ${unknown.join(',')} (its parameters: ${declared.map((p) => p.name).join(', ')})`,
    );
  if (!install) return;
  const missing = missingRequired(declared, params);
  if (missing.length > 0)
    throw new CliFailure(
      'MAESTRO_PARAMETERS_MISSING',
      `missing required parameters during installation: ${missing.join(',')}`,
    );
}

/** Polls the Instance until the awaited plan ends; prints progress; returns the exit code. */
export async function waitForPlan(
  cluster: Cluster,
  instance: Target,
  target: WaitTarget,
  options: WaitOptions,
  io: CommandIO,
  baseline?: KObject,
): Promise<number> {
  const screen = io.stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  const view = new ProgressView(
    {
      write: (t) => void io.stdout.write(t),
      isTTY: screen.isTTY === true,
      columns: screen.columns ?? 0,
    },
    Date.now,
    baseline,
  );
  const deadline = Date.now() + options.timeoutMs;
  let ov: KObject | undefined;
  for (;;) {
    const inst = await getInstance(cluster, instance);
    ov ??= await operatorVersionOf(cluster, inst);
    const outcome = planOutcome(inst, target);
    if (outcome !== undefined) {
      view.finish(inst, ov, target.plan);
      return outcome === 'COMPLETE' ? ExitCode.ok : ExitCode.failed;
    }
    view.update(inst, ov, target.plan);
    if (Date.now() >= deadline) {
      view.finish(inst, ov, target.plan);
      throw new CliFailure(
        'MAESTRO_WAIT_TIMEOUT',
        `timed out after ${Math.round(options.timeoutMs / 1000)}s waiting for ${target.plan ? `plan ${target.plan}` : 'the plan'} of ${describeTarget(instance)} to finish`,
        ExitCode.timeout,
      );
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
  }
}

/** Where the CompositeController's hooks go: as `maestro manifests` writes them. */
export interface HookOptions {
  /** Namespace of the maestro Service (and of the chart's token and TLS Secrets). */
  serviceNamespace: string;
  /** Base URL of the hooks (Knative or externalURL); default the Service's. */
  hooksUrl?: string | undefined;
  /** NAMESPACE/NAME of the Secret whose ca.crt Metacontroller trusts, or "none". */
  hooksCaSecret?: string | undefined;
}

interface HookTarget {
  service: typeof defaultService;
  base: string;
  caBundle: HookCaBundle | undefined;
  kubeVersion: string;
}

/**
 * The hooks' base URL, with the chart's token (`/t/<token>`, read from the
 * Secret maestro-auth-token when it exists), the CA Secret Metacontroller
 * v4.16+ trusts for https hooks, and the cluster's version (child apiVersions).
 */
async function hookTarget(cluster: Cluster, o: HookOptions): Promise<HookTarget> {
  const service = { ...defaultService, namespace: o.serviceNamespace };
  const v = /^v?(\d+)\.(\d+)/.exec(await cluster.serverVersion());
  const kubeVersion = v ? `${v[1]}.${v[2]}` : '1.20';
  // Maestro installed with the chart's externalURL (`maestro init --set
  // externalURL=...`) has no Service: the hooks go where its admission goes.
  const external = o.hooksUrl === undefined ? await externalTarget(cluster) : undefined;
  if (external) {
    const caBundle: HookCaBundle | undefined =
      o.hooksCaSecret === 'none' || !external.base.startsWith('https://')
        ? undefined
        : o.hooksCaSecret !== undefined
          ? caSecretRef(o.hooksCaSecret)
          : external.ca
            ? { inline: external.ca }
            : undefined;
    return { service, base: external.base, caBundle, kubeVersion };
  }
  const base = (o.hooksUrl ?? serviceUrl(service, '')).replace(/\/+$/, '');
  // A user who may not read Secrets there installs without the token (then say so).
  const secret = await cluster
    .get({
      apiVersion: 'v1',
      kind: 'Secret',
      name: `${service.name}-auth-token`,
      namespace: service.namespace,
    })
    .catch(() => undefined);
  const encoded = (secret?.data as { token?: string } | undefined)?.token;
  const token = encoded ? Buffer.from(encoded, 'base64').toString('utf8').trim() : undefined;
  const caSecret = o.hooksCaSecret ?? `${service.namespace}/${service.name}-tls`;
  const caBundle =
    caSecret === 'none' || !base.startsWith('https://') ? undefined : caSecretRef(caSecret);
  return { service, base: token ? `${base}/t/${token}` : base, caBundle, kubeVersion };
}

function caSecretRef(caSecret: string): HookCaBundle | undefined {
  const [ns, name] = caSecret.split('/');
  return ns && name ? { secretRef: { namespace: ns, name, key: 'ca.crt' } } : undefined;
}

/**
 * The hooks' base URL and CA when Maestro's mutating webhook calls a URL (the
 * chart's externalURL) instead of the Service: its clientConfig.url without
 * `/mutate` (the `/t/<token>` prefix included), and its caBundle as PEM.
 */
async function externalTarget(
  cluster: Cluster,
): Promise<{ base: string; ca: string | undefined } | undefined> {
  const mwc = await cluster
    .get({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      name: defaultService.name,
    })
    .catch(() => undefined);
  type Hook = { name?: string; clientConfig?: { url?: string; caBundle?: string } };
  const hook = ((mwc as { webhooks?: Hook[] } | undefined)?.webhooks ?? []).find(
    (w) => w.name?.endsWith('.mutate.maestro.dev') && w.clientConfig?.url,
  );
  const url = hook?.clientConfig?.url;
  if (!url || !/\/mutate\/?$/.test(url)) return undefined;
  const ca = hook.clientConfig?.caBundle;
  return {
    base: url.replace(/\/mutate\/?$/, ''),
    ca: ca ? Buffer.from(ca, 'base64').toString('utf8') : undefined,
  };
}

export interface InstallOptions extends ResolveOptions, HookOptions {
  instance?: string | undefined;
  /** The Instance's namespace; for a ClusterInstance, its children's and the OperatorVersion's. */
  namespace: string;
  /** --cluster: a ClusterInstance even when the package renders nothing cluster-scoped. */
  cluster?: boolean;
  params: Record<string, JsonValue>;
  createNamespace: boolean;
  skipInstance: boolean;
  wait: WaitOptions;
}

export async function install(
  cluster: Cluster,
  ref: string,
  options: InstallOptions,
  io: CommandIO,
): Promise<number> {
  const root = await resolvePackage(ref, options);
  const operator = root.pkg.operator.name ?? '';
  const instanceName = options.instance ?? `${operator}-instance`;
  const ns = options.namespace;
  // Everything that can refuse is checked before anything is created.
  if (!options.skipInstance) checkParameters(root, options.params, true);
  const packages = await withDependencies(root, options);
  await requireMetacontroller(cluster);
  // The parent kind: a ClusterInstance when the package renders cluster-scoped objects (or --cluster).
  const findings = options.skipInstance
    ? []
    : clusterScopedObjects(root.pkg, options.params, { instance: instanceName, namespace: ns });
  const kind: ParentKind =
    options.cluster === true || findings.length > 0 ? 'ClusterInstance' : 'Instance';
  const target: Target = { kind, name: instanceName, namespace: ns };
  if (kind === 'ClusterInstance' && !(await servesClusterInstances(cluster)))
    throw new CliFailure(
      'MAESTRO_INSTANCE_INVALID',
      `${findings.length > 0 ? `the package renders cluster-scoped objects (${findings.map(describeFinding).join(', ')}), so it installs as a ClusterInstance, but ` : ''}the cluster serves no ClusterInstance (maestro.dev/v1): update Maestro's CRDs and webhooks first (maestro init)`,
    );
  if (!options.skipInstance && (await cluster.get(targetRef(target))) !== undefined)
    throw new CliFailure(
      'MAESTRO_INSTANCE_EXISTS',
      kind === 'Instance'
        ? `cannot install instance '${instanceName}' of operator '${operator}': an instance of that name already exists in namespace ${ns}`
        : `cannot install clusterinstance '${instanceName}' of operator '${operator}': a clusterinstance of that name already exists`,
    );
  if (options.createNamespace) {
    const nsRef = { apiVersion: 'v1', kind: 'Namespace', name: ns };
    if ((await cluster.get(nsRef)) === undefined) {
      await cluster.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns, annotations: { 'maestro.dev/created-by': 'maestro-cli' } },
      });
      say(io, `namespace ${ns} created`);
    }
  }
  await installPackages(cluster, packages, ns, options, io);
  if (options.skipInstance) return ExitCode.ok;
  const res = packageResources(root.pkg, instanceName).v1;
  const metaLabels = { [labels.kudoOperator]: operator, [labels.operator]: operator };
  const instance = (kind === 'Instance'
    ? {
        apiVersion: V1,
        kind,
        metadata: { name: instanceName, namespace: ns, labels: metaLabels },
        spec: {
          operatorVersion: res.instance.spec?.operatorVersion,
          parameters: options.params,
        },
      }
    : {
        apiVersion: V1,
        kind,
        metadata: { name: instanceName, labels: metaLabels },
        spec: {
          namespace: ns,
          operatorVersion: { ...res.instance.spec?.operatorVersion, namespace: ns },
          parameters: options.params,
        },
      }) as unknown as KObject;
  if (findings.length > 0)
    say(
      io,
      `the package renders cluster-scoped objects (${findings.map(describeFinding).join(', ')}): installing a ClusterInstance, its namespaced children in namespace ${ns}`,
    );
  await cluster.create(instance);
  printWarnings(cluster, io);
  say(io, `${describeTarget(target)} created`);
  if (!options.wait.wait) return ExitCode.ok;
  return waitForPlan(cluster, target, { plan: 'deploy' }, options.wait, io);
}

/** The plan admission scheduled with this change, from the object the API server returned. */
function scheduled(before: KObject, after: KObject): WaitTarget | undefined {
  type Spec = { planExecution?: { planName?: string; uid?: string } };
  const a = (before.spec as Spec | undefined)?.planExecution;
  const b = (after.spec as Spec | undefined)?.planExecution;
  if (!b?.planName || !b.uid || (a?.uid === b.uid && a?.planName === b.planName)) return undefined;
  return { plan: b.planName, planExecutionUid: b.uid };
}

async function reportScheduled(
  cluster: Cluster,
  before: KObject,
  after: KObject,
  instance: Target,
  wait: WaitOptions,
  io: CommandIO,
): Promise<number> {
  const target = scheduled(before, after);
  if (target === undefined) {
    say(io, 'no plan was triggered');
    return ExitCode.ok;
  }
  say(io, `plan ${target.plan} triggered`);
  if (!wait.wait) return ExitCode.ok;
  return waitForPlan(cluster, instance, target, wait, io, before);
}

export async function update(
  cluster: Cluster,
  name: string,
  namespace: string,
  scope: LookupScope,
  params: Record<string, JsonValue>,
  wait: WaitOptions,
  io: CommandIO,
): Promise<number> {
  const { target, object: before } = await findInstance(cluster, name, namespace, scope);
  const ov = await operatorVersionOf(cluster, before);
  const declared = ((ov?.spec ?? {}) as { parameters?: { name?: string }[] }).parameters ?? [];
  const unknown = unknownParameters(declared, params);
  if (ov !== undefined && unknown.length > 0)
    throw new CliFailure(
      'MAESTRO_PARAMETERS_MISSING',
      `unknown parameters for ${ov.metadata.name ?? ''}: ${unknown.join(',')} (its parameters: ${declared.map((p) => p.name).join(', ')})`,
    );
  const after = await cluster.mergePatch(targetRef(target), {
    spec: { parameters: params },
  });
  printWarnings(cluster, io);
  say(io, `${describeTarget(target)} updated`);
  return reportScheduled(cluster, before, after, target, wait, io);
}

export interface UpgradeOptions extends ResolveOptions, HookOptions {
  params: Record<string, JsonValue>;
  wait: WaitOptions;
}

export async function upgrade(
  cluster: Cluster,
  name: string,
  namespace: string,
  scope: LookupScope,
  ref: string,
  options: UpgradeOptions,
  io: CommandIO,
): Promise<number> {
  const { target, object: before } = await findInstance(cluster, name, namespace, scope);
  // Where its OperatorVersions live: the Instance's namespace, or the one a ClusterInstance names.
  const ovNamespace =
    target.kind === 'Instance'
      ? target.namespace
      : ((before.spec as { operatorVersion?: { namespace?: string } } | undefined)?.operatorVersion
          ?.namespace ?? target.namespace);
  const currentOv = await operatorVersionOf(cluster, before);
  const root = await resolvePackage(ref, options);
  const operator = root.pkg.operator.name ?? '';
  const installedOperator =
    before.metadata.labels?.[labels.operator] ??
    ((currentOv?.spec ?? {}) as { operator?: { name?: string } }).operator?.name;
  if (installedOperator && installedOperator !== operator)
    throw new CliFailure(
      'MAESTRO_UPGRADE_NOT_NEWER',
      `${describeTarget(target)} runs operator ${installedOperator}, not ${operator}`,
    );
  const current = String((currentOv?.spec as { version?: string } | undefined)?.version ?? '');
  const next = root.pkg.operator.operatorVersion ?? '';
  const vc = parseVersion(current);
  const vn = parseVersion(next);
  if (isVersion(vc) && isVersion(vn) && compareVersions(vn, vc) <= 0)
    throw new CliFailure(
      'MAESTRO_UPGRADE_NOT_NEWER',
      `upgraded version ${next} is the same or smaller as current version ${current} -> not upgrading`,
    );
  checkParameters(root, options.params, false);
  const packages = await withDependencies(root, options);
  await requireMetacontroller(cluster);
  await installPackages(cluster, packages, ovNamespace, options, io);
  const ovName = operatorVersionName(operator, root.pkg.operator.appVersion, next);
  const after = await cluster.mergePatch(targetRef(target), {
    spec: {
      operatorVersion:
        target.kind === 'Instance' ? { name: ovName } : { name: ovName, namespace: ovNamespace },
      ...(Object.keys(options.params).length > 0 && { parameters: options.params }),
    },
  });
  printWarnings(cluster, io);
  say(io, `${describeTarget(target)} upgraded to ${ovName}`);
  return reportScheduled(cluster, before, after, target, options.wait, io);
}

export async function uninstall(
  cluster: Cluster,
  name: string,
  namespace: string,
  scope: LookupScope,
  wait: WaitOptions,
  io: CommandIO,
): Promise<number> {
  const { target, object: doomed } = await findInstance(cluster, name, namespace, scope);
  await cluster.delete(targetRef(target));
  printWarnings(cluster, io);
  say(io, `${describeTarget(target)} deleted`);
  if (!wait.wait) return ExitCode.ok;
  const deadline = Date.now() + wait.timeoutMs;
  let lastPlan = '';
  for (;;) {
    const inst = await cluster.get(targetRef(target));
    if (inst === undefined) {
      say(io, `${describeTarget(target)} is gone`);
      return waitForChildren(cluster, doomed, deadline, wait, io);
    }
    const { planStatus } = statusOf(inst);
    const cleanup = planStatus.cleanup?.status;
    if (cleanup && cleanup !== lastPlan && cleanup !== 'NEVER_RUN') {
      say(io, `plan cleanup ${cleanup}`);
      lastPlan = cleanup;
    }
    if (Date.now() >= deadline)
      throw new CliFailure(
        'MAESTRO_WAIT_TIMEOUT',
        `timed out after ${Math.round(wait.timeoutMs / 1000)}s waiting for ${describeTarget(target)} to be deleted (finalizers: ${(inst.metadata.finalizers as string[] | undefined)?.join(', ') || 'none'})`,
        ExitCode.timeout,
      );
    await new Promise((r) => setTimeout(r, wait.pollMs ?? 1000));
  }
}

/**
 * After the Instance is gone, the garbage collector deletes its children in
 * the background (the delete's propagationPolicy): waits until no object of
 * the operator's CompositeController child kinds is owned by it, so that
 * `uninstall --wait` ends with nothing of the Instance left.
 */
async function waitForChildren(
  cluster: Cluster,
  instance: KObject,
  deadline: number,
  wait: WaitOptions,
  io: CommandIO,
): Promise<number> {
  const uid = instance.metadata.uid;
  const operator = instance.metadata.labels?.[labels.operator];
  if (!uid || !operator) return ExitCode.ok;
  const target = targetOf(instance);
  const cc = await cluster
    .get({
      apiVersion: CC_API,
      kind: 'CompositeController',
      name: compositeControllerName(
        operator,
        target.kind === 'ClusterInstance' ? 'cluster' : 'namespaced',
      ),
    })
    .catch(() => undefined);
  type Child = { apiVersion: string; resource: string };
  const types: { apiVersion: string; kind: string }[] = [];
  for (const c of ((cc?.spec ?? {}) as { childResources?: Child[] }).childResources ?? []) {
    const kind = await cluster.kindOf(c.apiVersion, c.resource).catch(() => undefined);
    if (kind) types.push({ apiVersion: c.apiVersion, kind });
  }
  // A ClusterInstance's children: cluster-scoped ones, and namespaced ones in any namespace.
  const ns = target.kind === 'Instance' ? target.namespace : undefined;
  const who = describeTarget(target);
  let said = false;
  for (;;) {
    const left: string[] = [];
    for (const t of types)
      for (const o of await cluster.list(t.apiVersion, t.kind, ns))
        if (((o.metadata.ownerReferences ?? []) as { uid?: string }[]).some((r) => r.uid === uid))
          left.push(`${t.kind.toLowerCase()}/${o.metadata.name ?? ''}`);
    if (left.length === 0) {
      if (said) say(io, `the children of ${who} are gone`);
      return ExitCode.ok;
    }
    if (!said) {
      say(
        io,
        `waiting for ${left.length === 1 ? '1 child' : `${left.length} children`} of ${who} to be deleted: ${left.sort().join(', ')}`,
      );
      said = true;
    }
    if (Date.now() >= deadline)
      throw new CliFailure(
        'MAESTRO_WAIT_TIMEOUT',
        `timed out after ${Math.round(wait.timeoutMs / 1000)}s waiting for the children of ${who} to be deleted: ${left.sort().join(', ')}`,
        ExitCode.timeout,
      );
    await new Promise((r) => setTimeout(r, wait.pollMs ?? 1000));
  }
}

/** A fresh uid for a plan trigger or a one-shot plan control. */
export const newUid = (): string => randomUUID();
