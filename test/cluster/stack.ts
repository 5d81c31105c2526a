// A real control plane for the cluster CLI tests: etcd and kube-apiserver
// from ../shared/realapi (up.sh, down.sh), Maestro's CRDs and admission
// webhooks registered and served by `maestro serve` over HTTPS on loopback
// (wire.py points their clientConfig at it), and Metacontroller's CRDs so
// CompositeControllers can be created. No Metacontroller runs: the tests play
// the controller by writing Instance status through the API.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import * as k8s from '@kubernetes/client-node';

const run = promisify(execFile);
export const root = resolve(new URL('../..', import.meta.url).pathname);
export const realapi = resolve(root, '../shared/realapi');
export const bin = join(root, 'bin/maestro.js');

export interface Stack {
  state: string;
  env: Record<string, string>;
  kubeconfig: string;
  maestroUrl: string;
  kc: k8s.KubeConfig;
  objects: k8s.KubernetesObjectApi;
  custom: k8s.CustomObjectsApi;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

function readEnv(state: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(state, 'env.sh'), 'utf8').split('\n')) {
    const m = /^export ([A-Z_0-9]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function apiserverAvailable(): string | undefined {
  if (process.env.KUBE_APISERVER && existsSync(process.env.KUBE_APISERVER)) return undefined;
  if (existsSync('/tmp/realapi/bin/kube-apiserver')) return undefined;
  return 'no kube-apiserver: run ../shared/realapi/build-apiserver.sh (npm run test:cluster does)';
}

export async function startStack(): Promise<Stack> {
  const state = mkdtempSync(join(tmpdir(), 'realapi-state-cli-test-'));
  const base = {
    ...process.env,
    REALAPI_STATE: state,
    APISERVER_PORT: String(await freePort()),
    ETCD_PORT: String(await freePort()),
  };
  await run('bash', [join(realapi, 'up.sh')], { env: base, maxBuffer: 1 << 24 });
  const env = readEnv(state);
  const stop = async () => {
    await run('bash', [join(realapi, 'down.sh'), '--purge'], {
      env: { ...process.env, REALAPI_STATE: state },
    }).catch(() => undefined);
  };
  try {
    const port = await freePort();
    const maestro: ChildProcess = spawn(
      process.execPath,
      [
        // Node flags for the served Maestro, e.g. a profile: STACK_MAESTRO_NODE_ARGS='--cpu-prof'.
        ...(process.env.STACK_MAESTRO_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
        // Another build to serve (a benchmark's before and after): STACK_MAESTRO_BIN=<dir>/bin/maestro.js.
        process.env.STACK_MAESTRO_BIN ?? bin,
        'serve',
        '--port',
        String(port),
        '--tls-cert',
        env.REALAPI_WEBHOOK_CERT!,
        '--tls-key',
        env.REALAPI_WEBHOOK_KEY!,
        '--log-level',
        'warn',
        '--drain-delay',
        '0',
      ],
      { env: { ...process.env, KUBECONFIG: env.KUBECONFIG! }, stdio: 'ignore', detached: false },
    );
    maestro.unref();
    // down.sh stops it with the rest, after checking its command line.
    writeFileSync(join(state, 'pids/maestro.pid'), `${maestro.pid}\n`);
    writeFileSync(join(state, 'pids/maestro.cmd'), 'maestro.js\n');
    const maestroUrl = `https://127.0.0.1:${port}`;
    const ca = readFileSync(env.REALAPI_CA!, 'utf8');
    await waitFor('maestro serve', 30_000, async () => {
      const { request } = await import('../support/http.ts');
      return (await request(`${maestroUrl}/readyz`, { ca })).status === 200;
    });
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(env.KUBECONFIG!);
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    // CRDs (conversion webhook) and the webhook configurations, wired to the local Maestro.
    const wire = async (yamlText: string): Promise<string> => {
      const child = spawn('python3', [join(realapi, 'wire.py'), maestroUrl, env.REALAPI_CA_B64!]);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      child.stdin.end(yamlText);
      const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? 1)));
      if (code !== 0) throw new Error(`wire.py: ${Buffer.concat(err).toString()}`);
      return Buffer.concat(out).toString();
    };
    const apply = async (text: string) => {
      for (const doc of parseAllDocuments(text)) {
        const obj = doc.toJSON() as k8s.KubernetesObject | null;
        if (obj) await objects.create(obj);
      }
    };
    // wire.py rewrites a CRD's conversion webhook; a CRD of one version (ClusterInstance) has none.
    for (const f of readdirSync(join(root, 'crds')).sort()) {
      const text = readFileSync(join(root, 'crds', f), 'utf8');
      await apply(/^ {2}conversion:/m.test(text) ? await wire(text) : text);
    }
    const { stdout: hooks } = await run(process.execPath, [bin, 'manifests', '--webhooks'], {
      maxBuffer: 1 << 24,
    });
    // Only the webhook configurations: the NetworkPolicy that --webhooks also
    // prints guards an in-cluster Deployment (namespace maestro-system), and
    // here Maestro runs outside the cluster.
    const webhookConfigs = parseAllDocuments(await wire(hooks))
      .map((d) => d.toJSON() as k8s.KubernetesObject | null)
      .filter((o) => o !== null && o.kind!.endsWith('WebhookConfiguration'));
    for (const obj of webhookConfigs) await objects.create(obj!);
    await apply(readFileSync(join(realapi, 'example/metacontroller-crds-v4.17.2.yaml'), 'utf8'));
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    // Maestro's CRDs (crds/<plural>.<group>.yaml) and Metacontroller's.
    const crdNames = readdirSync(join(root, 'crds'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.replace(/\.yaml$/, ''));
    for (const name of [...crdNames, 'compositecontrollers.metacontroller.k8s.io']) {
      await waitFor(`CRD ${name}`, 30_000, async () => {
        const crd = await ext.readCustomResourceDefinition({ name });
        return (crd.status?.conditions ?? []).some(
          (c) => c.type === 'Established' && c.status === 'True',
        );
      });
    }
    return {
      state,
      env,
      kubeconfig: env.KUBECONFIG!,
      maestroUrl,
      kc,
      objects,
      custom,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `maestro` binary (or another bin) with the stack's kubeconfig. */
export function cli(
  stack: Stack,
  args: string[],
  options: { env?: Record<string, string>; bin?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [options.bin ?? bin, ...args], {
      env: {
        ...process.env,
        KUBECONFIG: stack.kubeconfig,
        MAESTRO_POLL_INTERVAL_MS: '150',
        ...options.env,
      },
      cwd: options.cwd ?? root,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('exit', (code) =>
      ok({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      }),
    );
  });
}
