// `maestro simulate`: -o json prints exactly one JSON document; the flags run
// their stages; --server drives a running server over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../src/cli/commands/simulate.ts';
import { spawnServer } from '../../support/http.ts';
import { collectingIO } from '../../package/cli-io.ts';
import { corpusDir, CORPUS } from '../../engine/plan/support.ts';
import { demoFiles } from '../../engine/plan/demo-package.ts';

function writePackage(files: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'maestro-sim-'));
  for (const [path, text] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function simulateJson(args: string[]) {
  const c = collectingIO();
  const code = await run([...args, '-o', 'json'], c.io);
  return { code, doc: JSON.parse(c.stdout()) as Record<string, unknown>, stderr: c.stderr() };
}

test('-o json prints exactly one document {plans, children, syncs, status, notes, problems}', async () => {
  const { code, doc } = await simulateJson([corpusDir('zookeeper')]);
  assert.equal(code, 0);
  assert.deepEqual(Object.keys(doc).sort(), [
    'children',
    'notes',
    'plans',
    'problems',
    'status',
    'syncs',
  ]);
  assert.deepEqual(doc.problems, []);
  assert.equal((doc.plans as Record<string, { status: string }>).deploy!.status, 'COMPLETE');
  assert.equal(typeof doc.syncs, 'number');
  assert.equal(
    (doc.status as { planStatus: Record<string, { status: string }> }).planStatus.deploy!.status,
    'COMPLETE',
  );
});

test('-p, --plan, --upgrade-to and --delete run in order and each plan completes', async () => {
  const v1 = writePackage(demoFiles({ withCleanup: true }));
  const v2 = writePackage(demoFiles({ withCleanup: true, version: '0.2.0', image: 'nginx:2' }));
  const { code, doc } = await simulateJson([
    v1,
    '-p',
    'REPLICAS=2',
    '--plan',
    'extra',
    '--upgrade-to',
    v2,
    '--delete',
  ]);
  assert.equal(code, 0, JSON.stringify(doc.notes));
  const plans = doc.plans as Record<string, { status: string }>;
  assert.equal(plans.extra!.status, 'COMPLETE');
  assert.equal(plans.cleanup!.status, 'COMPLETE');
  assert.equal(doc.deleted, true);
});

test('--fail STEP fails that step: a Job of it fails and the plan is FATAL, exit 1', async () => {
  const dir = writePackage(demoFiles());
  const { code, doc } = await simulateJson([dir, '--fail', 'main/init']);
  assert.equal(code, 1);
  assert.equal((doc.plans as Record<string, { status: string }>).deploy!.status, 'FATAL_ERROR');
  const problems = doc.problems as string[];
  assert.ok(
    problems.some((p) => p.startsWith('plan deploy FATAL_ERROR')),
    JSON.stringify(problems),
  );
  assert.ok(
    problems.some((p) => /^step main\/init FATAL_ERROR: .+/.test(p)),
    JSON.stringify(problems),
  );
  // The same reasons in text output, on stderr.
  const c = collectingIO();
  assert.equal(await run([dir, '--fail', 'main/init'], c.io), 1);
  for (const p of problems) assert.ok(c.stderr().includes(`problem: ${p}`), c.stderr());
});

test('a plan that cannot start says why (the status conditions) and exits 1, in text and JSON', async () => {
  const dir = writePackage(demoFiles());
  const { code, doc } = await simulateJson([dir, '-p', 'REPLICAS=many']);
  assert.equal(code, 1);
  const problems = doc.problems as string[];
  assert.ok(
    problems.some((p) => /^condition InvalidParameters=True .*REPLICAS/.test(p)),
    JSON.stringify(problems),
  );
  const c = collectingIO();
  assert.equal(await run([dir, '-p', 'REPLICAS=many'], c.io), 1);
  assert.match(c.stderr(), /problem: condition InvalidParameters=True .*REPLICAS/);
});

test('-P FILE gives parameter values (-p wins), and --update runs the plan the change triggers', async () => {
  const dir = writePackage(demoFiles());
  const file = join(mkdtempSync(join(tmpdir(), 'maestro-sim-')), 'values.yaml');
  writeFileSync(file, 'REPLICAS: many\nIMAGE: nginx:from-file\n');
  // The file's value is read (and refused by the engine)...
  const fromFile = await simulateJson([dir, '-P', file]);
  assert.equal(fromFile.code, 1);
  assert.ok(
    (fromFile.doc.problems as string[]).some((p) =>
      /REPLICAS: the value is not a valid integer/.test(p),
    ),
    JSON.stringify(fromFile.doc.problems),
  );
  // ...and -p wins over it.
  const { code, doc } = await simulateJson([
    dir,
    '-P',
    file,
    '-p',
    'REPLICAS=2',
    '--update',
    'EXTRA_VALUE=b',
  ]);
  assert.equal(code, 0, JSON.stringify(doc.problems));
  const plans = doc.plans as Record<string, { status: string }>;
  assert.equal(plans.extra!.status, 'COMPLETE', 'EXTRA_VALUE triggers plan extra');
  await assert.rejects(
    simulateJson([dir, '--update', 'NOPE']),
    /--update "NOPE": expected NAME=VALUE/,
  );
});

test('--upgrade-to a package of another operator is refused, as admission refuses it', async () => {
  const dir = writePackage(demoFiles());
  const c = collectingIO();
  assert.equal(await run([dir, '--upgrade-to', corpusDir('zookeeper')], c.io), 1);
  assert.match(c.stderr(), /belongs to operator "zookeeper", not "demo"/);
  assert.equal(c.stdout(), '', 'nothing ran');
});

test('--server where nothing listens stops at once with the connection error', async () => {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const c = collectingIO();
  const started = Date.now();
  const code = await run([corpusDir('zookeeper'), '--server', `http://127.0.0.1:${port}`], c.io);
  assert.equal(code, 1);
  assert.match(c.stderr(), /cannot connect: connect ECONNREFUSED/);
  assert.ok(Date.now() - started < 15_000, 'no retries until --max-syncs');
  assert.equal(c.stdout(), '');
});

test("the README's simulate examples work as printed", async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const examples = readme
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx maestro simulate '));
  assert.ok(examples.length >= 2, 'the README shows simulate');
  for (const line of examples) {
    const args = line.slice('npx maestro simulate '.length).split(/\s+/);
    const c = collectingIO();
    assert.equal(await run(args, c.io), 0, `${line}\n${c.stderr()}`);
  }
});

test('cowsay, kafka and flink-demo (with --packages) deploy; notes say the pipe Job was simulated', async () => {
  for (const args of [
    [corpusDir('cowsay')],
    [corpusDir('kafka')],
    [corpusDir('flink-demo'), '--packages', CORPUS],
  ]) {
    const { code, doc } = await simulateJson(args);
    assert.equal(code, 0, JSON.stringify(doc.notes));
    assert.equal((doc.plans as Record<string, { status: string }>).deploy!.status, 'COMPLETE');
    assert.ok(
      (doc.notes as string[]).some((n) => /pipe Job .* simulated: published/.test(n)),
      JSON.stringify(doc.notes),
    );
  }
});

test('--server URL drives a running `maestro serve` over HTTP to the same result as in process', async () => {
  const server = await spawnServer([
    '--import',
    'tsx',
    'src/cli/main.ts',
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
  ]);
  try {
    const remote = await simulateJson([corpusDir('zookeeper'), '--server', server.url]);
    const local = await simulateJson([corpusDir('zookeeper')]);
    assert.equal(remote.code, 0, JSON.stringify(remote.doc.notes));
    assert.deepEqual(remote.doc.plans, local.doc.plans);
    assert.deepEqual(remote.doc.children, local.doc.children);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('without -o json the plan tree of `maestro plan status` is printed', async () => {
  const c = collectingIO();
  const code = await run([corpusDir('zookeeper')], c.io);
  assert.equal(code, 0);
  const last = c.stdout().split('--- ').at(-1)!;
  assert.match(
    last,
    /\.\n└── zookeeper-instance \(Operator-Version: "zookeeper-3\.6\.2-0\.3\.3" Active-Plan: "deploy"\)\n {4}└── Plan deploy \(serial strategy\) \[COMPLETE\], last updated [-0-9: ]+\n {8}├── Phase zookeeper \(parallel strategy\) \[COMPLETE\]\n {8}│ {3}└── Step deploy \[COMPLETE\]\n {8}└── Phase validation \(serial strategy\) \[COMPLETE\]\n {12}├── Step validation \[COMPLETE\]\n {12}└── Step cleanup \[COMPLETE\]/,
  );
});
