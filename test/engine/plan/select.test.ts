// Plan selection as a decision table (the choose-the-execution stage,
// src/engine/plan/select.ts): each row is a set of facts and the one choice
// the engine must make, first match wins. Beside the scenario tests, which
// run the same rules through whole plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choosePlan } from '../../../src/engine/plan/select.ts';
import type { Choice, PlanFacts } from '../../../src/engine/plan/select.ts';

const base: PlanFacts = {
  deleting: false,
  execution: { plan: 'deploy', reason: 'create', running: false },
  invalidParameters: false,
  recovered: false,
  bookkeeping: true,
  restart: undefined,
  plans: new Set(['deploy', 'update', 'upgrade', 'cleanup', 'backup']),
  ovName: 'app-1.0.0',
  operatorVersion: 'app-1.0.0',
  baselineOperatorVersion: 'app-1.0.0',
  digests: { deploy: 'a', backup: 'b' },
  baselineDigests: { deploy: 'a', backup: 'b' },
  planExecution: { name: '', uid: '' },
  consumedPlanExecutions: [],
  inputs: { marker: true },
};

/** A choice in one word: `start <plan> (<reason>)`, `condition <type>`, `consume <uid>` or `none`. */
function summary(c: Choice): string {
  if (c.kind === 'start')
    return `start ${c.start.plan} (${c.start.reason})${c.start.uid ? ` uid=${c.start.uid}` : ''}${c.restart ? ' restart' : ''}`;
  if (c.condition) return `condition ${c.condition.type}`;
  if (c.consume) return `consume ${c.consume}`;
  return 'none';
}

const table: [string, Partial<PlanFacts>, string][] = [
  // deletion
  ['deletion starts cleanup', { deleting: true }, 'start cleanup (cleanup)'],
  [
    'deletion supersedes a running plan',
    { deleting: true, execution: { plan: 'update', reason: 'parameters', running: true } },
    'start cleanup (cleanup)',
  ],
  [
    'deletion with cleanup already running: nothing new',
    { deleting: true, execution: { plan: 'cleanup', reason: 'cleanup', running: true } },
    'none',
  ],
  [
    'deletion wins over invalid parameters',
    { deleting: true, invalidParameters: true },
    'start cleanup (cleanup)',
  ],
  // nothing starts
  [
    'invalid parameters: nothing starts',
    { invalidParameters: true, digests: { deploy: 'z' } },
    'none',
  ],
  ['after a recovery nothing starts', { recovered: true, bookkeeping: false }, 'none'],
  // no bookkeeping
  [
    'no bookkeeping: deploy (create)',
    { bookkeeping: false, execution: undefined },
    'start deploy (create)',
  ],
  [
    'no bookkeeping, a planExecution uid: deploy consumes it',
    { bookkeeping: false, execution: undefined, planExecution: { name: 'backup', uid: 'u1' } },
    'start deploy (create) uid=u1',
  ],
  [
    'no bookkeeping and no deploy plan',
    { bookkeeping: false, execution: undefined, plans: new Set(['update']) },
    'condition InvalidOperatorVersion',
  ],
  [
    'no bookkeeping, first deploy with other inputs: restart',
    { bookkeeping: false, execution: undefined, restart: { first: 'e1-x' } },
    'start deploy (restart) restart',
  ],
  // planExecution
  [
    'an unconsumed planExecution starts its plan',
    { planExecution: { name: 'backup', uid: 'u2' } },
    'start backup (planExecution) uid=u2',
  ],
  [
    'a consumed planExecution is ignored',
    { planExecution: { name: 'backup', uid: 'u2' }, consumedPlanExecutions: ['u2'] },
    'none',
  ],
  [
    'a planExecution without uid is ignored',
    { planExecution: { name: 'backup', uid: '' } },
    'none',
  ],
  [
    'a planExecution of an undefined plan',
    { planExecution: { name: 'nope', uid: 'u3' } },
    'condition InvalidPlanExecution',
  ],
  [
    'a planExecution of cleanup is consumed, never run',
    { planExecution: { name: 'cleanup', uid: 'u4' } },
    'consume u4',
  ],
  [
    'a planExecution wins over an upgrade',
    { planExecution: { name: 'backup', uid: 'u5' }, operatorVersion: 'app-2.0.0' },
    'start backup (planExecution) uid=u5',
  ],
  // upgrade
  ['another OperatorVersion: upgrade', { operatorVersion: 'app-2.0.0' }, 'start upgrade (upgrade)'],
  [
    'another OperatorVersion without upgrade: update',
    { operatorVersion: 'app-2.0.0', plans: new Set(['deploy', 'update']) },
    'start update (upgrade)',
  ],
  [
    'another OperatorVersion with deploy only: deploy',
    { operatorVersion: 'app-2.0.0', plans: new Set(['deploy']) },
    'start deploy (upgrade)',
  ],
  [
    'another OperatorVersion with none of them',
    { operatorVersion: 'app-2.0.0', plans: new Set(['backup']) },
    'condition InvalidOperatorVersion',
  ],
  [
    'an upgrade wins over a parameter change',
    { operatorVersion: 'app-2.0.0', digests: { deploy: 'z', backup: 'b' } },
    'start upgrade (upgrade)',
  ],
  // parameters
  ['nothing changed: nothing starts', {}, 'none'],
  [
    'one trigger changed: its plan',
    { digests: { deploy: 'z', backup: 'b' } },
    'start deploy (parameters)',
  ],
  [
    'a trigger appeared: its plan',
    { digests: { deploy: 'a', backup: 'b', update: 'u' } },
    'start update (parameters)',
  ],
  ['two triggers changed: Blocked', { digests: { deploy: 'z', backup: 'y' } }, 'condition Blocked'],
  [
    'a change triggers an undefined plan',
    { digests: { deploy: 'a', backup: 'b', ghost: 'g' } },
    'condition InvalidOperatorVersion',
  ],
  [
    'a change for another plan waits for the running one',
    {
      execution: { plan: 'backup', reason: 'planExecution', running: true },
      digests: { deploy: 'z', backup: 'b' },
    },
    'condition PlanQueued',
  ],
  [
    'a change for the running plan restarts it',
    {
      execution: { plan: 'deploy', reason: 'parameters', running: true },
      digests: { deploy: 'z', backup: 'b' },
    },
    'start deploy (parameters)',
  ],
  [
    'a change after a finished plan starts at once',
    {
      execution: { plan: 'backup', reason: 'planExecution', running: false },
      digests: { deploy: 'z', backup: 'b' },
    },
    'start deploy (parameters)',
  ],
];

for (const [name, facts, want] of table) {
  test(`plan selection: ${name} → ${want}`, () => {
    assert.equal(summary(choosePlan({ ...base, ...facts })), want);
  });
}

test('plan selection: a start carries the inputs its id derives from', () => {
  const c = choosePlan({ ...base, digests: { deploy: 'z', backup: 'b' } });
  assert.equal(c.kind, 'start');
  if (c.kind === 'start') assert.deepEqual(c.start.inputs, base.inputs);
  const pe = choosePlan({ ...base, planExecution: { name: 'backup', uid: 'u9' } });
  if (pe.kind === 'start') assert.deepEqual(pe.start.inputs, { planExecution: 'u9' });
  else assert.fail('planExecution did not start');
  const del = choosePlan({ ...base, deleting: true });
  if (del.kind === 'start') assert.deepEqual(del.start.inputs, { deleting: true });
  else assert.fail('deletion did not start cleanup');
});
