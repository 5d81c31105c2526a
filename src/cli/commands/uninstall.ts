// `maestro uninstall INSTANCE`: delete it; its cleanup plan runs first.
import { parseCommandArgs, type CommandIO } from '../command.ts';
import { instanceOperand } from '../cluster/args.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import {
  clusterScopeFlags,
  clusterScopeHelp,
  lookupScope,
  waitFlags,
  waitOptions,
} from '../cluster/flags.ts';

export const help = `Usage: maestro uninstall INSTANCE [options]

Deletes an Instance or ClusterInstance (propagation Background, as KUDO).
Metacontroller calls Maestro's finalize hook, which runs the package's cleanup
plan and lets the Instance go when it is complete; its children (cluster-scoped
ones too, for a ClusterInstance) are then garbage-collected. The Operator and
OperatorVersion stay.

Options:
  -w, --wait                   wait until the Instance is gone (cleanup done)
      --timeout DURATION       how long --wait waits (default 5m)
${clusterScopeHelp}
${clusterFlagsHelp}

Example:
  maestro uninstall zk --wait --timeout 10m

Exit codes: 0 deleted (with --wait: gone), 1 refused, 2 usage error, 3 --wait timed
out, 4 no cluster or unreachable.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    ...waitFlags,
    ...clusterScopeFlags,
    instance: { type: 'string' },
  });
  const name = instanceOperand(positionals, 0, values.instance);
  const wait = waitOptions(values, io);
  return runCluster('uninstall', io, async () => {
    const cluster = await openCluster(values, io);
    const { uninstall } = await import('../cluster/lifecycle.ts');
    return uninstall(cluster, name, cluster.namespace, lookupScope(values), wait, io);
  });
}
