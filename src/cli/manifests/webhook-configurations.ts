// The admission webhook configurations (contracts.md §3.4): exact rules for
// maestro.dev resources, v1 reviews only, no side effects, failurePolicy Fail
// for Instances (the mutating webhook schedules their plans), a timeout, and
// the CA bundle inline or injected by cert-manager. Rules name v1 only, with
// matchPolicy Equivalent: kube-apiserver converts v1beta1 writes to v1 for
// Maestro, so admission always judges the stored version.
import { GROUP } from '../../model/names.ts';
import type { ServiceRef } from './composite-controller.ts';

export const INJECT_CA_ANNOTATION = 'cert-manager.io/inject-ca-from';
export const WEBHOOK_TIMEOUT_SECONDS = 10;

export type CaSource = { caBundle: string } | { injectFrom: string };

function webhook(name: string, resource: string, path: string, service: ServiceRef, ca: CaSource) {
  return {
    name: `${resource}.${name}.${GROUP}`,
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    failurePolicy: 'Fail',
    matchPolicy: 'Equivalent',
    timeoutSeconds: WEBHOOK_TIMEOUT_SECONDS,
    clientConfig: {
      service: {
        namespace: service.namespace,
        name: service.name,
        path: `${service.pathPrefix ?? ''}${path}`,
        port: service.port,
      },
      ...('caBundle' in ca ? { caBundle: ca.caBundle } : {}),
    },
    rules: [
      {
        operations: ['CREATE', 'UPDATE'],
        apiGroups: [GROUP],
        apiVersions: ['v1'],
        resources: [resource],
        scope: 'Namespaced',
      },
    ],
  };
}

function metadata(service: ServiceRef, ca: CaSource) {
  return {
    name: service.name,
    labels: { 'app.kubernetes.io/managed-by': 'maestro' },
    ...('injectFrom' in ca ? { annotations: { [INJECT_CA_ANNOTATION]: ca.injectFrom } } : {}),
  };
}

export function validatingWebhookConfiguration(service: ServiceRef, ca: CaSource) {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: metadata(service, ca),
    webhooks: [
      webhook('validate', 'operatorversions', '/validate', service, ca),
      webhook('validate', 'instances', '/validate', service, ca),
    ],
  };
}

export function mutatingWebhookConfiguration(service: ServiceRef, ca: CaSource) {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: metadata(service, ca),
    webhooks: [
      { ...webhook('mutate', 'instances', '/mutate', service, ca), reinvocationPolicy: 'Never' },
    ],
  };
}
