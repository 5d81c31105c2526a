// `maestro manifests`: what to `kubectl apply` so that Metacontroller runs a
// package through Maestro (the Operator, the OperatorVersion and the package's
// CompositeController), and with --webhooks the admission webhook
// configurations. YAML documents on stdout, in a stable order.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { packageResources } from '../../package/resources.ts';
import {
  ownCustomResourceKinds,
  ownCustomResourcesWarning,
  renderedChildKinds,
  type ChildKind,
} from '../manifests/child-kinds.ts';
import { chooseApiVersion, parseKubeVersion, tableCheck } from '../../engine/served-apis.ts';
import { loadClusterConfig } from '../../kube/cluster-config.ts';
import {
  DEFAULT_NAMESPACE,
  DEFAULT_RELEASE,
  renderInstallManifests,
} from '../manifests/install.ts';
import {
  compositeController,
  defaultService,
  serviceUrl,
  type ParentScope,
  type ServiceRef,
} from '../manifests/composite-controller.ts';

/** Where the webhooks' CA comes from: inline (--ca-bundle) or cert-manager's cainjector. */
type CaSource = { caBundle: string } | { injectFrom: string };

export const DEFAULT_INJECT_CA_FROM = 'maestro-system/maestro-serving-cert';

export const help = `Usage: maestro manifests [DIR] [options]
       maestro manifests --install [--kube-version V] [--set K=V]... [-f values.yaml]...

Prints, as YAML documents, what installs an operator package for Metacontroller:
the Operator, the OperatorVersion (maestro.dev/v1) and the package's two
CompositeControllers: maestro-<name> (parents: maestro.dev/v1 instances labelled
maestro.dev/operator=<name>) and maestro-<name>.cluster (parents: the
cluster-scoped clusterinstances with that label), each with every kind the
templates render as a child (cluster-scoped kinds included), under the
apiVersion the target cluster serves, and the sync, finalize and customize
hooks v2. DIR is a package directory or .tgz.

With --install: Maestro itself, rendered from the Helm chart charts/maestro
(the same objects \`helm template\` gives: RBAC, Deployment, Service,
certificates, CRDs with their conversion caBundle, webhook configurations).

Options:
  --kube-version V         the target Kubernetes version (1.20, v1.25.3); without it,
                           the configured cluster's version (KUBECONFIG) is read
  --hooks-url URL          base URL of the hooks (default https://maestro.<namespace>.svc:443;
                           the chart's NOTES print it: Knative or externalURL)
  --auth-token-file FILE   the hook token (chart Secret maestro-auth-token): hooks at URL/t/<token>/...
  --hooks-ca-secret NS/NAME  the Secret whose ca.crt Metacontroller (v4.16+) trusts for https
                           hooks (webhook.caBundle.secretRef; default <namespace>/maestro-tls,
                           the chart's; "none" leaves it out: system roots)
  --parents KIND           which CompositeControllers: both (default), instances or
                           clusterinstances (a package that renders cluster-scoped kinds,
                           CRDs or ClusterRoles, deploys only as a ClusterInstance)
  --install                print Maestro's install manifests from the chart
  --set K=V                a chart value (dotted path; true/false/null/integers typed), repeatable
  -f, --values FILE        a YAML file of chart values, repeatable
  --release NAME           the release (base name of the objects; default ${DEFAULT_RELEASE})
  --webhooks               also print the chart's ValidatingWebhookConfiguration and
                           MutatingWebhookConfiguration (DIR is then optional; with
                           --auth-token-file their paths carry the token)
                           and NetworkPolicy (ingress only from Metacontroller's pods and
                           the API server's addresses)
  --api-server-cidr CIDR   with --webhooks: a source range of kube-apiserver's webhook calls
                           (repeatable; without it the NetworkPolicy admits any source on the
                           port, and a warning says so)
  --ca-bundle FILE         PEM CA that signed Maestro's serving certificate, put in caBundle
  --inject-ca-from NS/NAME without --ca-bundle: the cert-manager Certificate whose CA
                           cert-manager injects (default ${DEFAULT_INJECT_CA_FROM})
  --namespace NS           namespace of the maestro Service (default ${defaultService.namespace})

Examples (pipe them to kubectl):
  maestro manifests --install --kube-version 1.20 | kubectl apply -f -
  maestro manifests ./kafka --kube-version 1.20 | kubectl apply -f -`;

const flags = {
  webhooks: { type: 'boolean' },
  install: { type: 'boolean' },
  parents: { type: 'string', default: 'both' },
  'kube-version': { type: 'string' },
  'hooks-url': { type: 'string' },
  'auth-token-file': { type: 'string' },
  'api-server-cidr': { type: 'string', multiple: true },
  'hooks-ca-secret': { type: 'string' },
  set: { type: 'string', multiple: true },
  values: { type: 'string', short: 'f', multiple: true },
  release: { type: 'string' },
  'ca-bundle': { type: 'string' },
  'inject-ca-from': { type: 'string' },
  namespace: { type: 'string' },
} as const;

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
    return { caBundle: pem };
  }
  const from = values['inject-ca-from'] ?? DEFAULT_INJECT_CA_FROM;
  if (!/^[a-z0-9-.]+\/[a-z0-9-.]+$/.test(from)) {
    throw new UsageError(
      `--inject-ca-from must be NAMESPACE/NAME of a cert-manager Certificate, got "${from}"`,
    );
  }
  return { injectFrom: from };
}

/** Helm's --set scalars: true/false/null and integers are typed, the rest are strings. */
function scalar(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?(0|[1-9][0-9]{0,15})$/.test(text)) return Number(text);
  return text;
}

/** Chart values from -f files then --set pairs (later wins), as helm merges them. */
export function chartValues(files: string[], sets: string[]): Record<string, unknown> {
  let values: Record<string, unknown> = {};
  const merge = (
    a: Record<string, unknown>,
    b: Record<string, unknown>,
  ): Record<string, unknown> => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const cur = out[k];
      out[k] =
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        typeof cur === 'object' &&
        cur !== null &&
        !Array.isArray(cur)
          ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
          : v;
    }
    return out;
  };
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`--values ${file}: ${(err as Error).message}`);
    }
    if (parsed === null || parsed === undefined) continue;
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError(`--values ${file}: not a map of values`);
    }
    values = merge(values, parsed as Record<string, unknown>);
  }
  for (const pair of sets) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${pair}: give KEY=VALUE`);
    const path = pair.slice(0, eq).split('.');
    if (path.some((p) => p === '')) throw new UsageError(`--set ${pair}: empty key segment`);
    let leaf: unknown = scalar(pair.slice(eq + 1));
    for (const key of [...path].reverse()) leaf = { [key]: leaf };
    values = merge(values, leaf as Record<string, unknown>);
  }
  return values;
}

/** The target cluster's version: --kube-version, else the configured cluster's /version. */
async function targetKubeVersion(flag: string | undefined): Promise<string> {
  if (flag !== undefined) {
    if (parseKubeVersion(flag) === undefined) {
      throw new UsageError(
        `--kube-version: "${flag}" is not a Kubernetes version like 1.20 or v1.25.3`,
      );
    }
    return flag;
  }
  const k8s = await import('@kubernetes/client-node');
  const kc = loadClusterConfig(k8s);
  if (kc === undefined) {
    throw new UsageError(
      'the target Kubernetes version is unknown: give --kube-version (e.g. 1.20), or a kubeconfig (KUBECONFIG) to read it from the cluster',
    );
  }
  const info = await kc.makeApiClient(k8s.VersionApi).getCode();
  const version = `${info.major.replace(/\D+$/, '')}.${info.minor.replace(/\D+$/, '')}`;
  if (parseKubeVersion(version) === undefined) {
    throw new UsageError(
      `the cluster reports version ${info.gitVersion}, which is not understood: give --kube-version`,
    );
  }
  return version;
}

/** Child types under the apiVersion the target cluster serves. */
export function servedChildKinds(kinds: ChildKind[], kubeVersion: string): ChildKind[] {
  const check = tableCheck(parseKubeVersion(kubeVersion)!);
  const out = new Map<string, ChildKind>();
  for (const k of kinds) {
    const chosen = chooseApiVersion(k.apiVersion, k.kind, check);
    if (!chosen.ok) {
      throw new MaestroError(
        'MAESTRO_API_NOT_SERVED',
        `the package renders ${chosen.reason} (Kubernetes ${kubeVersion}); a CompositeController declaring it would be refused by Metacontroller`,
      );
    }
    out.set(`${chosen.apiVersion} ${k.kind}`, { apiVersion: chosen.apiVersion, kind: k.kind });
  }
  return [...out.values()].sort(
    (a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind),
  );
}

function readToken(file: string): string {
  let token: string;
  try {
    token = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new UsageError(`--auth-token-file ${file}: ${(err as Error).message}`);
  }
  if (!/^[a-z0-9][a-z0-9-]{14,251}[a-z0-9]$/.test(token)) {
    throw new UsageError(
      `--auth-token-file ${file}: the token must be 16 to 253 characters of a-z, 0-9 and - (a URL path segment kube-apiserver accepts)`,
    );
  }
  return token;
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, flags);
  if (positionals.length > 1) throw new UsageError('give at most one package directory');
  const dir = positionals[0];
  if (values.install) {
    if (dir !== undefined || values.webhooks) {
      throw new UsageError(
        '--install prints Maestro itself: give no package directory and no --webhooks',
      );
    }
    const kubeVersion = await targetKubeVersion(values['kube-version']);
    try {
      const { objects } = renderInstallManifests({
        kubeVersion,
        namespace: values.namespace ?? DEFAULT_NAMESPACE,
        releaseName: values.release ?? DEFAULT_RELEASE,
        values: chartValues(values.values ?? [], values.set ?? []),
      });
      io.stdout.write(objects.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
      return ExitCode.ok;
    } catch (err) {
      if (err instanceof MaestroError) {
        println(io.stderr, `maestro manifests: ${err.message} [${err.code}]`);
        return ExitCode.failed;
      }
      throw err;
    }
  }
  if (dir === undefined && !values.webhooks)
    throw new UsageError('give a package directory, --install, or --webhooks');
  const service: ServiceRef = {
    ...defaultService,
    ...(values.namespace ? { namespace: values.namespace } : {}),
  };
  const parents = values.parents;
  const scopes: ParentScope[] =
    parents === 'both'
      ? ['namespaced', 'cluster']
      : parents === 'instances'
        ? ['namespaced']
        : parents === 'clusterinstances'
          ? ['cluster']
          : [];
  if (scopes.length === 0) {
    throw new UsageError(`--parents must be both, instances or clusterinstances, got "${parents}"`);
  }
  const docs: unknown[] = [];
  if (dir !== undefined) {
    const kubeVersion = await targetKubeVersion(values['kube-version']);
    const token =
      values['auth-token-file'] !== undefined ? readToken(values['auth-token-file']) : undefined;
    const base = (values['hooks-url'] ?? serviceUrl(service, '')).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(base)) {
      throw new UsageError(`--hooks-url must be an http(s) URL, got "${values['hooks-url']}"`);
    }
    const hooksBase = token === undefined ? base : `${base}/t/${token}`;
    const caSecret = values['hooks-ca-secret'] ?? `${service.namespace}/${service.name}-tls`;
    if (caSecret !== 'none' && !/^[a-z0-9-.]+\/[a-z0-9-.]+$/.test(caSecret)) {
      throw new UsageError(`--hooks-ca-secret must be NAMESPACE/NAME or none, got "${caSecret}"`);
    }
    const caBundle =
      caSecret === 'none' || !base.startsWith('https://')
        ? undefined
        : {
            secretRef: {
              namespace: caSecret.split('/')[0]!,
              name: caSecret.split('/')[1]!,
              key: 'ca.crt',
            },
          };
    try {
      const pkg = parsePackageOrThrow(loadPackageFiles(dir));
      const res = packageResources(pkg).v1;
      const children = servedChildKinds(renderedChildKinds(pkg), kubeVersion);
      const own = ownCustomResourceKinds(pkg, children);
      if (own.length > 0)
        println(io.stderr, `maestro manifests: ${ownCustomResourcesWarning(own)}`);
      docs.push(
        res.operator,
        res.operatorVersion,
        ...scopes.map((scope) =>
          compositeController(
            pkg.operator.name ?? '',
            children,
            service,
            hooksBase,
            caBundle,
            scope,
          ),
        ),
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
    // The chart's own webhook configurations (one source), for the given CA and token.
    const ca = caSource(values);
    const token =
      values['auth-token-file'] !== undefined ? readToken(values['auth-token-file']) : undefined;
    const cidrs = values['api-server-cidr'] ?? [];
    for (const c of cidrs) {
      if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(c)) {
        throw new UsageError(`--api-server-cidr: "${c}" is not a CIDR like 10.0.0.1/32`);
      }
    }
    const certificates =
      'caBundle' in ca
        ? { mode: 'secret', secretName: `${service.name}-tls`, caBundle: ca.caBundle }
        : { mode: 'cert-manager', certManager: { injectFrom: ca.injectFrom } };
    let objects: Array<Record<string, unknown>>;
    try {
      ({ objects } = renderInstallManifests({
        // The webhook configurations do not depend on the Kubernetes version.
        kubeVersion: values['kube-version'] ?? '1.20',
        namespace: service.namespace,
        releaseName: values.release ?? DEFAULT_RELEASE,
        values: {
          certificates,
          auth: token === undefined ? { enabled: false } : { token },
          crds: { install: false },
          networkPolicy: { enabled: true, apiServerCIDRs: [...cidrs] },
        },
      }));
    } catch (err) {
      if (err instanceof MaestroError) {
        println(io.stderr, `maestro manifests: ${err.message} [${err.code}]`);
        return ExitCode.failed;
      }
      throw err;
    }
    for (const kind of [
      'ValidatingWebhookConfiguration',
      'MutatingWebhookConfiguration',
      'NetworkPolicy',
    ]) {
      docs.push(...objects.filter((o) => o.kind === kind));
    }
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
