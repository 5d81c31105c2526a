// Maestro's own install manifests (namespace objects, RBAC, Deployment,
// Service, certificates, CRDs, webhook configurations), rendered from the Helm
// chart in charts/maestro by src/helm: the one source that `helm install`,
// `maestro manifests --install` and `maestro init` share (docs/manifests.md).
//
//   renderInstallManifests({ namespace: 'maestro-system', values: {...}, kubeVersion: '1.20' })
//
// Generated keys and the hook token come from node:crypto; give `lookup` (the
// live Secrets, read before rendering) to keep them across re-installs, as
// Helm's lookup does on `helm upgrade`.
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MaestroError } from '../../errors.ts';
import { parseKubeVersion } from '../../engine/served-apis.ts';
import { renderChart, type ChartFiles, type Lookup } from '../../helm/render.ts';
import type { RandomSource } from '../../template/funcs.ts';

export const DEFAULT_RELEASE = 'maestro';
export const DEFAULT_NAMESPACE = 'maestro-system';

export interface InstallManifestOptions {
  /** Namespace of Maestro's own objects (default maestro-system). */
  namespace?: string;
  /** Release name: the objects' base name (default maestro). */
  releaseName?: string;
  /** Chart values (charts/maestro/README.md), over values.yaml. */
  values?: Record<string, unknown>;
  /** The target Kubernetes version ("1.20", "v1.25.3"); it decides e.g. the PDB's apiVersion. */
  kubeVersion: string;
  /** Extra served "group/version[/Kind]" entries (from discovery). */
  apiVersions?: readonly string[];
  /** The live object reader; without it every generated value is new. */
  lookup?: Lookup;
  /** The chart folder (default: charts/maestro of this installation). */
  chartDir?: string;
  /** Render NOTES.txt too. */
  notes?: boolean;
}

export interface InstallManifests {
  /** In Helm's install order (CRDs before the webhook configurations that reference them). */
  objects: Array<Record<string, unknown>>;
  notes?: string;
}

/** charts/maestro beside this installation's package.json (src/ when run from source, dist/ when bundled). */
export function defaultChartDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'charts', 'maestro');
    if (existsSync(join(candidate, 'Chart.yaml'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new MaestroError(
        'MAESTRO_CHART_RENDER',
        'charts/maestro was not found beside this Maestro installation',
      );
    }
    dir = parent;
  }
}

/** Every file of a chart folder, by path relative to it. */
export function loadChartFiles(dir: string): ChartFiles {
  const files: ChartFiles = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** A RandomSource over node:crypto: keys and tokens nobody can predict. */
export function cryptoRandom(): RandomSource {
  const uint32 = () => randomBytes(4).readUInt32LE(0);
  return {
    uint32,
    float64: () => (uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53,
    intn: (n: number) => (n === 1 ? 0 : randomInt(0, n)),
    bytes: (n: number) => new Uint8Array(randomBytes(n)),
  };
}

export function renderInstallManifests(options: InstallManifestOptions): InstallManifests {
  const kv = parseKubeVersion(options.kubeVersion);
  if (kv === undefined) {
    throw new MaestroError(
      'MAESTRO_CHART_RENDER',
      `--kube-version: "${options.kubeVersion}" is not a Kubernetes version like 1.20 or v1.25.3`,
    );
  }
  const patch = /^v?\d+\.\d+\.(\d+)/.exec(options.kubeVersion.trim());
  const files = loadChartFiles(options.chartDir ?? defaultChartDir());
  const rendered = renderChart(files, {
    releaseName: options.releaseName ?? DEFAULT_RELEASE,
    namespace: options.namespace ?? DEFAULT_NAMESPACE,
    values: options.values ?? {},
    kubeVersion: { ...kv, patch: patch ? Number(patch[1]) : 0 },
    ...(options.apiVersions ? { apiVersions: options.apiVersions } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
    random: cryptoRandom,
    now: () => BigInt(Date.now()) * 1_000_000n,
    ...(options.notes ? { notes: true } : {}),
  });
  const objects = rendered.manifests.map((m) => m.object);
  return rendered.notes === undefined ? { objects } : { objects, notes: rendered.notes };
}
