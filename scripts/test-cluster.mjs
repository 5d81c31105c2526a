// `npm run test:cluster`: the cluster CLI tests against a REAL kube-apiserver
// (../shared/realapi). Builds what is missing first: dist/ (the tests run the
// built binary), and kube-apiserver and etcd with ../shared/realapi's script
// (Debian's kubernetes 1.20 source, 4-7 min on 2 cores; quick when present).
// Each test file starts its own stack in a fresh state folder and stops it.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const realapi = new URL('../../shared/realapi/', import.meta.url).pathname;
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync(realapi)) {
  console.error(`test:cluster: ${realapi} is missing (../shared/realapi beside the clone)`);
  process.exit(1);
}
step(process.execPath, ['scripts/build.mjs']);
const apiserver = process.env.KUBE_APISERVER ?? '/tmp/realapi/bin/kube-apiserver';
const haveEtcd = spawnSync('sh', ['-c', 'command -v etcd'], { stdio: 'ignore' }).status === 0;
if (!existsSync(apiserver) || !haveEtcd) {
  console.log(
    'test:cluster: building kube-apiserver and etcd (../shared/realapi/build-apiserver.sh)',
  );
  step('bash', [join(realapi, 'build-apiserver.sh')]);
}
const args = process.argv.slice(2);
const named = args.filter((a) => a.endsWith('.ts'));
const flags = args.filter((a) => !a.endsWith('.ts'));
const files =
  named.length > 0
    ? named
    : readdirSync('test/cluster')
        .filter((f) => f.endsWith('.cluster.ts'))
        .sort()
        .map((f) => join('test/cluster', f));
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-timeout=600000',
    ...flags,
    ...files,
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
