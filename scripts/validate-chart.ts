// `npm run validate:chart`: the chart against the real tools.
//   1. helm lint --strict charts/maestro;
//   2. helm template for every value set of test/chart/value-sets.ts (and
//      policy/v1 served), each object validated client-side against its
//      published schema (kubernetes-models 4.5; Knative's and cert-manager's
//      CRD schemas from @kubernetes-models/knative and /cert-manager);
//   3. every rendered set applied with `kubectl apply --dry-run=server` to a
//      real kube-apiserver: $KUBECONFIG when set, else ../shared/realapi's
//      (started here with REALAPI_STATE, stopped at the end). That server has
//      no cert-manager or Knative CRDs: stand-in CRDs that accept any spec are
//      created for their kinds, so the server checks names, namespaces and
//      metadata, and the schema check of step 2 covers their specs;
//   4. test/chart/helm.test.ts with MAESTRO_REQUIRE_HELM=1 (Maestro's renderer
//      equals helm template).
// A missing helm or API server is an error that says how to get it (exit 2),
// never a silent pass. HELM and REALAPI_STATE override the defaults.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { valueSets, type K8sObject } from '../test/chart/value-sets.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chart = join(root, 'charts', 'maestro');
const realapi = resolve(root, '..', 'shared', 'realapi');
const work = mkdtempSync(join(tmpdir(), 'maestro-validate-chart-'));
let failures = 0;

function missing(what: string, how: string): never {
  console.error(`validate-chart: ${what} not found: ${how}`);
  process.exit(2);
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const helm =
  [process.env.HELM, '/tmp/realapi/bin/helm'].find((p) => p && existsSync(p)) ?? which('helm');
if (!helm) {
  missing('helm', 'set HELM, or build helm v3.5.4 with ../shared/realapi/build-helm.sh');
}
const kubectl = which('kubectl') ?? missing('kubectl', 'install kubectl');

function step(name: string, ok: boolean, detail = '') {
  const shown = detail.length > 600 ? `${detail.slice(0, 600)}...` : detail;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${shown ? `: ${shown}` : ''}`);
  if (!ok) failures++;
}

// 1. lint
{
  const r = spawnSync(helm, ['lint', '--strict', chart], { encoding: 'utf8' });
  step('helm lint --strict', r.status === 0, r.status === 0 ? '' : r.stdout + r.stderr);
}

// 2. template + client-side schemas
const caPem = readFileSync(join(root, 'test', 'fixtures', 'chart', 'ca.crt'), 'utf8');
const sets = [
  ...valueSets(caPem).map((s) => ({ name: s.name, values: s.values, extra: [] as string[] })),
  { name: 'policy-v1', values: {}, extra: ['--api-versions', 'policy/v1/PodDisruptionBudget'] },
];

async function modelFor(o: K8sObject) {
  const path = o.apiVersion.startsWith('serving.knative.dev/')
    ? `@kubernetes-models/knative/${o.apiVersion}/${o.kind}`
    : o.apiVersion.startsWith('cert-manager.io/')
      ? `@kubernetes-models/cert-manager/${o.apiVersion}/${o.kind}`
      : `kubernetes-models/${o.apiVersion}/${o.kind}`;
  const mod = (await import(path)) as Record<string, new (x: unknown) => { validate(): void }>;
  return mod[o.kind];
}

const rendered: Array<{ name: string; file: string; objects: K8sObject[] }> = [];
for (const set of sets) {
  const valuesFile = join(work, `${set.name.replace(/[^a-z0-9-]+/g, '-')}.values.json`);
  writeFileSync(valuesFile, JSON.stringify(set.values));
  const r = spawnSync(
    helm,
    ['template', 'maestro', chart, '-n', 'maestro-system', '-f', valuesFile, ...set.extra],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    step(`helm template (${set.name})`, false, r.stderr);
    continue;
  }
  const file = join(work, `${set.name.replace(/[^a-z0-9-]+/g, '-')}.yaml`);
  writeFileSync(file, r.stdout);
  const objects = parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  const problems: string[] = [];
  for (const o of objects) {
    try {
      const Model = await modelFor(o);
      if (!Model) throw new Error('no published schema');
      new Model(o).validate();
    } catch (err) {
      problems.push(`${o.apiVersion} ${o.kind} ${o.metadata.name}: ${(err as Error).message}`);
    }
  }
  step(
    `helm template (${set.name}): ${objects.length} objects, published schemas`,
    problems.length === 0,
    problems.join('; '),
  );
  rendered.push({ name: set.name, file, objects });
}

// 3. server-side dry run
let started: string | undefined;
let env: NodeJS.ProcessEnv = { ...process.env };
if (!process.env.KUBECONFIG) {
  if (!existsSync('/tmp/realapi/bin/kube-apiserver')) {
    missing(
      'an API server',
      'set KUBECONFIG, or build kube-apiserver with ../shared/realapi/build-apiserver.sh',
    );
  }
  started = process.env.REALAPI_STATE ?? '/tmp/realapi-state-validate-chart';
  const up = spawnSync(join(realapi, 'up.sh'), {
    env: { ...env, REALAPI_STATE: started },
    encoding: 'utf8',
  });
  if (up.status !== 0) {
    console.error(`validate-chart: ../shared/realapi/up.sh failed:\n${up.stdout}${up.stderr}`);
    spawnSync(join(realapi, 'down.sh'), { env: { ...env, REALAPI_STATE: started } });
    process.exit(2);
  }
  const sourced = execFileSync('bash', ['-c', `source ${started}/env.sh && env`], {
    encoding: 'utf8',
  });
  env = Object.fromEntries(
    sourced
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
try {
  const kc = (args: string[], input?: string) =>
    spawnSync(kubectl, args, { encoding: 'utf8', env, ...(input ? { input } : {}) });
  const version = kc(['version', '-o', 'json']);
  const server = (JSON.parse(version.stdout || '{}') as { serverVersion?: { gitVersion?: string } })
    .serverVersion?.gitVersion;
  step(`API server reachable`, server !== undefined, server ?? version.stderr);
  kc(['create', 'namespace', 'maestro-system']);
  // Stand-in CRDs for the kinds this API server lacks (see the header).
  const standIn = (group: string, kind: string, plural: string) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}`, labels: { 'maestro.dev/stand-in': 'validate-chart' } },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      ],
    },
  });
  const standIns = [
    standIn('cert-manager.io', 'Issuer', 'issuers'),
    standIn('cert-manager.io', 'Certificate', 'certificates'),
    standIn('serving.knative.dev', 'Service', 'services'),
  ];
  const created = kc(['apply', '-f', '-'], standIns.map((o) => JSON.stringify(o)).join('\n'));
  step('stand-in CRDs for cert-manager and Knative kinds', created.status === 0, created.stderr);
  kc([
    'wait',
    '--for=condition=Established',
    '--timeout=30s',
    'crd',
    '-l',
    'maestro.dev/stand-in=validate-chart',
  ]);
  const minor = Number(/^v1\.(\d+)/.exec(server ?? '')?.[1] ?? 0);
  for (const r of rendered) {
    const res = kc(['apply', '--dry-run=server', '-f', r.file]);
    const lines = res.stdout.split('\n').filter((l) => l.includes('(server dry run)'));
    const errors = res.stderr
      .split('\n')
      .filter((l) => l && !/^Warning|skew/.test(l))
      .join(' ');
    if (r.name === 'policy-v1' && minor < 21) {
      // Rendered for a 1.21+ cluster: a 1.20 server must refuse exactly the PDB.
      step(
        `kubectl apply --dry-run=server (${r.name}): refused by ${server} as it must be (no policy/v1)`,
        lines.length === r.objects.length - 1 &&
          /PodDisruptionBudget" in version "policy\/v1"/.test(errors),
        errors,
      );
      continue;
    }
    step(
      `kubectl apply --dry-run=server (${r.name}): ${lines.length}/${r.objects.length} accepted`,
      res.status === 0 && lines.length === r.objects.length,
      errors,
    );
  }
  kc(['delete', 'crd', '-l', 'maestro.dev/stand-in=validate-chart', '--wait=false']);
  // A real install, then an upgrade: the generated CA, certificate and token
  // must survive (lookup of the live Secrets), and so must every caBundle and path.
  // A fresh namespace each run: without kube-controller-manager a deleted namespace
  // stays Terminating, so it is left behind (empty) rather than deleted.
  const release = `chart-upgrade-${Date.now().toString(36)}`;
  const h = (args: string[]) => spawnSync(helm, args, { encoding: 'utf8', env });
  const snapshot = () =>
    JSON.stringify([
      kc([
        '-n',
        release,
        'get',
        'secret',
        `${release}-maestro-tls`,
        `${release}-maestro-auth-token`,
        '-o',
        'jsonpath={.items[*].data}',
      ]).stdout,
      kc([
        'get',
        'validatingwebhookconfiguration',
        `${release}-maestro`,
        '-o',
        'jsonpath={.webhooks[*].clientConfig}',
      ]).stdout,
      kc([
        'get',
        'mutatingwebhookconfiguration',
        `${release}-maestro`,
        '-o',
        'jsonpath={.webhooks[*].clientConfig}',
      ]).stdout,
    ]);
  const common = ['-n', release, '--set', 'crds.install=false'];
  const installed = h(['install', release, chart, '--create-namespace', ...common]);
  const before = snapshot();
  const upgraded = h(['upgrade', release, chart, ...common, '--set', 'replicaCount=3']);
  const after = snapshot();
  step(
    'helm install then helm upgrade: the generated CA, certificate, token, caBundles and paths are kept',
    installed.status === 0 && upgraded.status === 0 && before.length > 20 && before === after,
    installed.stderr + upgraded.stderr,
  );
  h(['uninstall', release, '-n', release]);
} finally {
  if (started)
    execFileSync(join(realapi, 'down.sh'), {
      env: { ...process.env, REALAPI_STATE: started },
      stdio: 'ignore',
    });
  rmSync(work, { recursive: true, force: true });
}

// 4. the renderer equals helm template
{
  const r = spawnSync(process.execPath, ['scripts/test.mjs', 'test/chart/helm.test.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, MAESTRO_REQUIRE_HELM: '1', HELM: helm },
  });
  const summary = /# pass (\d+)[\s\S]*# fail (\d+)/.exec(r.stdout);
  step(
    `test/chart/helm.test.ts (Maestro's renderer equals helm template)`,
    r.status === 0,
    summary ? `${summary[1]} passed, ${summary[2]} failed` : r.stdout.slice(-500),
  );
}

console.log(failures === 0 ? 'validate-chart: all passed' : `validate-chart: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
