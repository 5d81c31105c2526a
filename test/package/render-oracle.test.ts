// `render --raw` against the Go oracle (text/template + sprig): every template
// of every corpus package, with the defaults and two other parameter sets,
// must give byte-identical output (or the identical error).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadPackageFiles } from '../../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../../src/package/parse.ts';
import { renderRaw, type RenderOptions } from '../../src/package/render/index.ts';
import type { TemplateSupport } from '../../src/package/verify/template-support.ts';
import { templateSupport } from '../../src/package/template-engine.ts';
import { corpusPackages } from './corpus.ts';
import { parameterSets } from './param-sets.ts';

// Built by scripts/oracle.mjs (apt-installs Go when missing).
const oracle = execFileSync(process.execPath, ['scripts/oracle.mjs', '--build'], {
  encoding: 'utf8',
}).trim();

/** A TemplateSupport that records the data each template is rendered with, for the oracle. */
function recording(
  inner: TemplateSupport,
  seen: { name: string; text: string; data: unknown }[],
): TemplateSupport {
  return {
    parse: inner.parse,
    render(name, text, data) {
      seen.push({ name, text, data });
      return inner.render(name, text, data);
    },
  };
}

let total = 0;
let identical = 0;

for (const [pkgName, dir] of corpusPackages()) {
  const pkg = parsePackageOrThrow(loadPackageFiles(dir));
  for (const [setName, values] of parameterSets(pkg)) {
    test(`render --raw ${pkgName} (${setName}) is byte-identical to the Go oracle`, () => {
      const seen: { name: string; text: string; data: unknown }[] = [];
      const options: RenderOptions = {
        instance: `${pkg.operator.name}-instance`,
        namespace: 'default',
        plan: 'deploy',
        phase: pkg.operator.plans?.deploy?.phases?.[0]?.name ?? '',
        step: pkg.operator.plans?.deploy?.phases?.[0]?.steps?.[0]?.name ?? '',
        values,
      };
      const raw = renderRaw(pkg, recording(templateSupport(), seen), options);
      assert.ok(!('error' in raw && typeof raw.error === 'string'), JSON.stringify(raw));
      const input = seen
        .map(({ text, data }) => JSON.stringify({ template: text, data, missingkey: 'error' }))
        .join('\n');
      const lines = execFileSync(oracle, { input, encoding: 'utf8', maxBuffer: 64 << 20 })
        .trim()
        .split('\n');
      assert.equal(lines.length, seen.length);
      const mismatches: string[] = [];
      seen.forEach(({ name }, i) => {
        const want = JSON.parse(lines[i]!) as { ok: boolean; out?: string; err?: string };
        const got = (raw as Record<string, { ok: boolean; out?: string; err?: string }>)[name]!;
        total++;
        const same = want.ok ? got.ok && got.out === want.out : !got.ok && got.err === want.err;
        if (same) identical++;
        else
          mismatches.push(
            `${name}: want ${JSON.stringify(want).slice(0, 300)}\n got ${JSON.stringify(got).slice(0, 300)}`,
          );
      });
      assert.deepStrictEqual(mismatches, []);
    });
  }
}

test('summary: templates byte-identical to the oracle', () => {
  console.log(`# oracle: ${identical}/${total} template renders byte-identical`);
  assert.equal(identical, total);
});
