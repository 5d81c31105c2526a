// A kubelet stand-in (as KWOK does): there is no container runtime on these
// machines, so this registers one Ready Node and plays its kubelet. Pods the
// real scheduler binds to it become Running and Ready; pods of a Job end
// Succeeded; pods being deleted are removed at once; a pending
// PersistentVolumeClaim gets a pre-bound PersistentVolume (the real PV
// controller binds them). A pipe Job's pod runs the real `maestro pipe
// publish` here, on files this stand-in writes where the init container
// would have, so the artifacts are published through the real API server.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kube } from './kube.ts';

export const NODE = 'e2e-node';

export interface KubeletOptions {
  kube: Kube;
  kubeconfig: string;
  maestroBin: string;
  log: (line: string) => void;
}

export class Kubelet {
  readonly #o: KubeletOptions;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  readonly #running = new Set<string>();
  #ip = 10;
  /** Job pods this stand-in ran: `namespace/job@execution` (the Job's maestro.dev/execution). */
  readonly jobPods: string[] = [];

  constructor(o: KubeletOptions) {
    this.#o = o;
  }

  async start(): Promise<void> {
    const { kube } = this.#o;
    const now = new Date().toISOString();
    const existing = await kube.get(`/api/v1/nodes/${NODE}`);
    const node =
      existing ??
      (await kube.must('POST', '/api/v1/nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: NODE, labels: { 'kubernetes.io/hostname': NODE } },
      }));
    const resources = { cpu: '64', memory: '256Gi', pods: '500', 'ephemeral-storage': '1Ti' };
    node.status = {
      capacity: resources,
      allocatable: resources,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'e2e kubelet stand-in',
          lastHeartbeatTime: now,
          lastTransitionTime: now,
        },
      ],
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
      nodeInfo: {
        architecture: 'amd64',
        operatingSystem: 'linux',
        kubeletVersion: 'v1.20.2',
        kubeProxyVersion: 'v1.20.2',
        containerRuntimeVersion: 'e2e://0',
        osImage: 'e2e',
        kernelVersion: '0',
        bootID: '',
        machineID: '',
        systemUUID: '',
      },
    };
    const ready = await kube.mergePatch(`/api/v1/nodes/${NODE}/status`, { status: node.status });
    // The API server's TaintNodesByCondition admission adds not-ready at
    // creation; the node lifecycle controller (not run: no heartbeats here)
    // would remove it once Ready.
    const taints = (ready.spec.taints ?? []).filter(
      (t: any) => t.key !== 'node.kubernetes.io/not-ready',
    );
    await kube.mergePatch(`/api/v1/nodes/${NODE}`, { spec: { taints } });
    this.#timer = setInterval(() => void this.#tick(), 300);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #tick(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await this.#pods();
      await this.#claims();
      await this.#nudge();
    } catch (err) {
      this.#o.log(`kubelet: ${(err as Error).message}`);
    } finally {
      this.#busy = false;
    }
  }

  /**
   * The 1.20 scheduler parks a pod that found its claims unbound for up to
   * 60 s; a pod update moves it back to the active queue at once.
   */
  async #nudge(): Promise<void> {
    const { kube } = this.#o;
    const pods = await kube.list(
      '/api/v1/pods?fieldSelector=spec.nodeName%3D,status.phase%3DPending',
    );
    const now = Date.now();
    for (const pod of pods) {
      const c = (pod.status?.conditions ?? []).find((x: any) => x.type === 'PodScheduled');
      if (c?.reason !== 'Unschedulable') continue;
      const last = Number(pod.metadata.annotations?.['e2e.maestro.dev/nudge'] ?? 0);
      if (now - last < 2000) continue;
      await kube.req(
        'PATCH',
        `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
        { metadata: { annotations: { 'e2e.maestro.dev/nudge': String(now) } } },
        'application/merge-patch+json',
      );
    }
  }

  async #pods(): Promise<void> {
    const { kube } = this.#o;
    const pods = await kube.list(`/api/v1/pods?fieldSelector=spec.nodeName%3D${NODE}`);
    for (const pod of pods) {
      const { namespace, name } = pod.metadata;
      const path = `/api/v1/namespaces/${namespace}/pods/${name}`;
      if (pod.metadata.deletionTimestamp) {
        await kube.req('DELETE', path, { gracePeriodSeconds: 0 });
        continue;
      }
      const phase = pod.status?.phase ?? 'Pending';
      if (phase !== 'Pending') continue;
      const owner = (pod.metadata.ownerReferences ?? []).find((r: any) => r.controller);
      const isJob = owner?.kind === 'Job';
      if (isJob) {
        const publish = (pod.spec.containers ?? []).find(
          (c: any) => c.name === 'publish' && (c.args ?? [])[0] === 'pipe',
        );
        if (publish) {
          if (this.#running.has(pod.metadata.uid)) continue;
          this.#running.add(pod.metadata.uid);
          const ok = await this.#publish(namespace, publish.args as string[]);
          await this.#setStatus(path, pod, ok ? 'Succeeded' : 'Failed');
        } else {
          await this.#setStatus(path, pod, 'Succeeded');
        }
        const job = await kube.get(`/apis/batch/v1/namespaces/${namespace}/jobs/${owner.name}`);
        const execution = job?.metadata?.annotations?.['maestro.dev/execution'] ?? '?';
        this.jobPods.push(`${namespace}/${owner.name}@${execution}`);
        continue;
      }
      await this.#setStatus(path, pod, 'Running');
    }
  }

  async #setStatus(path: string, pod: any, phase: 'Running' | 'Succeeded' | 'Failed') {
    const now = new Date().toISOString();
    const running = phase === 'Running';
    const cond = (type: string, status: string) => ({
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: now,
      ...(status === 'False' && { reason: 'PodCompleted' }),
    });
    const containerStatus = (c: any) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: running,
      started: running,
      restartCount: 0,
      state: running
        ? { running: { startedAt: now } }
        : {
            terminated: {
              exitCode: phase === 'Succeeded' ? 0 : 1,
              reason: phase === 'Succeeded' ? 'Completed' : 'Error',
              startedAt: now,
              finishedAt: now,
            },
          },
    });
    const ip = `10.1.${Math.floor(this.#ip / 250)}.${(this.#ip % 250) + 1}`;
    this.#ip++;
    pod.status = {
      phase,
      conditions: [
        cond('Initialized', 'True'),
        cond('Ready', running ? 'True' : 'False'),
        cond('ContainersReady', running ? 'True' : 'False'),
        cond('PodScheduled', 'True'),
      ],
      hostIP: '127.0.0.1',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      containerStatuses: (pod.spec.containers ?? []).map(containerStatus),
      ...(pod.spec.initContainers && {
        initContainerStatuses: pod.spec.initContainers.map((c: any) => ({
          ...containerStatus(c),
          ready: true,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: now,
              finishedAt: now,
            },
          },
        })),
      }),
      qosClass: 'Burstable',
    };
    const r = await this.#o.kube.req('PUT', `${path}/status`, pod);
    if (r.status >= 300 && r.status !== 404 && r.status !== 409)
      this.#o.log(`kubelet: status of ${path}: ${r.status}`);
  }

  /** Runs the pipe publisher on stand-in files: one line naming the file, per file. */
  #publish(namespace: string, args: string[]): Promise<boolean> {
    const root = mkdtempSync(join(tmpdir(), 'e2e-pipe-'));
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '$(POD_NAMESPACE)') out.push(namespace);
      else if ((args[i - 1] === '--secret' || args[i - 1] === '--configmap') && a.includes('=')) {
        const [name, file] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
        const local = join(root, file);
        mkdirSync(dirname(local), { recursive: true });
        writeFileSync(local, `e2e stand-in content of ${file}\n`);
        out.push(`${name}=${local}`);
      } else out.push(a);
    }
    out.push('--kubeconfig', this.#o.kubeconfig, '--timeout', '60s');
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [this.#o.maestroBin, ...out], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('exit', (code) => {
        if (code !== 0) this.#o.log(`kubelet: pipe publish exited ${code}: ${err.trim()}`);
        resolve(code === 0);
      });
    });
  }

  async #claims(): Promise<void> {
    const { kube } = this.#o;
    const claims = await kube.list('/api/v1/persistentvolumeclaims');
    for (const pvc of claims) {
      if (pvc.status?.phase !== 'Pending' || pvc.spec.volumeName) continue;
      const name = `pv-${pvc.metadata.namespace}-${pvc.metadata.name}`.slice(0, 63);
      if (await kube.get(`/api/v1/persistentvolumes/${name}`)) continue;
      await kube.must('POST', '/api/v1/persistentvolumes', {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name },
        spec: {
          capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
          accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
          hostPath: { path: `/tmp/e2e-pv/${name}` },
          persistentVolumeReclaimPolicy: 'Retain',
          storageClassName: pvc.spec.storageClassName ?? '',
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            namespace: pvc.metadata.namespace,
            name: pvc.metadata.name,
            uid: pvc.metadata.uid,
          },
        },
      });
    }
  }
}
