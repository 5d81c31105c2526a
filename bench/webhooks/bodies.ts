// Request bodies for the webhook benchmark, from the real kafka package (200
// parameters): an Instance UPDATE AdmissionReview with every parameter set,
// and ConversionReviews of a 100-object list and of a single object.
import { join } from 'node:path';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { packageResources } from '../../src/package/resources.ts';
import { root } from '../lib.ts';

const kafkaDir = join(root, '..', 'shared', 'corpus', 'kudo-operators', 'kafka', '2.5.1-1.3.2');

export function kafka() {
  const res = packageResources(
    parsePackageOrThrow(loadPackageFiles(process.env.MAESTRO_KAFKA_DIR ?? kafkaDir)),
  );
  const ov = {
    ...res.v1.operatorVersion,
    metadata: { ...res.v1.operatorVersion.metadata, namespace: 'default' },
  };
  // Every parameter set to its default (or a value of its type): 200 values.
  const parameters: Record<string, unknown> = {};
  for (const p of ov.spec!.parameters!) {
    parameters[p.name] =
      p.default ?? (p.type === 'integer' ? 1 : p.type === 'boolean' ? false : 'x');
  }
  const old = {
    ...res.v1.instance,
    metadata: {
      ...res.v1.instance.metadata,
      namespace: 'default',
      uid: 'b0c3f6a2-0000-4000-8000-000000000001',
      resourceVersion: '100',
    },
    spec: {
      ...res.v1.instance.spec,
      parameters,
      planExecution: { planName: 'deploy', uid: 'first' },
    },
    status: {
      maestro: {
        execution: { id: 'e1', plan: 'deploy', status: 'COMPLETE', uid: 'first' },
        consumedPlanExecutions: ['first'],
      },
    },
  };
  const fresh = structuredClone(old);
  // A scale-out: BROKER_COUNT triggers kafka's update-instance plan.
  const changed = 'BROKER_COUNT';
  (fresh.spec.parameters as Record<string, unknown>)[changed] = '5';
  const admission = JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '0df28fbd-5f5f-11e8-bc74-36e6bb280816',
      kind: { group: 'maestro.dev', version: 'v1', kind: 'Instance' },
      resource: { group: 'maestro.dev', version: 'v1', resource: 'instances' },
      name: old.metadata.name,
      namespace: 'default',
      operation: 'UPDATE',
      userInfo: { username: 'bench' },
      object: fresh,
      oldObject: old,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'UpdateOptions' },
    },
  });
  // 100 objects as kube-apiserver sends a list: Instances with all 200 typed
  // values, stored at v1, read at v1beta1 (values become strings plus the
  // round-trip annotation).
  const objects = Array.from({ length: 100 }, (_, i) => ({
    ...structuredClone(old),
    metadata: { ...old.metadata, name: `kafka-${i}`, uid: `uid-${i}` },
  }));
  const conversion = JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'conv-1', desiredAPIVersion: 'maestro.dev/v1beta1', objects },
  });
  // One kafka Instance: what kube-apiserver sends for a single GET or write.
  const conversionSingle = JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'conv-0', desiredAPIVersion: 'maestro.dev/v1beta1', objects: [objects[0]] },
  });
  // The same list with Instances of a typical size: ten typed parameters and a plan status.
  const small = Array.from({ length: 100 }, (_, i) => ({
    apiVersion: 'maestro.dev/v1',
    kind: 'Instance',
    metadata: {
      name: `zk-${i}`,
      namespace: 'default',
      uid: `zk-uid-${i}`,
      resourceVersion: String(1000 + i),
      labels: { 'maestro.dev/operator': 'zookeeper' },
    },
    spec: {
      operatorVersion: { name: 'zookeeper-3.6.2-0.3.3' },
      parameters: Object.fromEntries(
        Array.from({ length: 10 }, (_, j) => [
          `PARAM_${j}`,
          j % 3 === 0 ? j : j % 3 === 1 ? `v${j}` : j % 2 === 0,
        ]),
      ),
      planExecution: { planName: 'deploy', uid: `pe-${i}` },
    },
    status: {
      planStatus: {
        deploy: {
          name: 'deploy',
          status: 'COMPLETE',
          uid: `pe-${i}`,
          phases: [
            {
              name: 'zookeeper',
              status: 'COMPLETE',
              steps: [{ name: 'deploy', status: 'COMPLETE' }],
            },
          ],
        },
      },
    },
  }));
  const conversionSmall = JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'conv-2', desiredAPIVersion: 'maestro.dev/v1beta1', objects: small },
  });
  return {
    ov,
    admission,
    conversion,
    conversionSingle,
    conversionSmall,
    parameterCount: Object.keys(parameters).length,
    changed,
  };
}
