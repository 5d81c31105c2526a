// `maestro update INSTANCE -p ...`: change parameters; admission picks the plan.
import { UsageError, parseCommandArgs, type CommandIO } from '../command.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import { instanceOperand } from '../cluster/args.ts';
import {
  clusterScopeFlags,
  clusterScopeHelp,
  lookupScope,
  parameterFlags,
  parameterHelp,
  readParameters,
  waitFlags,
  waitHelp,
  waitOptions,
} from '../cluster/flags.ts';

export const help = `Usage: maestro update INSTANCE -p NAME=VALUE... [options]

Changes parameters of an Instance or ClusterInstance (a merge of the given names only). Maestro
admission picks the plan the change triggers (the parameters' trigger, else
update, else deploy) and refuses changes that conflict with a running plan;
its answer is printed.

Options:
${parameterHelp}
${waitHelp}
${clusterScopeHelp}
${clusterFlagsHelp}

Example:
  maestro update zk -p NODE_COUNT=5 --wait

Exit codes: 0 updated (and with --wait the plan completed), 1 refused or the plan
failed, 2 usage error, 3 --wait timed out, 4 no cluster or unreachable.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    ...parameterFlags,
    ...waitFlags,
    ...clusterScopeFlags,
    instance: { type: 'string' },
  });
  const name = instanceOperand(positionals, 0, values.instance);
  const params = readParameters(values);
  if (Object.keys(params).length === 0)
    throw new UsageError('give at least one parameter with -p NAME=VALUE or -P FILE');
  const wait = waitOptions(values, io);
  return runCluster('update', io, async () => {
    const cluster = await openCluster(values, io);
    const { update } = await import('../cluster/lifecycle.ts');
    return update(cluster, name, cluster.namespace, lookupScope(values), params, wait, io);
  });
}
