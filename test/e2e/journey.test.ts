// Issue 14's "done when", on the real stack: from nothing to a running
// zookeeper with the `maestro` CLI alone (init, package create, repo index,
// install --wait, plan status, update, pause and resume, upgrade, get,
// uninstall --wait), against real kube-apiserver, controller-manager,
// scheduler and Metacontroller v4.17.2, with Maestro served over HTTPS on
// loopback as the chart's externalURL. Every step is asserted on exit codes,
// plan states and children read back through the API; the session is recorded
// and, with MAESTRO_WRITE_TRANSCRIPT=1, written into docs/cli.md:
//
//   MAESTRO_WRITE_TRANSCRIPT=1 npm run test:e2e -- test/e2e/journey.test.ts
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { Stack, sleep, until } from './support/stack.ts';
import { resourcePath } from './support/kube.ts';
import { ZOOKEEPER, scenario } from './support/scenario.ts';
import { childrenOf, stsOf } from './support/zookeeper.ts';
import { Transcript, type CliRun } from './support/transcript.ts';

let stack: Stack;
let repo: Server;
const folders: string[] = [];
before(async () => {
  stack = new Stack({ name: 'journey', mc: 'v4.17.2', apply: 'dynamic-apply', maestroBy: 'cli' });
  await stack.start();
});
after(async () => {
  repo?.close();
  if (process.env.E2E_KEEP !== '1') {
    await stack?.stop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  }
});

const NS = 'default';

/** The folder a user works in: the package, a bumped copy of it, the repository, the CA. */
function workFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-journey-'));
  folders.push(dir);
  cpSync(ZOOKEEPER, join(dir, 'zookeeper'), { recursive: true });
  const next = join(dir, 'zookeeper-0.3.4');
  cpSync(ZOOKEEPER, next, { recursive: true });
  const op = join(next, 'operator.yaml');
  writeFileSync(
    op,
    readFileSync(op, 'utf8').replace('operatorVersion: "0.3.3"', 'operatorVersion: "0.3.4"'),
  );
  const sts = join(next, 'templates/statefulset.yaml');
  const text = readFileSync(sts, 'utf8');
  const podLabels = '      labels:\n        app: zookeeper\n';
  assert.ok(text.includes(podLabels), 'the corpus StatefulSet has pod labels to extend');
  writeFileSync(sts, text.replace(podLabels, `${podLabels}        package-version: "0.3.4"\n`));
  mkdirSync(join(dir, 'repo'));
  cpSync(stack.env.REALAPI_CA!, join(dir, 'ca.crt'));
  return dir;
}

/** A static site over `dir` on loopback: what a team hosting its repository would run. */
async function serveStatic(dir: string): Promise<string> {
  repo = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    try {
      if (path.includes('..')) throw new Error('no');
      res.writeHead(200).end(readFileSync(join(dir, path)));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => repo.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(repo.address() as { port: number }).port}/`;
}

const ok = (r: CliRun, what: string) => assert.equal(r.code, 0, `${what}:\n${r.output}`);
const inst = () => stack.instance(NS, 'zk');
const container = async () => (await stsOf(stack, NS, 'zk')).spec.template.spec.containers[0];

scenario(
  () => stack,
  'the CLI journey: init --wait, install --wait from a repository, update, pause/resume, upgrade, uninstall --wait',
  async (ctx) => {
    ctx.parents.push(`${NS}/zk`);
    const dir = workFolder();
    const repoUrl = await serveStatic(join(dir, 'repo'));
    const maestroUrl = stack.recorder.url; // Maestro behind the hook recorder (sync counts)
    const cli = new Transcript(dir, { KUBECONFIG: stack.env.KUBECONFIG! });
    cli.normalise.push([maestroUrl, 'https://127.0.0.1:8443'], [repoUrl, 'http://127.0.0.1:8099/']);
    cli.normalise.push([dir, '.']);

    // 1. Maestro itself: CRDs, webhooks pointing at externalURL; --wait until it answers.
    const init = await cli.run([
      'init',
      '--set',
      `externalURL=${maestroUrl}`,
      '--set-file',
      'certificates.caBundle=ca.crt',
      '--set',
      'auth.enabled=false',
      '--wait',
    ]);
    ok(init, 'init');
    assert.match(
      init.stdout,
      /^ready: Maestro answering admission at .*MAESTRO_OPERATORVERSION_NOT_FOUND\)$/m,
    );
    assert.match(init.stdout, /^ready: Metacontroller's CompositeController API: served$/m);
    for (const crd of ['clusterinstances', 'instances', 'operators', 'operatorversions']) {
      const o = await stack.kube.get(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}.maestro.dev`,
      );
      assert.ok(
        o.status.conditions.some((c: any) => c.type === 'Established' && c.status === 'True'),
      );
    }

    // 2. A repository: two versions of the package, indexed, served as static files.
    ok(await cli.run(['package', 'create', './zookeeper', '-d', './repo']), 'package create');
    ok(await cli.run(['package', 'create', './zookeeper-0.3.4', '-d', './repo']), 'package create');
    ok(await cli.run(['repo', 'index', './repo', '--url', repoUrl]), 'repo index');

    // 3. Install by name with --wait: the real plan engine behind Metacontroller.
    const install = await cli.run([
      'install',
      'zookeeper',
      '--repo',
      repoUrl,
      '--operator-version',
      '0.3.3',
      '--instance',
      'zk',
      '--wait',
    ]);
    ok(install, 'install');
    assert.match(install.stdout, /^instance default\/zk created$/m);
    assert.match(install.stdout, /^plan deploy COMPLETE$/m);
    assert.match(install.stdout, /Plan deploy \(serial strategy\) \[COMPLETE\]/);
    let i = await inst();
    assert.equal(i.status.planStatus.deploy.status, 'COMPLETE');
    const cc = await stack.kube.get(
      '/apis/metacontroller.k8s.io/v1alpha1/compositecontrollers/maestro-zookeeper',
    );
    assert.equal(cc.spec.hooks.sync.webhook.url, `${maestroUrl}/sync`);
    let set = await stsOf(stack, NS, 'zk');
    assert.equal(set.status.readyReplicas, 3);
    const deployUid = i.status.planStatus.deploy.uid;

    const status = await cli.run(['plan', 'status', 'zk']);
    ok(status, 'plan status');
    assert.match(
      status.stdout,
      /Operator-Version: "zookeeper-3\.6\.2-0\.3\.3" Active-Plan: "deploy"/,
    );

    // 4. A parameter change: admission schedules deploy, --wait follows it.
    const update = await cli.run(['update', 'zk', '-p', 'CPUS=500m', '--wait']);
    ok(update, 'update');
    assert.match(update.stdout, /^plan deploy triggered$/m);
    assert.match(update.stdout, /^plan deploy COMPLETE$/m);
    i = await inst();
    assert.notEqual(i.status.planStatus.deploy.uid, deployUid);
    assert.equal((await container()).resources.requests.cpu, '500m');

    // The same on a terminal (not in the transcript): the tree redrawn in
    // place under a progress line, then the final tree.
    const tty = await cli.run(['update', 'zk', '-p', 'CPUS=600m', '--wait'], {
      record: false,
      tty: true,
    });
    ok(tty, 'update --wait on a terminal');
    const ESC = String.fromCharCode(27);
    assert.ok(
      tty.stdout.split(ESC).some((seq) => /^\[\d+F$/.test(seq)) && tty.stdout.includes(`${ESC}[J`),
      'redrawn in place (cursor up, clear)',
    );
    assert.match(tty.stdout, /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] plan deploy: [0-3]\/3 steps complete \(\d+s\)/);
    const last = tty.stdout.split(`${ESC}[J`).at(-1)!;
    assert.match(last, /^Plan\(s\) for "zk" in namespace "default":\r?\n/);
    assert.match(last, /Plan deploy \(serial strategy\) \[COMPLETE\]/);
    assert.doesNotMatch(tty.stdout, /…/, 'nothing clipped on a terminal of unknown width');
    assert.equal((await container()).resources.requests.cpu, '600m');

    // 5. Pause, change, the plan holds; resume, it completes.
    ok(await cli.run(['plan', 'pause', 'zk']), 'pause');
    const held = await cli.run(['update', 'zk', '-p', 'MEMORY=1536Mi']);
    ok(held, 'update while paused');
    assert.match(held.stdout, /^plan deploy triggered$/m);
    await until(
      'the Paused condition',
      async () =>
        (await inst()).status?.conditions?.some(
          (c: any) => c.type === 'Paused' && c.status === 'True',
        ),
      60_000,
    );
    await sleep(3000);
    const paused = await cli.run(['plan', 'status', 'zk']);
    ok(paused, 'plan status while paused');
    assert.match(paused.stdout, /^Paused \(spec\.planControl\.paused\): no new step starts/m);
    i = await inst();
    assert.notEqual(i.status.planStatus.deploy.status, 'COMPLETE');
    assert.equal((await container()).resources.requests.memory, '1Gi');
    ok(await cli.run(['plan', 'resume', 'zk']), 'resume');
    const resumed = await cli.run(['plan', 'status', 'zk', '--wait']);
    ok(resumed, 'plan status --wait after resume');
    assert.match(resumed.stdout, /^plan deploy COMPLETE$/m);
    assert.equal((await inst()).status.planStatus.deploy.status, 'COMPLETE');
    assert.equal((await container()).resources.requests.memory, '1536Mi');

    // 6. Upgrade to the repository's newer version.
    const upgrade = await cli.run([
      'upgrade',
      'zk',
      'zookeeper',
      '--repo',
      repoUrl,
      '--operator-version',
      '0.3.4',
      '--wait',
    ]);
    ok(upgrade, 'upgrade');
    assert.match(upgrade.stdout, /^instance default\/zk upgraded to zookeeper-3\.6\.2-0\.3\.4$/m);
    assert.match(upgrade.stdout, /^plan deploy COMPLETE$/m);
    set = await stsOf(stack, NS, 'zk');
    assert.equal(set.spec.template.metadata.labels['package-version'], '0.3.4');
    assert.equal(set.status.readyReplicas, 3);

    const get = await cli.run(['get', 'instances']);
    ok(get, 'get instances');
    assert.match(
      get.stdout,
      /^zk\s+Instance\s+zookeeper-3\.6\.2-0\.3\.4\s+deploy\s+COMPLETE\s+True\s/m,
    );

    // 7. Uninstall: finalize runs, the Instance goes, its children are collected.
    const owner = (await inst()).metadata.uid;
    const gone = await cli.run(['uninstall', 'zk', '--wait']);
    ok(gone, 'uninstall');
    assert.match(gone.stdout, /^instance default\/zk is gone$/m);
    assert.equal(await inst(), undefined);
    // --wait waited for the garbage collector too: nothing of zk is left.
    assert.deepEqual(await childrenOf(stack, NS, owner), []);
    assert.equal(
      await stack.kube.get(resourcePath('apps/v1', 'statefulsets', NS, 'zk-zookeeper')),
      undefined,
    );

    writeFileSync(`${stack.state}-transcript.txt`, cli.text());
    if (process.env.MAESTRO_WRITE_TRANSCRIPT === '1') cli.writeDoc();
  },
  600_000,
);

scenario(
  () => stack,
  'init --wait in the cluster: the Deployment becomes Available; exit 3 when admission cannot be reached',
  async () => {
    // The chart's in-cluster objects (Deployment, Service, generated
    // certificates). The kubelet stand-in runs the pods, so the real
    // controller-manager makes the Deployment Available; no pod network
    // exists here, so the API server cannot call the webhooks through the
    // Service and --wait must stop at its timeout, naming that check.
    const dir = mkdtempSync(join(tmpdir(), 'maestro-journey-'));
    folders.push(dir);
    const cli = new Transcript(dir, { KUBECONFIG: stack.env.KUBECONFIG! });
    const r = await cli.run(['init', '--wait', '--timeout', '40s'], { record: false });
    assert.equal(r.code, 3, r.output);
    assert.match(r.stdout, /^deployment maestro-system\/maestro created$/m);
    assert.match(
      r.stdout,
      /^ready: deployment maestro-system\/maestro Available: Available \(2\/2 replicas\)$/m,
    );
    assert.match(
      r.stderr,
      /^maestro init: timed out after 40s waiting for Maestro answering admission \(.*failed calling webhook.*\) \[MAESTRO_WAIT_TIMEOUT\]$/m,
    );
    const d = await stack.kube.get(
      resourcePath('apps/v1', 'deployments', 'maestro-system', 'maestro'),
    );
    assert.ok(d.status.conditions.some((c: any) => c.type === 'Available' && c.status === 'True'));
  },
  180_000,
);
