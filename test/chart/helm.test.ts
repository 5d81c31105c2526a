// The one-source check: for each value set, Maestro's renderer (src/helm, what
// `maestro manifests --install` and `maestro init` print) and the real
// `helm template` (v3.5.4, built by ../shared/realapi/build-helm.sh) give the
// same objects in the same order, generated secrets aside (each render draws
// its own: they are masked, and the render tests check them). `helm lint` is
// clean too. Without a helm binary these tests are reported as skipped with
// the reason; MAESTRO_REQUIRE_HELM=1 (scripts/validate-chart.sh) makes that a failure.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { renderInstallManifests } from '../../src/cli/manifests/install.ts';
import { valueSets, type K8sObject } from './value-sets.ts';

const chart = new URL('../../charts/maestro', import.meta.url).pathname;
const caPem = readFileSync(new URL('../fixtures/chart/ca.crt', import.meta.url), 'utf8');

function findHelm(): string | undefined {
  const candidates = [process.env.HELM, '/tmp/realapi/bin/helm'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    return execFileSync('sh', ['-c', 'command -v helm'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const helm = findHelm();
const missing =
  'helm not found (HELM, /tmp/realapi/bin/helm or PATH): build it with ../shared/realapi/build-helm.sh';
if (helm === undefined && process.env.MAESTRO_REQUIRE_HELM === '1') {
  throw new Error(`${missing}; MAESTRO_REQUIRE_HELM=1 requires it`);
}
const skip = helm === undefined ? missing : false;

/** Generated material differs between renders: mask it, keep everything else. */
function normalize(o: K8sObject, maskToken: boolean): K8sObject {
  let text = JSON.stringify(o)
    .replace(/"caBundle":"[^"]*"/g, '"caBundle":"<ca>"')
    .replace(/"checksum\/tls":"[^"]*"/g, '"checksum/tls":"<sum>"');
  if (maskToken) text = text.replace(/\/t\/[a-z0-9-]+\//g, '/t/<token>/');
  const out = JSON.parse(text) as K8sObject;
  if (out.kind === 'Secret' && out.data) {
    out.data = Object.fromEntries(Object.keys(out.data).map((k) => [k, '<generated>']));
  }
  return out;
}

function helmTemplate(values: Record<string, unknown>, extra: string[] = []): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-helm-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify(values));
    const out = execFileSync(
      helm!,
      ['template', 'maestro', chart, '--namespace', 'maestro-system', '-f', file, ...extra],
      { encoding: 'utf8' },
    );
    return parseAllDocuments(out)
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('helm lint: no errors or warnings', { skip }, () => {
  const out = execFileSync(helm!, ['lint', chart, '--strict'], { encoding: 'utf8' });
  assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  assert.doesNotMatch(out, /\[(WARNING|ERROR)\]/);
});

const cases: Array<{
  name: string;
  values: Record<string, unknown>;
  kube: string;
  helmArgs: string[];
}> = [
  ...valueSets(caPem).map((s) => ({
    name: s.name,
    values: s.values,
    kube: '1.20.0',
    helmArgs: [],
  })),
  {
    name: 'policy/v1 served (helm --api-versions, ours --kube-version 1.21)',
    values: {},
    kube: '1.21.0',
    helmArgs: ['--api-versions', 'policy/v1/PodDisruptionBudget'],
  },
];

for (const c of cases) {
  test(
    `value set "${c.name}": Maestro's renderer and helm template give the same objects`,
    { skip },
    () => {
      const theirs = helmTemplate(c.values, c.helmArgs);
      const ours = renderInstallManifests({ kubeVersion: c.kube, values: c.values })
        .objects as K8sObject[];
      const explicitToken =
        typeof (c.values.auth as { token?: unknown } | undefined)?.token === 'string';
      assert.ok(ours.length > 0);
      assert.deepEqual(
        ours.map((o) => `${o.kind}/${o.metadata.name}`),
        theirs.map((o) => `${o.kind}/${o.metadata.name}`),
        'the same objects in the same order',
      );
      assert.deepEqual(
        ours.map((o) => normalize(o, !explicitToken)),
        theirs.map((o) => normalize(o, !explicitToken)),
      );
    },
  );
}
