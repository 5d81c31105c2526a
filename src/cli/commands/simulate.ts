// `maestro simulate DIR`: Metacontroller and a cluster, emulated in memory on
// a virtual clock, running a package's plans through the real hooks (in
// process, or a running `maestro serve` with --server URL).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { isRecord } from '../../engine/kobject.ts';
import type { KObject } from '../../engine/kobject.ts';
import { defaultInstanceName, operatorVersionName } from '../../model/names.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { packageResources } from '../../package/resources.ts';
import { Discovery, Metacontroller } from '../../simulator/index.ts';
import { parseApiVersion } from '../../engine/api-versions.ts';
import {
  clusterScopedTemplateKinds,
  clusterScopedTemplates,
  isClusterScopedKind,
} from '../../package/cluster-scoped.ts';
import { asClusterInstance } from '../../package/resources.ts';
import type { v1 } from '../../model/types.ts';
import { CLUSTER_INSTANCE, CLUSTER_INSTANCE_PLURAL } from '../../model/names.ts';
import { parseParentFlag } from '../parent-kind.ts';
import type { HookServer } from '../../simulator/index.ts';
import type { CompositeController } from '../../webhooks/metacontroller/wire/index.ts';
import { childKinds, definedCustomKinds, pluralOf } from '../manifests/child-kinds.ts';
import { compositeController } from '../manifests/composite-controller.ts';
import { engineHooks, PlanSimulation } from '../../simulator/plan-simulation.ts';
import { keyValues, parameterArgs } from '../parameter-args.ts';
import { writeTimeline } from '../simulate/timeline.ts';
import {
  lastExecutedPlan,
  planDefs,
  planTree,
  renderTree,
  type PlanStatusEntry,
} from '../plan-tree.ts';

export const help = `Usage: maestro simulate DIR [options]

Runs an operator package's plans with no cluster: Metacontroller and a cluster
are emulated in memory on a virtual clock (workloads become healthy after
simulated delays), and every sync goes through Maestro's real hooks.

The deploy plan runs first; then --update, --plan, --upgrade-to and --delete,
in that order, each until its plan ends. When a plan cannot start or does not
finish, the reason (the plan's message and the Instance's status conditions)
is printed and the exit code is 1; so is the reason when Metacontroller would
never start a package's controller (a declared child type not served, such as
a custom resource of a CRD the package creates itself: docs/packages.md).
Prints the plan progress as a tree whenever
it changes, or with -o json exactly one JSON document:
{"plans", "children", "syncs", "status", "notes", "problems"}.

Options:
  -p, --parameter K=V    a parameter value (repeatable); others take their defaults
  -P, --parameter-file F a YAML map of parameter values (repeatable; -p wins)
      --update K=V       after deploy, change a parameter (repeatable; all at once) and run
                         the plan the change triggers
      --instance NAME    instance name (default <operator>-instance)
      --namespace NS     the namespace of namespaced children and of the OperatorVersion:
                         the Instance's, or a ClusterInstance's spec.namespace (default "default")
      --parent KIND      auto (default), Instance or ClusterInstance: the parent kind.
                         auto picks ClusterInstance when a template renders a cluster-scoped
                         kind (a CRD, a ClusterRole, a webhook configuration, a custom kind
                         whose CRD says scope: Cluster); under an Instance such a step fails
      --plan P           trigger plan P after deploy (repeatable)
      --upgrade-to DIR   then upgrade to the package in DIR
      --delete           then delete the instance (runs cleanup)
      --fail STEP        make the children of STEP (step, phase/step or plan/phase/step) fail:
                         Jobs fail, other workloads never become healthy
      --packages DIR     packages for KudoOperator tasks (DIR/<name>/[<version>/]);
                         without it a child Instance completes after a delay
      --max-syncs N      bound on hook calls per stage (default 1000)
      --apply-strategy S dynamic-apply (default) or server-side-apply: how the emulated
                         Metacontroller applies children (its --apply-strategy)
      --server URL       call a running \`maestro serve\` at URL instead of the engine in process;
                         the server's own clock then stamps executions and runs step
                         timeouts (the virtual clock drives only the emulated cluster)
      --pipe-image IMAGE image of pipe Jobs' publish container (MAESTRO_PIPE_IMAGE; in process only)
      --timeline FILE    also write the run as an SVG: one lane per step on the virtual
                         clock (started, waiting, failed, completed), a tick per sync
  -o, --output FORMAT    tree (default) or json

Example:
  maestro simulate ./zookeeper -p NODE_COUNT=3 --plan validation --delete

Exit codes: 0 every plan completed, 1 a plan failed or did not finish, 2 usage error.`;

interface Loaded {
  name: string;
  /** Templates that render a cluster-scoped kind, found without rendering. */
  clusterTemplates: string[];
  /** Custom kinds of the package's own CRDs that say scope: Cluster. */
  clusterKinds: string[];
  ov: KObject;
  instance: KObject;
  types: { apiVersion: string; kind: string }[];
  /** `group/Kind` of the CRDs the package renders itself. */
  crdKinds: string[];
  kudoOperators: { pkg: string; ovName: string }[];
}

function load(dir: string, namespace: string, instanceName?: string): Loaded {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir));
  const name = pkg.operator.name ?? '';
  const res = packageResources(pkg, instanceName ?? defaultInstanceName(name));
  const ov = structuredClone(res.v1.operatorVersion) as unknown as KObject;
  ov.metadata.namespace = namespace;
  const instance = structuredClone(res.v1.instance) as unknown as KObject;
  instance.metadata.namespace = namespace;
  const kudoOperators = (pkg.operator.tasks ?? [])
    .filter((t) => t.kind === 'KudoOperator')
    .map((t) => ({
      pkg: t.spec?.package ?? '',
      ovName: operatorVersionName(
        t.spec?.package ?? '',
        t.spec?.appVersion,
        t.spec?.operatorVersion ?? '',
      ),
    }));
  return {
    name,
    clusterTemplates: [...new Set(clusterScopedTemplates(pkg.templates).map((t) => t.template))],
    clusterKinds: clusterScopedTemplateKinds(pkg.templates),
    ov,
    instance,
    types: childKinds(pkg),
    crdKinds: definedCustomKinds(pkg),
    kudoOperators,
  };
}

/** DIR/<name> or DIR/<name>/<version> (the newest, by name) holding operator.yaml. */
function findPackage(root: string, name: string): string | undefined {
  const base = join(root, name);
  try {
    if (!statSync(base).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  try {
    statSync(join(base, 'operator.yaml'));
    return base;
  } catch {
    const versions = readdirSync(base).sort();
    const last = versions[versions.length - 1];
    return last === undefined ? undefined : join(base, last);
  }
}

/** A HookServer that POSTs to a running server, synchronously (a worker does the fetch). */
function httpHooks(url: string): {
  hooks: HookServer;
  probe: () => string | undefined;
  close: () => void;
} {
  const size = 64 * 1024 * 1024;
  const shared = new SharedArrayBuffer(8 + size);
  const header = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const header = new Int32Array(workerData.shared, 0, 2);
     const bytes = new Uint8Array(workerData.shared, 8);
     parentPort.on('message', async ({ path, body, method }) => {
       let status = 599, text = '';
       try {
         const res = await fetch(workerData.url + path, method === 'GET' ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body });
         status = res.status; text = await res.text();
       } catch (err) {
         const cause = err && err.cause;
         text = String((cause && (cause.message || cause.code)) || (err && err.message) || err);
       }
       const enc = new TextEncoder().encode(text).subarray(0, bytes.length);
       bytes.set(enc); header[1] = enc.length;
       Atomics.store(header, 0, status); Atomics.notify(header, 0);
     });`,
    { eval: true, workerData: { shared, url: url.replace(/\/$/, '') } },
  );
  worker.unref();
  const hooks: HookServer = (hook, body) => {
    Atomics.store(header, 0, 0);
    worker.postMessage({ path: `/${hook}`, body: JSON.stringify(body) });
    if (Atomics.wait(header, 0, 0, 60_000) === 'timed-out')
      throw new Error(`${url}/${hook}: timed out`);
    const status = Atomics.load(header, 0);
    const text = new TextDecoder().decode(bytes.slice(0, header[1]));
    if (status === 599) throw new Error(`${url}/${hook}: ${text}`);
    const retry = status === 429 ? 1 : undefined;
    return {
      status,
      body: text === '' ? undefined : JSON.parse(text),
      ...(retry && { retryAfterSeconds: retry }),
    };
  };
  /** GET /healthz once: undefined when the server answers, else why it cannot be reached. */
  const probe = (): string | undefined => {
    Atomics.store(header, 0, 0);
    worker.postMessage({ path: '/healthz', method: 'GET' });
    if (Atomics.wait(header, 0, 0, 10_000) === 'timed-out') return 'no answer within 10s';
    const status = Atomics.load(header, 0);
    const text = new TextDecoder().decode(bytes.slice(0, header[1]));
    if (status === 599) return `cannot connect: ${text}`;
    if (status !== 200) return `GET /healthz answered HTTP ${status}: ${text.slice(0, 200)}`;
    return undefined;
  };
  return { hooks, probe, close: () => void worker.terminate() };
}

function stepMatches(obj: KObject, fail: string): boolean {
  const a = obj.metadata.annotations ?? {};
  const parts = [a['maestro.dev/plan'], a['maestro.dev/phase'], a['maestro.dev/step']];
  const want = fail.split(/[/.]/);
  return want.every((w, i) => parts[parts.length - want.length + i] === w);
}

/** plan → {status, phases: {phase: {status, steps: {step: status}}}} */
function plansSummary(status: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  const ps = isRecord(status.planStatus) ? status.planStatus : {};
  for (const name of Object.keys(ps).sort()) {
    const p = ps[name] as Record<string, unknown>;
    const phases: Record<string, unknown> = {};
    for (const ph of (p.phases as Record<string, unknown>[] | undefined) ?? []) {
      const steps: Record<string, string> = {};
      for (const st of (ph.steps as Record<string, unknown>[] | undefined) ?? [])
        steps[String(st.name)] = String(st.status);
      phases[String(ph.name)] = { status: ph.status, steps };
    }
    out[name] = { status: p.status, phases, ...(p.message ? { message: p.message } : {}) };
  }
  return out;
}

/**
 * Why plans did not finish: the messages of plans, phases and steps that are
 * not COMPLETE, then the Instance's status conditions that report a problem
 * (any condition but Ready that is True, and Ready when it is not True).
 */
function explain(status: Record<string, unknown>): string[] {
  const out: string[] = [];
  const ps = isRecord(status.planStatus) ? status.planStatus : {};
  for (const name of Object.keys(ps).sort()) {
    const p = ps[name] as Record<string, unknown>;
    if (p.status === 'COMPLETE' || p.status === 'NEVER_RUN') continue;
    if (p.message) out.push(`plan ${name} ${String(p.status)}: ${String(p.message)}`);
    else out.push(`plan ${name} ${String(p.status)}`);
    for (const ph of (p.phases as Record<string, unknown>[] | undefined) ?? []) {
      for (const st of (ph.steps as Record<string, unknown>[] | undefined) ?? []) {
        if (st.status !== 'COMPLETE' && st.message)
          out.push(
            `step ${String(ph.name)}/${String(st.name)} ${String(st.status)}: ${String(st.message)}`,
          );
      }
    }
  }
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  for (const c of conditions.filter(isRecord)) {
    const problem = c.type === 'Ready' ? c.status !== 'True' : c.status === 'True';
    if (!problem) continue;
    const reason = c.reason ? ` (${String(c.reason)})` : '';
    out.push(
      `condition ${String(c.type)}=${String(c.status)}${reason}: ${String(c.message ?? '')}`,
    );
  }
  if (out.length === 0) out.push(NO_REASON);
  return out;
}

const NO_REASON = 'no plan finished, and the Instance reports no reason';

/**
 * Why an emulated Metacontroller never started its CompositeController (a
 * declared type not served when the run ended), or nothing when it runs.
 */
function notStarted(mc: Metacontroller, crdKinds: readonly string[]): string[] {
  const reason = mc.notStartedReason;
  if (reason === undefined) return [];
  const name = mc.controllerName;
  const gaps = mc.unservedTypes();
  const own = gaps.filter((g) => crdKinds.includes(g.kind));
  const one = gaps.length === 1;
  const listed = `${gaps.map((g) => `${g.role} resource ${g.resource}`).join(', ')} ${one ? 'is' : 'are'} not served`;
  const why =
    own.length > 0
      ? `the package creates ${own.length === 1 ? 'its CRD' : 'their CRDs'} itself, as ${own.length === 1 ? 'a child' : 'children'} of this controller, which never starts, so ${own.length === 1 ? 'it never comes' : 'they never come'}: install those CRDs first, e.g. from a package of their own (docs/packages.md, "Custom resources of the package's own CRDs")`
      : 'the cluster does not serve it';
  return [
    `Metacontroller cannot start the CompositeController ${name}: ${listed}; ${why} (event: ${reason})`,
  ];
}

/** The plan tree `maestro plan status` prints (src/cli/plan-tree.ts), for the plans that ran. */
function tree(
  status: Record<string, unknown>,
  instance: KObject | undefined,
  ovs: KObject[],
): string {
  const ps = (isRecord(status.planStatus) ? status.planStatus : {}) as Record<
    string,
    PlanStatusEntry
  >;
  const spec = (instance?.spec ?? {}) as { operatorVersion?: { name?: string } };
  const ovName = spec.operatorVersion?.name ?? ovs[0]?.metadata.name ?? '';
  const ov = ovs.find((o) => o.metadata.name === ovName) ?? ovs[0];
  const maestro = (isRecord(status.maestro) ? status.maestro : {}) as {
    execution?: { plan?: string };
  };
  const root = planTree({
    instance: instance?.metadata.name ?? '',
    namespace: instance?.metadata.namespace ?? '',
    operatorVersion: ovName,
    plans: planDefs(ov?.spec),
    planStatus: ps,
    active: lastExecutedPlan(ps, maestro.execution),
    show: 'ran',
  });
  return root.children.length === 0 ? '' : renderTree([root]).join('\n');
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    parameter: { type: 'string', short: 'p', multiple: true },
    'parameter-file': { type: 'string', short: 'P', multiple: true },
    update: { type: 'string', multiple: true },
    instance: { type: 'string' },
    namespace: { type: 'string', default: 'default' },
    plan: { type: 'string', multiple: true },
    'upgrade-to': { type: 'string' },
    delete: { type: 'boolean', default: false },
    fail: { type: 'string' },
    packages: { type: 'string' },
    'max-syncs': { type: 'string', default: '1000' },
    'apply-strategy': { type: 'string', default: 'dynamic-apply' },
    server: { type: 'string' },
    'pipe-image': { type: 'string' },
    output: { type: 'string', short: 'o', default: 'tree' },
    timeline: { type: 'string' },
    parent: { type: 'string', default: 'auto' },
  });
  const parentChoice = parseParentFlag(values.parent);
  if (values.help) {
    println(io.stdout, help);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) throw new UsageError('expected exactly one package DIR');
  const output = values.output;
  if (output !== 'tree' && output !== 'json')
    throw new UsageError(`-o must be tree or json, not ${JSON.stringify(output)}`);
  const maxSyncs = Number(values['max-syncs']);
  if (!Number.isInteger(maxSyncs) || maxSyncs <= 0)
    throw new UsageError('--max-syncs must be a positive integer');
  const applyStrategy = values['apply-strategy'];
  if (applyStrategy !== 'dynamic-apply' && applyStrategy !== 'server-side-apply')
    throw new UsageError(
      `--apply-strategy must be dynamic-apply or server-side-apply, not ${JSON.stringify(applyStrategy)}`,
    );
  const params = parameterArgs(values['parameter-file'], values.parameter);
  const updates = keyValues('--update', values.update);
  const notes: string[] = [];
  const note = (text: string) => {
    notes.push(text);
    if (output === 'tree') println(io.stderr, `note: ${text}`);
  };
  const ns = values.namespace;
  let main: Loaded;
  let upgrade: Loaded | undefined;
  try {
    main = load(positionals[0]!, ns, values.instance);
    if (values['upgrade-to']) upgrade = load(values['upgrade-to'], ns, values.instance);
    if (upgrade && upgrade.name !== main.name) {
      // Admission refuses this upgrade (src/webhooks/admission/upgrade.ts).
      println(
        io.stderr,
        `maestro simulate: --upgrade-to ${values['upgrade-to']}: OperatorVersion ${String(upgrade.ov.metadata.name)} belongs to operator "${upgrade.name}", not "${main.name}"; an Instance stays with its operator, so create a new Instance instead`,
      );
      return ExitCode.failed;
    }
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro simulate: ${err.message}`);
      return ExitCode.failed;
    }
    throw err;
  }
  // KudoOperator packages, transitively, from --packages.
  const supplied: Loaded[] = [];
  if (values.packages) {
    const queue = [...main.kudoOperators];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const dep = queue.shift()!;
      if (seen.has(dep.ovName)) continue;
      seen.add(dep.ovName);
      const dir = findPackage(values.packages, dep.pkg);
      if (!dir) {
        note(
          `package ${dep.pkg} is not in ${values.packages}; its child Instance completes after a delay`,
        );
        continue;
      }
      const l = load(dir, ns);
      if (l.ov.metadata.name !== dep.ovName) {
        note(`${dep.ovName} is simulated with ${l.ov.metadata.name} from ${dir}`);
        l.ov.metadata.name = dep.ovName;
      }
      supplied.push(l);
      queue.push(...l.kudoOperators);
    }
  }
  const suppliedOps = new Set(supplied.map((s) => s.name));
  const types = new Map(
    [...main.types, ...(upgrade?.types ?? [])].map((t) => [`${t.kind} ${t.apiVersion}`, t]),
  );
  // The parent kind: a ClusterInstance when a template renders a cluster-scoped kind.
  const clusterTemplates = [
    ...new Set([...main.clusterTemplates, ...(upgrade?.clusterTemplates ?? [])]),
  ].sort();
  const clusterParent =
    parentChoice === 'auto' ? clusterTemplates.length > 0 : parentChoice === CLUSTER_INSTANCE;
  if (parentChoice === 'auto' && clusterParent)
    note(
      `simulating a ClusterInstance: ${clusterTemplates.join(', ')} render${clusterTemplates.length === 1 ? 's' : ''} cluster-scoped kinds (--parent Instance forces a namespaced Instance)`,
    );
  const clusterKinds = [...new Set([...main.clusterKinds, ...(upgrade?.clusterKinds ?? [])])];
  // The CompositeController `maestro manifests` prints; for a ClusterInstance
  // the same one, watching clusterinstances.
  const controllerFor = (operator: string, kinds: Loaded['types']) =>
    compositeController(operator, kinds) as unknown as CompositeController;
  const controller = controllerFor(main.name, [...types.values()]);
  if (clusterParent) controller.spec.parentResource.resource = CLUSTER_INSTANCE_PLURAL;
  // The emulated API discovery also knows the kinds the packages render that
  // it has no entry for (custom resources, say), as a cluster that has their
  // CRDs would.
  const known = new Discovery();
  const allTypes = [...types.values(), ...supplied.flatMap((l) => l.types)];
  const discovery = new Discovery(
    allTypes
      .filter((t) => known.resource(t.apiVersion, pluralOf(t.kind)) === undefined)
      .map((t) => ({
        group: parseApiVersion(t.apiVersion).group,
        resource: pluralOf(t.kind),
        kind: t.kind,
        namespaced: !isClusterScopedKind(t.kind, clusterKinds),
      })),
  );
  const remote = values.server ? httpHooks(values.server) : undefined;
  if (remote) {
    const unreachable = remote.probe();
    if (unreachable !== undefined) {
      remote.close();
      println(io.stderr, `maestro simulate: --server ${values.server}: ${unreachable}`);
      return ExitCode.failed;
    }
  }
  const holder: { sim?: PlanSimulation } = {};
  const pipeImage = values['pipe-image'] ?? io.env.MAESTRO_PIPE_IMAGE;
  const hooks: HookServer =
    remote?.hooks ??
    engineHooks(() => holder.sim!.sim.clock.now(), pipeImage ? { pipeImage } : undefined);
  const fail = values.fail;
  // A custom kind of a CRD one of these packages renders is served only once
  // that CRD is Established in the emulated cluster; Metacontroller starts a
  // controller only when every type it declares is served.
  const crdKinds = [
    ...new Set([main, ...(upgrade ? [upgrade] : []), ...supplied].flatMap((l) => l.crdKinds)),
  ].sort();
  const s = new PlanSimulation({
    cluster: { crdKinds },
    controller,
    hooks,
    operatorVersions: [main.ov, ...supplied.map((l) => l.ov)],
    metacontroller: { applyStrategy, discovery },
    controllers: {
      faults: {
        ...(fail && { failJob: (job: KObject) => stepMatches(job, fail) }),
        healthDelay: (obj: KObject) => {
          if (
            obj.kind === 'Instance' &&
            suppliedOps.has(obj.metadata.labels?.['maestro.dev/operator'] ?? '')
          )
            return 'never';
          if (fail && obj.kind !== 'Job' && stepMatches(obj, fail)) return 'never';
          return undefined;
        },
      },
    },
  });
  holder.sim = s;
  // One emulated Metacontroller per supplied package, on the same cluster and clock.
  const metacontrollers: Metacontroller[] = [s.sim.metacontroller];
  for (const l of supplied) {
    const mc = new Metacontroller(s.sim.clock, s.sim.cluster, {
      controller: controllerFor(l.name, l.types),
      hooks,
      applyStrategy,
      discovery,
    });
    metacontrollers.push(mc);
  }

  let lastTree = '';
  const show = () => {
    if (output !== 'tree') return;
    const t = tree(s.status, s.instance ?? main.instance, [
      main.ov,
      ...(upgrade ? [upgrade.ov] : []),
    ]);
    if (t !== lastTree && t !== '') {
      println(io.stdout, `--- ${s.sim.clock.iso()} (sync ${s.sim.records.length})`);
      println(io.stdout, t);
      lastTree = t;
    }
  };
  const stage = (label: string) => {
    const first = s.sim.records.length;
    const r = s.sim.run({
      maxSyncs,
      until: () => {
        show();
        if (s.sim.records.length === first) return false;
        const c = s.currentPlan();
        return (
          c !== undefined &&
          !['IN_PROGRESS', 'PENDING', 'ERROR'].includes(c.status) &&
          s.pendingIntents() === 0
        );
      },
    });
    show();
    if (r.stoppedBecause === 'maxSyncs')
      note(`${label}: stopped after ${maxSyncs} syncs (--max-syncs)`);
    return r;
  };

  const inst = clusterParent
    ? (asClusterInstance(
        structuredClone(main.instance) as unknown as v1.Instance,
        ns,
      ) as unknown as KObject)
    : structuredClone(main.instance);
  (inst.spec as Record<string, unknown>).parameters = params;
  try {
    s.create(inst);
    stage('deploy');
    const outcomes: string[] = [];
    const check = (plan: string) => {
      const st = s.planStatus(plan) ?? 'NEVER_RUN';
      outcomes.push(st);
    };
    check('deploy');
    if (Object.keys(updates).length > 0) {
      s.updateSpec((spec) => {
        const current = isRecord(spec.parameters) ? spec.parameters : {};
        spec.parameters = { ...current, ...updates };
      });
      stage('update');
      check(s.currentPlan()?.plan ?? 'deploy');
    }
    for (const [i, plan] of (values.plan ?? []).entries()) {
      s.updateSpec((spec) => {
        spec.planExecution = { planName: plan, uid: `simulate-${i + 1}` };
      });
      stage(plan);
      check(plan);
    }
    if (upgrade) {
      s.sim.apply(upgrade.ov);
      s.updateSpec((spec) => {
        const ref = isRecord(spec.operatorVersion) ? spec.operatorVersion : {};
        spec.operatorVersion = { ...ref, name: upgrade!.ov.metadata.name };
      });
      stage('upgrade');
      check(s.currentPlan()?.plan ?? 'deploy');
    }
    let deleted: boolean | undefined;
    if (values.delete) {
      s.delete();
      s.sim.run({ maxSyncs });
      deleted = s.instance === undefined;
      if (!deleted) note('the Instance is still there: its cleanup did not finish');
      else outcomes.push('COMPLETE');
    }
    // After a delete, the status Maestro last wrote (the Instance is gone).
    const lastWritten = [...s.sim.records].reverse().find((r) => r.response?.status)
      ?.response?.status;
    const status = s.instance ? s.status : (lastWritten ?? {});
    const children = s.children().map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name ?? '',
    }));
    if (values.timeline)
      writeTimeline(values.timeline, s.sim.records, `maestro simulate ${main.name}`);
    for (const r of s.sim.records) if (r.error) note(`sync ${r.seq} (${r.at}): ${r.error}`);
    for (const n of s.sim.controllers.notes) note(n);
    const refused = metacontrollers.flatMap((mc) => notStarted(mc, crdKinds));
    const ok = refused.length === 0 && outcomes.every((o) => o === 'COMPLETE');
    const problems = ok
      ? []
      : [...refused, ...explain(status).filter((p) => refused.length === 0 || p !== NO_REASON)];
    if (output === 'json') {
      println(
        io.stdout,
        JSON.stringify(
          {
            plans: plansSummary(status),
            children,
            syncs: s.sim.records.length,
            status,
            ...(deleted !== undefined && { deleted }),
            notes,
            problems,
          },
          null,
          2,
        ),
      );
    } else {
      println(
        io.stdout,
        `${s.sim.records.length} syncs, ${children.length} objects, virtual time ${s.sim.clock.iso()}`,
      );
      for (const p of problems) println(io.stderr, `problem: ${p}`);
    }
    return ok ? ExitCode.ok : ExitCode.failed;
  } finally {
    remote?.close();
  }
}
