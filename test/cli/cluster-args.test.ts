// Pure parts of the cluster commands: durations, parameter values, required
// parameters, step paths, tables, and when a wait is over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  instanceOperand,
  missingRequired,
  parameterValues,
  parseDuration,
  parseStepPath,
  unknownParameters,
} from '../../src/cli/cluster/args.ts';
import { planOutcome, type WaitTarget } from '../../src/cli/cluster/progress.ts';
import { formatAge, table } from '../../src/cli/cluster/table.ts';
import { UsageError } from '../../src/cli/command.ts';
import type { KObject } from '../../src/engine/kobject.ts';

test('parseDuration: Go durations and bare seconds', () => {
  const ok: [string, number][] = [
    ['300', 300_000],
    ['1.5', 1500],
    ['300s', 300_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['2.5s', 2500],
  ];
  for (const [text, ms] of ok) assert.equal(parseDuration(text), ms, text);
  for (const bad of ['', 'five', '5d', '1h-2m', '-5s', 's'])
    assert.throws(() => parseDuration(bad), UsageError, bad);
});

test('parameterValues: files in order, then -p (strings) win; typed YAML from files', () => {
  const cases: {
    name: string;
    pairs: string[];
    files: { name: string; text: string }[];
    want: Record<string, unknown>;
  }[] = [
    { name: 'nothing', pairs: [], files: [], want: {} },
    {
      name: 'pairs are strings',
      pairs: ['A=1', 'B=x=y', 'C='],
      files: [],
      want: { A: '1', B: 'x=y', C: '' },
    },
    {
      name: 'files typed, later file wins, pair wins over file',
      pairs: ['B=pair'],
      files: [
        { name: 'a.yaml', text: 'A: 1\nB: file\nL: [1, 2]\n' },
        { name: 'b.yaml', text: 'A: 2\nM: {k: v}\n' },
      ],
      want: { A: 2, B: 'pair', L: [1, 2], M: { k: 'v' } },
    },
    { name: 'empty file', pairs: [], files: [{ name: 'e.yaml', text: '' }], want: {} },
    {
      name: '__proto__ is data',
      pairs: ['__proto__=x'],
      files: [],
      want: JSON.parse('{"__proto__":"x"}'),
    },
  ];
  for (const c of cases) assert.deepEqual(parameterValues(c.pairs, c.files), c.want, c.name);
  assert.equal(Object.getPrototypeOf(parameterValues(['__proto__=x'], [])), Object.prototype);
  for (const [pairs, files, msg] of [
    [['=x'], [], /expected NAME=VALUE/],
    [['novalue'], [], /expected NAME=VALUE/],
    [[], [{ name: 'l.yaml', text: '- a\n' }], /l\.yaml: not a YAML map/],
    [[], [{ name: 'bad.yaml', text: 'a: [\n' }], /-P bad\.yaml: /],
  ] as const)
    assert.throws(() => parameterValues(pairs, files), msg);
});

test('missingRequired: required (the default) with no default and no value; unknownParameters', () => {
  const params = [
    { name: 'A' },
    { name: 'B', required: true, default: 'x' },
    { name: 'C', required: false },
    { name: 'D', required: true },
    { name: 'E', default: null },
  ];
  assert.deepEqual(missingRequired(params, {}), ['A', 'D', 'E']);
  assert.deepEqual(missingRequired(params, { A: '', D: 0, E: 'e' }), []);
  assert.deepEqual(unknownParameters(params, { A: 1, Z: 2, toString: 3 }), ['Z', 'toString']);
});

test('parseStepPath', () => {
  assert.deepEqual(parseStepPath('ph/st'), { phase: 'ph', step: 'st' });
  assert.deepEqual(parseStepPath('p/ph/st'), { plan: 'p', phase: 'ph', step: 'st' });
  for (const bad of ['st', 'a//b', '/a', 'a/b/c/d', ''])
    assert.throws(() => parseStepPath(bad), UsageError, bad);
});

test('instanceOperand: the positional, else --instance; one and only one', () => {
  const ok: Array<[string[], number, string | undefined, string]> = [
    [['zk'], 0, undefined, 'zk'],
    [[], 0, 'zk', 'zk'],
    [['zk'], 0, 'other', 'zk'],
    [['status', 'zk'], 1, undefined, 'zk'],
    [['status'], 1, 'zk', 'zk'],
  ];
  for (const [positionals, at, flag, want] of ok)
    assert.equal(instanceOperand(positionals, at, flag), want, JSON.stringify(positionals));
  const bad: Array<[string[], number, string | undefined]> = [
    [[], 0, undefined],
    [['zk', 'extra'], 0, undefined],
    [['status'], 1, undefined],
    [['status', 'zk', 'extra'], 1, 'zk'],
  ];
  for (const [positionals, at, flag] of bad)
    assert.throws(() => instanceOperand(positionals, at, flag), /expected exactly one INSTANCE/);
});

test('formatAge and table as kubectl prints them', () => {
  const ages: [number, string][] = [
    [0, '0s'],
    [-5000, '0s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [190_000, '3m10s'],
    [600_000, '10m'],
    [3_600_000, '1h'],
    [3_900_000, '1h5m'],
    [36_000_000, '10h'],
    [2 * 86_400_000, '2d'],
    [2 * 86_400_000 + 3_600_000, '2d1h'],
    [400 * 86_400_000, '400d'],
  ];
  for (const [ms, want] of ages) assert.equal(formatAge(ms), want, String(ms));
  assert.deepEqual(
    table(
      ['NAME', 'STATUS', 'AGE'],
      [
        ['zk', 'COMPLETE', '3m'],
        ['kafka-long', '', '10s'],
      ],
    ),
    ['NAME         STATUS     AGE', 'zk           COMPLETE   3m', 'kafka-long              10s'],
  );
});

const inst = (status: unknown): KObject => ({
  apiVersion: 'maestro.dev/v1',
  kind: 'Instance',
  metadata: { name: 'zk' },
  status,
});

test('planOutcome: when a --wait is over', () => {
  const cases: { name: string; status: unknown; target: WaitTarget; want: string | undefined }[] = [
    { name: 'no status yet', status: undefined, target: { plan: 'deploy' }, want: undefined },
    {
      name: 'install: deploy running',
      status: { planStatus: { deploy: { status: 'IN_PROGRESS' } } },
      target: { plan: 'deploy' },
      want: undefined,
    },
    {
      name: 'install: deploy complete by planStatus',
      status: { planStatus: { deploy: { status: 'COMPLETE' } } },
      target: { plan: 'deploy' },
      want: 'COMPLETE',
    },
    {
      name: 'install: the execution record wins over planStatus',
      status: {
        planStatus: { deploy: { status: 'COMPLETE' } },
        maestro: { execution: { plan: 'deploy', status: 'IN_PROGRESS' } },
      },
      target: { plan: 'deploy' },
      want: undefined,
    },
    {
      name: 'update: our uid has not been picked up',
      status: {
        planStatus: { update: { status: 'COMPLETE' } },
        maestro: { execution: { plan: 'update', status: 'COMPLETE', uid: 'old' } },
      },
      target: { plan: 'update', planExecutionUid: 'new' },
      want: undefined,
    },
    {
      name: 'update: our uid ran and failed',
      status: { maestro: { execution: { plan: 'update', status: 'FATAL_ERROR', uid: 'new' } } },
      target: { plan: 'update', planExecutionUid: 'new' },
      want: 'FATAL_ERROR',
    },
    {
      name: 'update: consumed and superseded, the plan status tells',
      status: {
        planStatus: { update: { status: 'COMPLETE' } },
        maestro: {
          execution: { plan: 'deploy', status: 'IN_PROGRESS', uid: 'later' },
          consumedPlanExecutions: ['new', 'later'],
        },
      },
      target: { plan: 'update', planExecutionUid: 'new' },
      want: 'COMPLETE',
    },
    {
      name: 'retry: control not consumed yet',
      status: { maestro: { execution: { plan: 'deploy', status: 'FATAL_ERROR' } } },
      target: { controlUid: 'r1' },
      want: undefined,
    },
    {
      name: 'retry: consumed, running',
      status: {
        maestro: { execution: { plan: 'deploy', status: 'IN_PROGRESS' }, consumedControls: ['r1'] },
      },
      target: { controlUid: 'r1' },
      want: undefined,
    },
    {
      name: 'retry: consumed, complete',
      status: {
        maestro: { execution: { plan: 'deploy', status: 'COMPLETE' }, consumedControls: ['r1'] },
      },
      target: { controlUid: 'r1' },
      want: 'COMPLETE',
    },
  ];
  for (const c of cases) assert.equal(planOutcome(inst(c.status), c.target), c.want, c.name);
});
