// `maestro diagnostics collect INSTANCE`: one tarball with what a bug report needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import { instanceOperand } from '../cluster/args.ts';
import { clusterScopeFlags, clusterScopeHelp, lookupScope } from '../cluster/flags.ts';
import { compositeControllerName } from '../manifests/composite-controller.ts';
import { writeTarball } from '../../package/loader/tarball.ts';
import type { KObject } from '../../engine/kobject.ts';
import { V1 } from '../../model/names.ts';

export const help = `Usage: maestro diagnostics collect INSTANCE [options]

Collects into one .tgz (as \`kubectl kudo diagnostics collect\`), for an
Instance or a ClusterInstance:
  instance.yaml, operatorversion.yaml, operator.yaml   the objects, with status and conditions
  plan-status.txt                                      the plan tree of \`maestro plan status\`
  children/<Kind>_<name>.yaml                          every child in status.maestro.inventory
  events.yaml                                          events of the Instance and its children
  maestro/<pod>.log                                    the logs of Maestro's pods, when reachable
  compositecontroller.yaml, version.txt, errors.txt    the controller, server version, what failed

Options:
  -O, --output-directory DIR  where to write diag-<instance>-<time>.tgz (default .)
      --maestro-namespace NS  namespace of Maestro's pods (default maestro-system)
      --log-lines N           lines of each log (default 2000)
${clusterScopeHelp}
${clusterFlagsHelp}

Example:
  maestro diagnostics collect zk -n kafka -O /tmp

Exit codes: 0 written (errors.txt lists what could not be read), 1 the Instance is
missing, 2 usage error, 4 no cluster or unreachable.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    'output-directory': { type: 'string', short: 'O', default: '.' },
    'maestro-namespace': { type: 'string', default: 'maestro-system' },
    'log-lines': { type: 'string', default: '2000' },
    instance: { type: 'string' },
    ...clusterScopeFlags,
  });
  const [sub] = positionals;
  if (sub !== 'collect')
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}: expected collect`);
  const name = instanceOperand(positionals, 1, values.instance);
  return runCluster('diagnostics collect', io, async () => {
    const cluster = await openCluster(values, io);
    const lc = await import('../cluster/lifecycle.ts');
    const { treeLines } = await import('../cluster/progress.ts');
    const found = await lc.findInstance(cluster, name, cluster.namespace, lookupScope(values));
    const isCluster = found.target.kind === 'ClusterInstance';
    // The namespaced children's namespace (a ClusterInstance's spec.namespace).
    const ns = found.target.namespace;
    const files = new Map<string, string>();
    const errors: string[] = [];
    const attempt = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await fn();
      } catch (err) {
        errors.push(`${what}: ${(err as Error).message}`);
        return undefined;
      }
    };
    const yaml = (o: unknown) => stringify(o, { lineWidth: 0 });
    const inst = found.object;
    files.set('instance.yaml', yaml(inst));
    const ov = await attempt('OperatorVersion', () => lc.operatorVersionOf(cluster, inst));
    if (ov) files.set('operatorversion.yaml', yaml(ov));
    else errors.push('OperatorVersion: not found');
    const opName = (ov?.spec as { operator?: { name?: string } } | undefined)?.operator?.name;
    if (opName) {
      const op = await attempt('Operator', () =>
        cluster.get({
          apiVersion: V1,
          kind: 'Operator',
          name: opName,
          namespace: ov?.metadata.namespace ?? ns,
        }),
      );
      if (op) files.set('operator.yaml', yaml(op));
      const cc = await attempt('CompositeController', () =>
        cluster.get({
          apiVersion: lc.CC_API,
          kind: 'CompositeController',
          name: compositeControllerName(opName, isCluster ? 'cluster' : 'namespaced'),
        }),
      );
      if (cc) files.set('compositecontroller.yaml', yaml(cc));
    }
    files.set('plan-status.txt', `${treeLines(inst, ov).join('\n')}\n`);
    type Item = { apiVersion?: string; kind: string; name: string; namespace?: string };
    const inventory =
      (inst.status as { maestro?: { inventory?: Item[] } } | undefined)?.maestro?.inventory ?? [];
    const involved = new Set([`${found.target.kind}/${name}`]);
    for (const item of inventory) {
      const child = await attempt(`child ${item.kind}/${item.name}`, () =>
        cluster.get({
          apiVersion: item.apiVersion ?? 'v1',
          kind: item.kind,
          name: item.name,
          // '' is a cluster-scoped child's.
          namespace: item.namespace ?? ns,
        }),
      );
      if (child) {
        files.set(`children/${item.kind}_${item.name}.yaml`, yaml(child));
        involved.add(`${item.kind}/${item.name}`);
      }
    }
    // Events about cluster-scoped objects (a ClusterInstance, its CRDs, ...) are recorded in "default".
    const eventNamespaces = isCluster && ns !== 'default' ? [ns, 'default'] : [ns];
    const events = await attempt('events', async () =>
      (await Promise.all(eventNamespaces.map((n) => cluster.list('v1', 'Event', n)))).flat(),
    );
    if (events) {
      const mine = events.filter((e) => {
        const o = (e as KObject & { involvedObject?: { kind?: string; name?: string } })
          .involvedObject;
        return o !== undefined && involved.has(`${o.kind}/${o.name}`);
      });
      files.set('events.yaml', yaml(mine));
    }
    const pods = await attempt('Maestro pods', () =>
      cluster.list('v1', 'Pod', values['maestro-namespace'], {
        label: 'app.kubernetes.io/name=maestro',
      }),
    );
    for (const pod of pods ?? []) {
      const podName = pod.metadata.name ?? '';
      const log = await attempt(`logs of ${podName}`, () =>
        cluster.podLog(values['maestro-namespace'], podName),
      );
      if (log !== undefined) files.set(`maestro/${podName}.log`, log);
    }
    if ((pods ?? []).length === 0)
      errors.push(
        `Maestro logs: no pod labelled app.kubernetes.io/name=maestro in ${values['maestro-namespace']}`,
      );
    const version = await attempt('server version', () => cluster.serverVersion());
    if (version) files.set('version.txt', `server ${version}\ncontext ${cluster.context}\n`);
    files.set('errors.txt', errors.length > 0 ? `${errors.join('\n')}\n` : '');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const dir = values['output-directory'];
    mkdirSync(dir, { recursive: true });
    const target = join(dir, `diag-${name}-${stamp}.tgz`);
    const prefixed = new Map([...files].map(([k, v]) => [`diag-${name}/${k}`, v]));
    writeFileSync(target, writeTarball(prefixed));
    println(io.stdout, `diagnostics written: ${target} (${files.size} files)`);
    for (const e of errors) println(io.stderr, `note: ${e}`);
    return ExitCode.ok;
  });
}
