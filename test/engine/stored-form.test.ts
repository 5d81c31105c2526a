// Children emitted as the API server stores them (src/engine/stored-form.ts).
// Each expectation is what kube-apiserver 1.20.2 returned for the input
// (docs/e2e.md lists how each difference showed under real Metacontroller).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toStoredForm } from '../../src/engine/stored-form.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const meta = { name: 'x', namespace: 'ns' };
const pod = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  containers,
  ...extra,
});

const cases: { name: string; input: KObject; stored: KObject }[] = [
  {
    name: 'container resources are canonical quantities (zookeeper: 1000m, 2048Mi)',
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: {
        template: {
          spec: pod([
            {
              name: 'c',
              resources: {
                requests: { cpu: '250m', memory: '1024Mi' },
                limits: { cpu: '1000m', memory: '2048Mi' },
              },
            },
          ]),
        },
      },
    },
    stored: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: {
        template: {
          spec: pod([
            {
              name: 'c',
              resources: {
                requests: { cpu: '250m', memory: '1Gi' },
                limits: { cpu: '1', memory: '2Gi' },
              },
            },
          ]),
        },
      },
    },
  },
  {
    name: 'a Job pod: cpu 0.1 is 100m, a numeric quantity becomes its canonical string',
    input: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta,
      spec: {
        template: {
          spec: pod([{ name: 'v', resources: { requests: { cpu: '0.1', memory: 64 } } }]),
        },
      },
    },
    stored: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta,
      spec: {
        template: {
          spec: pod([{ name: 'v', resources: { requests: { cpu: '100m', memory: '64' } } }]),
        },
      },
    },
  },
  {
    name: 'ports default protocol TCP (containers, init containers, Services); an empty env value is dropped',
    input: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta,
      spec: pod(
        [
          {
            name: 'c',
            ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
            env: [
              { name: 'E', value: '' },
              { name: 'F', value: 'f' },
            ],
          },
        ],
        { initContainers: [{ name: 'i', ports: [{ containerPort: 81 }] }] },
      ),
    },
    stored: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta,
      spec: pod(
        [
          {
            name: 'c',
            ports: [
              { containerPort: 80, protocol: 'TCP' },
              { containerPort: 53, protocol: 'UDP' },
            ],
            env: [{ name: 'E' }, { name: 'F', value: 'f' }],
          },
        ],
        { initContainers: [{ name: 'i', ports: [{ containerPort: 81, protocol: 'TCP' }] }] },
      ),
    },
  },
  {
    name: 'Service ports default protocol TCP',
    input: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: { ports: [{ port: 2181, name: 'client' }] },
    },
    stored: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta,
      spec: { ports: [{ port: 2181, name: 'client', protocol: 'TCP' }] },
    },
  },
  {
    name: 'volumeClaimTemplates come back as full PersistentVolumeClaims',
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: {
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '2048Mi' } },
            },
          },
        ],
      },
    },
    stored: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta,
      spec: {
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { creationTimestamp: null, name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '2Gi' } },
              volumeMode: 'Filesystem',
            },
            status: { phase: 'Pending' },
          },
        ],
      },
    },
  },
  {
    name: 'CronJob pods, emptyDir sizeLimit (not a ResourceList: 1n stays), downward API divisors',
    input: {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: meta,
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: pod(
                [
                  {
                    name: 'c',
                    env: [
                      {
                        name: 'M',
                        valueFrom: {
                          resourceFieldRef: { resource: 'limits.memory', divisor: '1024Ki' },
                        },
                      },
                    ],
                  },
                ],
                {
                  volumes: [{ name: 'e', emptyDir: { sizeLimit: '1n' } }],
                },
              ),
            },
          },
        },
      },
    },
    stored: {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: meta,
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: pod(
                [
                  {
                    name: 'c',
                    env: [
                      {
                        name: 'M',
                        valueFrom: {
                          resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' },
                        },
                      },
                    ],
                  },
                ],
                {
                  volumes: [{ name: 'e', emptyDir: { sizeLimit: '1n' } }],
                },
              ),
            },
          },
        },
      },
    },
  },
  {
    name: 'PVC requests, ResourceQuota hard (rounded up to milli units), NetworkPolicy ports',
    input: {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta,
      spec: { hard: { 'requests.cpu': '1n', pods: 10 } },
    },
    stored: {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta,
      spec: { hard: { 'requests.cpu': '1m', pods: '10' } },
    },
  },
  {
    name: 'NetworkPolicy rule ports default protocol TCP',
    input: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: { ingress: [{ ports: [{ port: 9092 }] }] },
    },
    stored: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta,
      spec: { ingress: [{ ports: [{ port: 9092, protocol: 'TCP' }] }] },
    },
  },
  {
    name: 'Secret stringData is folded into data; type defaults to Opaque',
    input: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta,
      data: { a: 'YQ==' },
      stringData: { b: 'bé', a: 'z' },
    },
    stored: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta,
      data: { a: 'eg==', b: 'YsOp' },
      type: 'Opaque',
    },
  },
  {
    name: 'anything else is left alone',
    input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { cpu: '1000m' } },
    stored: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { cpu: '1000m' } },
  },
];

for (const c of cases)
  test(`stored form: ${c.name}`, () => {
    const before = structuredClone(c.input);
    assert.deepEqual(toStoredForm(c.input), c.stored);
    assert.deepEqual(c.input, before, 'the input is not changed');
    assert.deepEqual(toStoredForm(c.stored), c.stored, 'the stored form is a fixpoint');
  });
