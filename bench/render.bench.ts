// How long `render` takes on the kafka package (28 templates, 200 parameters),
// in process: loading and parsing the package, then rendering the deploy
// plan's children (post-processed). The baseline in the same run is a YAML
// parse of the same package files, so ratios survive a noisy machine.
// Prints one JSON line. Bounded: at most ~3 s of rendering.
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadPackageFiles } from '../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../src/package/parse.ts';
import { renderRaw } from '../src/package/render/index.ts';
import { renderPackagePlan } from '../src/cli/commands/render.ts';
import { templateSupport } from '../src/package/template-engine.ts';

const shared = process.env.MAESTRO_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared');
const dir = join(shared, 'corpus', 'kudo-operators', 'kafka', '2.5.1-1.3.2');

function timeIt(fn: () => void, budgetMs: number): { meanMs: number; runs: number } {
  fn(); // warm-up: compile caches, JIT
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < budgetMs && runs < 200) {
    fn();
    runs++;
  }
  return { meanMs: (performance.now() - start) / runs, runs };
}

const options = {
  instance: 'kafka-instance',
  namespace: 'default',
  plan: 'deploy',
  phase: 'deploy-kafka',
  step: 'app',
  values: {},
};

const cold = performance.now();
const firstPkg = parsePackageOrThrow(loadPackageFiles(dir));
const firstRender = renderPackagePlan(firstPkg, options);
const coldMs = performance.now() - cold;

const files = loadPackageFiles(dir);
const baseline = timeIt(() => {
  for (const text of files.values()) parseAllDocuments(text);
}, 500);
const plan = timeIt(() => {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir));
  renderPackagePlan(pkg, options);
}, 1500);
const raw = timeIt(() => {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir));
  renderRaw(pkg, templateSupport(), options);
}, 1000);

console.log(
  JSON.stringify({
    bench: 'render-kafka',
    objects: firstRender.objects.length,
    coldMs: Number(coldMs.toFixed(1)),
    planMeanMs: Number(plan.meanMs.toFixed(2)),
    rawMeanMs: Number(raw.meanMs.toFixed(2)),
    baselineYamlParseMs: Number(baseline.meanMs.toFixed(2)),
    planVsBaseline: Number((plan.meanMs / baseline.meanMs).toFixed(2)),
    runs: { plan: plan.runs, raw: raw.runs, baseline: baseline.runs },
  }),
);
