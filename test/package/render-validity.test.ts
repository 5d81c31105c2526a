// What `render` emits for every plan of every corpus package, with the
// defaults and two other parameter sets: every object of a kind that
// kubernetes-models 4.5.1 knows validates against its schema (others are
// listed and skipped), and every label selector matches a rendered pod template.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { renderPackagePlan } from '../../src/cli/commands/render.ts';
import { podTemplates } from '../../src/package/render/enhance.ts';
import { corpusPackages } from './corpus.ts';
import { parameterSets } from './param-sets.ts';

type Obj = Record<string, unknown>;

async function modelFor(apiVersion: string, kind: string) {
  const path = apiVersion.includes('/') ? apiVersion : `v1`;
  try {
    const mod = (await import(`kubernetes-models/${path}/${kind}`)) as Record<
      string,
      new (data: unknown) => { validate(): void }
    >;
    return mod[kind];
  } catch {
    return undefined;
  }
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function selectorOf(o: Obj): Selector | undefined {
  const spec = (o.spec ?? {}) as Obj;
  if (o.kind === 'Service') {
    const sel = spec.selector as Record<string, string> | undefined;
    return sel === undefined ? undefined : { matchLabels: sel };
  }
  if (
    ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'PodDisruptionBudget'].includes(
      String(o.kind),
    )
  ) {
    return spec.selector as Selector | undefined;
  }
  if (o.kind === 'NetworkPolicy') return spec.podSelector as Selector | undefined;
  return undefined;
}

function matches(sel: Selector, podLabels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    if (podLabels[k] !== String(v)) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(podLabels, e.key);
    const inValues = has && (e.values ?? []).includes(podLabels[e.key]!);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

const skippedKinds = new Set<string>();
const brokenSeen = new Set<string>();
const clusterScopedRefused = /is cluster-scoped; a namespaced Instance cannot own it/;
const pipeOnlyInOtherPlan = /at <\.Pipes\.[A-Za-z0-9_-]+>: map has no entry for key/;

/** Selectors in real packages that match nothing, each with the reason. */
const knownBrokenSelectors: Record<string, string> = {
  'flink/PodDisruptionBudget/flink-instance-pdb':
    "the package's PDB selects `zookeeper: <instance>`, a label no flink pod carries (copied from the zookeeper package)",
};

for (const [pkgName, dir] of corpusPackages()) {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir));
  for (const [setName, values] of parameterSets(pkg)) {
    test(`render ${pkgName} (${setName}): every plan renders valid objects whose selectors match pod templates`, async () => {
      const objects: [string, Obj][] = [];
      for (const plan of Object.keys(pkg.operator.plans ?? {})) {
        const r = renderPackagePlan(pkg, {
          instance: `${pkg.operator.name}-instance`,
          namespace: 'default',
          plan,
          values,
        });
        // KUDO resolves .Pipes only for the pipe tasks of the plan being run
        // (PipesMap), so kafka's templates that use its deploy-time certificates
        // fail in other plans when TLS is on: in KUDO as here. Only that is let through.
        // A cluster-scoped kind (kafka's external-access ClusterRole) fails the
        // step under a namespaced Instance, in render as in /sync.
        const unexpected = r.errors.filter(
          (e) =>
            !(plan !== 'deploy' && pipeOnlyInOtherPlan.test(e)) && !clusterScopedRefused.test(e),
        );
        assert.deepStrictEqual(unexpected, [], `plan ${plan}`);
        for (const o of r.objects) objects.push([plan, o]);
      }
      assert.ok(objects.length > 0);
      const problems: string[] = [];
      for (const [plan, o] of objects) {
        const Model = await modelFor(String(o.apiVersion), String(o.kind));
        const id = `${plan}: ${o.apiVersion} ${o.kind} ${(o.metadata as Obj).name}`;
        if (Model === undefined) {
          skippedKinds.add(`${o.apiVersion} ${o.kind}`);
          continue;
        }
        try {
          new Model(o).validate();
        } catch (err) {
          problems.push(`${id}: ${(err as Error).message.slice(0, 300)}`);
        }
      }
      // Pod labels: each pod template's, plus the ones the StatefulSet controller adds to each pod.
      const pods: Record<string, string>[] = [];
      for (const [, o] of objects) {
        for (const t of podTemplates(o)) {
          const labels = ((t.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
          pods.push(labels);
          if (o.kind === 'StatefulSet') {
            const replicas = Math.min(Number(((o.spec ?? {}) as Obj).replicas ?? 1), 100);
            const name = String((o.metadata as Obj).name);
            for (let i = 0; i < replicas; i++) {
              pods.push({ ...labels, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` });
            }
          }
        }
      }
      for (const [plan, o] of objects) {
        const sel = selectorOf(o);
        if (sel === undefined) continue;
        const key = `${pkg.operator.name}/${String(o.kind)}/${String((o.metadata as Obj).name)}`;
        if (Object.hasOwn(knownBrokenSelectors, key)) {
          brokenSeen.add(key);
          continue;
        }
        if (!pods.some((labels) => matches(sel, labels))) {
          problems.push(
            `${plan}: ${o.kind} ${(o.metadata as Obj).name} selects ${JSON.stringify(sel)}, which no rendered pod template carries`,
          );
        }
      }
      assert.deepStrictEqual(problems, []);
    });
  }
}

test('what was let through: only kinds outside kubernetes-models 4.5.1, and selectors still broken', () => {
  console.log(`# skipped kinds: ${[...skippedKinds].sort().join(', ')}`);
  // Core and apps kinds are all in kubernetes-models: skipping one would hide a failure.
  const core = [...skippedKinds].filter((k) =>
    /^(v1|apps\/v1|batch\/v1|policy\/v1|networking\.k8s\.io\/v1|rbac\.authorization\.k8s\.io\/v1) /.test(
      k,
    ),
  );
  assert.deepStrictEqual(core, []);
  // A listed broken selector that no longer occurs is a stale entry: remove it.
  const stale = Object.keys(knownBrokenSelectors).filter((k) => !brokenSeen.has(k));
  assert.deepStrictEqual(stale, []);
});
