// Finds, or builds, the reference Go text/template + sprig renderer from
// ../shared/oracle. Prints its path. Used by tests, benchmarks and CI.
//   node scripts/oracle.mjs          print the path if built, else exit 1
//   node scripts/oracle.mjs --build  build it if missing (installs Debian's Go), print the path
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.MAESTRO_SHARED ?? resolve(root, '..', 'shared');
export const oraclePath =
  process.env.MAESTRO_ORACLE ?? join(root, '.cache', 'oracle', 'gotemplate');

export function ensureOracle() {
  if (existsSync(oraclePath)) return oraclePath;
  const script = join(sharedDir, 'oracle', 'build.sh');
  if (!existsSync(script)) throw new Error(`oracle: ${script} not found (set MAESTRO_SHARED)`);
  execFileSync('bash', [script, oraclePath], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(oraclePath)) throw new Error(`oracle: build did not produce ${oraclePath}`);
  return oraclePath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--build')) console.log(ensureOracle());
  else if (existsSync(oraclePath)) console.log(oraclePath);
  else process.exit(1);
}
