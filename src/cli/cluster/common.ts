// What every cluster command shares: kubectl's flags (--kubeconfig,
// --context, -n), connecting lazily, printing the API server's warnings, and
// turning errors into a message with its code and an exit code (docs/cli.md).
import { ExitCode, UsageError, println, type CommandIO } from '../command.ts';
import { MaestroError, type errorCatalogue } from '../../errors.ts';
import type { Cluster } from '../../kube/cli/cluster.ts';

export const clusterFlags = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
} as const;

export const clusterFlagsHelp = `Cluster options (read as kubectl reads them):
      --kubeconfig FILE  kubeconfig file (default: KUBECONFIG, else ~/.kube/config)
      --context NAME     kubeconfig context (default: its current-context)
  -n, --namespace NS     namespace (default: the context's namespace, else "default")`;

export interface ClusterValues {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
}

export async function openCluster(values: ClusterValues, io: CommandIO): Promise<Cluster> {
  const { connect } = await import('../../kube/cli/cluster.ts');
  return connect({
    kubeconfig: values.kubeconfig,
    context: values.context,
    namespace: values.namespace,
    env: io.env,
  });
}

/** A failure the command reports with a code: a message, never a stack. */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(
    readonly code: keyof typeof errorCatalogue,
    message: string,
    readonly exitCode: number = ExitCode.failed,
  ) {
    super(message);
  }
}

export function printWarnings(cluster: Cluster | undefined, io: CommandIO): void {
  for (const w of cluster?.takeWarnings() ?? []) println(io.stderr, `Warning: ${w}`);
}

/** Runs a cluster command body, mapping every expected failure to a message and an exit code. */
export async function runCluster(
  command: string,
  io: CommandIO,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as Error & { status?: number; reason?: string };
    if (err instanceof CliFailure) {
      println(io.stderr, `maestro ${command}: ${err.message} [${err.code}]`);
      return err.exitCode;
    }
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro ${command}: ${err.message} [${err.code}]`);
      return err.code === 'MAESTRO_CLUSTER_UNREACHABLE' ? ExitCode.unreachable : ExitCode.failed;
    }
    if (e.name === 'ClusterError') {
      const unreachable = e.status === 0;
      const code = unreachable ? 'MAESTRO_CLUSTER_UNREACHABLE' : 'MAESTRO_CLUSTER_REFUSED';
      // Admission's answers already end with Maestro's own code.
      const tagged = /\[MAESTRO_[A-Z0-9_]+\]$/.test(e.message);
      println(io.stderr, `maestro ${command}: ${e.message}${tagged ? '' : ` [${code}]`}`);
      return unreachable ? ExitCode.unreachable : ExitCode.failed;
    }
    throw err;
  }
}

/** `Instance default/zk`, KUDO's `instance.kudo.dev/...` left aside. */
export const nsName = (ns: string | undefined, name: string): string =>
  ns ? `${ns}/${name}` : name;
