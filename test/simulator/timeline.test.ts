// `maestro simulate --timeline`: the lanes and marks read from the statuses
// each sync wrote, the sync positions, and the SVG the CLI writes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { run } from '../../src/cli/commands/simulate.ts';
import { buildTimeline, type TimelineSample } from '../../src/simulator/timeline.ts';
import { offset, renderTimelineSvg, syncPositions } from '../../src/simulator/timeline-svg.ts';
import { collectingIO } from '../package/cli-io.ts';
import { corpusPackages } from '../package/corpus.ts';

const fixture = new URL('../fixtures/graph-onfailure', import.meta.url).pathname;

/** A status with plan deploy, phase p, steps a and b in the given states. */
function status(plan: string, a: string, b: string, execution?: Record<string, unknown>) {
  return {
    planStatus: {
      deploy: {
        status: plan,
        phases: [
          {
            name: 'p',
            status: plan,
            steps: [
              { name: 'a', status: a },
              { name: 'b', status: b },
            ],
          },
        ],
      },
    },
    ...(execution && { maestro: { execution } }),
  };
}
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

test('lanes: pending, running, error, completed and failed, from one status per sync', () => {
  const samples: TimelineSample[] = [
    { seq: 1, at: at(0), status: status('IN_PROGRESS', 'IN_PROGRESS', 'PENDING') },
    { seq: 2, at: at(0), status: undefined }, // wrote nothing: every step as it was
    { seq: 3, at: at(5), status: status('IN_PROGRESS', 'COMPLETE', 'IN_PROGRESS') },
    { seq: 4, at: at(9), status: status('IN_PROGRESS', 'COMPLETE', 'ERROR') },
    { seq: 5, at: at(12), status: status('FATAL_ERROR', 'COMPLETE', 'FATAL_ERROR') },
  ];
  const t = buildTimeline(samples);
  assert.equal(t.end - t.start, 12_000);
  assert.deepStrictEqual(
    t.syncs.map((s) => s.seq),
    [1, 2, 3, 4, 5],
  );
  const [a, b] = t.lanes;
  assert.deepStrictEqual(a, {
    plan: 'deploy',
    phase: 'p',
    step: 'a',
    segments: [{ state: 'running', from: 0, to: 2 }],
    events: [
      { event: 'started', at: 0 },
      { event: 'completed', at: 2 },
    ],
  });
  assert.deepStrictEqual(b!.segments, [
    { state: 'pending', from: 0, to: 2 },
    { state: 'running', from: 2, to: 3 },
    { state: 'error', from: 3, to: 4 },
    { state: 'failed', from: 4, to: 4 },
  ]);
  assert.deepStrictEqual(b!.events, [
    { event: 'started', at: 2 },
    { event: 'failed', at: 4 },
  ]);
});

test('a canary step waiting for continue is a waiting lane, and resuming is not a new start', () => {
  const waiting = { plan: 'deploy', steps: [{ phase: 'p', step: 'a', waiting: true }] };
  const t = buildTimeline([
    { seq: 1, at: at(0), status: status('IN_PROGRESS', 'IN_PROGRESS', 'PENDING') },
    { seq: 2, at: at(3), status: status('IN_PROGRESS', 'IN_PROGRESS', 'PENDING', waiting) },
    { seq: 3, at: at(7), status: status('IN_PROGRESS', 'IN_PROGRESS', 'PENDING') },
    { seq: 4, at: at(8), status: status('COMPLETE', 'COMPLETE', 'COMPLETE') },
  ]);
  assert.deepStrictEqual(
    t.lanes[0]!.segments.map((s) => s.state),
    ['running', 'waiting', 'running'],
  );
  assert.deepStrictEqual(
    t.lanes[0]!.events.map((e) => e.event),
    ['started', 'completed'],
  );
});

test('plans that never ran have no lane; lanes follow the order plans ran in', () => {
  const s = (deploy: string, backup: string) => ({
    planStatus: {
      backup: { status: backup, phases: [{ name: 'x', steps: [{ name: 'y', status: backup }] }] },
      deploy: { status: deploy, phases: [{ name: 'p', steps: [{ name: 'a', status: deploy }] }] },
      upgrade: {
        status: 'NEVER_RUN',
        phases: [{ name: 'u', steps: [{ name: 'v', status: 'NEVER_RUN' }] }],
      },
    },
  });
  const t = buildTimeline([
    { seq: 1, at: at(0), status: s('IN_PROGRESS', 'NEVER_RUN') },
    { seq: 2, at: at(1), status: s('COMPLETE', 'NEVER_RUN') },
    { seq: 3, at: at(2), status: s('COMPLETE', 'IN_PROGRESS') },
    { seq: 4, at: at(3), status: s('COMPLETE', 'COMPLETE') },
  ]);
  assert.deepStrictEqual(
    t.lanes.map((l) => `${l.plan}/${l.phase}/${l.step}`),
    ['deploy/p/a', 'backup/x/y'],
  );
});

test('sync positions: at least 14px apart, within the width, longer waits never drawn shorter', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(100_000), { minLength: 1, maxLength: 50 }), (deltas) => {
      const times: number[] = [];
      deltas.reduce((t, d) => (times.push(t + d), t + d), 0);
      const xs = syncPositions(times, 100, 700);
      assert.equal(xs[0], 100);
      assert.ok(xs.at(-1)! <= 800 + 1e-6);
      const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
      const waits = times.slice(1).map((t, i) => t - times[i]!);
      for (const [i, g] of gaps.entries()) {
        assert.ok(g >= 14 - 1e-9);
        for (const [j, h] of gaps.entries()) if (waits[i]! > waits[j]!) assert.ok(g >= h - 1e-9);
      }
    }),
  );
  // Two syncs at one instant, then 10s: the instant's syncs 14px apart, the wait takes the rest.
  assert.deepStrictEqual(syncPositions([0, 0, 10_000], 0, 100), [0, 14, 86]);
});

test('offsets read like durations', () => {
  assert.deepStrictEqual([0, 1500, 60_000, 90_000, 3_600_000, 5_460_000].map(offset), [
    '+0s',
    '+1.5s',
    '+1m',
    '+1m30s',
    '+1h',
    '+1h31m',
  ]);
});

function svgOk(svg: string) {
  assert.equal(XMLValidator.validate(svg), true);
  assert.doesNotMatch(svg, /href|@import|<script|<image/i);
  for (const m of svg.matchAll(/https?:\/\/[^"\s]+/g))
    assert.equal(m[0], 'http://www.w3.org/2000/svg');
}

test('simulate --timeline FILE writes one lane per step of the run, each completed', async () => {
  const [, kafka] = corpusPackages().find(([n]) => n.startsWith('kafka/'))!;
  const file = join(mkdtempSync(join(tmpdir(), 'maestro-timeline-')), 'run.svg');
  const c = collectingIO();
  assert.equal(await run([kafka, '--timeline', file, '-o', 'json'], c.io), 0, c.stderr());
  const svg = readFileSync(file, 'utf8');
  svgOk(svg);
  const doc = JSON.parse(c.stdout()) as { syncs: number };
  // One tick per sync, one completed mark per step of kafka's deploy plan (7 steps).
  assert.equal((svg.match(/<line class="sync"/g) ?? []).length, doc.syncs);
  assert.equal((svg.match(/<circle class="mark completed"/g) ?? []).length - 1, 7);
  for (const step of [
    'generate-tls-certificates',
    'configuration',
    'service',
    'app',
    'monitoring',
    'mirror',
    'load',
  ])
    assert.match(svg, new RegExp(`deploy › [a-z-]+ › ${step}<`));
});

test('a failed step is drawn failed, and the onFailure plan gets its own lanes', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'maestro-timeline-')), 'run.svg');
  const c = collectingIO();
  assert.equal(await run([fixture, '--fail', 'app2', '--timeline', file], c.io), 1);
  const svg = readFileSync(file, 'utf8');
  svgOk(svg);
  assert.match(svg, /<text x="16" y="\d+">rollback › undo › undo<\/text>/);
  assert.ok((svg.match(/<path class="mark failed"/g) ?? []).length >= 2, svg);
});

test('an empty run draws an empty, valid picture', () => {
  svgOk(renderTimelineSvg(buildTimeline([]), 'nothing'));
});
