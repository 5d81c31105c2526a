// A small synthetic package that exercises every mechanism the scenarios need:
// serial steps, a Job then its Delete step, a second trigger plan, a cleanup
// plan, and variants (upgrades, dropped templates, bad templates).
export interface DemoOptions {
  version?: string;
  image?: string;
  /** Extra lines appended to operator.yaml's plans. */
  extraPlans?: string;
  /** Templates to replace or add. */
  templates?: Record<string, string>;
  /** Replace the deploy plan's steps. */
  deploySteps?: string;
  withCleanup?: boolean;
  extraTasks?: string;
  operatorApiVersion?: string;
}

export function demoFiles(o: DemoOptions = {}): Map<string, string> {
  const deploySteps =
    o.deploySteps ??
    `          - name: config
            tasks: [config]
          - name: app
            tasks: [app]
          - name: init
            tasks: [init]
          - name: init-cleanup
            tasks: [init-cleanup]`;
  const operator = `apiVersion: ${o.operatorApiVersion ?? 'kudo.dev/v1beta1'}
name: demo
operatorVersion: ${o.version ?? '0.1.0'}
tasks:
  - name: config
    kind: Apply
    spec:
      resources: [config.yaml]
  - name: app
    kind: Apply
    spec:
      resources: [app.yaml]
  - name: init
    kind: Apply
    spec:
      resources: [init-job.yaml]
  - name: init-cleanup
    kind: Delete
    spec:
      resources: [init-job.yaml]
  - name: extra
    kind: Apply
    spec:
      resources: [extra.yaml]
  - name: cleanup-job
    kind: Apply
    spec:
      resources: [cleanup-job.yaml]
  - name: wait-forever
    kind: Dummy
    spec:
      done: false
${o.extraTasks ?? ''}
plans:
  deploy:
    strategy: serial
    phases:
      - name: main
        strategy: serial
        steps:
${deploySteps}
  extra:
    strategy: serial
    phases:
      - name: extra
        strategy: serial
        steps:
          - name: extra
            tasks: [extra]
  stuck:
    strategy: serial
    phases:
      - name: stuck
        strategy: serial
        steps:
          - name: stuck
            tasks: [wait-forever]
${
  o.withCleanup
    ? `  cleanup:
    strategy: serial
    phases:
      - name: cleanup
        strategy: serial
        steps:
          - name: cleanup
            tasks: [cleanup-job]
`
    : ''
}${o.extraPlans ?? ''}`;
  const params = `apiVersion: kudo.dev/v1beta1
parameters:
  - name: REPLICAS
    default: "1"
    type: integer
  - name: IMAGE
    default: "${o.image ?? 'nginx:1'}"
  - name: EXTRA_VALUE
    default: "a"
    trigger: extra
  - name: STUCK_VALUE
    default: "x"
    trigger: stuck
`;
  const templates: Record<string, string> = {
    'config.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-config
data:
  image: {{ .Params.IMAGE | quote }}
  plan: {{ .PlanName }}
`,
    'app.yaml': appTemplate(),
    'init-job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Name }}-init
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: init
          image: {{ .Params.IMAGE }}
`,
    'extra.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-extra
data:
  value: {{ .Params.EXTRA_VALUE | quote }}
`,
    'cleanup-job.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Name }}-cleanup
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: cleanup
          image: busybox
`,
    ...o.templates,
  };
  const files = new Map<string, string>([
    ['operator.yaml', operator],
    ['params.yaml', params],
  ]);
  for (const [k, v] of Object.entries(templates)) files.set(`templates/${k}`, v);
  return files;
}

/**
 * The demo's Deployment template: `image` is the container's image (a
 * template expression by default), `volumes` the pod's volume list as YAML
 * items indented by eight spaces, or '' for none.
 */
export function appTemplate(
  image = '{{ .Params.IMAGE }}',
  volumes = `        - name: config
          configMap:
            name: {{ .Name }}-config
`,
): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Name }}-app
spec:
  replicas: {{ .Params.REPLICAS }}
  selector:
    matchLabels:
      app: demo
  template:
    metadata:
      labels:
        app: demo
    spec:
      containers:
        - name: app
          image: ${image}
${volumes === '' ? '' : `      volumes:\n${volumes}`}`;
}
