// The chart's value sets that the tests render (with Maestro's renderer and
// with real helm) and that scripts/validate-chart.sh applies to a real API
// server: each with the (apiVersion kind) list it must produce.
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, unknown>;
  spec?: unknown;
  [k: string]: unknown;
}

export interface ValueSet {
  name: string;
  values: Record<string, unknown>;
  kinds: string[];
}

const crds = Array(4).fill('apiextensions.k8s.io/v1 CustomResourceDefinition') as string[];
const webhooks = [
  'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration',
];
const server = [
  'networking.k8s.io/v1 NetworkPolicy',
  'policy/v1beta1 PodDisruptionBudget',
  'v1 ServiceAccount',
  'rbac.authorization.k8s.io/v1 ClusterRole',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  'v1 Service',
  'apps/v1 Deployment',
];
const token = 'v1 Secret';
const tls = 'v1 Secret';

export function valueSets(caPem: string): ValueSet[] {
  return [
    { name: 'default', values: {}, kinds: [...server, token, tls, ...crds, ...webhooks] },
    {
      name: 'cert-manager',
      values: { certificates: { mode: 'cert-manager' } },
      kinds: [
        ...server,
        token,
        ...crds,
        ...webhooks,
        'cert-manager.io/v1 Issuer',
        'cert-manager.io/v1 Certificate',
      ],
    },
    {
      name: 'cert-manager, an existing Certificate',
      values: {
        certificates: { mode: 'cert-manager', certManager: { injectFrom: 'infra/my-cert' } },
      },
      kinds: [...server, token, ...crds, ...webhooks],
    },
    {
      name: 'provided-secret',
      values: { certificates: { mode: 'secret', secretName: 'my-tls', caBundle: caPem } },
      kinds: [...server, token, ...crds, ...webhooks],
    },
    {
      name: 'external-url',
      values: {
        externalURL: 'https://127.0.0.1:9443',
        auth: { token: 'e2e-token-0123456789' },
        certificates: { caBundle: caPem },
      },
      kinds: [token, ...crds, ...webhooks],
    },
    {
      name: 'knative',
      values: { knative: { enabled: true } },
      kinds: [...server, token, tls, ...crds, ...webhooks, 'serving.knative.dev/v1 Service'],
    },
    {
      name: 'no-auth',
      values: { auth: { enabled: false }, networkPolicy: { apiServerCIDRs: ['10.0.0.1/32'] } },
      kinds: [...server, tls, ...crds, ...webhooks],
    },
  ];
}
