// The plan tree shared by `maestro plan status` and `maestro simulate`: glyphs,
// KUDO's layout, which plan is active, and the piped change lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asciiTree,
  kudoTime,
  lastExecutedPlan,
  planDefs,
  planStatusLines,
  planTree,
  renderTree,
  stepChanges,
  stepCounts,
  type PlanStatusEntry,
  type TreeNode,
} from '../../src/cli/plan-tree.ts';

const leaf = (label: string): TreeNode => ({ label, children: [] });
const node = (label: string, ...children: TreeNode[]): TreeNode => ({ label, children });

test('renderTree: treeprint glyphs, with └── and blank continuation under every last child', () => {
  const cases: { name: string; nodes: TreeNode[]; want: string[] }[] = [
    { name: 'empty', nodes: [], want: ['.'] },
    { name: 'one leaf', nodes: [leaf('a')], want: ['.', '└── a'] },
    { name: 'two leaves', nodes: [leaf('a'), leaf('b')], want: ['.', '├── a', '└── b'] },
    {
      name: 'nested under a middle child keeps the bar',
      nodes: [node('a', leaf('a1'), leaf('a2')), leaf('b')],
      want: ['.', '├── a', '│   ├── a1', '│   └── a2', '└── b'],
    },
    {
      name: 'nested under the last child drops the bar',
      nodes: [leaf('a'), node('b', node('b1', leaf('b11')))],
      want: ['.', '├── a', '└── b', '    └── b1', '        └── b11'],
    },
    {
      name: 'mixed depths',
      nodes: [node('r', node('p1', leaf('s1'), leaf('s2')), node('p2', leaf('s3')))],
      want: [
        '.',
        '└── r',
        '    ├── p1',
        '    │   ├── s1',
        '    │   └── s2',
        '    └── p2',
        '        └── s3',
      ],
    },
  ];
  for (const c of cases) assert.deepEqual(renderTree(c.nodes), c.want, c.name);
  assert.deepEqual(asciiTree(renderTree(cases[3]!.nodes)), [
    '.',
    '|-- a',
    '|   |-- a1',
    '|   `-- a2',
    '`-- b',
  ]);
});

const ovSpec = {
  plans: {
    deploy: {
      strategy: 'serial',
      phases: [
        { name: 'one', strategy: 'parallel', steps: [{ name: 'a' }, { name: 'b' }] },
        { name: 'two', steps: [{ name: 'c' }] },
      ],
    },
    backup: { phases: [{ name: 'save', strategy: 'canary', steps: [{ name: 'dump' }] }] },
  },
};

const deployRunning: PlanStatusEntry = {
  name: 'deploy',
  status: 'IN_PROGRESS',
  lastUpdatedTimestamp: '2026-12-06T18:20:18Z',
  phases: [
    {
      name: 'one',
      status: 'IN_PROGRESS',
      steps: [
        { name: 'a', status: 'COMPLETE' },
        { name: 'b', status: 'IN_PROGRESS', message: 'waiting for StatefulSet x' },
      ],
    },
    { name: 'two', status: 'PENDING', steps: [{ name: 'c', status: 'PENDING' }] },
  ],
};

test('planStatusLines: KUDO layout; the active plan shows its status, the others NOT ACTIVE', () => {
  const lines = planStatusLines({
    instance: 'zk',
    namespace: 'default',
    operatorVersion: 'zookeeper-0.3.3',
    plans: planDefs(ovSpec),
    planStatus: { deploy: deployRunning, backup: { name: 'backup', status: 'NEVER_RUN' } },
    active: 'deploy',
    show: 'all',
  });
  assert.deepEqual(lines, [
    'Plan(s) for "zk" in namespace "default":',
    '.',
    '└── zk (Operator-Version: "zookeeper-0.3.3" Active-Plan: "deploy")',
    '    ├── Plan deploy (serial strategy) [IN_PROGRESS], last updated 2026-12-06 18:20:18',
    '    │   ├── Phase one (parallel strategy) [IN_PROGRESS]',
    '    │   │   ├── Step a [COMPLETE]',
    '    │   │   └── Step b [IN_PROGRESS] (waiting for StatefulSet x)',
    '    │   └── Phase two (serial strategy) [PENDING]',
    '    │       └── Step c [PENDING]',
    '    └── Plan backup (serial strategy) [NOT ACTIVE]',
    '        └── Phase save (canary strategy) [NOT ACTIVE]',
    '            └── Step dump [NOT ACTIVE]',
  ]);
});

test("planStatusLines: nothing ever ran is KUDO's one line", () => {
  assert.deepEqual(
    planStatusLines({
      instance: 'zk',
      namespace: 'ns',
      operatorVersion: 'ov',
      plans: planDefs(ovSpec),
      planStatus: {},
      active: undefined,
      show: 'all',
    }),
    ['No plan ever run for instance - nothing to show for instance zk'],
  );
});

test("planTree show 'ran' (simulate): only plans that ran, each with its status; status-only plans last", () => {
  const root = planTree({
    instance: 'zk',
    namespace: 'default',
    operatorVersion: 'ov',
    plans: planDefs(ovSpec),
    planStatus: {
      backup: { name: 'backup', status: 'NEVER_RUN' },
      deploy: { ...deployRunning, status: 'COMPLETE', lastUpdatedTimestamp: null },
      removed: { name: 'removed', status: 'FATAL_ERROR', message: 'gone', phases: [] },
    },
    active: 'deploy',
    show: 'ran',
  });
  assert.deepEqual(
    root.children.map((c) => c.label),
    [
      'Plan deploy (serial strategy) [COMPLETE]',
      'Plan removed (serial strategy) [FATAL_ERROR] (gone)',
    ],
  );
});

test("lastExecutedPlan: the engine's execution, else a running plan, else the newest finished", () => {
  const cases: {
    name: string;
    ps: Record<string, PlanStatusEntry>;
    exec?: { plan?: string };
    want: string | undefined;
  }[] = [
    { name: 'nothing', ps: {}, want: undefined },
    { name: 'never run only', ps: { deploy: { status: 'NEVER_RUN' } }, want: undefined },
    {
      name: 'running wins over newer finished',
      ps: {
        deploy: { status: 'COMPLETE', lastUpdatedTimestamp: '2026-01-02T00:00:00Z' },
        update: { status: 'ERROR', lastUpdatedTimestamp: '2026-01-01T00:00:00Z' },
      },
      want: 'update',
    },
    {
      name: 'newest finished',
      ps: {
        deploy: { status: 'COMPLETE', lastUpdatedTimestamp: '2026-01-01T00:00:00Z' },
        validation: { status: 'FATAL_ERROR', lastUpdatedTimestamp: '2026-01-03T00:00:00Z' },
      },
      want: 'validation',
    },
    {
      name: 'execution record wins',
      ps: { deploy: { status: 'COMPLETE' }, update: { status: 'IN_PROGRESS' } },
      exec: { plan: 'deploy' },
      want: 'deploy',
    },
    {
      name: 'execution of a plan without status is ignored',
      ps: { deploy: { status: 'COMPLETE' } },
      exec: { plan: 'gone' },
      want: 'deploy',
    },
  ];
  for (const c of cases) assert.equal(lastExecutedPlan(c.ps, c.exec), c.want, c.name);
});

test('stepChanges: one line per changed plan or step status; stepCounts counts COMPLETE', () => {
  const before = { deploy: deployRunning };
  const after: Record<string, PlanStatusEntry> = structuredClone(before);
  after.deploy!.phases![0]!.steps![1]!.status = 'COMPLETE';
  after.deploy!.phases![0]!.steps![1]!.message = undefined!;
  after.deploy!.phases![1]!.steps![0]!.status = 'IN_PROGRESS';
  assert.deepEqual(stepChanges(before, after, 'deploy'), [
    'step deploy/one/b COMPLETE',
    'step deploy/two/c IN_PROGRESS',
  ]);
  assert.deepEqual(stepChanges(undefined, before, 'deploy'), [
    'plan deploy IN_PROGRESS',
    'step deploy/one/a COMPLETE',
    'step deploy/one/b IN_PROGRESS (waiting for StatefulSet x)',
    'step deploy/two/c PENDING',
  ]);
  assert.deepEqual(stepChanges(before, before, 'deploy'), []);
  assert.deepEqual(stepCounts(after.deploy), { done: 2, total: 3 });
  assert.deepEqual(stepCounts(undefined), { done: 0, total: 0 });
});

test('kudoTime prints RFC 3339 as KUDO does', () => {
  assert.equal(kudoTime('2026-12-06T18:20:18Z'), '2026-12-06 18:20:18');
  assert.equal(kudoTime('2026-12-06T18:20:18.123+02:00'), '2026-12-06 18:20:18');
  assert.equal(kudoTime(null), undefined);
  assert.equal(kudoTime('yesterday'), 'yesterday');
});
