// --wait's display: redrawn in place on a terminal (cursor up, clear, tree,
// progress line), one line per change when piped, and the final tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressView, treeLines } from '../../src/cli/cluster/progress.ts';
import type { KObject } from '../../src/engine/kobject.ts';

const ov: KObject = {
  apiVersion: 'maestro.dev/v1',
  kind: 'OperatorVersion',
  metadata: { name: 'demo-1' },
  spec: {
    plans: { deploy: { phases: [{ name: 'main', steps: [{ name: 'a' }, { name: 'b' }] }] } },
  },
};

const inst = (a: string, b: string, plan = 'IN_PROGRESS'): KObject => ({
  apiVersion: 'maestro.dev/v1',
  kind: 'Instance',
  metadata: { name: 'd', namespace: 'ns' },
  spec: { operatorVersion: { name: 'demo-1' } },
  status: {
    planStatus: {
      deploy: {
        name: 'deploy',
        status: plan,
        phases: [
          {
            name: 'main',
            status: plan,
            steps: [
              { name: 'a', status: a },
              { name: 'b', status: b },
            ],
          },
        ],
      },
    },
  },
});

function screen(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, screen: { write: (t: string) => void writes.push(t), isTTY, columns: 48 } };
}

test('piped: only changes since the baseline, the plan end after its steps, then the tree', () => {
  const s = screen(false);
  const view = new ProgressView(s.screen, () => 0, inst('COMPLETE', 'COMPLETE', 'COMPLETE'));
  view.update(inst('COMPLETE', 'COMPLETE', 'COMPLETE'), ov, 'deploy');
  assert.deepEqual(s.writes, [], 'the old run is not reprinted');
  view.update(inst('IN_PROGRESS', 'PENDING'), ov, 'deploy');
  view.update(inst('IN_PROGRESS', 'PENDING'), ov, 'deploy');
  view.finish(inst('COMPLETE', 'COMPLETE', 'COMPLETE'), ov, 'deploy');
  assert.deepEqual(s.writes.slice(0, -1), [
    'plan deploy IN_PROGRESS\n',
    'step deploy/main/a IN_PROGRESS\n',
    'step deploy/main/b PENDING\n',
    'step deploy/main/a COMPLETE\n',
    'step deploy/main/b COMPLETE\n',
    'plan deploy COMPLETE\n',
  ]);
  assert.match(s.writes.at(-1)!, /^Plan\(s\) for "d" in namespace "ns":\n\.\n└── d /);
  assert.ok(!s.writes.join('').includes('\x1b'), 'no escape codes when piped');
});

test('terminal: each frame replaces the last one (cursor up by its height), lines clipped to the width', () => {
  let now = 0;
  const s = screen(true);
  const view = new ProgressView(s.screen, () => now);
  view.update(inst('IN_PROGRESS', 'PENDING'), ov, 'deploy');
  now = 3000;
  view.update(inst('COMPLETE', 'IN_PROGRESS'), ov, 'deploy');
  view.finish(inst('COMPLETE', 'COMPLETE', 'COMPLETE'), ov, 'deploy');
  const [first, second, last] = s.writes;
  const height = first!.split('\n').length - 1;
  assert.ok(!first!.includes('\x1b'), 'the first frame moves nothing');
  assert.match(first!, /⠋ plan deploy: 0\/2 steps complete \(0s\)\n$/);
  assert.ok(second!.startsWith(`\x1b[${height}F\x1b[J`), JSON.stringify(second));
  assert.match(second!, /⠙ plan deploy: 1\/2 steps complete \(3s\)\n$/);
  assert.ok(last!.startsWith(`\x1b[${height}F\x1b[J`));
  assert.doesNotMatch(last!, /steps complete/);
  assert.match(last!, /Plan deploy \(serial strategy\) \[COMPLETE\]/);
  for (const line of first!.split('\n')) assert.ok([...line].length <= 48, line);
  assert.match(first!, /…/, 'the long root line is clipped');
});

test('a paused Instance says so under the tree and on the progress line', () => {
  const paused = inst('PENDING', 'PENDING');
  paused.spec = { operatorVersion: { name: 'demo-1' }, planControl: { paused: true } };
  const lines = treeLines(paused, ov);
  assert.equal(
    lines.at(-1),
    'Paused (spec.planControl.paused): no new step starts until `maestro plan resume d`',
  );
  assert.ok(!treeLines(inst('PENDING', 'PENDING'), ov).some((l) => l.startsWith('Paused')));
  let out = '';
  const view = new ProgressView({ write: (t) => (out += t), isTTY: true, columns: 200 }, () => 0);
  view.update(paused, ov, 'deploy');
  assert.match(out, /plan deploy: 0\/2 steps complete, paused \(0s\)\n$/);
});

test('a terminal of unknown width (0 columns, a pty with no size) clips nothing', () => {
  let out = '';
  const view = new ProgressView({ write: (t) => (out += t), isTTY: true, columns: 0 }, () => 0);
  view.update(inst('COMPLETE', 'IN_PROGRESS'), ov, 'deploy');
  assert.doesNotMatch(out, /…/);
  assert.match(out, /└── d \(Operator-Version: "demo-1" Active-Plan: "deploy"\)\n/);
  assert.match(out, /plan deploy: 1\/2 steps complete \(0s\)\n$/);
});
