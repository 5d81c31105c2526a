// Runs every test/**/*.test.ts (but test/e2e) with node's own test runner (Node 20 has no
// glob support in --test, so the files are listed here). Extra arguments are
// passed through, e.g. `npm test -- --test-name-pattern=tls`. Files named on
// the command line replace the full list.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    // test/e2e needs a real control plane: `npm run test:e2e` runs it.
    if (path === join('test', 'e2e')) continue;
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const named = args.filter((a) => a.endsWith('.ts'));
const flags = args.filter((a) => !a.endsWith('.ts'));
const files = named.length > 0 ? named : find('test');
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-timeout=300000', ...flags, ...files],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
