// `maestro install`: a package (directory, .tgz, URL or repository name) onto a cluster.
import { UsageError, parseCommandArgs, type CommandIO } from '../command.ts';
import { clusterFlags, clusterFlagsHelp, openCluster, runCluster } from '../cluster/common.ts';
import {
  clusterScopeFlags,
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

export const help = `Usage: maestro install PACKAGE [options]

Installs an operator package: its KudoOperator dependencies, then its
Operator, OperatorVersion and CompositeControllers (Metacontroller drives its
Instances through Maestro), then the Instance. PACKAGE is a directory, a .tgz
file or URL, or a package name in the repository given with --repo.
Required parameters without a value are listed before anything is created.

A package that renders cluster-scoped objects with the given parameters
(CustomResourceDefinitions, ClusterRoles, ClusterRoleBindings, webhook
configurations, ...) is installed as a ClusterInstance, the cluster-scoped
parent kind: its namespaced children go to the namespace (-n), where the
Operator and OperatorVersion are created too. --cluster asks for a
ClusterInstance for any package. Creating one needs cluster-level rights.

Options:
${parameterHelp}
      --instance NAME          instance name (default <operator>-instance)
      --repo URL               repository holding index.yaml: http(s)://, file:// or a folder
                               (default MAESTRO_REPO)
      --operator-version V     the package version to install from the repository (default newest)
      --app-version V          the application version to install from the repository
      --create-namespace       create the namespace when it does not exist
      --skip-instance          install the Operator, OperatorVersion and CompositeControllers only
      --cluster                a ClusterInstance even when nothing rendered is cluster-scoped
      --maestro-namespace NS   namespace of the maestro Service the CompositeController calls
                               (default maestro-system); the chart's hook token is read from
                               its Secret maestro-auth-token there, when it exists
      --hooks-url URL          base URL of the hooks (Knative or externalURL; default the Service)
      --hooks-ca-secret NS/NAME  Secret whose ca.crt Metacontroller trusts for https hooks
                               (default <maestro-namespace>/maestro-tls; "none": system roots)
${waitHelp}
${clusterFlagsHelp}

Examples:
  maestro install ./zookeeper --instance zk -p NODE_COUNT=3 --wait
  maestro install zookeeper --repo https://operators.example.com/ -n kafka --create-namespace
  maestro install ./cert-manager -n cert-manager --create-namespace   # a ClusterInstance

Exit codes: 0 installed (and with --wait the deploy plan completed), 1 refused or the
plan failed, 2 usage error, 3 --wait timed out, 4 no cluster or unreachable.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    ...parameterFlags,
    ...waitFlags,
    ...packageSourceFlags,
    ...hooksFlags,
    instance: { type: 'string' },
    'create-namespace': { type: 'boolean', default: false },
    'skip-instance': { type: 'boolean', default: false },
    ...clusterScopeFlags,
  });
  if (positionals.length !== 1)
    throw new UsageError('expected exactly one PACKAGE (a directory, .tgz, URL or name)');
  const params = readParameters(values);
  const wait = waitOptions(values, io);
  return runCluster('install', io, async () => {
    const cluster = await openCluster(values, io);
    const { install } = await import('../cluster/lifecycle.ts');
    return install(
      cluster,
      positionals[0]!,
      {
        ...sourceAndHooks(values, io),
        instance: values.instance,
        namespace: cluster.namespace,
        params,
        createNamespace: values['create-namespace'],
        skipInstance: values['skip-instance'],
        cluster: values.cluster,
        wait,
      },
      io,
    );
  });
}
