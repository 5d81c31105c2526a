// `maestro get instances|operators|operatorversions`: lists, as `kubectl kudo get`.
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import { formatAge, table } from '../cluster/table.ts';
import type { KObject } from '../../engine/kobject.ts';
import { V1 } from '../../model/names.ts';

export const help = `Usage: maestro get instances|operators|operatorversions [options]

Lists Maestro's objects in the namespace (or every namespace with -A):
  instances         NAME, KIND (Instance or ClusterInstance), OPERATOR-VERSION, the last
                    executed PLAN and its STATUS, READY, AGE; the ClusterInstances listed
                    are those whose namespaced children go to the namespace (spec.namespace),
                    every one with -A, where NAMESPACE shows that namespace
  operators         NAME, the VERSIONS installed (their OperatorVersions), AGE
  operatorversions  NAME, OPERATOR, VERSION, APP-VERSION, AGE

Options:
  -A, --all-namespaces  list across all namespaces
  -o, --output FORMAT   table (default), json or yaml
${clusterFlagsHelp}

Examples:
  maestro get instances -A
  maestro get operators -n kafka -o yaml

Exit codes: 0 listed, 1 refused, 2 usage error, 4 no cluster or unreachable.`;

const KINDS: Record<string, string> = {
  instances: 'Instance',
  instance: 'Instance',
  operators: 'Operator',
  operator: 'Operator',
  operatorversions: 'OperatorVersion',
  operatorversion: 'OperatorVersion',
};

/** An object's namespace; for a ClusterInstance, the namespace of its namespaced children. */
const childNamespace = (o: KObject): string =>
  o.kind === 'ClusterInstance'
    ? ((o.spec as { namespace?: string } | undefined)?.namespace ?? '')
    : (o.metadata.namespace ?? '');

const age = (o: KObject, now: number) => {
  const ts = o.metadata.creationTimestamp;
  return typeof ts === 'string' ? formatAge(now - Date.parse(ts)) : '';
};

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    'all-namespaces': { type: 'boolean', short: 'A', default: false },
    output: { type: 'string', short: 'o', default: 'table' },
  });
  const what = positionals[0];
  const kind = what === undefined ? undefined : KINDS[what];
  if (kind === undefined || positionals.length > 1)
    throw new UsageError('expected one of: instances, operators, operatorversions');
  const output = values.output;
  if (output !== 'table' && output !== 'json' && output !== 'yaml')
    throw new UsageError(`-o must be table, json or yaml, not ${JSON.stringify(output)}`);
  const all = values['all-namespaces'];
  return runCluster(`get ${what}`, io, async () => {
    const cluster = await openCluster(values, io);
    const ns = all ? undefined : cluster.namespace;
    const items = await cluster.list(V1, kind, ns);
    if (kind === 'Instance' && (await cluster.serves(V1, 'ClusterInstance'))) {
      // Cluster-scoped: listed by the namespace of their namespaced children.
      // A user without cluster-wide read on them still gets the Instances.
      const clusterInstances = await cluster
        .list(V1, 'ClusterInstance', undefined)
        .catch((err: Error & { status?: number }) => {
          if (err.name === 'ClusterError' && err.status === 403) return [];
          throw err;
        });
      items.push(...clusterInstances.filter((o) => ns === undefined || childNamespace(o) === ns));
    }
    const key = (o: KObject) => `${childNamespace(o)}/${o.metadata.name ?? ''}/${o.kind}`;
    items.sort((a, b) => key(a).localeCompare(key(b)));
    if (output === 'json') {
      println(io.stdout, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2));
      return ExitCode.ok;
    }
    if (output === 'yaml') {
      io.stdout.write(stringify({ apiVersion: 'v1', kind: 'List', items }, { lineWidth: 0 }));
      return ExitCode.ok;
    }
    if (items.length === 0) {
      println(io.stderr, all ? `No ${what} found.` : `No ${what} found in ${ns} namespace.`);
      return ExitCode.ok;
    }
    const now = Date.now();
    const nsCol = (o: KObject) => (all ? [childNamespace(o)] : []);
    const head = all ? ['NAMESPACE'] : [];
    let lines: string[];
    if (kind === 'Instance') {
      const { lastExecutedPlan } = await import('../plan-tree.ts');
      const { statusOf } = await import('../cluster/progress.ts');
      lines = table(
        [...head, 'NAME', 'KIND', 'OPERATOR-VERSION', 'PLAN', 'STATUS', 'READY', 'AGE'],
        items.map((o) => {
          const { planStatus, maestro } = statusOf(o);
          const plan = lastExecutedPlan(planStatus, maestro.execution);
          const conds = ((o.status as { conditions?: { type?: string; status?: string }[] })
            ?.conditions ?? []) as { type?: string; status?: string }[];
          const ready = conds.find((c) => c.type === 'Ready')?.status ?? '';
          const paused = (o.spec as { planControl?: { paused?: boolean } })?.planControl?.paused;
          return [
            ...nsCol(o),
            o.metadata.name ?? '',
            o.kind,
            String(
              (o.spec as { operatorVersion?: { name?: string } })?.operatorVersion?.name ?? '',
            ),
            plan ?? '',
            `${plan ? (planStatus[plan]?.status ?? '') : ''}${paused ? ' (paused)' : ''}`,
            ready,
            age(o, now),
          ];
        }),
      );
    } else if (kind === 'Operator') {
      const ovs = await cluster.list(V1, 'OperatorVersion', ns);
      lines = table(
        [...head, 'NAME', 'VERSIONS', 'AGE'],
        items.map((o) => {
          const versions = ovs
            .filter(
              (v) =>
                v.metadata.namespace === o.metadata.namespace &&
                (v.spec as { operator?: { name?: string } })?.operator?.name === o.metadata.name,
            )
            .map((v) => {
              const s = v.spec as { version?: string; appVersion?: string };
              return s.appVersion ? `${s.appVersion}_${s.version ?? ''}` : (s.version ?? '');
            })
            .sort();
          return [...nsCol(o), o.metadata.name ?? '', versions.join(',') || '<none>', age(o, now)];
        }),
      );
    } else {
      lines = table(
        [...head, 'NAME', 'OPERATOR', 'VERSION', 'APP-VERSION', 'AGE'],
        items.map((o) => {
          const s = o.spec as {
            operator?: { name?: string };
            version?: string;
            appVersion?: string;
          };
          return [
            ...nsCol(o),
            o.metadata.name ?? '',
            s?.operator?.name ?? '',
            s?.version ?? '',
            s?.appVersion ?? '',
            age(o, now),
          ];
        }),
      );
    }
    println(io.stdout, lines.join('\n'));
    return ExitCode.ok;
  });
}
