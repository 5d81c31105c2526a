// Writes crds/<plural>.maestro.dev.yaml, the chart's
// charts/maestro/templates/crd-<plural>.yaml and schemas/{operator,params}.json
// (the package files' JSON Schemas) from the model's schemas.
//   node --import tsx scripts/gen-crds.ts          write the files
//   node --import tsx scripts/gen-crds.ts --check  exit 1 when a committed file differs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartCrdTemplates, renderCrdFiles } from '../src/model/crd-files.ts';
import { renderSchemaFiles } from '../src/model/schema-files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let drift = 0;
const outputs: Array<[string, string]> = [
  ...Object.entries(renderCrdFiles()).map(([f, t]): [string, string] => [join('crds', f), t]),
  ...Object.entries(renderChartCrdTemplates()).map(([f, t]): [string, string] => [
    join('charts', 'maestro', 'templates', f),
    t,
  ]),
  ...Object.entries(renderSchemaFiles()).map(([f, t]): [string, string] => [join('schemas', f), t]),
];
for (const [file, text] of outputs) {
  const path = join(root, file);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as drift
    }
    if (current !== text) {
      console.error(`${file} differs from its source; run node --import tsx scripts/gen-crds.ts`);
      drift++;
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(drift > 0 ? 1 : 0);
