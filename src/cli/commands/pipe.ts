// `maestro pipe publish`: runs in the publisher container of a pipe Job, after
// the user's init container has written its files. It writes each file into
// the ConfigMap or Secret that the plan engine rendered for it.
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { parseDuration } from '../../server/config.ts';

export const help = `Usage: maestro pipe publish [options]

Writes files that a pipe task's init container generated into the artifacts
(ConfigMaps or Secrets) that Maestro's plan engine rendered for them. Each file
becomes one key, its base name, of one artifact. The artifacts must already
exist: the publisher only reads and patches them, and never creates anything.

Options:
  --configmap NAME=FILE   write FILE into ConfigMap NAME as binaryData (repeatable)
  --secret NAME=FILE      write FILE into Secret NAME as data (repeatable)
  --namespace NS          the artifacts' namespace (POD_NAMESPACE)
  --execution ID          the plan execution this run belongs to, recorded on each artifact
  --kubeconfig FILE       use this kubeconfig (KUBECONFIG); default: the pod's service account
  --timeout DUR           how long to wait for an artifact to exist (default 2m)

Files larger than 1 MiB fail, as in KUDO. Exit codes: 0 published, 1 failed, 2 usage.

Example (the publish container of a pipe Job, as Maestro writes it):
  maestro pipe publish --configmap zk.deploy.main.gen.certs.a1b2=/tmp/out/ca.pem --namespace default`;

const flags = {
  configmap: { type: 'string', multiple: true },
  secret: { type: 'string', multiple: true },
  namespace: { type: 'string' },
  execution: { type: 'string' },
  kubeconfig: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'publish') {
    throw new UsageError(
      sub === undefined ? 'missing subcommand: publish' : `unknown subcommand "${sub}"`,
    );
  }
  const { values } = parseCommandArgs(rest, flags, false);
  const namespace = values.namespace ?? io.env.POD_NAMESPACE;
  if (namespace === undefined || namespace === '') {
    throw new UsageError('--namespace (or POD_NAMESPACE) is required');
  }
  const timeoutMs = values.timeout === undefined ? 120_000 : parseDuration(values.timeout);
  if (timeoutMs === undefined)
    throw new UsageError(`--timeout: "${values.timeout}" is not a duration`);

  const { parseTarget } = await import('../../kube/publish/artifacts.ts');
  let targets;
  try {
    targets = [
      ...(values.configmap ?? []).map((s) => parseTarget('ConfigMap', s)),
      ...(values.secret ?? []).map((s) => parseTarget('Secret', s)),
    ];
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (targets.length === 0)
    throw new UsageError('nothing to publish: give --configmap or --secret');

  const [{ publish, PublishError }, { connectArtifactApi }] = await Promise.all([
    import('../../kube/publish/publish.ts'),
    import('../../kube/publish/client-api.ts'),
  ]);
  try {
    const api = await connectArtifactApi({ kubeconfig: values.kubeconfig, env: io.env });
    await publish(api, {
      namespace,
      targets,
      timeoutMs,
      ...(values.execution === undefined ? {} : { execution: values.execution }),
      log: (line) => println(io.stderr, line),
    });
  } catch (err) {
    if (
      err instanceof PublishError ||
      /no cluster configured|ENOENT/.test((err as Error).message)
    ) {
      println(io.stderr, `maestro pipe publish: ${(err as Error).message}`);
      return ExitCode.failed;
    }
    throw err;
  }
  return ExitCode.ok;
}
