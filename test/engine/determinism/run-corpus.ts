// A child process for determinism.test.ts: deploys the named corpus packages
// one after the other in this (fresh) process, every one as Instance `inst` in
// the same namespace (plus two variants of the demo package that differ only
// in one template), and prints a digest of every hook answer per package.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src/engine/canonical-json.ts';
import { corpusDir, loadPackage, simulate } from '../plan/support.ts';
import { demoFiles } from '../plan/demo-package.ts';

// Two copies of one OperatorVersion (same name, steps and parameters) whose
// app template differs: only the OperatorVersion's content tells them apart.
const variants: Record<string, () => Map<string, string>> = {
  'demo-a': () => demoFiles(),
  'demo-b': () => {
    const files = demoFiles();
    for (const [k, v] of files)
      if (k.endsWith('app.yaml'))
        files.set(k, v.replace(/replicas:/, 'minReadySeconds: 1\n  replicas:'));
    return files;
  },
};

const out: Record<string, string> = {};
for (const name of process.argv.slice(2)) {
  const s = simulate(loadPackage(variants[name]?.() ?? corpusDir(name)));
  s.runUntilSettled(500);
  const answers = s.sim.records.map((r) => canonicalJson(r.answer ?? null));
  out[name] = createHash('sha256').update(answers.join('\n')).digest('hex');
}
process.stdout.write(JSON.stringify(out));
