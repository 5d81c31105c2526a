// The render pool (src/server/render-pool.ts): the same answers as rendering
// in-process, and a worker over its memory ceiling or deadline replaced, with
// an outcome that names the limit and the template that was rendering.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessRenderer, RenderPool } from '../../src/server/render-pool.ts';
import { answerWithRenderer } from '../../src/server/plugins/metacontroller.ts';
import type { HookAnswer, HookTask } from '../../src/webhooks/metacontroller/hook-task.ts';
import { hostileSyncBody, normalSyncBody } from '../hostile/harness.ts';

const MiB = 1024 * 1024;
const task = (body: unknown): HookTask => ({
  hook: 'sync',
  body: JSON.stringify(body),
  now: Date.parse('2026-01-01T00:00:00Z'),
  build: 'test',
});
// Within every budget and still slow: one 4096-bit RSA key (the whole costly
// budget, seconds in JavaScript) and a loop of most of the step budget.
const SLOW =
  '{{ $k := genPrivateKey "rsa" }}{{ $l := until 4500 }}{{ range until 4400 }}{{ range $l }}{{ end }}{{ end }}';

/** Memory the budget counts only by its text: the worker's ceiling is the backstop. */
const FROM_JSON_GROWTH =
  '{{ $s := print "{\\"a\\":[" (repeat 500000 "{},") "{}]}" }}{{ $l := list }}{{ range until 6 }}{{ $l = append $l (fromJson $s) }}{{ end }}{{ len $l }}';

const pools: RenderPool[] = [];
const pool = (o: Partial<ConstructorParameters<typeof RenderPool>[0]>) => {
  const p = new RenderPool({
    workers: 1,
    memoryBytes: 128 * MiB,
    deadlineMs: 30_000,
    queueTimeoutMs: 60_000,
    ...o,
  });
  pools.push(p);
  return p;
};
after(async () => {
  for (const p of pools) await p.close();
});

test('a sync rendered in a worker is byte-identical to one rendered in-process', async () => {
  const t = task(normalSyncBody());
  const [inWorker, inProcess] = await Promise.all([
    answerWithRenderer(pool({}), t),
    answerWithRenderer(new InProcessRenderer(), t),
  ]);
  assert.equal(inWorker.statusCode, 200, inWorker.payload.slice(0, 300));
  assert.equal(inWorker.payload, inProcess.payload);
  assert.equal(inWorker.etag, inProcess.etag);
  assert.equal(inWorker.stops, 0);
});

test('past the deadline the templates stop on their own: FATAL naming the deadline, no worker replaced', async () => {
  const p = pool({ deadlineMs: 1_500 });
  // Loops only: nothing that cannot be interrupted (SLOW's key generation may straddle the deadline).
  const loops = '{{ $l := until 4500 }}{{ range until 4400 }}{{ range $l }}{{ end }}{{ end }}';
  const answer = await answerWithRenderer(p, task(hostileSyncBody(loops)));
  assert.equal(answer.statusCode, 200);
  assert.equal(answer.stops, 0);
  assert.match(answer.payload, /FATAL_ERROR/);
  assert.match(
    answer.payload,
    /template: [\w.-]+\.yaml.*render stopped: it exceeded the render deadline of 1500 ms \(--render-deadline\)/,
  );
  assert.equal(p.stopped.deadline, 0);
});

test('a call that cannot be interrupted keeps the worker past the deadline: it is replaced, and the second attempt renders nothing', async () => {
  // One 4096-bit RSA key takes longer than 400 ms; the worker is terminated 1 ms after the deadline.
  const p = pool({ deadlineMs: 400, graceMs: 1 });
  const key = '{{ $k := genPrivateKey "rsa" }}';
  const out = await p.run({ kind: 'hook', task: task(hostileSyncBody(key)) }, {});
  assert.equal(out.ok, false);
  assert.ok(!out.ok && out.stop === 'deadline');
  assert.ok(!out.ok && /\.yaml$/.test(out.template ?? ''), `template: ${!out.ok && out.template}`);
  const answer: HookAnswer & { stops: number } = await answerWithRenderer(
    p,
    task(hostileSyncBody(key)),
  );
  assert.equal(answer.statusCode, 200);
  assert.equal(answer.stops, 1);
  assert.match(answer.payload, /FATAL_ERROR/);
  assert.match(
    answer.payload,
    /render stopped: it exceeded the render deadline of 400 ms \(--render-deadline\)/,
  );
  const after = await answerWithRenderer(p, task(normalSyncBody()));
  assert.equal(after.statusCode, 200);
  assert.doesNotMatch(after.payload, /FATAL_ERROR/);
  assert.equal(p.stopped.deadline, 2);
});

test('all attempts of one request share its deadline: an attempt after it renders no template', async () => {
  const { runJob } = await import('../../src/server/render-worker.ts');
  const rendered: string[] = [];
  const progress = { start() {}, rendering: (n: string) => rendered.push(n) } as never;
  const message = 'render stopped: it exceeded the render deadline of 1 ms [MAESTRO_RENDER_LIMIT]';
  const out = runJob({ kind: 'hook', task: task(normalSyncBody()) }, {}, progress, {
    at: Date.now() - 1,
    message,
  }) as HookAnswer;
  // The normal body renders through the engine's cache; a changed template must render, and is refused.
  const changed = runJob({ kind: 'hook', task: task(hostileSyncBody('{{ "x" }}')) }, {}, progress, {
    at: Date.now() - 1,
    message,
  }) as HookAnswer;
  assert.equal(out.statusCode, 200);
  assert.equal(changed.statusCode, 200);
  assert.match(changed.payload, /FATAL_ERROR/);
  assert.ok(changed.payload.includes(message.replace(/\[/g, '[')));
  assert.ok(rendered.length >= 1);
});

test('over its memory ceiling the worker is replaced and the outcome names the ceiling and the template', async () => {
  const p = pool({ memoryBytes: 64 * MiB });
  // fromJson's result is charged by its text only (about 3 bytes an object
  // here): six parses of 500,000 objects hold some 200 MB within the budget.
  const template = FROM_JSON_GROWTH;
  const out = await p.run({ kind: 'hook', task: task(hostileSyncBody(template)) }, {});
  assert.ok(!out.ok, 'the render was stopped');
  assert.equal(out.stop, 'memory');
  assert.match(out.message, /memory ceiling of 64 MiB \(--render-memory\)/);
  assert.match(out.template ?? '', /\.yaml$/);
  const next = await p.run({ kind: 'hook', task: task(normalSyncBody()) }, {});
  assert.ok(next.ok);
});

test('a task that finds no free worker within the queue timeout is told the pool is overloaded', async () => {
  const p = pool({ deadlineMs: 1_500, queueTimeoutMs: 500 });
  // Start the worker first (its start counts against the queue timeout too).
  let warm = await p.run({ kind: 'hook', task: task(normalSyncBody()) }, {});
  for (let i = 0; i < 20 && !warm.ok; i++) {
    warm = await p.run({ kind: 'hook', task: task(normalSyncBody()) }, {});
  }
  assert.ok(warm.ok, 'the worker started');
  const [slow, waiting] = await Promise.all([
    p.run({ kind: 'hook', task: task(hostileSyncBody(SLOW)) }, {}),
    new Promise((r) => setTimeout(r, 50)).then(() => answerWithRenderer(p, task(normalSyncBody()))),
  ]);
  // The slow render stops on its deadline by itself (a failed step), or is stopped.
  assert.ok(
    slow.ok ? /FATAL_ERROR/.test((slow.value as HookAnswer).payload) : slow.stop === 'deadline',
  );
  assert.equal(waiting.statusCode, 429);
  assert.match(waiting.payload, /MAESTRO_OVERLOADED/);
});

test('after a burst the pool is replaced by a fresh one, which answers the same', async () => {
  const p = new RenderPool(
    { workers: 1, memoryBytes: 128 * MiB, deadlineMs: 30_000, queueTimeoutMs: 60_000 },
    { ms: 100, recycleAfterTasks: 3 },
  );
  pools.push(p);
  const t = task(normalSyncBody());
  const first = await answerWithRenderer(p, t);
  assert.equal(first.statusCode, 200, first.payload.slice(0, 300));
  for (let i = 0; i < 3; i++) await answerWithRenderer(p, t);
  assert.equal(p.recycled, 0, 'not while busy');
  for (let i = 0; i < 50 && p.recycled === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(p.recycled, 1);
  const again = await answerWithRenderer(p, t);
  assert.equal(again.payload, first.payload);
  // Quiet with no task since: no second replacement.
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(p.recycled, 1);
});
