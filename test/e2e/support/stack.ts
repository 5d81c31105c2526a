// The real control plane for the end-to-end tests (../shared/realapi):
// etcd + kube-apiserver (up.sh, in a state folder of its own),
// kube-controller-manager, kube-scheduler, Metacontroller, one or two
// Maestro processes serving HTTPS (bin/maestro.js serve with the webhook
// certificate up.sh made), a hook recorder between Metacontroller and
// Maestro, and the kubelet stand-in. Everything listens on 127.0.0.1, and
// every process is recorded in $REALAPI_STATE/pids so down.sh stops exactly it.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { Kube, resourcePath } from './kube.ts';
import { Kubelet } from './kubelet.ts';
import { HookRecorder } from './recorder.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
export const SHARED = resolve(REPO, '../shared/realapi');
export const BIN = process.env.REALAPI_BIN ?? '/tmp/realapi/bin';
export const MAESTRO_BIN = join(REPO, 'bin/maestro.js');

export type McVersion = 'v4.17.2' | 'v1.5.14';
export type ApplyStrategy = 'dynamic-apply' | 'server-side-apply';

export interface StackOptions {
  /** Names the state folder: /tmp/realapi-state-e2e-<name>. */
  name: string;
  mc: McVersion;
  apply?: ApplyStrategy;
  /**
   * `cli`: the stack installs neither Maestro's CRDs and webhooks nor the CA
   * Secret; the test runs `maestro init` itself (the journey). Default `chart`.
   */
  maestroBy?: 'chart' | 'cli';
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined/false, or fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
  everyMs = 250,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await sleep(everyMs);
  }
}

interface Proc {
  name: string;
  child: ChildProcess;
}

export class Stack {
  readonly o: StackOptions;
  readonly state: string;
  env: Record<string, string> = {};
  kube!: Kube;
  kubelet!: Kubelet;
  recorder!: HookRecorder;
  maestroPorts: number[] = [];
  readonly #maestro = new Map<number, Proc>();
  #mc: Proc | undefined;
  #mcPorts: number[] = [];
  readonly #installed = new Set<string>();
  readonly log: string;

  constructor(o: StackOptions) {
    this.o = o;
    this.state = `/tmp/realapi-state-e2e-${o.name}`;
    this.log = `${this.state}-test.log`;
  }

  note(line: string): void {
    appendFileSync(this.log, `${new Date().toISOString()} ${line}\n`);
  }

  get pki(): string {
    return `${this.state}/pki`;
  }

  async start(): Promise<void> {
    writeFileSync(this.log, '');
    const down = spawnSync(`${SHARED}/down.sh`, {
      env: { ...process.env, REALAPI_STATE: this.state },
      encoding: 'utf8',
    });
    void down;
    const up = spawnSync(`${SHARED}/up.sh`, {
      env: {
        ...process.env,
        REALAPI_STATE: this.state,
        APISERVER_PORT: String(await freePort()),
        ETCD_PORT: String(await freePort()),
      },
      encoding: 'utf8',
    });
    if (up.status !== 0) throw new Error(`up.sh failed: ${up.stdout}\n${up.stderr}`);
    for (const line of readFileSync(`${this.state}/env.sh`, 'utf8').split('\n')) {
      const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (m) this.env[m[1]!] = m[2]!;
    }
    this.kube = new Kube(this.env.REALAPI_SERVER!, this.pki);
    const kc = this.env.KUBECONFIG!;
    this.#bg('kube-controller-manager', `${BIN}/kube-controller-manager`, [
      `--kubeconfig=${kc}`,
      '--leader-elect=false',
      '--port=0',
      '--secure-port=0',
      `--service-account-private-key-file=${this.pki}/sa.key`,
      `--root-ca-file=${this.pki}/ca.crt`,
      `--cluster-signing-cert-file=${this.pki}/ca.crt`,
      `--cluster-signing-key-file=${this.pki}/ca.key`,
      // No node heartbeats come from the kubelet stand-in: no node lifecycle controller either.
      '--controllers=*,-nodelifecycle',
      '--v=1',
    ]);
    this.#bg('kube-scheduler', `${BIN}/kube-scheduler`, [
      `--kubeconfig=${kc}`,
      '--leader-elect=false',
      '--port=0',
      '--secure-port=0',
      '--v=1',
    ]);
    this.kubectl(['apply', '-f', `${SHARED}/example/metacontroller-crds-${this.o.mc}.yaml`]);
    this.recorder = new HookRecorder({
      cert: this.env.REALAPI_WEBHOOK_CERT!,
      key: this.env.REALAPI_WEBHOOK_KEY!,
      ca: this.env.REALAPI_CA!,
    });
    await this.recorder.listen();
    const m1 = await freePort();
    await this.startMaestro(m1);
    this.recorder.backends = [m1];
    const byChart = this.o.maestroBy !== 'cli';
    if (byChart) {
      this.kubectl(['apply', '-f', '-'], this.#maestroInstall(`https://127.0.0.1:${m1}`));
      for (const crd of ['instances', 'operators', 'operatorversions', 'clusterinstances'])
        this.kubectl([
          'wait',
          '--for=condition=Established',
          `crd/${crd}.maestro.dev`,
          '--timeout=60s',
        ]);
    }
    if (byChart && this.o.mc !== 'v1.5.14') {
      // Metacontroller v4 trusts the hooks' CA from the Secret the
      // CompositeController names (webhook.caBundle.secretRef), as in the chart.
      await this.namespace('maestro-system');
      await this.kube.must('POST', '/api/v1/namespaces/maestro-system/secrets', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'maestro-tls', namespace: 'maestro-system' },
        data: { 'ca.crt': readFileSync(this.env.REALAPI_CA!).toString('base64') },
      });
    }
    await this.startMetacontroller();
    this.kubelet = new Kubelet({
      kube: this.kube,
      kubeconfig: kc,
      maestroBin: MAESTRO_BIN,
      log: (l) => this.note(l),
    });
    await this.kubelet.start();
  }

  /**
   * Maestro's CRDs and admission webhook configurations, pointing at Maestro
   * on this host: the chart's `externalURL` values rendered by the real helm
   * (`$REALAPI_BIN/helm`, built by ../shared/realapi/build-helm.sh), else
   * `crds/` and `maestro manifests --webhooks` rewritten by wire.py.
   */
  #maestroInstall(base: string): string {
    const helm = `${BIN}/helm`;
    if (existsSync(helm) && existsSync(join(REPO, 'charts/maestro/Chart.yaml'))) {
      this.installedWith = 'helm';
      const r = spawnSync(
        helm,
        [
          'template',
          'maestro',
          join(REPO, 'charts/maestro'),
          '--namespace',
          'maestro-system',
          '--set',
          `externalURL=${base}`,
          '--set',
          'auth.enabled=false',
          '--set-file',
          `certificates.caBundle=${this.env.REALAPI_CA!}`,
        ],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`helm template: ${r.stderr}`);
      return r.stdout;
    }
    this.installedWith = 'wire.py';
    this.note(
      `no ${helm} or chart: CRDs and webhooks from crds/ and maestro manifests, wired by wire.py`,
    );
    const wire = (input: string) => {
      const r = spawnSync('python3', [`${SHARED}/wire.py`, base, this.env.REALAPI_CA_B64!], {
        input,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`wire.py: ${r.stderr}`);
      return r.stdout;
    };
    const crds = ['instances', 'operators', 'operatorversions']
      .map((n) => readFileSync(join(REPO, `crds/${n}.maestro.dev.yaml`), 'utf8'))
      .join('\n---\n');
    // One version, no conversion webhook: nothing for wire.py to rewrite.
    const clusterInstances = readFileSync(
      join(REPO, 'crds/clusterinstances.maestro.dev.yaml'),
      'utf8',
    );
    const hooks = this.maestro(['manifests', '--webhooks', '--ca-bundle', this.env.REALAPI_CA!]);
    return `${wire(crds)}\n---\n${clusterInstances}\n---\n${wire(hooks)}`;
  }

  /** How Maestro's CRDs and webhooks were installed: the chart through helm, or wire.py. */
  installedWith: 'helm' | 'wire.py' | undefined;

  #bg(name: string, cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    const out = `${this.state}/logs/${name}.log`;
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => appendFileSync(out, c));
    child.stderr!.on('data', (c: Buffer) => appendFileSync(out, c));
    writeFileSync(`${this.state}/pids/${name}.pid`, String(child.pid));
    writeFileSync(`${this.state}/pids/${name}.cmd`, cmd.split('/').pop()!);
    return child;
  }

  kubectl(args: string[], input?: string): string {
    const r = spawnSync('kubectl', args, {
      env: { ...process.env, KUBECONFIG: this.env.KUBECONFIG! },
      encoding: 'utf8',
      ...(input !== undefined && { input }),
    });
    if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** `maestro` CLI output (not serve). */
  maestro(args: string[]): string {
    const r = spawnSync(process.execPath, [MAESTRO_BIN, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`maestro ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  async startMaestro(port: number): Promise<void> {
    const name = `maestro-${port}`;
    const child = this.#bg(
      name,
      process.execPath,
      [
        MAESTRO_BIN,
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--tls-cert',
        this.env.REALAPI_WEBHOOK_CERT!,
        '--tls-key',
        this.env.REALAPI_WEBHOOK_KEY!,
        '--log-level',
        'warn',
        '--drain-delay',
        '0s',
        '--shutdown-timeout',
        '2s',
        ...(this.o.apply === 'server-side-apply' ? [] : []),
      ],
      { KUBECONFIG: this.env.KUBECONFIG! },
    );
    writeFileSync(`${this.state}/pids/${name}.cmd`, 'maestro.js');
    this.#maestro.set(port, { name, child });
    if (!this.maestroPorts.includes(port)) this.maestroPorts.push(port);
    await until(
      `Maestro on ${port} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`maestro serve exited ${child.exitCode}`);
        return await this.recorder.probe(port);
      },
      30_000,
      100,
    );
  }

  /** SIGKILL a Maestro process (no graceful shutdown). */
  async killMaestro(port: number): Promise<void> {
    const p = this.#maestro.get(port);
    if (!p) return;
    p.child.kill('SIGKILL');
    await until(
      'Maestro to exit',
      async () => p.child.exitCode !== null || p.child.signalCode !== null,
      10_000,
      50,
    );
    this.#maestro.delete(port);
  }

  async startMetacontroller(): Promise<void> {
    if (this.#mcPorts.length === 0) this.#mcPorts = [await freePort(), await freePort()];
    const [metrics, health] = this.#mcPorts as [number, number];
    const args =
      this.o.mc === 'v1.5.14'
        ? [`--debug-addr=127.0.0.1:${metrics}`, '--discovery-interval=5s', '--v=4']
        : [
            `--metrics-address=127.0.0.1:${metrics}`,
            `--health-probe-bind-address=127.0.0.1:${health}`,
            '--discovery-interval=5s',
            `--apply-strategy=${this.o.apply ?? 'dynamic-apply'}`,
            '--zap-log-level=5',
          ];
    const child = this.#bg(
      'metacontroller',
      `${BIN}/metacontroller-${this.o.mc}`,
      [`--kubeconfig=${this.env.KUBECONFIG!}`, ...args],
      // Go reads the trust store from here: the hooks are HTTPS with up.sh's CA.
      {
        KUBECONFIG: this.env.KUBECONFIG!,
        // v1 reads the hooks' CA from the trust store; v4 from the Secret above.
        ...(this.o.mc === 'v1.5.14' && { SSL_CERT_FILE: this.env.REALAPI_CA! }),
      },
    );
    this.#mc = { name: 'metacontroller', child };
    await until(
      'Metacontroller /metrics',
      async () => {
        if (child.exitCode !== null) throw new Error(`metacontroller exited ${child.exitCode}`);
        const r = await fetch(`http://127.0.0.1:${metrics}/metrics`).catch(() => undefined);
        return r?.ok;
      },
      30_000,
      100,
    );
  }

  async killMetacontroller(): Promise<void> {
    const p = this.#mc;
    if (!p) return;
    p.child.kill('SIGKILL');
    await until(
      'Metacontroller to exit',
      async () => p.child.exitCode !== null || p.child.signalCode !== null,
      10_000,
      50,
    );
    this.#mc = undefined;
  }

  /**
   * The package's Operator, OperatorVersion (in `namespace`) and, once per
   * operator, its CompositeController(s), all printed by `maestro manifests`
   * for Kubernetes 1.20 (`--kube-version 1.20`: PodDisruptionBudgets as
   * policy/v1beta1), with the hooks pointed at the recorder. `parents` picks
   * the controllers (`maestro manifests --parents`; default the Instances'
   * only), `rewriteCc` changes them before they are applied.
   */
  installPackage(
    dir: string,
    namespace: string,
    rewriteOv?: (ov: any) => void,
    o: {
      parents?: 'instances' | 'clusterinstances' | 'both';
      rewriteCc?: (cc: any) => void;
    } = {},
  ): { operator: string; ov: string; controllers: string[] } {
    const docs = parseAllDocuments(
      this.maestro([
        'manifests',
        dir,
        '--kube-version',
        '1.20',
        '--parents',
        o.parents ?? 'instances',
        // Metacontroller v1 has no webhook.caBundle: it trusts SSL_CERT_FILE.
        ...(this.o.mc === 'v1.5.14' ? ['--hooks-ca-secret', 'none'] : []),
      ]),
    ).map((d) => d.toJS() as any);
    const operator = docs.find((d) => d.kind === 'Operator');
    const ov = docs.find((d) => d.kind === 'OperatorVersion');
    const controllers = docs.filter((d) => d.kind === 'CompositeController');
    if (rewriteOv) rewriteOv(ov);
    for (const d of [operator, ov]) d.metadata.namespace = namespace;
    this.kubectl(['apply', '-f', '-'], [operator, ov].map((d) => stringify(d)).join('---\n'));
    for (const cc of controllers) {
      o.rewriteCc?.(cc);
      if (this.#installed.has(cc.metadata.name)) continue;
      // Metacontroller v1's CRD has no parentResource.labelSelector (the API
      // server would prune it): such a controller selects every Instance.
      if (this.o.mc === 'v1.5.14') delete cc.spec.parentResource.labelSelector;
      for (const [hook, h] of Object.entries(cc.spec.hooks) as [string, any][]) {
        h.webhook.url = `${this.recorder.url}/${hook}`;
        if (this.o.mc === 'v1.5.14') delete h.version;
      }
      this.kubectl(['apply', '-f', '-'], stringify(cc));
      this.#installed.add(cc.metadata.name);
    }
    return {
      operator: operator.metadata.name,
      ov: ov.metadata.name,
      controllers: controllers.map((c) => c.metadata.name),
    };
  }

  async namespace(ns: string): Promise<void> {
    await this.kube.must('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
  }

  /** An Instance's path; with `ns` '' a ClusterInstance's (cluster-scoped). */
  instancePath(ns: string, name?: string): string {
    return ns === ''
      ? resourcePath('maestro.dev/v1', 'clusterinstances', undefined, name)
      : resourcePath('maestro.dev/v1', 'instances', ns, name);
  }

  /** A ClusterInstance: namespaced children in `namespace`, the OperatorVersion there too. */
  async createClusterInstance(
    name: string,
    operator: string,
    ov: string,
    namespace: string,
    parameters: Record<string, string> = {},
  ): Promise<any> {
    return this.kube.must('POST', this.instancePath(''), {
      apiVersion: 'maestro.dev/v1',
      kind: 'ClusterInstance',
      metadata: {
        name,
        labels: { 'kudo.dev/operator': operator, 'maestro.dev/operator': operator },
      },
      spec: { namespace, operatorVersion: { name: ov, namespace }, parameters },
    });
  }

  async createInstance(
    ns: string,
    name: string,
    operator: string,
    ov: string,
    parameters: Record<string, string> = {},
  ): Promise<any> {
    return this.kube.must('POST', this.instancePath(ns), {
      apiVersion: 'maestro.dev/v1',
      kind: 'Instance',
      metadata: {
        name,
        namespace: ns,
        labels: { 'kudo.dev/operator': operator, 'maestro.dev/operator': operator },
      },
      spec: { operatorVersion: { name: ov }, parameters },
    });
  }

  async instance(ns: string, name: string): Promise<any> {
    return this.kube.get(this.instancePath(ns, name));
  }

  /** Waits until plan `plan` of the Instance is `status` (with the uid not `notUid`, when given). */
  async planStatus(
    ns: string,
    name: string,
    plan: string,
    status: string,
    timeoutMs = 180_000,
    notUid?: string,
  ): Promise<any> {
    return until(
      `${ns}/${name} plan ${plan} ${status}`,
      async () => {
        const inst = await this.instance(ns, name);
        const ps = inst?.status?.planStatus?.[plan];
        if (ps?.status === status && (notUid === undefined || ps.uid !== notUid)) return inst;
        return undefined;
      },
      timeoutMs,
      300,
    );
  }

  async stop(): Promise<void> {
    this.kubelet?.stop();
    await this.killMetacontroller().catch(() => undefined);
    for (const port of [...this.#maestro.keys()])
      await this.killMaestro(port).catch(() => undefined);
    await this.recorder?.close();
    const down = spawnSync(`${SHARED}/down.sh`, {
      env: { ...process.env, REALAPI_STATE: this.state },
      encoding: 'utf8',
    });
    if (down.status !== 0) this.note(`down.sh: ${down.stderr}`);
  }
}

export function ensureDir(p: string): void {
  if (!existsSync(p)) mkdirSync(p, { recursive: true });
}
