// Writes crds/<plural>.maestro.dev.yaml and schemas/{operator,params}.json
// from the model's schemas.
//   node --import tsx scripts/gen-crds.ts          write the files
//   node --import tsx scripts/gen-crds.ts --check  exit 1 when a committed file differs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCrdFiles } from '../src/model/crd-files.ts';
import { renderSchemaFiles } from '../src/model/schema-files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let drift = 0;
const outputs: [string, Record<string, string>][] = [
  ['crds', renderCrdFiles()],
  ['schemas', renderSchemaFiles()],
];
for (const [folder, files] of outputs) {
  for (const [file, text] of Object.entries(files)) {
    const path = join(root, folder, file);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing counts as drift
      }
      if (current !== text) {
        console.error(
          `${folder}/${file} differs from its source; run node --import tsx scripts/gen-crds.ts`,
        );
        drift++;
      }
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`wrote ${folder}/${file}`);
    }
  }
}
process.exit(drift > 0 ? 1 : 0);
