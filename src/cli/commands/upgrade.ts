// `maestro upgrade INSTANCE PACKAGE`: a newer OperatorVersion for an Instance.
import { UsageError, parseCommandArgs, type CommandIO } from '../command.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import {
  clusterScopeFlags,
  clusterScopeHelp,
  lookupScope,
  hooksFlags,
  packageSourceFlags,
  parameterFlags,
  parameterHelp,
  readParameters,
  sourceAndHooks,
  waitFlags,
  waitHelp,
  waitOptions,
} from '../cluster/flags.ts';

export const help = `Usage: maestro upgrade INSTANCE PACKAGE [options]

Installs a newer version of the Instance's package (its dependencies,
Operator, OperatorVersion, and the CompositeControllers widened to any new
child kinds), then points the Instance at it. For a ClusterInstance the new
OperatorVersion goes to the namespace its spec.operatorVersion names. The new operatorVersion must be
greater than the installed one. Admission runs the upgrade plan (else update,
else deploy) and drops parameters the new version no longer has.

Options:
      --repo URL               repository holding index.yaml (default MAESTRO_REPO)
      --operator-version V     the package version from the repository (default newest)
      --app-version V          the application version from the repository
${parameterHelp}
      --maestro-namespace NS   namespace of the maestro Service (default maestro-system)
      --hooks-url URL          base URL of the hooks (default the Service)
      --hooks-ca-secret NS/NAME  Secret whose ca.crt Metacontroller trusts (default NS/maestro-tls)
${waitHelp}
${clusterScopeHelp}
${clusterFlagsHelp}

Examples:
  maestro upgrade zk ./zookeeper-0.3.4 --wait
  maestro upgrade zk zookeeper --repo https://operators.example.com/ --operator-version 0.3.4

Exit codes: 0 upgraded (and with --wait the plan completed), 1 refused, not newer or the
plan failed, 2 usage error, 3 --wait timed out, 4 no cluster or unreachable.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    ...parameterFlags,
    ...waitFlags,
    ...packageSourceFlags,
    ...hooksFlags,
    ...clusterScopeFlags,
  });
  if (positionals.length !== 2) throw new UsageError('expected INSTANCE and PACKAGE');
  const params = readParameters(values);
  const wait = waitOptions(values, io);
  return runCluster('upgrade', io, async () => {
    const cluster = await openCluster(values, io);
    const { upgrade } = await import('../cluster/lifecycle.ts');
    return upgrade(
      cluster,
      positionals[0]!,
      cluster.namespace,
      lookupScope(values),
      positionals[1]!,
      {
        ...sourceAndHooks(values, io),
        params,
        wait,
      },
      io,
    );
  });
}
