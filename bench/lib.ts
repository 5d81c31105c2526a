// Shared pieces of the benchmarks: server processes, autocannon runs, RSS.
// Every run is bounded in time and talks to loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import autocannon from 'autocannon';

export const root = new URL('../', import.meta.url).pathname;

export interface BenchServer {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Spawns a process (node by default) that prints a JSON log line with `url` once it listens. */
export function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  command: string = process.execPath,
): Promise<BenchServer> {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no url from ${args.join(' ')}`)), 20_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http[^"]+)"/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        child.stdout!.resume();
        resolve({
          child,
          url: match[1]!,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

export async function load(options: {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  connections?: number;
  durationSeconds?: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    ...(options.body === undefined
      ? {}
      : { body: options.body, headers: { 'content-type': 'application/json' } }),
    connections: options.connections ?? 16,
    duration: options.durationSeconds ?? 5,
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Resident set size of a process in bytes, from /proc (Linux). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb[1]) * 1024;
}

export function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A realistic 64 KiB JSON body: a Metacontroller sync request for an
 * Instance with Deployments, Services and ConfigMaps as observed children.
 */
export function realisticBody(targetBytes = 64 * 1024): string {
  const children: Record<string, Record<string, unknown>> = {
    'Deployment.apps/v1': {},
    'Service.v1': {},
    'ConfigMap.v1': {},
  };
  const parent = {
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: {
      name: 'zk',
      namespace: 'default',
      uid: '6b1c2f7e-1f0e-4a39-9d8f-000000000001',
      generation: 3,
    },
    spec: {
      operatorVersion: { name: 'zookeeper-3.4.14-0.3.1' },
      parameters: { NODE_COUNT: 3, MEMORY: '1Gi' },
    },
  };
  let i = 0;
  let body = '';
  while (body.length < targetBytes) {
    const name = `zk-${i}`;
    children['ConfigMap.v1']![name] = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: 'default',
        labels: { 'kudo.dev/instance': 'zk', 'maestro.dev/instance': 'zk' },
      },
      data: {
        'zoo.cfg':
          `tickTime=2000\ndataDir=/var/lib/zookeeper/data\nclientPort=2181\nserver.${i}=zk-${i}:2888:3888\n`.repeat(
            4,
          ),
      },
    };
    i += 1;
    body = JSON.stringify({
      controller: { spec: { hooks: { sync: { version: 'v2' } } } },
      parent,
      children,
      related: {},
      finalizing: false,
    });
  }
  return body;
}
