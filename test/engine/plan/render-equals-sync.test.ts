// One renderer: for every step of every corpus package's deploy plan, what
// `maestro render` gives for the step (renderPackagePlan, the CLI's code path)
// is what the first sync of that step emits, body for body, once the
// provenance annotations that only a running execution has are taken off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { renderPackagePlan } from '../../../src/cli/commands/render.ts';
import { canonicalJson } from '../../../src/engine/canonical-json.ts';
import { getPath, isRecord } from '../../../src/engine/kobject.ts';
import type { KObject } from '../../../src/engine/kobject.ts';
import { provenanceAnnotations } from '../../../src/engine/provenance.ts';
import { loadPackageFiles } from '../../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../../src/package/parse.ts';
import { CORPUS, NS, corpusDir, loadPackage, simulate } from './support.ts';

const provenance = new Set<string>(Object.values(provenanceAnnotations));

function withoutProvenance(body: KObject): KObject {
  const copy = structuredClone(body);
  const ann = copy.metadata.annotations;
  if (isRecord(ann)) {
    for (const k of Object.keys(ann)) if (provenance.has(k)) delete ann[k];
    if (Object.keys(ann).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}

const key = (o: KObject) => `${o.kind}/${o.metadata.name ?? ''}`;

function stepStatus(status: unknown, phase: string, step: string): unknown {
  const phases = getPath(status as Record<string, unknown>, 'planStatus', 'deploy', 'phases');
  const ph = (Array.isArray(phases) ? phases : []).find((p) => isRecord(p) && p.name === phase);
  const steps = isRecord(ph) && Array.isArray(ph.steps) ? ph.steps : [];
  const st = steps.find((x) => isRecord(x) && x.name === step);
  return isRecord(st) ? st.status : undefined;
}

for (const name of readdirSync(CORPUS).sort()) {
  test(`corpus ${name}: render of each deploy step equals the first sync of that step`, () => {
    const dir = corpusDir(name);
    const s = simulate(loadPackage(dir));
    s.runUntilSettled(500);
    assert.equal(s.planStatus('deploy'), 'COMPLETE');
    const inst = s.instance!;
    const exec = getPath(s.status, 'maestro', 'execution') as { id: string; startTime: string };
    const rendered = renderPackagePlan(parsePackageOrThrow(loadPackageFiles(dir)), {
      instance: inst.metadata.name!,
      namespace: NS,
      plan: 'deploy',
      values: {},
      instanceUid: inst.metadata.uid!,
      nowMs: Date.parse(exec.startTime),
      execution: exec.id,
    });
    assert.deepEqual(rendered.errors, []);
    let compared = 0;
    for (const step of rendered.steps) {
      // The first answer in which the step runs (or, when it has nothing to
      // wait for, completes): it emits the step's render.
      const first = s.sim.records.find((r) =>
        ['IN_PROGRESS', 'COMPLETE'].includes(
          String(stepStatus(r.response?.status, step.phase, step.step)),
        ),
      );
      assert.ok(first?.response, `${step.phase}.${step.step} never ran`);
      const emitted = new Map(
        first.response.children
          .filter(
            (c) =>
              c.metadata.annotations?.[provenanceAnnotations.phase] === step.phase &&
              c.metadata.annotations?.[provenanceAnnotations.step] === step.step,
          )
          .map((c) => [key(c), withoutProvenance(c)]),
      );
      const applied = step.tasks.filter((t) => t.mode === 'apply' || t.mode === 'pipe');
      const want = new Map(applied.flatMap((t) => t.objects.map((o) => [key(o.body), o.body])));
      assert.deepEqual([...emitted.keys()].sort(), [...want.keys()].sort(), step.step);
      for (const [k, body] of want) {
        assert.equal(canonicalJson(emitted.get(k)), canonicalJson(body), `${step.step}: ${k}`);
        compared++;
      }
    }
    console.log(`${name}: ${compared} bodies compared`);
    assert.ok(compared > 0, 'every corpus package applies something');
  });
}
