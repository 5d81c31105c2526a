// `npm run test:e2e`: the end-to-end suite on a real control plane
// (../shared/realapi: etcd, kube-apiserver, kube-controller-manager,
// kube-scheduler 1.20.2, Metacontroller v4.17.2 and v1.5.14). Builds Maestro's
// bundle and what ../shared/realapi can build offline, refuses to run (exit 2,
// naming the command) when a binary it cannot build is missing, then runs
// test/e2e/*.test.ts one file at a time and prints each scenario's wall time
// and sync count. docs/e2e.md.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repo, '../shared/realapi');
const bin = process.env.REALAPI_BIN ?? '/tmp/realapi/bin';
// ../shared/realapi's scripts build into $WORK/bin.
const work = dirname(bin);
const results = process.env.E2E_RESULTS ?? '/tmp/maestro-e2e-results.jsonl';
const say = (line) => console.log(`test:e2e: ${line}`);
const fail = (line) => {
  console.error(`test:e2e: ${line}`);
  process.exit(2);
};
const run = (cmd, args, env = {}) => {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`${cmd} failed (exit ${r.status ?? r.signal})`);
};
const has = (name) => existsSync(join(bin, name));
const onPath = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

if (!existsSync(shared))
  fail(`${shared} is missing: the suite needs ../shared/realapi beside the clone`);
for (const tool of ['kubectl', 'python3', 'openssl', 'curl'])
  if (!onPath(tool)) fail(`${tool} is not on PATH`);
if (!onPath('etcd') && !process.env.ETCD)
  fail('no etcd: apt-get install -y etcd-server (or set ETCD)');

// Metacontroller first: what cannot be built here fails before anything slow runs.
for (const version of ['v4.17.2', 'v1.5.14']) {
  if (has(`metacontroller-${version}`)) continue;
  const mirror = process.env.MIRROR;
  if (mirror && existsSync(join(mirror, 'metacontroller+metacontroller/repo'))) {
    run(join(shared, 'build-metacontroller.sh'), [], {
      MIRROR: mirror,
      MC_VERSION: version,
      WORK: work,
    });
    continue;
  }
  fail(
    `Metacontroller ${version} is not built (${join(bin, `metacontroller-${version}`)}), and it cannot be built here: ` +
      `it is built from GitHub snapshots that the fetch tool brings. Build it with\n` +
      `  MIRROR=/work/.mirror MC_VERSION=${version} ${join(shared, 'build-metacontroller.sh')}\n` +
      `after fetching the repositories that script names (docs/e2e.md). The suite does not run without it.`,
  );
}

run(process.execPath, [join(repo, 'scripts/build.mjs')]);
if (!has('kube-apiserver')) run(join(shared, 'build-apiserver.sh'), [], { WORK: work });
if (!has('kube-controller-manager') || !has('kube-scheduler'))
  run(join(shared, 'build-k8s-extras.sh'), [], { WORK: work });
rmSync(results, { force: true });
const files = readdirSync(join(repo, 'test/e2e'))
  .filter((f) => f.endsWith('.test.ts'))
  .sort()
  .map((f) => join('test/e2e', f));
const named = process.argv.slice(2).filter((a) => a.endsWith('.ts'));
const started = Date.now();
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-timeout=900000',
    ...(named.length ? named : files),
  ],
  { stdio: 'inherit', cwd: repo },
);
// The whole suite must stay well under CI's limit.
const guard = setTimeout(() => {
  console.error('test:e2e: over 20 minutes; stopping');
  child.kill('SIGTERM');
}, 20 * 60_000);
child.on('exit', (code, signal) => {
  clearTimeout(guard);
  const rows = existsSync(results)
    ? readFileSync(results, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  say(
    `${rows.length} scenarios in ${((Date.now() - started) / 1000).toFixed(0)} s (wall time, sync calls):`,
  );
  for (const r of rows)
    console.log(
      `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.seconds.toFixed(1).padStart(6)} s ${String(r.syncs).padStart(4)} syncs${r.finalizes > 0 ? ` (+${r.finalizes} finalize)` : ''}  ${r.metacontroller} ${r.apply.padEnd(17)} ${r.scenario}`,
    );
  process.exit(code ?? (signal ? 1 : 0));
});
