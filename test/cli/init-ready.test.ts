// `maestro init --wait`: what counts as ready (src/cli/cluster/ready.ts), table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../src/engine/kobject.ts';
import {
  admissionReadiness,
  crdReadiness,
  deploymentReadiness,
} from '../../src/cli/cluster/ready.ts';

const obj = (o: Record<string, unknown>, generation = 1): KObject =>
  ({ apiVersion: 'x/v1', kind: 'X', metadata: { name: 'x', generation }, ...o }) as KObject;

test('crdReadiness: Established True only', () => {
  const rows: [KObject | undefined, boolean, RegExp][] = [
    [undefined, false, /not found/],
    [obj({}), false, /not Established yet/],
    [
      obj({ status: { conditions: [{ type: 'Established', status: 'False' }] } }),
      false,
      /is False/,
    ],
    [
      obj({
        status: {
          conditions: [{ type: 'NamesAccepted', status: 'False', message: 'plural taken' }],
        },
      }),
      false,
      /names not accepted: plural taken/,
    ],
    [
      obj({ status: { conditions: [{ type: 'Established', status: 'True' }] } }),
      true,
      /Established/,
    ],
  ];
  for (const [crd, ready, detail] of rows) {
    const r = crdReadiness(crd);
    assert.equal(r.ready, ready, JSON.stringify(crd));
    assert.match(r.detail, detail);
  }
});

test('deploymentReadiness: as kubectl rollout status (generation seen, updated, Available)', () => {
  const available = { type: 'Available', status: 'True' };
  const rows: [KObject | undefined, boolean, RegExp][] = [
    [undefined, false, /not found/],
    [
      obj({ spec: { replicas: 2 }, status: { observedGeneration: 1, conditions: [available] } }, 2),
      false,
      /latest generation/,
    ],
    [
      obj({ spec: { replicas: 2 }, status: { observedGeneration: 2, updatedReplicas: 1 } }, 2),
      false,
      /1 of 2 replicas updated/,
    ],
    [
      obj({
        spec: { replicas: 2 },
        status: {
          observedGeneration: 1,
          updatedReplicas: 2,
          availableReplicas: 0,
          conditions: [
            {
              type: 'Available',
              status: 'False',
              message: 'Deployment does not have minimum availability.',
            },
          ],
        },
      }),
      false,
      /0 of 2 replicas available \(Deployment does not have minimum availability\.\)/,
    ],
    [
      obj({
        spec: {},
        status: {
          observedGeneration: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
          conditions: [available],
        },
      }),
      true,
      /Available \(1\/1 replicas\)/,
    ],
  ];
  for (const [d, ready, detail] of rows) {
    const r = deploymentReadiness(d);
    assert.equal(r.ready, ready, JSON.stringify(d));
    assert.match(r.detail, detail);
  }
});

test("admissionReadiness: Maestro's own refusal counts as an answer, a failed call does not", () => {
  const rows: [unknown, boolean, RegExp][] = [
    [undefined, true, /admitted/],
    [
      new Error(
        'create Instance maestro-system/maestro-init-probe: admission webhook "instances.mutate.maestro.dev" denied the request: operatorversion maestro-init-probe not found [MAESTRO_OPERATORVERSION_NOT_FOUND]',
      ),
      true,
      /Maestro's answer \(MAESTRO_OPERATORVERSION_NOT_FOUND\)/,
    ],
    [
      new Error(
        'create Instance maestro-system/maestro-init-probe: Internal error occurred: failed calling webhook "instances.mutate.maestro.dev": Post "https://127.0.0.1:1/mutate?timeout=10s": dial tcp 127.0.0.1:1: connect: connection refused',
      ),
      false,
      /failed calling webhook/,
    ],
    // Denied by another webhook, without Maestro's code: not Maestro's answer.
    [new Error('admission webhook "other.example.com" denied the request: no'), false, /other/],
  ];
  for (const [err, ready, detail] of rows) {
    const r = admissionReadiness(err);
    assert.equal(r.ready, ready, String(err));
    assert.match(r.detail, detail);
  }
});
