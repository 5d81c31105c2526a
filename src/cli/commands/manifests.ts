// `maestro manifests`: what to `kubectl apply` so that Metacontroller runs a
// package through Maestro (the Operator, the OperatorVersion and the package's
// CompositeController), and with --webhooks the admission webhook
// configurations. YAML documents on stdout, in a stable order.
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { packageResources } from '../../package/resources.ts';
import { childKinds } from '../manifests/child-kinds.ts';
import {
  compositeController,
  defaultService,
  type ServiceRef,
} from '../manifests/composite-controller.ts';
import {
  mutatingWebhookConfiguration,
  validatingWebhookConfiguration,
  type CaSource,
} from '../manifests/webhook-configurations.ts';

export const DEFAULT_INJECT_CA_FROM = 'maestro-system/maestro-serving-cert';

export const help = `Usage: maestro manifests [DIR] [options]

Prints, as YAML documents, what installs an operator package for Metacontroller:
the Operator, the OperatorVersion (maestro.dev/v1) and the package's
CompositeController (parents: maestro.dev/v1 instances labelled
maestro.dev/operator=<name>; every kind the templates render as a child;
sync, finalize and customize hooks v2 on the Maestro Service over HTTPS).
DIR is a package directory or .tgz.

Options:
  --webhooks               also print the ValidatingWebhookConfiguration and
                           MutatingWebhookConfiguration (DIR is then optional)
  --ca-bundle FILE         PEM CA that signed Maestro's serving certificate, put in caBundle
  --inject-ca-from NS/NAME without --ca-bundle: the cert-manager Certificate whose CA
                           cert-manager injects (default ${DEFAULT_INJECT_CA_FROM})
  --namespace NS           namespace of the maestro Service (default ${defaultService.namespace})
  --auth-token-file FILE   the token \`serve --auth-token-file\` reads: hook URLs and webhook
                           paths start with /t/<token>/ (the CRDs' conversion path needs it
                           too: install them from charts/maestro, which writes it)
  --api-server-cidr CIDR   with --webhooks: a source address range of kube-apiserver's webhook
                           calls, admitted by the NetworkPolicy (repeatable; without it the
                           policy admits any source on the port, and a warning says so)

Pipe it to kubectl:  maestro manifests ./kafka --webhooks | kubectl apply -f -`;

const flags = {
  webhooks: { type: 'boolean' },
  'ca-bundle': { type: 'string' },
  'inject-ca-from': { type: 'string' },
  namespace: { type: 'string' },
  'auth-token-file': { type: 'string' },
  'api-server-cidr': { type: 'string', multiple: true },
} as const;

/** The chart's rule (charts/maestro): kube-apiserver takes only DNS-label-like path segments. */
const TOKEN_RE = /^[a-z0-9][a-z0-9-]{14,251}[a-z0-9]$/;

function readToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new UsageError(`--auth-token-file ${file}: ${(err as Error).message}`);
  }
  if (!TOKEN_RE.test(token)) {
    throw new UsageError(
      `--auth-token-file ${file}: the token must be 16 to 253 characters from a-z 0-9 and -, starting and ending with a letter or digit`,
    );
  }
  return token;
}

/**
 * The NetworkPolicy of charts/maestro (one source with the chart): ingress to
 * Maestro's pods only from Metacontroller's pods and the API server's addresses.
 */
async function networkPolicy(
  namespace: string,
  cidrs: readonly string[],
): Promise<Record<string, unknown>> {
  const { renderInstallManifests } = await import('../manifests/install.ts');
  const { objects } = renderInstallManifests({
    namespace,
    kubeVersion: '1.20',
    values: {
      networkPolicy: { enabled: true, apiServerCIDRs: [...cidrs] },
      auth: { enabled: false },
    },
  });
  const policy = objects.find((o) => o.kind === 'NetworkPolicy');
  if (policy === undefined) throw new Error('charts/maestro rendered no NetworkPolicy');
  return policy;
}

function caSource(values: { 'ca-bundle'?: string; 'inject-ca-from'?: string }): CaSource {
  if (values['ca-bundle'] !== undefined && values['inject-ca-from'] !== undefined) {
    throw new UsageError('--ca-bundle and --inject-ca-from exclude each other');
  }
  if (values['ca-bundle'] !== undefined) {
    let pem: string;
    try {
      pem = readFileSync(values['ca-bundle'], 'utf8');
    } catch (err) {
      throw new UsageError(`--ca-bundle ${values['ca-bundle']}: ${(err as Error).message}`);
    }
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError(`--ca-bundle ${values['ca-bundle']}: not a PEM certificate`);
    }
    return { caBundle: Buffer.from(pem, 'utf8').toString('base64') };
  }
  const from = values['inject-ca-from'] ?? DEFAULT_INJECT_CA_FROM;
  if (!/^[a-z0-9-.]+\/[a-z0-9-.]+$/.test(from)) {
    throw new UsageError(
      `--inject-ca-from must be NAMESPACE/NAME of a cert-manager Certificate, got "${from}"`,
    );
  }
  return { injectFrom: from };
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, flags);
  if (positionals.length > 1) throw new UsageError('give at most one package directory');
  const dir = positionals[0];
  if (dir === undefined && !values.webhooks)
    throw new UsageError('give a package directory, or --webhooks');
  const token =
    values['auth-token-file'] === undefined ? undefined : readToken(values['auth-token-file']);
  const cidrs = values['api-server-cidr'] ?? [];
  for (const c of cidrs) {
    if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(c)) {
      throw new UsageError(`--api-server-cidr: "${c}" is not a CIDR like 10.0.0.1/32`);
    }
  }
  const service: ServiceRef = {
    ...defaultService,
    ...(values.namespace ? { namespace: values.namespace } : {}),
    ...(token !== undefined && { pathPrefix: `/t/${token}` }),
  };
  const docs: unknown[] = [];
  if (dir !== undefined) {
    try {
      const pkg = parsePackageOrThrow(loadPackageFiles(dir));
      const res = packageResources(pkg).v1;
      docs.push(
        res.operator,
        res.operatorVersion,
        compositeController(pkg.operator.name ?? '', childKinds(pkg), service),
      );
    } catch (err) {
      if (err instanceof MaestroError) {
        println(io.stderr, `maestro manifests: ${err.message} [${err.code}]`);
        return ExitCode.failed;
      }
      throw err;
    }
  }
  if (values.webhooks) {
    const ca = caSource(values);
    docs.push(
      validatingWebhookConfiguration(service, ca),
      mutatingWebhookConfiguration(service, ca),
      await networkPolicy(service.namespace, cidrs),
    );
    if (cidrs.length === 0) {
      println(
        io.stderr,
        "maestro manifests: the NetworkPolicy admits any source on the webhook port until --api-server-cidr names the API server's addresses (kubectl get endpoints kubernetes -n default)",
      );
    }
  }
  io.stdout.write(docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
  return ExitCode.ok;
}
