// Every check `package verify` runs: its id (the `check` of a finding), who
// defined it, and its severity. KUDO's are from kudo-semantics.md §4.2.
export interface CheckInfo {
  id: string;
  origin: 'kudo' | 'maestro';
  severity: 'error' | 'warning';
  /** Needs the template engine (parse or render). */
  templates?: boolean;
}

const kudo = (
  id: string,
  severity: 'error' | 'warning' = 'error',
  templates = false,
): CheckInfo => ({
  id,
  origin: 'kudo',
  severity,
  ...(templates && { templates }),
});

export const checks: CheckInfo[] = [
  kudo('param-duplicate'),
  kudo('param-invalid-char'),
  kudo('version-operator'),
  kudo('version-kubernetes'),
  kudo('version-app'),
  kudo('version-kudo'),
  kudo('task-unknown-kind'),
  kudo('task-empty-resources'),
  kudo('task-toggle-parameter'),
  kudo('task-pipe-empty'),
  kudo('task-pipe-file'),
  kudo('task-pipe-kind'),
  kudo('task-pipe-key'),
  kudo('task-kudooperator-package'),
  kudo('plan-task-undefined'),
  kudo('task-unused', 'warning'),
  kudo('trigger-plan-undefined'),
  kudo('deploy-plan-missing'),
  kudo('template-param-undefined', 'error', true),
  kudo('toggle-param-undefined'),
  kudo('param-unused', 'warning', true),
  kudo('param-immutable'),
  kudo('param-enum-empty'),
  kudo('param-enum-invalid'),
  kudo('param-default-invalid'),
  kudo('param-group-slash'),
  kudo('param-advanced-required'),
  kudo('group-slash'),
  kudo('group-duplicate'),
  kudo('param-group-undefined'),
  kudo('template-parse', 'error', true),
  kudo('template-implicit', 'error', true),
  kudo('template-undefined'),
  kudo('template-unreferenced', 'warning'),
  kudo('template-render', 'error', true),
  kudo('template-yaml', 'error', true),
  kudo('template-kind-namespace'),
  kudo('namespace-manifest-missing'),
  kudo('namespace-manifest-unparsable'),
  kudo('namespace-manifest-empty'),
  kudo('namespace-manifest-kind'),
  kudo('namespace-manifest-multiple'),
  kudo('param-style-description', 'warning'),
  kudo('param-style-hint', 'warning'),
  kudo('param-style-display', 'warning'),
  kudo('param-style-group', 'warning'),
  kudo('param-style-type', 'warning'),
  kudo('group-style', 'warning'),
  { id: 'foreign-namespace', origin: 'maestro', severity: 'warning', templates: true },
  { id: 'cluster-scoped', origin: 'maestro', severity: 'warning', templates: true },
  { id: 'own-custom-resources', origin: 'maestro', severity: 'warning', templates: true },
  { id: 'plan-untriggered', origin: 'maestro', severity: 'warning' },
  { id: 'unknown-strategy', origin: 'maestro', severity: 'warning' },
  { id: 'v1-schema', origin: 'maestro', severity: 'error' },
  { id: 'onfailure-plan-undefined', origin: 'maestro', severity: 'error' },
  { id: 'onfailure-plan-cleanup', origin: 'maestro', severity: 'error' },
  { id: 'onfailure-of-cleanup', origin: 'maestro', severity: 'warning' },
  { id: 'schema', origin: 'maestro', severity: 'error' },
  { id: 'unknown-field', origin: 'maestro', severity: 'warning' },
];
