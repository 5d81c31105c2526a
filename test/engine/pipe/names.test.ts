// Pipe names: artifacts keep KUDO's scheme; the Job's name is a readable
// prefix plus 10 hex digits of a hash over (instance, plan, phase, step, task,
// execution), at most 63 characters and a valid DNS-1123 label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { artifactName, pipeJobName } from '../../../src/engine/pipe/index.ts';

const ref = {
  instance: 'cowsay-instance',
  plan: 'deploy',
  phase: 'main',
  step: 'genfiles',
  task: 'genwww',
};

test("artifact names are KUDO's <inst>.<plan>.<phase>.<step>.<task>.<key>, lower-cased, non-alphanumerics removed", () => {
  assert.equal(
    artifactName(ref, 'indexHtml'),
    'cowsayinstance.deploy.main.genfiles.genwww.indexhtml',
  );
  assert.equal(
    artifactName(
      {
        instance: 'kafka-instance',
        plan: 'deploy',
        phase: 'deploy-kafka',
        step: 'generate-tls-certificates',
        task: 'generate-tls-certificates',
      },
      'privatekey',
    ),
    'kafkainstance.deploy.deploykafka.generatetlscertificates.generatetlscertificates.privatekey',
  );
});

test('the Job name is the readable prefix and 10 hex digits of sha256 over the six parts', () => {
  const hash = createHash('sha256')
    .update(JSON.stringify(['cowsay-instance', 'deploy', 'main', 'genfiles', 'genwww', 'e1-x']))
    .digest('hex')
    .slice(0, 10);
  assert.equal(pipeJobName(ref, 'e1-x'), `cowsay-instance-genwww-pipe-${hash}`);
});

test('the Job name changes with the execution and with every part, and only then', () => {
  const base = pipeJobName(ref, 'e1-a');
  assert.equal(pipeJobName({ ...ref }, 'e1-a'), base);
  assert.notEqual(pipeJobName(ref, 'e2-b'), base);
  for (const k of ['instance', 'plan', 'phase', 'step', 'task'] as const)
    assert.notEqual(pipeJobName({ ...ref, [k]: `${ref[k]}x` }, 'e1-a'), base, k);
});

test('property: any parts give a DNS-1123 label of at most 63 characters ending in the hash', () => {
  const part = fc.string({ minLength: 0, maxLength: 120 });
  fc.assert(
    fc.property(part, part, part, part, part, part, (instance, plan, phase, step, task, e) => {
      const name = pipeJobName({ instance, plan, phase, step, task }, e);
      assert.ok(name.length <= 63, name);
      assert.match(name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      assert.match(name, /-[0-9a-f]{10}$/);
    }),
    { numRuns: 300 },
  );
});
