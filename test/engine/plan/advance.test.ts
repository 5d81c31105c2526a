// Step advance as a decision table (the advance-steps stage,
// src/engine/plan/advance.ts `decideStep`): the verdict on one attempt of a
// step from its outcome, its deadline, its earlier attempts and its
// onFailure policy. Beside the scenario tests, which run the same rules
// through whole plans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideStep } from '../../../src/engine/plan/advance.ts';
import type { Attempt, StepVerdict } from '../../../src/engine/plan/advance.ts';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const PAST = '2026-01-01T00:05:00Z';
const AHEAD = '2026-01-01T00:20:00Z';

const base: Attempt = {
  done: false,
  reasons: ['Deployment/app not yet updated'],
  failure: undefined,
  deadline: undefined,
  attempts: 0,
  onFailure: undefined,
  now: NOW,
};

function summary(v: StepVerdict): string {
  switch (v.kind) {
    case 'done':
      return 'COMPLETE';
    case 'wait':
      return v.deadline === undefined ? 'wait' : `wait until ${new Date(v.deadline).toISOString()}`;
    case 'retry':
      return `ERROR, retry at ${new Date(v.at).toISOString()}`;
    case 'continue':
      return 'COMPLETE (continue)';
    case 'fail':
      return v.fatal ? 'FATAL_ERROR' : 'ERROR';
  }
}

const fatal = { fatal: true, message: 'Job/init failed' };
const transient = { fatal: false, message: 'render error' };
const retry2 = { retries: 2, backoffSeconds: 30 };

const table: [string, Partial<Attempt>, string][] = [
  ['converged and healthy', { done: true, reasons: [] }, 'COMPLETE'],
  ['done wins over a passed deadline', { done: true, deadline: PAST }, 'COMPLETE'],
  ['not converged, no deadline', {}, 'wait'],
  ['not converged, deadline ahead', { deadline: AHEAD }, 'wait until 2026-01-01T00:20:00.000Z'],
  ['deadline passed, no onFailure: transient ERROR', { deadline: PAST }, 'ERROR'],
  [
    'deadline passed, onFailure without retries: FATAL',
    { deadline: PAST, onFailure: {} },
    'FATAL_ERROR',
  ],
  ['terminal child, no onFailure: FATAL', { failure: fatal }, 'FATAL_ERROR'],
  ['transient failure, no onFailure: ERROR', { failure: transient }, 'ERROR'],
  [
    'terminal child, retries left: retry after backoff',
    { failure: fatal, onFailure: retry2 },
    'ERROR, retry at 2026-01-01T00:10:30.000Z',
  ],
  [
    'terminal child, last retry used: FATAL',
    { failure: fatal, onFailure: retry2, attempts: 2 },
    'FATAL_ERROR',
  ],
  [
    'transient failure with onFailure: retried like a fatal one',
    { failure: transient, onFailure: retry2, attempts: 1 },
    'ERROR, retry at 2026-01-01T00:10:30.000Z',
  ],
  [
    'no backoff: retried after one second at least',
    { failure: fatal, onFailure: { retries: 1 } },
    'ERROR, retry at 2026-01-01T00:10:01.000Z',
  ],
  [
    'retries used, action Continue: COMPLETE with a message',
    { failure: fatal, onFailure: { retries: 1, action: 'Continue' }, attempts: 1 },
    'COMPLETE (continue)',
  ],
  [
    'deadline passed, retries left: retry',
    { deadline: PAST, onFailure: retry2 },
    'ERROR, retry at 2026-01-01T00:10:30.000Z',
  ],
  ['a malformed deadline is no deadline', { deadline: 'soon' }, 'wait'],
];

for (const [name, attempt, want] of table) {
  test(`step advance: ${name} → ${want}`, () => {
    assert.equal(summary(decideStep({ ...base, ...attempt })), want);
  });
}

test('step advance: messages name the attempt count and the cause', () => {
  const r = decideStep({ ...base, failure: fatal, onFailure: retry2, attempts: 1 });
  assert.equal(r.kind, 'retry');
  if (r.kind === 'retry')
    assert.equal(
      r.message,
      'attempt 2 of 3 failed: Job/init failed; retrying at 2026-01-01T00:10:30Z',
    );
  const f = decideStep({ ...base, failure: fatal, onFailure: retry2, attempts: 2 });
  assert.deepEqual(f, {
    kind: 'fail',
    fatal: true,
    message: 'failed after 3 attempts: Job/init failed',
  });
  const d = decideStep({ ...base, deadline: PAST });
  assert.ok(d.kind === 'fail' && d.message.includes(`not converged by its deadline ${PAST}`));
  assert.ok(d.kind === 'fail' && d.message.includes('Deployment/app not yet updated'));
});
