// `maestro package new NAME`: the files of a new operator package (pure).
// It verifies with no error or warning, renders, and its deploy plan
// simulates to COMPLETE as created (test/package/scaffold.test.ts), so an
// author starts from something that works and changes one thing at a time.

/** A DNS-1123 label: what an Operator's name must be. */
export const packageNamePattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface ScaffoldOptions {
  /**
   * Where editors find schemas/operator.json and schemas/params.json, as the
   * `# yaml-language-server: $schema=` line wants it: a path relative to the
   * package folder, or a URL. Without it the line is left out.
   */
  schemaBase?: string;
}

const schemaLine = (base: string | undefined, file: string) =>
  base === undefined ? '' : `# yaml-language-server: $schema=${base.replace(/\/$/, '')}/${file}\n`;

/** Path (under the package folder) to text. */
export function scaffoldPackage(
  name: string,
  options: ScaffoldOptions = {},
): Record<string, string> {
  if (!packageNamePattern.test(name)) {
    throw new Error(
      `package name ${JSON.stringify(name)} must be a DNS-1123 label: lower-case letters, digits and -, at most 63`,
    );
  }
  const operator = `${schemaLine(options.schemaBase, 'operator.json')}apiVersion: kudo.dev/v1beta1
name: ${name}
description: What ${name} runs, in one sentence.
operatorVersion: 0.1.0
appVersion: 1.0.0
kubernetesVersion: 1.16.0
maintainers:
  - name: Your Name
    email: you@example.com
url: https://example.com/${name}

# Tasks are the units of work; steps run them by name.
tasks:
  - name: config
    kind: Apply
    spec:
      resources:
        - configmap.yaml
  - name: app
    kind: Apply
    spec:
      resources:
        - deployment.yaml

# deploy runs when the Instance is created and when a parameter whose trigger
# is deploy changes. Phases run in order; a phase ends when all its steps are
# healthy.
plans:
  deploy:
    strategy: serial
    phases:
      - name: config
        strategy: serial
        steps:
          - name: config
            tasks:
              - config
      - name: app
        strategy: parallel
        steps:
          - name: app
            tasks:
              - app
`;
  const params = `${schemaLine(options.schemaBase, 'params.json')}apiVersion: kudo.dev/v1beta1
parameters:
  - name: REPLICAS
    displayName: Replicas
    description: How many pods run the application.
    type: integer
    default: 1
    trigger: deploy
  - name: IMAGE
    displayName: Image
    description: Container image of the application.
    type: string
    default: nginx:1.27
    trigger: deploy
  - name: GREETING
    displayName: Greeting
    description: A message the application reads from its ConfigMap.
    type: string
    default: Hello from ${name}
    trigger: deploy
  - name: DEBUG
    displayName: Debug
    description: Log more.
    type: boolean
    default: false
    trigger: deploy
`;
  const configmap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Name }}-config
data:
  greeting: {{ .Params.GREETING | quote }}
  debug: {{ .Params.DEBUG | quote }}
`;
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Name }}
spec:
  replicas: {{ .Params.REPLICAS }}
  selector:
    matchLabels:
      app: {{ .Name }}
  template:
    metadata:
      labels:
        app: {{ .Name }}
    spec:
      containers:
        - name: app
          image: {{ .Params.IMAGE }}
          envFrom:
            - configMapRef:
                name: {{ .Name }}-config
`;
  const readme = `# ${name}

An operator package in KUDO's format, run by Maestro.

- \`operator.yaml\`: tasks and plans (deploy: a config phase, then an app phase)
- \`params.yaml\`: the parameters, typed
- \`templates/\`: the Kubernetes objects the tasks apply (Go templates with sprig)

The \`# yaml-language-server\` lines point editors at Maestro's JSON Schemas
(\`maestro package schema operator|params\`), so fields complete and are checked
as you type.

\`\`\`sh
maestro package verify .                 # KUDO's checks and Maestro's
maestro plan graph . -o svg > deploy.svg # a picture of the plans
maestro render . -p REPLICAS=3           # the objects the deploy plan applies
maestro simulate . --timeline run.svg    # run the plans with no cluster
maestro install .                        # install into the current cluster
\`\`\`
`;
  return {
    'operator.yaml': operator,
    'params.yaml': params,
    'templates/configmap.yaml': configmap,
    'templates/deployment.yaml': deployment,
    'README.md': readme,
  };
}
