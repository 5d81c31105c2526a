// `npm run bench`: runs each bench/*.bench.ts (or those named) one after the
// other in its own process, so they do not share a heap or a CPU, and prints
// each one's JSON summary line. Results also go to bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { root } from './lib.ts';

const named = process.argv.slice(2);
const all = readdirSync(`${root}bench`)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const selected = named.length > 0 ? all.filter((f) => named.some((n) => f.startsWith(n))) : all;
const lines: string[] = [];
let failed = 0;
for (const file of selected) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60_000,
  });
  const line = res.stdout.trim().split('\n').at(-1) ?? '';
  if (res.status !== 0 || !line.startsWith('{')) {
    failed += 1;
    console.error(`bench ${file} failed (exit ${res.status}): ${res.stdout}`);
    continue;
  }
  lines.push(line);
  console.log(line);
}
mkdirSync(`${root}bench/results`, { recursive: true });
writeFileSync(
  `${root}bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`,
  lines.join('\n') + '\n',
);
process.exitCode = failed === 0 ? 0 : 1;
