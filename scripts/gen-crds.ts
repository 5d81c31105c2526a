// Writes crds/<plural>.maestro.dev.yaml from the model's schemas.
//   node --import tsx scripts/gen-crds.ts          write the files
//   node --import tsx scripts/gen-crds.ts --check  exit 1 when a committed file differs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCrdFiles } from '../src/model/crd-files.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let drift = 0;
for (const [file, text] of Object.entries(renderCrdFiles())) {
  const path = join(root, 'crds', file);
  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as drift
    }
    if (current !== text) {
      console.error(
        `crds/${file} differs from its source; run node --import tsx scripts/gen-crds.ts`,
      );
      drift++;
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote crds/${file}`);
  }
}
process.exit(drift > 0 ? 1 : 0);
