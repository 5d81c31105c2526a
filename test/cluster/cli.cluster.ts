// The cluster CLI against a REAL kube-apiserver (../shared/realapi) with
// Maestro's CRDs, conversion and admission webhooks served by `maestro serve`.
// No mock anywhere: every command runs as the built binary, every write goes
// through the API server and Maestro's admission. Plan progress comes from
// status these tests write through the API, as the plan engine would (no
// Metacontroller runs here). Run with `npm run test:cluster`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { readTarball } from '../../src/package/loader/index.ts';
import { cli, freePort, root, startStack, type Stack } from './stack.ts';

const fixtures = join(root, 'test/fixtures/cli');
const demo10 = join(fixtures, 'demo-1.0.0');
const demo11 = join(fixtures, 'demo-1.1.0');
const crdemo10 = join(fixtures, 'crdemo-1.0.0');
const crdemo11 = join(fixtures, 'crdemo-1.1.0');

let stack: Stack;
let repoServer: Server;
let repoUrl: string;

// Spec and status are free-form JSON here: the tests read and write them as the engine would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Obj = k8s.KubernetesObject & { spec?: Loose; status?: Loose };

async function instance(name: string, namespace = 'default'): Promise<Obj> {
  return (await stack.custom.getNamespacedCustomObject({
    group: 'maestro.dev',
    version: 'v1',
    namespace,
    plural: 'instances',
    name,
  })) as Obj;
}

const clusterInstancePath = (name: string) => ({
  group: 'maestro.dev',
  version: 'v1',
  plural: 'clusterinstances',
  name,
});

async function clusterInstance(name: string): Promise<Obj> {
  return (await stack.custom.getClusterCustomObject(clusterInstancePath(name))) as Obj;
}

/** Plays the plan engine for a ClusterInstance (its status subresource, cluster-scoped). */
async function writeClusterStatus(name: string, change: (status: Loose, inst: Obj) => void) {
  for (let i = 0; i < 10; i++) {
    const inst = await clusterInstance(name);
    inst.status ??= {};
    change(inst.status, inst);
    try {
      await stack.custom.replaceClusterCustomObjectStatus({
        ...clusterInstancePath(name),
        body: inst,
      });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }
  throw new Error('status write kept conflicting');
}

const kcRbac = () => stack.kc.makeApiClient(k8s.RbacAuthorizationV1Api);

async function exists(apiVersion: string, kind: string, name: string, namespace?: string) {
  try {
    await stack.objects.read({ apiVersion, kind, metadata: { name, namespace } });
    return true;
  } catch (err) {
    if ((err as { code?: number }).code === 404) return false;
    throw err;
  }
}

/** Plays the plan engine: changes status through the status subresource (retrying conflicts). */
async function writeStatus(
  name: string,
  change: (status: Loose, inst: Obj) => void,
  ns = 'default',
) {
  for (let i = 0; i < 10; i++) {
    const inst = await instance(name, ns);
    inst.status ??= {};
    change(inst.status, inst);
    try {
      await stack.custom.replaceNamespacedCustomObjectStatus({
        group: 'maestro.dev',
        version: 'v1',
        namespace: ns,
        plural: 'instances',
        name,
        body: inst,
      });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 409) throw err;
    }
  }
  throw new Error('status write kept conflicting');
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** A planStatus entry: phases of [phase, [step, status]...]. */
function planEntry(
  name: string,
  status: string,
  phases: [string, string, [string, string][]][],
  extra: Record<string, unknown> = {},
) {
  return {
    name,
    status,
    lastUpdatedTimestamp: now(),
    ...extra,
    phases: phases.map(([ph, phStatus, steps]) => ({
      name: ph,
      status: phStatus,
      steps: steps.map(([s, st]) => ({ name: s, status: st })),
    })),
  };
}

before(async () => {
  stack = await startStack();
  const repoDir = mkdtempSync(join(tmpdir(), 'maestro-repo-'));
  repoServer = createServer((req, res) => {
    const file = join(repoDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => repoServer.listen(0, '127.0.0.1', r));
  repoUrl = `http://127.0.0.1:${(repoServer.address() as { port: number }).port}/`;
  for (const p of ['parent', 'dep']) {
    const r = await cli(stack, ['package', 'create', join(fixtures, p), '-d', repoDir]);
    assert.equal(r.code, 0, r.stderr);
  }
  const r = await cli(stack, ['repo', 'index', repoDir, '--url', repoUrl]);
  assert.equal(r.code, 0, r.stderr);
});

after(async () => {
  repoServer?.close();
  await stack?.stop();
});

test("init applies the chart's objects (Maestro outside the cluster), again idempotently", async () => {
  const args = [
    'init',
    '--set',
    `externalURL=${stack.maestroUrl}`,
    '--set-file',
    `certificates.caBundle=${stack.env.REALAPI_CA}`,
    '--set',
    'auth.enabled=false',
  ];
  const r = await cli(stack, args);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(lines.slice(0, 7), [
    'namespace maestro-system created',
    'customresourcedefinition clusterinstances.maestro.dev configured',
    'customresourcedefinition instances.maestro.dev configured',
    'customresourcedefinition operators.maestro.dev configured',
    'customresourcedefinition operatorversions.maestro.dev configured',
    'mutatingwebhookconfiguration maestro configured',
    'validatingwebhookconfiguration maestro configured',
  ]);
  assert.ok(lines.includes('Metacontroller is installed: the CompositeController API is served'));
  const vwc = (await stack.objects.read({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'maestro' },
  })) as Obj;
  for (const w of (vwc as Loose).webhooks)
    assert.equal(w.clientConfig.url, `${stack.maestroUrl}/validate`);
  const again = await cli(stack, args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^customresourcedefinition instances\.maestro\.dev configured$/m);
  assert.doesNotMatch(again.stdout, /created/);
  const dry = await cli(stack, ['init', '--dry-run', '-o', 'json', '--kube-version', '1.20']);
  assert.equal(dry.code, 0, dry.stderr);
  const kinds = (JSON.parse(dry.stdout).items as Obj[]).map((o) => o.kind);
  for (const k of ['ServiceAccount', 'ClusterRole', 'Deployment', 'Service', 'Secret'])
    assert.ok(kinds.includes(k), k);
});

test("init --wait: CRDs Established, Maestro's admission answers, Metacontroller's API; exit 3 at --timeout", async () => {
  const args = (url: string) => [
    'init',
    '--set',
    `externalURL=${url}`,
    '--set-file',
    `certificates.caBundle=${stack.env.REALAPI_CA}`,
    '--set',
    'auth.enabled=false',
  ];
  const r = await cli(stack, [...args(stack.maestroUrl), '--wait', '--timeout', '60s']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.ok(
    lines.includes(
      `waiting up to 60s for: crd clusterinstances.maestro.dev Established; crd instances.maestro.dev Established; crd operators.maestro.dev Established; crd operatorversions.maestro.dev Established; Maestro answering admission at ${stack.maestroUrl}; Metacontroller's CompositeController API`,
    ),
    r.stdout,
  );
  for (const crd of ['clusterinstances', 'instances', 'operators', 'operatorversions'])
    assert.ok(lines.includes(`ready: crd ${crd}.maestro.dev Established: Established`), r.stdout);
  assert.ok(
    lines.includes(
      `ready: Maestro answering admission at ${stack.maestroUrl}: a dry-run Instance got Maestro's answer (MAESTRO_OPERATORVERSION_NOT_FOUND)`,
    ),
    r.stdout,
  );
  assert.ok(lines.includes("ready: Metacontroller's CompositeController API: served"), r.stdout);
  assert.ok(!lines.some((l) => l.startsWith('Metacontroller is installed')), 'said once');
  // The dry run stored nothing.
  assert.equal(
    await exists('maestro.dev/v1', 'Instance', 'maestro-init-probe', 'maestro-system'),
    false,
  );
  // Nothing answers at that URL: the admission check never passes.
  const dead = `https://127.0.0.1:${await freePort()}`;
  const t0 = Date.now();
  const slow = await cli(stack, [...args(dead), '--wait', '--timeout', '3s']);
  try {
    assert.equal(slow.code, 3, slow.stderr);
    assert.ok(Date.now() - t0 < 30_000);
    assert.match(
      slow.stderr,
      new RegExp(
        `^maestro init: timed out after 3s waiting for Maestro answering admission at ${dead.replace(/\./g, '\\.')} \\(.*failed calling webhook.*\\) \\[MAESTRO_WAIT_TIMEOUT\\]$`,
        'm',
      ),
    );
    assert.doesNotMatch(slow.stderr, /crd instances/);
  } finally {
    const back = await cli(stack, [...args(stack.maestroUrl), '--wait', '--timeout', '60s']);
    assert.equal(back.code, 0, back.stderr);
  }
});

test('install lists required parameters without values and creates nothing', async () => {
  const r = await cli(stack, ['install', demo10, '--instance', 'd1']);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /missing required parameters during installation: OWNER \[MAESTRO_PARAMETERS_MISSING\]/,
  );
  assert.equal(await exists('maestro.dev/v1', 'Operator', 'demo', 'default'), false);
  assert.equal(await exists('maestro.dev/v1', 'OperatorVersion', 'demo-1.0.0', 'default'), false);
});

test('install creates Operator, OperatorVersion, CompositeController and Instance; --wait follows deploy', async () => {
  const run = cli(stack, [
    'install',
    demo10,
    '--instance',
    'd1',
    '-p',
    'OWNER=alice',
    '--wait',
    '--timeout',
    '60s',
  ]);
  await until('instance d1', () => instance('d1'));
  await writeStatus('d1', (s) => {
    s.planStatus = {
      deploy: planEntry('deploy', 'IN_PROGRESS', [
        [
          'main',
          'IN_PROGRESS',
          [
            ['config', 'COMPLETE'],
            ['check', 'IN_PROGRESS'],
          ],
        ],
      ]),
    };
    s.maestro = { execution: { id: 'e1', plan: 'deploy', status: 'IN_PROGRESS' } };
  });
  await new Promise((r) => setTimeout(r, 600));
  await writeStatus('d1', (s) => {
    s.planStatus.deploy = planEntry('deploy', 'COMPLETE', [
      [
        'main',
        'COMPLETE',
        [
          ['config', 'COMPLETE'],
          ['check', 'COMPLETE'],
        ],
      ],
    ]);
    s.maestro.execution.status = 'COMPLETE';
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    'operator default/demo created',
    'operatorversion default/demo-1.0.0 created',
    'compositecontroller maestro-demo created',
    'compositecontroller maestro-demo.cluster created',
    'instance default/d1 created',
  ]);
  // Piped: plain lines for each change, then the final tree.
  assert.ok(lines.includes('step deploy/main/check IN_PROGRESS'), r.stdout);
  assert.ok(lines.includes('plan deploy COMPLETE'), r.stdout);
  const tree = r.stdout.slice(r.stdout.indexOf('Plan(s) for'));
  assert.match(
    tree,
    new RegExp(
      [
        'Plan\\(s\\) for "d1" in namespace "default":',
        '\\.',
        '└── d1 \\(Operator-Version: "demo-1\\.0\\.0" Active-Plan: "deploy"\\)',
        '    ├── Plan cleanup \\(serial strategy\\) \\[NOT ACTIVE\\]',
        '    │   └── Phase cleanup \\(serial strategy\\) \\[NOT ACTIVE\\]',
        '    │       └── Step bye \\[NOT ACTIVE\\]',
        '    ├── Plan deploy \\(serial strategy\\) \\[COMPLETE\\], last updated [-0-9]+ [:0-9]+',
        '    │   └── Phase main \\(serial strategy\\) \\[COMPLETE\\]',
        '    │       ├── Step config \\[COMPLETE\\]',
        '    │       └── Step check \\[COMPLETE\\]',
        '    ├── Plan update \\(serial strategy\\) \\[NOT ACTIVE\\]',
        '    │   └── Phase main \\(serial strategy\\) \\[NOT ACTIVE\\]',
        '    │       └── Step config \\[NOT ACTIVE\\]',
        '    └── Plan validation \\(serial strategy\\) \\[NOT ACTIVE\\]',
        '        └── Phase check \\(parallel strategy\\) \\[NOT ACTIVE\\]',
        '            └── Step check \\[NOT ACTIVE\\]',
      ].join('\\n'),
    ),
  );
  const inst = await instance('d1');
  assert.deepEqual(inst.spec.parameters, { OWNER: 'alice' });
  assert.equal(inst.metadata?.labels?.['maestro.dev/operator'], 'demo');
  const cc = (await stack.objects.read({
    apiVersion: 'metacontroller.k8s.io/v1alpha1',
    kind: 'CompositeController',
    metadata: { name: 'maestro-demo' },
  })) as Obj;
  assert.deepEqual(
    cc.spec.childResources.map((c: { resource: string }) => c.resource),
    ['configmaps'],
  );
  // Maestro was installed with externalURL (no Service): the hooks go where
  // its admission goes, trusting the CA the webhook configuration carries.
  assert.deepEqual(cc.spec.hooks.sync.webhook, {
    url: `${stack.maestroUrl}/sync`,
    timeout: '20s',
    caBundle: { inline: readFileSync(stack.env.REALAPI_CA!, 'utf8') },
  });
});

test('install refuses an instance name that exists', async () => {
  const r = await cli(stack, ['install', demo10, '--instance', 'd1', '-p', 'OWNER=bob']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /already exists in namespace default \[MAESTRO_INSTANCE_EXISTS\]/);
});

test('plan status prints the tree; -o json prints the status', async () => {
  const r = await cli(stack, ['plan', 'status', 'd1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /├── Plan deploy \(serial strategy\) \[COMPLETE\]/);
  const j = await cli(stack, ['plan', 'status', 'd1', '-o', 'json']);
  assert.equal(JSON.parse(j.stdout).planStatus.deploy.status, 'COMPLETE');
});

test('update: admission schedules the update plan; --wait follows it', async () => {
  const run = cli(stack, ['update', 'd1', '-p', 'SIZE=2', '--wait', '--timeout', '60s']);
  const uid = await until('planExecution update', async () => {
    const pe = (await instance('d1')).spec.planExecution;
    return pe?.planName === 'update' ? (pe.uid as string) : undefined;
  });
  await writeStatus('d1', (s) => {
    s.planStatus.update = planEntry('update', 'COMPLETE', [
      ['main', 'COMPLETE', [['config', 'COMPLETE']]],
    ]);
    s.maestro = {
      execution: { id: 'e2', plan: 'update', status: 'COMPLETE', uid },
      consumedPlanExecutions: [uid],
    };
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /instance default\/d1 updated\nplan update triggered\n/);
  assert.deepEqual((await instance('d1')).spec.parameters, { OWNER: 'alice', SIZE: '2' });
});

test('update with a parameter the package lacks is refused before any write', async () => {
  const r = await cli(stack, ['update', 'd1', '-p', 'NOPE=1']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /unknown parameters for demo-1\.0\.0: NOPE/);
});

test('plan trigger schedules a plan; admission refuses a conflicting update and an unknown plan', async () => {
  const r = await cli(stack, ['plan', 'trigger', 'd1', '--plan', 'validation']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'plan validation triggered on instance default/d1\n');
  assert.equal((await instance('d1')).spec.planExecution.planName, 'validation');
  const u = await cli(stack, ['update', 'd1', '-p', 'SIZE=3']);
  assert.equal(u.code, 1);
  assert.match(
    u.stderr,
    /admission webhook "[^"]+" denied the request: .*plan 'validation' is scheduled \(or running\).*\[MAESTRO_INSTANCE_CONFLICT\]/,
  );
  const bad = await cli(stack, ['plan', 'trigger', 'd1', '--plan', 'nope']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /denied the request: plan nope does not exist/);
});

test('plan retry of a plan that runs and has not failed is refused by admission', async () => {
  const r = await cli(stack, ['plan', 'retry', 'd1']);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /denied the request: failed to update Instance default\/d1: plan 'validation' is running and has not failed; retry applies to a failed plan: wait until it fails, or abort it first \[MAESTRO_INSTANCE_CONFLICT\]/,
  );
});

test('plan pause and resume write spec.planControl.paused', async () => {
  const p = await cli(stack, ['plan', 'pause', 'd1']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /instance default\/d1 paused/);
  assert.equal((await instance('d1')).spec.planControl.paused, true);
  const g = await cli(stack, ['get', 'instances']);
  assert.match(g.stdout, /^d1 .* \(paused\)/m);
  const q = await cli(stack, ['plan', 'resume', 'd1']);
  assert.equal(q.code, 0, q.stderr);
  assert.equal((await instance('d1')).spec.planControl.paused, false);
});

test('plan force-complete: admission refuses a step the plan lacks, accepts a real one', async () => {
  const bad = await cli(stack, ['plan', 'force-complete', 'd1', '--step', 'check/nope']);
  assert.equal(bad.code, 1);
  assert.match(
    bad.stderr,
    /phase "check" of plan validation has no step "nope"; its steps are check/,
  );
  const ok = await cli(stack, ['plan', 'force-complete', 'd1', '--step', 'check/check']);
  assert.equal(ok.code, 0, ok.stderr);
  const fc = (await instance('d1')).spec.planControl.forceComplete;
  assert.equal(fc.phase, 'check');
  assert.equal(fc.step, 'check');
  assert.match(fc.uid, /^[0-9a-f-]{36}$/);
});

test('plan abort, then retry --wait of the failed plan', async () => {
  const a = await cli(stack, ['plan', 'abort', 'd1']);
  assert.equal(a.code, 0, a.stderr);
  const inst = await instance('d1');
  const abortUid = inst.spec.planControl.abort.uid as string;
  const peUid = inst.spec.planExecution.uid as string;
  await writeStatus('d1', (s) => {
    s.planStatus.validation = planEntry(
      'validation',
      'FATAL_ERROR',
      [['check', 'FATAL_ERROR', [['check', 'FATAL_ERROR']]]],
      { message: 'aborted' },
    );
    s.maestro = {
      execution: { id: 'e3', plan: 'validation', status: 'FATAL_ERROR', uid: peUid },
      consumedPlanExecutions: [...s.maestro.consumedPlanExecutions, peUid],
      consumedControls: [abortUid],
    };
  });
  const st = await cli(stack, ['plan', 'status', 'd1']);
  assert.match(st.stdout, /Plan validation \(serial strategy\) \[FATAL_ERROR\] \(aborted\)/);
  const run = cli(stack, ['plan', 'retry', 'd1', '--wait', '--timeout', '60s']);
  const retryUid = await until('retry uid', async () => {
    const r = (await instance('d1')).spec.planControl?.retry?.uid as string | undefined;
    return r && r !== '' ? r : undefined;
  });
  await writeStatus('d1', (s) => {
    s.planStatus.validation = planEntry('validation', 'COMPLETE', [
      ['check', 'COMPLETE', [['check', 'COMPLETE']]],
    ]);
    s.maestro.execution = { id: 'e4', plan: 'validation', status: 'COMPLETE', uid: peUid };
    s.maestro.consumedControls = [abortUid, retryUid];
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /retry requested for instance default\/d1/);
});

test("plan continue with nothing running is allowed with admission's warning", async () => {
  const r = await cli(stack, ['plan', 'continue', 'd1']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /Warning: spec\.planControl\.continue: no plan is running/);
});

test('upgrade: a version that is not newer is refused; 1.1.0 widens the controller and runs upgrade', async () => {
  const same = await cli(stack, ['upgrade', 'd1', demo10]);
  assert.equal(same.code, 1);
  assert.match(
    same.stderr,
    /upgraded version 1\.0\.0 is the same or smaller as current version 1\.0\.0 -> not upgrading \[MAESTRO_UPGRADE_NOT_NEWER\]/,
  );
  const run = cli(stack, ['upgrade', 'd1', demo11, '--wait', '--timeout', '60s']);
  const uid = await until('planExecution upgrade', async () => {
    const pe = (await instance('d1')).spec.planExecution;
    return pe?.planName === 'upgrade' ? (pe.uid as string) : undefined;
  });
  await writeStatus('d1', (s) => {
    s.planStatus.upgrade = planEntry('upgrade', 'COMPLETE', [
      [
        'main',
        'COMPLETE',
        [
          ['config', 'COMPLETE'],
          ['service', 'COMPLETE'],
        ],
      ],
    ]);
    s.maestro.execution = { id: 'e5', plan: 'upgrade', status: 'COMPLETE', uid };
    s.maestro.consumedPlanExecutions.push(uid);
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /operatorversion default\/demo-1\.1\.0 created/);
  assert.match(r.stdout, /compositecontroller maestro-demo updated \(child kinds: \+services\)/);
  assert.match(r.stdout, /instance default\/d1 upgraded to demo-1\.1\.0\nplan upgrade triggered/);
  assert.equal((await instance('d1')).spec.operatorVersion.name, 'demo-1.1.0');
  const cc = (await stack.objects.read({
    apiVersion: 'metacontroller.k8s.io/v1alpha1',
    kind: 'CompositeController',
    metadata: { name: 'maestro-demo' },
  })) as Obj;
  assert.deepEqual(cc.spec.childResources.map((c: { resource: string }) => c.resource).sort(), [
    'configmaps',
    'services',
  ]);
});

test('install by name from a repository: KudoOperator dependencies first, --create-namespace', async () => {
  const r = await cli(stack, [
    'install',
    'parent',
    '--repo',
    repoUrl,
    '-n',
    'team',
    '--create-namespace',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'namespace team created',
    'operator team/dep created',
    'operatorversion team/dep-0.1.0 created',
    'compositecontroller maestro-dep created',
    'compositecontroller maestro-dep.cluster created',
    'operator team/parent created',
    'operatorversion team/parent-1.0.0-2.0.0 created',
    'compositecontroller maestro-parent created',
    'compositecontroller maestro-parent.cluster created',
    'instance team/parent-instance created',
  ]);
  assert.equal(await exists('maestro.dev/v1', 'Instance', 'parent-instance', 'team'), true);
  const missing = await cli(stack, ['install', 'nothing', '--repo', repoUrl]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no operator found for: nothing \[MAESTRO_REPO_INVALID\]/);
});

test('get instances -A, operators and operatorversions', async () => {
  const i = await cli(stack, ['get', 'instances', '-A']);
  assert.equal(i.code, 0, i.stderr);
  const rows = i.stdout.trim().split('\n');
  assert.match(rows[0]!, /^NAMESPACE +NAME +KIND +OPERATOR-VERSION +PLAN +STATUS +READY +AGE$/);
  assert.match(rows[1]!, /^default +d1 +Instance +demo-1\.1\.0 +upgrade +COMPLETE +\d+[smh]/);
  assert.match(rows[2]!, /^team +parent-instance +Instance +parent-1\.0\.0-2\.0\.0 /);
  const o = await cli(stack, ['get', 'operators']);
  assert.match(o.stdout, /^demo +1\.0\.0,1\.1\.0 +\d+/m);
  const v = await cli(stack, ['get', 'operatorversions', '-n', 'team', '-o', 'json']);
  assert.deepEqual(
    JSON.parse(v.stdout)
      .items.map((x: Obj) => x.metadata?.name)
      .sort(),
    ['dep-0.1.0', 'parent-1.0.0-2.0.0'],
  );
});

test('diagnostics collect writes one tarball with the objects, children and events', async () => {
  const core = stack.kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { metadata: { name: 'd1-config' }, data: { owner: 'alice' } },
  });
  const inst = await instance('d1');
  await core.createNamespacedEvent({
    namespace: 'default',
    body: {
      metadata: { name: 'd1.test' },
      involvedObject: {
        apiVersion: 'maestro.dev/v1',
        kind: 'Instance',
        name: 'd1',
        namespace: 'default',
        uid: inst.metadata?.uid,
      },
      reason: 'PlanStarted',
      message: 'plan upgrade started',
      type: 'Normal',
    },
  });
  await writeStatus('d1', (s) => {
    s.maestro.inventory = [
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'd1-config' },
    ];
  });
  const dir = mkdtempSync(join(tmpdir(), 'maestro-diag-'));
  const r = await cli(stack, ['diagnostics', 'collect', 'd1', '-O', dir]);
  assert.equal(r.code, 0, r.stderr);
  const [file] = readdirSync(dir);
  assert.match(file!, /^diag-d1-\d{8}T\d{6}\.tgz$/);
  const files = readTarball(file!, readFileSync(join(dir, file!)));
  assert.deepEqual([...files.keys()].sort(), [
    'children/ConfigMap_d1-config.yaml',
    'compositecontroller.yaml',
    'errors.txt',
    'events.yaml',
    'instance.yaml',
    'operator.yaml',
    'operatorversion.yaml',
    'plan-status.txt',
    'version.txt',
  ]);
  assert.match(files.get('events.yaml')!, /plan upgrade started/);
  assert.match(files.get('version.txt')!, /^server v1\.20\.2/);
  assert.match(files.get('errors.txt')!, /no pod labelled app\.kubernetes\.io\/name=maestro/);
});

test('uninstall --wait waits until cleanup lets the Instance go', async () => {
  // Play Metacontroller: its finalizer holds the Instance until finalize says done.
  await stack.custom.patchNamespacedCustomObject(
    {
      group: 'maestro.dev',
      version: 'v1',
      namespace: 'default',
      plural: 'instances',
      name: 'd1',
      body: { metadata: { finalizers: ['metacontroller.io/compositecontroller-maestro-demo'] } },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  // A child the garbage collector has not deleted yet (no controller-manager
  // runs here: the test plays it), held by a finalizer of its own.
  const owner = await instance('d1');
  await stack.objects.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'd1-leftover',
      namespace: 'default',
      ownerReferences: [
        { apiVersion: 'maestro.dev/v1', kind: 'Instance', name: 'd1', uid: owner.metadata!.uid! },
      ],
    },
  } as k8s.KubernetesObject);
  const run = cli(stack, ['uninstall', 'd1', '--wait', '--timeout', '60s']);
  await until('deletionTimestamp', async () => (await instance('d1')).metadata?.deletionTimestamp);
  await writeStatus('d1', (s) => {
    s.planStatus.cleanup = planEntry('cleanup', 'IN_PROGRESS', [
      ['cleanup', 'IN_PROGRESS', [['bye', 'IN_PROGRESS']]],
    ]);
  });
  await new Promise((r) => setTimeout(r, 500));
  await stack.custom.patchNamespacedCustomObject(
    {
      group: 'maestro.dev',
      version: 'v1',
      namespace: 'default',
      plural: 'instances',
      name: 'd1',
      body: { metadata: { finalizers: null } },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  await until(
    'd1 gone',
    async () => !(await exists('maestro.dev/v1', 'Instance', 'd1', 'default')),
  );
  await new Promise((r) => setTimeout(r, 600));
  await stack.objects.delete({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'd1-leftover', namespace: 'default' },
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      'instance default/d1 deleted',
      'plan cleanup IN_PROGRESS',
      'instance default/d1 is gone',
      'waiting for 1 child of instance default/d1 to be deleted: configmap/d1-leftover',
      'the children of instance default/d1 are gone',
      '',
    ].join('\n'),
  );
  const gone = await cli(stack, ['plan', 'status', 'd1']);
  assert.equal(gone.code, 1);
  assert.match(
    gone.stderr,
    /instance d1 does not exist in namespace default, and no clusterinstance has that name \[MAESTRO_INSTANCE_NOT_FOUND\]/,
  );
});

// ClusterInstance: a package with a ClusterRole and ClusterRoleBinding (crdemo).

test('install of a package that renders cluster-scoped objects creates a ClusterInstance; --wait follows deploy', async () => {
  const run = cli(stack, [
    'install',
    crdemo10,
    '--instance',
    'c1',
    '-n',
    'team-c',
    '--create-namespace',
    '-p',
    'OWNER=carol',
    '--wait',
    '--timeout',
    '60s',
  ]);
  await until('clusterinstance c1', () => clusterInstance('c1'));
  await writeClusterStatus('c1', (s) => {
    s.planStatus = {
      deploy: planEntry('deploy', 'IN_PROGRESS', [
        [
          'main',
          'IN_PROGRESS',
          [
            ['rbac', 'IN_PROGRESS'],
            ['config', 'PENDING'],
          ],
        ],
      ]),
    };
    s.maestro = { execution: { id: 'c-e1', plan: 'deploy', status: 'IN_PROGRESS' } };
  });
  await new Promise((r) => setTimeout(r, 500));
  await writeClusterStatus('c1', (s) => {
    s.planStatus.deploy = planEntry('deploy', 'COMPLETE', [
      [
        'main',
        'COMPLETE',
        [
          ['rbac', 'COMPLETE'],
          ['config', 'COMPLETE'],
        ],
      ],
    ]);
    s.maestro.execution.status = 'COMPLETE';
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 7), [
    'namespace team-c created',
    'operator team-c/crdemo created',
    'operatorversion team-c/crdemo-1.0.0 created',
    'compositecontroller maestro-crdemo created',
    'compositecontroller maestro-crdemo.cluster created',
    'the package renders cluster-scoped objects (ClusterRoleBinding c1-reader (binding.yaml), ClusterRole c1-reader (clusterrole.yaml)): installing a ClusterInstance, its namespaced children in namespace team-c',
    'clusterinstance c1 created',
  ]);
  assert.ok(lines.includes('step deploy/main/rbac IN_PROGRESS'), r.stdout);
  assert.ok(lines.includes('plan deploy COMPLETE'), r.stdout);
  assert.match(
    r.stdout,
    /Plan\(s\) for ClusterInstance "c1" \(namespaced children in "team-c"\):\n\.\n└── c1 \(Operator-Version: "crdemo-1\.0\.0" Active-Plan: "deploy"\)/,
  );
  const ci = await clusterInstance('c1');
  assert.equal(ci.metadata?.namespace, undefined);
  assert.equal(ci.metadata?.labels?.['maestro.dev/operator'], 'crdemo');
  assert.equal(ci.spec.namespace, 'team-c');
  assert.deepEqual(ci.spec.operatorVersion, { name: 'crdemo-1.0.0', namespace: 'team-c' });
  assert.deepEqual(ci.spec.parameters, { OWNER: 'carol' });
  assert.equal(await exists('maestro.dev/v1', 'Instance', 'c1', 'team-c'), false);
  const cc = (await stack.objects.read({
    apiVersion: 'metacontroller.k8s.io/v1alpha1',
    kind: 'CompositeController',
    metadata: { name: 'maestro-crdemo.cluster' },
  })) as Obj;
  assert.deepEqual(cc.spec.parentResource, {
    apiVersion: 'maestro.dev/v1',
    resource: 'clusterinstances',
    labelSelector: { matchLabels: { 'maestro.dev/operator': 'crdemo' } },
  });
  assert.deepEqual(
    cc.spec.childResources.map(
      (c: { apiVersion: string; resource: string }) => `${c.apiVersion} ${c.resource}`,
    ),
    [
      'rbac.authorization.k8s.io/v1 clusterroles',
      'rbac.authorization.k8s.io/v1 clusterrolebindings',
      'rbac.authorization.k8s.io/v1 roles',
      'rbac.authorization.k8s.io/v1 rolebindings',
      'v1 configmaps',
    ],
  );
  const again = await cli(stack, ['install', crdemo10, '--instance', 'c1', '-n', 'team-c']);
  assert.equal(again.code, 1);
  assert.match(
    again.stderr,
    /a clusterinstance of that name already exists \[MAESTRO_INSTANCE_EXISTS\]/,
  );
});

test('install: the same package namespaced when its values render nothing cluster-scoped; --cluster forces a ClusterInstance', async () => {
  const ns = await cli(stack, [
    'install',
    crdemo10,
    '--instance',
    'c2',
    '-n',
    'team-c',
    '-p',
    'CLUSTER_WIDE=false',
  ]);
  assert.equal(ns.code, 0, ns.stderr);
  assert.match(ns.stdout, /^instance team-c\/c2 created$/m);
  assert.equal(await exists('maestro.dev/v1', 'Instance', 'c2', 'team-c'), true);
  const forced = await cli(stack, [
    'install',
    demo10,
    '--instance',
    'c3',
    '-n',
    'team-c',
    '-p',
    'OWNER=dan',
    '--cluster',
  ]);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /^clusterinstance c3 created$/m);
  assert.doesNotMatch(forced.stdout, /renders cluster-scoped/);
  assert.equal((await clusterInstance('c3')).spec.namespace, 'team-c');
});

test('plan status and get instances find ClusterInstances (an Instance in -n first, --cluster)', async () => {
  const st = await cli(stack, ['plan', 'status', 'c1']);
  assert.equal(st.code, 0, st.stderr);
  assert.match(
    st.stdout,
    /^Plan\(s\) for ClusterInstance "c1" \(namespaced children in "team-c"\):$/m,
  );
  assert.match(st.stdout, /Step rbac \[COMPLETE\]/);
  const missing = await cli(stack, ['plan', 'status', 'c2', '--cluster']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /clusterinstance c2 does not exist \[MAESTRO_INSTANCE_NOT_FOUND\]/);
  const g = await cli(stack, ['get', 'instances', '-n', 'team-c']);
  assert.equal(g.code, 0, g.stderr);
  const rows = g.stdout.trim().split('\n');
  assert.match(rows[0]!, /^NAME +KIND +OPERATOR-VERSION +PLAN +STATUS +READY +AGE$/);
  assert.match(rows[1]!, /^c1 +ClusterInstance +crdemo-1\.0\.0 +deploy +COMPLETE /);
  assert.match(rows[2]!, /^c2 +Instance +crdemo-1\.0\.0 /);
  assert.match(rows[3]!, /^c3 +ClusterInstance +demo-1\.0\.0 /);
  const other = await cli(stack, ['get', 'instances', '-n', 'team']);
  assert.doesNotMatch(other.stdout, /ClusterInstance/, 'listed by their children’s namespace');
  const all = await cli(stack, ['get', 'instances', '-A']);
  assert.match(all.stdout, /^team-c +c1 +ClusterInstance +crdemo-1\.0\.0 /m);
  const j = await cli(stack, ['get', 'instances', '-n', 'team-c', '-o', 'json']);
  assert.deepEqual(
    JSON.parse(j.stdout).items.map((o: Obj) => `${o.kind} ${o.metadata?.name}`),
    ['ClusterInstance c1', 'Instance c2', 'ClusterInstance c3'],
  );
});

test('update of a ClusterInstance: admission schedules the update plan; --wait follows it', async () => {
  const run = cli(stack, ['update', 'c1', '-p', 'OWNER=erin', '--wait', '--timeout', '60s']);
  const uid = await until('planExecution update', async () => {
    const pe = (await clusterInstance('c1')).spec.planExecution;
    return pe?.planName === 'update' ? (pe.uid as string) : undefined;
  });
  await writeClusterStatus('c1', (s) => {
    s.planStatus.update = planEntry('update', 'COMPLETE', [
      ['main', 'COMPLETE', [['config', 'COMPLETE']]],
    ]);
    s.maestro = {
      execution: { id: 'c-e2', plan: 'update', status: 'COMPLETE', uid },
      consumedPlanExecutions: [uid],
    };
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^clusterinstance c1 updated\nplan update triggered\n/);
  assert.deepEqual((await clusterInstance('c1')).spec.parameters, { OWNER: 'erin' });
  const p = await cli(stack, ['plan', 'pause', 'c1', '--cluster']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /^clusterinstance c1 paused/);
  assert.equal((await clusterInstance('c1')).spec.planControl.paused, true);
  const q = await cli(stack, ['plan', 'resume', 'c1']);
  assert.equal(q.code, 0, q.stderr);
  assert.equal((await clusterInstance('c1')).spec.planControl.paused, false);
});

test('upgrade of a ClusterInstance: the new OperatorVersion in its namespace, then the upgrade plan', async () => {
  const run = cli(stack, ['upgrade', 'c1', crdemo11, '--wait', '--timeout', '60s']);
  const uid = await until('planExecution upgrade', async () => {
    const pe = (await clusterInstance('c1')).spec.planExecution;
    return pe?.planName === 'upgrade' ? (pe.uid as string) : undefined;
  });
  await writeClusterStatus('c1', (s) => {
    s.planStatus.upgrade = planEntry('upgrade', 'COMPLETE', [
      ['main', 'COMPLETE', [['config', 'COMPLETE']]],
    ]);
    s.maestro.execution = { id: 'c-e3', plan: 'upgrade', status: 'COMPLETE', uid };
    s.maestro.consumedPlanExecutions.push(uid);
  });
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^operatorversion team-c\/crdemo-1\.1\.0 created$/m);
  assert.match(r.stdout, /^compositecontroller maestro-crdemo\.cluster is already installed$/m);
  assert.match(
    r.stdout,
    /^clusterinstance c1 upgraded to crdemo-1\.1\.0\nplan upgrade triggered$/m,
  );
  assert.deepEqual((await clusterInstance('c1')).spec.operatorVersion, {
    name: 'crdemo-1.1.0',
    namespace: 'team-c',
  });
});

test('diagnostics collect of a ClusterInstance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-diag-c-'));
  const r = await cli(stack, ['diagnostics', 'collect', 'c1', '-O', dir]);
  assert.equal(r.code, 0, r.stderr);
  const [file] = readdirSync(dir);
  const files = readTarball(file!, readFileSync(join(dir, file!)));
  for (const f of [
    'instance.yaml',
    'operatorversion.yaml',
    'operator.yaml',
    'compositecontroller.yaml',
  ])
    assert.ok(files.has(f), f);
  assert.match(files.get('instance.yaml')!, /^kind: ClusterInstance$/m);
  assert.match(files.get('operatorversion.yaml')!, /^ {2}name: crdemo-1\.1\.0$/m);
  assert.match(files.get('compositecontroller.yaml')!, /^ {2}name: maestro-crdemo\.cluster$/m);
});

test('uninstall --wait of a ClusterInstance waits until cleanup lets it go', async () => {
  await stack.custom.patchClusterCustomObject(
    {
      ...clusterInstancePath('c1'),
      body: {
        metadata: { finalizers: ['metacontroller.io/compositecontroller-maestro-crdemo.cluster'] },
      },
    },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  const run = cli(stack, ['uninstall', 'c1', '-n', 'team-c', '--wait', '--timeout', '60s']);
  await until(
    'deletionTimestamp',
    async () => (await clusterInstance('c1')).metadata?.deletionTimestamp,
  );
  await writeClusterStatus('c1', (s) => {
    s.planStatus.cleanup = planEntry('cleanup', 'IN_PROGRESS', [
      ['cleanup', 'IN_PROGRESS', [['bye', 'IN_PROGRESS']]],
    ]);
  });
  await new Promise((r) => setTimeout(r, 500));
  await stack.custom.patchClusterCustomObject(
    { ...clusterInstancePath('c1'), body: { metadata: { finalizers: null } } },
    k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
  );
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    'clusterinstance c1 deleted\nplan cleanup IN_PROGRESS\nclusterinstance c1 is gone\n',
  );
  const gone = await cli(stack, ['uninstall', 'c1', '--cluster']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /clusterinstance c1 does not exist \[MAESTRO_INSTANCE_NOT_FOUND\]/);
  const c3 = await cli(stack, ['uninstall', 'c3']);
  assert.equal(c3.code, 0, c3.stderr);
  assert.equal(c3.stdout, 'clusterinstance c3 deleted\n');
});

test('a user who may read Instances in one namespace only: get instances and the lookup skip ClusterInstances', async () => {
  const rbac = kcRbac();
  await rbac.createNamespacedRole({
    namespace: 'team',
    body: {
      metadata: { name: 'instance-reader' },
      rules: [
        {
          apiGroups: ['maestro.dev'],
          resources: ['instances', 'operatorversions'],
          verbs: ['get', 'list'],
        },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: 'team',
    body: {
      metadata: { name: 'instance-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'instance-reader' },
      subjects: [{ kind: 'User', name: 'maestro', apiGroup: 'rbac.authorization.k8s.io' }],
    },
  });
  const env = { KUBECONFIG: join(stack.state, 'kubeconfig-maestro') };
  const g = await cli(stack, ['get', 'instances', '-n', 'team'], { env });
  assert.equal(g.code, 0, g.stderr);
  assert.match(g.stdout, /^parent-instance +Instance +parent-1\.0\.0-2\.0\.0 /m);
  const st = await cli(stack, ['plan', 'status', 'nope', '-n', 'team'], { env });
  assert.equal(st.code, 1);
  assert.match(
    st.stderr,
    /instance nope does not exist in namespace team, and no clusterinstance has that name \[MAESTRO_INSTANCE_NOT_FOUND\]/,
  );
  const forced = await cli(stack, ['plan', 'status', 'nope', '--cluster'], { env });
  assert.equal(forced.code, 1);
  assert.match(forced.stderr, /forbidden.*\[MAESTRO_CLUSTER_REFUSED\]/i);
});

test('kubectl finds the kubectl-maestro plugin', async (t) => {
  let kubectl = true;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    kubectl = false;
  }
  if (!kubectl) {
    t.skip('kubectl is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'maestro-plugin-'));
  mkdirSync(join(dir, 'bin'));
  symlinkSync(join(root, 'bin/kubectl-maestro.js'), join(dir, 'bin/kubectl-maestro'));
  const out = execFileSync('kubectl', ['maestro', 'get', 'instances', '-n', 'team'], {
    env: {
      ...process.env,
      KUBECONFIG: stack.kubeconfig,
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
    },
  }).toString();
  assert.match(out, /^parent-instance +Instance +parent-1\.0\.0-2\.0\.0 /m);
});

test('no cluster, or an unreachable one: exit code 4', async () => {
  const none = await cli(stack, ['get', 'instances'], {
    env: { KUBECONFIG: '/nonexistent/config' },
  });
  assert.equal(none.code, 4);
  assert.match(
    none.stderr,
    /cannot read the kubeconfig \/nonexistent\/config.*\[MAESTRO_CLUSTER_UNREACHABLE\]/,
  );
  const dir = mkdtempSync(join(tmpdir(), 'maestro-kc-'));
  const kc = readFileSync(stack.kubeconfig, 'utf8').replace(
    /server: https:\/\/127\.0\.0\.1:\d+/,
    'server: https://127.0.0.1:1',
  );
  const path = join(dir, 'config');
  (await import('node:fs')).writeFileSync(path, kc);
  const down = await cli(stack, ['get', 'instances', '--kubeconfig', path]);
  assert.equal(down.code, 4);
  assert.match(down.stderr, /ECONNREFUSED.*\[MAESTRO_CLUSTER_UNREACHABLE\]/);
});
