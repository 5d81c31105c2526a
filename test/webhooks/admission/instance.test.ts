// Instance admission through the pure handler: CREATE and UPDATE, on both
// webhooks, with every patch applied by the independent `jsonpatch` package.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handleAdmission } from '../../../src/webhooks/admission/index.ts';
import { noClusterLookup } from '../../../src/webhooks/admission/lookup.ts';
import { applied, instance, lookupOf, ov1, review } from './support.ts';

const lookup = lookupOf([ov1]);
type Obj = {
  spec: {
    parameters: Record<string, unknown>;
    planExecution?: { planName?: string; uid?: string };
  };
  metadata: Record<string, unknown>;
};

test('CREATE on /mutate writes immutable defaults and the operator label, and nothing else (no planExecution, no finalizer)', async () => {
  const obj = instance({ DISK: '10Gi' });
  const res = await handleAdmission(review({ operation: 'CREATE', object: obj }), lookup, 'mutate');
  assert.equal(res.response.uid, 'req-1');
  assert.equal(res.response.allowed, true);
  const out = applied(res, structuredClone(obj)) as Obj;
  // Only immutable defaults are fixed at creation (KUDO's setImmutableParameterDefaults).
  assert.deepEqual(out.spec.parameters, { DISK: '10Gi', STORAGE_CLASS: 'standard' });
  // The engine starts deploy for a new Instance by itself.
  assert.equal(out.spec.planExecution, undefined);
  assert.deepEqual(
    out.metadata,
    { ...obj.metadata, labels: { 'maestro.dev/operator': 'zk' } },
    'no finalizer; the operator label is the only metadata change',
  );
});

const labelled = (operator: string, parameters: Record<string, unknown> = { DISK: '10Gi' }) => {
  const obj = instance(parameters);
  return { ...obj, metadata: { ...obj.metadata, labels: { 'maestro.dev/operator': operator } } };
};

test('CREATE keeps an operator label that matches, and writes no patch for it', async () => {
  const obj = labelled('zk');
  const res = await handleAdmission(review({ operation: 'CREATE', object: obj }), lookup, 'mutate');
  assert.equal(res.response.allowed, true);
  const out = applied(res, structuredClone(obj)) as Obj;
  assert.deepEqual(out.metadata, obj.metadata);
});

for (const mode of ['validate', 'mutate'] as const) {
  test(`CREATE on /${mode} of an Instance labelled for another operator than its OperatorVersion is denied 403`, async () => {
    const res = await handleAdmission(
      review({ operation: 'CREATE', object: labelled('evil') }),
      lookup,
      mode,
    );
    assert.equal(res.response.allowed, false);
    assert.equal(res.response.status?.code, 403);
    assert.match(
      res.response.status?.message ?? '',
      /belongs to operator "zk", but the Instance's maestro.dev\/operator label is "evil".*\[MAESTRO_INSTANCE_OPERATOR_MISMATCH\]$/,
    );
  });
}

test('UPDATE may not change or remove the operator label, even with nothing else changed', async () => {
  const old = labelled('zk');
  const cases: [string, unknown][] = [
    ['changed', labelled('other')],
    ['removed', instance({ DISK: '10Gi' })],
  ];
  for (const [what, object] of cases) {
    for (const mode of ['validate', 'mutate'] as const) {
      const res = await handleAdmission(
        review({ operation: 'UPDATE', object, oldObject: old }),
        lookup,
        mode,
      );
      assert.equal(res.response.allowed, false, `${what} on ${mode}`);
      assert.equal(res.response.status?.code, 403);
      assert.match(
        res.response.status?.message ?? '',
        /maestro.dev\/operator label is "zk" and cannot change.*\[MAESTRO_INSTANCE_OPERATOR_MISMATCH\]$/,
      );
    }
  }
  // Unchanged: allowed as before.
  const same = await handleAdmission(
    review({ operation: 'UPDATE', object: labelled('zk'), oldObject: old }),
    lookup,
    'validate',
  );
  assert.equal(same.response.allowed, true);
});

test("UPDATE naming another operator's OperatorVersion is denied 403", async () => {
  const evil = structuredClone(ov1);
  evil.metadata.name = 'evil-1.0.0';
  evil.spec.operator.name = 'evil';
  const fresh = labelled('zk');
  fresh.spec = { ...fresh.spec, operatorVersion: { name: 'evil-1.0.0' } };
  const res = await handleAdmission(
    review({ operation: 'UPDATE', object: fresh, oldObject: labelled('zk') }),
    lookupOf([ov1, evil]),
    'validate',
  );
  assert.equal(res.response.allowed, false);
  assert.equal(res.response.status?.code, 403);
  assert.match(res.response.status?.message ?? '', /belongs to operator "evil"/);
});

test('CREATE on /validate allows without a patch', async () => {
  const res = await handleAdmission(
    review({ operation: 'CREATE', object: instance({ DISK: '10Gi' }) }),
    lookup,
    'validate',
  );
  assert.equal(res.response.allowed, true);
  assert.equal(res.response.patch, undefined);
  assert.equal(res.response.patchType, undefined);
});

test('a v1beta1 Instance gets its immutable defaults as strings', async () => {
  const obj = { ...instance({ DISK: '1Gi' }), apiVersion: 'maestro.dev/v1beta1' };
  const ovWithNumber = structuredClone(ov1);
  ovWithNumber.spec.parameters.push({
    name: 'SHARDS',
    type: 'integer',
    immutable: true,
    default: 4,
  } as never);
  const res = await handleAdmission(
    review({ operation: 'CREATE', object: obj }),
    lookupOf([ovWithNumber]),
    'mutate',
  );
  const out = applied(res, structuredClone(obj)) as Obj;
  assert.equal(out.spec.parameters.SHARDS, '4');
});

const invalidValues: [string, Record<string, unknown>, RegExp][] = [
  [
    'a required value is missing',
    {},
    /parameter "DISK" is required but has no value set; set spec.parameters.DISK/,
  ],
  [
    'an integer given as text that is not one',
    { DISK: 'x', NODE_COUNT: 'three' },
    /parameter "NODE_COUNT" has an invalid value "three": type is "integer" but it is not a base-10 integer/,
  ],
  [
    'a typed value of the wrong type',
    { DISK: 'x', NODE_COUNT: true },
    /type is "integer" but it is a boolean/,
  ],
  [
    'a value outside the enum',
    { DISK: 'x', LEVEL: 'TRACE' },
    /value is "TRACE", but only allowed values are \[INFO DEBUG\]/,
  ],
  [
    'an array given as YAML that is a map',
    { DISK: 'x', PORTS: 'a: 1' },
    /parameter "PORTS" .* it is not a YAML list/,
  ],
  [
    'a map given as a list',
    { DISK: 'x', LABELS: [1] },
    /parameter "LABELS" .* type is "map" but it is a list/,
  ],
  [
    'a boolean in words Go does not parse',
    { DISK: 'x', TLS: 'yes' },
    /parameter "TLS" .* not true or false/,
  ],
  [
    'a value outside its JSON Schema',
    { DISK: 'x', RATIO: 1.5 },
    /parameter "RATIO" has an invalid value "1.5": it does not match its schema: \(value\) must be <= 1/,
  ],
  [
    'an undeclared parameter',
    { DISK: 'x', NODECOUNT: 3 },
    /parameter "NODECOUNT" is not defined in OperatorVersion default\/zk-1.0.0; remove it or check its spelling/,
  ],
];
for (const [label, parameters, pattern] of invalidValues) {
  test(`CREATE is denied when ${label}, with a 422 that says what to do`, async () => {
    const res = await handleAdmission(
      review({ operation: 'CREATE', object: instance(parameters) }),
      lookup,
      'validate',
    );
    assert.equal(res.response.allowed, false);
    assert.equal(res.response.status?.code, 422);
    assert.equal(res.response.status?.reason, 'Invalid');
    assert.match(
      res.response.status?.message ?? '',
      /^failed to create an Instance default\/zk: parameters are not valid: /,
    );
    assert.match(res.response.status?.message ?? '', pattern);
    assert.match(res.response.status?.message ?? '', /\[MAESTRO_INSTANCE_INVALID\]$/);
  });
}

test('every invalid value is listed in one denial', async () => {
  const res = await handleAdmission(
    review({ operation: 'CREATE', object: instance({ NODE_COUNT: 'x', LEVEL: 'y' }) }),
    lookup,
    'validate',
  );
  const message = res.response.status?.message ?? '';
  for (const name of ['DISK', 'NODE_COUNT', 'LEVEL'])
    assert.match(message, new RegExp(`"${name}"`));
});

const validValues: [string, Record<string, unknown>][] = [
  ['Go integer text', { DISK: 'x', NODE_COUNT: '+5' }],
  ['a typed integer', { DISK: 'x', NODE_COUNT: 5 }],
  ['Go boolean text', { DISK: 'x', TLS: 'T' }],
  ['an array as YAML text', { DISK: 'x', PORTS: '- 1\n- 2\n' }],
  ['a map as JSON', { DISK: 'x', LABELS: { a: 'b' } }],
  ['a number within its schema, given as text', { DISK: 'x', RATIO: '0.5' }],
];
for (const [label, parameters] of validValues) {
  test(`CREATE allows ${label}`, async () => {
    const res = await handleAdmission(
      review({ operation: 'CREATE', object: instance(parameters) }),
      lookup,
      'validate',
    );
    assert.equal(res.response.allowed, true, res.response.status?.message);
  });
}

test("CREATE without a 'deploy' plan is denied", async () => {
  const noDeploy = structuredClone(ov1);
  delete (noDeploy.spec.plans as Record<string, unknown>).deploy;
  const res = await handleAdmission(
    review({ operation: 'CREATE', object: instance({ DISK: 'x' }) }),
    lookupOf([noDeploy]),
    'mutate',
  );
  assert.equal(res.response.allowed, false);
  assert.match(
    res.response.status?.message ?? '',
    /couldn't find 'deploy' plan in the operatorVersion default\/zk-1.0.0/,
  );
});

const lookupFailures: [string, Parameters<typeof lookupOf>[1], number, RegExp][] = [
  [
    'not found',
    {},
    404,
    /OperatorVersion default\/zk-1.0.0 not found; create the OperatorVersion first.*\[MAESTRO_OPERATORVERSION_NOT_FOUND\]/,
  ],
  [
    'forbidden',
    { 'default/zk-1.0.0': { ok: false, reason: 'Forbidden', message: 'refused (HTTP 403)' } },
    500,
    /refused \(HTTP 403\) \[MAESTRO_OPERATORVERSION_LOOKUP_FAILED\]/,
  ],
  [
    'timed out',
    { 'default/zk-1.0.0': { ok: false, reason: 'Timeout', message: 'took longer than 2000 ms' } },
    500,
    /took longer than 2000 ms \[MAESTRO_OPERATORVERSION_LOOKUP_FAILED\]/,
  ],
];
for (const [label, failures, code, pattern] of lookupFailures) {
  test(`a lookup that is ${label} denies with code ${code} and says so`, async () => {
    const res = await handleAdmission(
      review({ operation: 'CREATE', object: instance({ DISK: 'x' }) }),
      lookupOf(failures === undefined || Object.keys(failures).length === 0 ? [] : [ov1], failures),
      'mutate',
    );
    assert.equal(res.response.allowed, false);
    assert.equal(res.response.status?.code, code);
    assert.match(res.response.status?.message ?? '', /^cannot admit Instance default\/zk: /);
    assert.match(res.response.status?.message ?? '', pattern);
    assert.equal(res.response.patch, undefined);
  });
}

test('with no cluster configured, Instance admission denies and says no cluster is configured', async () => {
  for (const mode of ['validate', 'mutate'] as const) {
    const res = await handleAdmission(
      review({ operation: 'CREATE', object: instance({ DISK: 'x' }) }),
      noClusterLookup,
      mode,
    );
    assert.equal(res.response.allowed, false);
    assert.equal(res.response.status?.code, 500);
    assert.match(
      res.response.status?.message ?? '',
      /no cluster is configured.*\[MAESTRO_NO_CLUSTER\]$/,
    );
  }
});

test('a lookup that throws is an internal failure with code 500, not a guess', async () => {
  const throwing = async () => {
    throw new Error('boom');
  };
  const res = await handleAdmission(
    review({ operation: 'CREATE', object: instance({ DISK: 'x' }) }),
    throwing,
    'mutate',
  );
  assert.equal(res.response.allowed, false);
  assert.equal(res.response.status?.code, 500);
  assert.match(res.response.status?.message ?? '', /boom/);
});

test('UPDATE of a parameter on /mutate writes the triggered plan; /validate accepts what /mutate wrote', async () => {
  const old = instance(
    { DISK: 'x', STORAGE_CLASS: 'standard' },
    {
      spec: { planExecution: { planName: 'deploy', uid: 'first' } },
      status: { maestro: { execution: { plan: 'deploy', status: 'COMPLETE', uid: 'first' } } },
    },
  );
  const fresh = structuredClone(old);
  fresh.spec.parameters = { ...fresh.spec.parameters, TLS: true };
  const mutated = await handleAdmission(
    review({ operation: 'UPDATE', object: fresh, oldObject: old }),
    lookup,
    'mutate',
  );
  assert.equal(mutated.response.allowed, true, mutated.response.status?.message);
  const out = applied(mutated, structuredClone(fresh)) as Obj;
  assert.equal(out.spec.planExecution?.planName, 'tls');
  assert.notEqual(out.spec.planExecution?.uid, 'first');
  assert.match(
    out.spec.planExecution?.uid ?? '',
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  // The API server then calls the validating webhook with the mutated object.
  const validated = await handleAdmission(
    review({ operation: 'UPDATE', object: out, oldObject: old }),
    lookup,
    'validate',
  );
  assert.equal(validated.response.allowed, true, validated.response.status?.message);
  assert.equal(validated.response.patch, undefined);
  // The same patch again gives the same uid: derived, not random.
  const again = await handleAdmission(
    review({ operation: 'UPDATE', object: fresh, oldObject: old }, 'req-2'),
    lookup,
    'mutate',
  );
  assert.equal(again.response.patch, mutated.response.patch);
});

test('UPDATE that only changes metadata is allowed untouched', async () => {
  const old = instance(
    { DISK: 'x' },
    { spec: { planExecution: { planName: 'deploy', uid: 'u' } } },
  );
  const fresh = structuredClone(old);
  (fresh.metadata as Record<string, unknown>).labels = { team: 'a' };
  const res = await handleAdmission(
    review({ operation: 'UPDATE', object: fresh, oldObject: old }),
    lookupOf([]),
    'mutate',
  );
  assert.equal(res.response.allowed, true);
  assert.equal(res.response.patch, undefined);
});

test('an upgrade drops the values of parameters the new OperatorVersion removed', async () => {
  const ov2 = structuredClone(ov1) as typeof ov1;
  ov2.metadata.name = 'zk-1.1.0';
  ov2.spec.version = '1.1.0';
  ov2.spec.parameters = ov2.spec.parameters.filter((p) => p.name !== 'MEMORY');
  const old = instance({ DISK: 'x', STORAGE_CLASS: 'standard', MEMORY: '2Gi' });
  const fresh = structuredClone(old);
  fresh.spec.operatorVersion = { name: 'zk-1.1.0' };
  const res = await handleAdmission(
    review({ operation: 'UPDATE', object: fresh, oldObject: old }),
    lookupOf([ov1, ov2]),
    'mutate',
  );
  assert.equal(res.response.allowed, true, res.response.status?.message);
  const out = applied(res, structuredClone(fresh)) as typeof fresh;
  assert.deepEqual(out.spec.parameters, { DISK: 'x', STORAGE_CLASS: 'standard' });
  assert.equal(
    (out.spec as { planExecution?: { planName: string } }).planExecution?.planName,
    'update',
  );
});

const upgrades: [
  string,
  Partial<{ version: string; operator: string; upgradableFrom: unknown[] }>,
  boolean,
  RegExp?,
][] = [
  ['to a greater version', { version: '1.1.0' }, true],
  ['to a lenient greater version (v1.2)', { version: 'v1.2' }, true],
  [
    'to a smaller version',
    { version: '0.9.0' },
    false,
    /upgraded version 0.9.0 of default\/zk-next is the same or smaller as current version 1.0.0/,
  ],
  ['to the same version', { version: '1.0.0' }, false, /same or smaller/],
  [
    'to a smaller version that lists the current one by name',
    { version: '0.9.0', upgradableFrom: [{ name: 'zk-1.0.0' }] },
    true,
  ],
  [
    'to a smaller version whose range covers the current one',
    { version: '0.9.0', upgradableFrom: [{ versions: '>=1.0 <2' }] },
    true,
  ],
  [
    'to a smaller version whose range does not',
    { version: '0.9.0', upgradableFrom: [{ versions: '^2.0.0' }] },
    false,
    /spec.upgradableFrom/,
  ],
  [
    'to another operator',
    { version: '2.0.0', operator: 'kafka' },
    false,
    /belongs to operator "kafka", not "zk"/,
  ],
];
for (const [label, change, allowed, pattern] of upgrades) {
  test(`an upgrade ${label} is ${allowed ? 'allowed' : 'denied'}`, async () => {
    const next = structuredClone(ov1) as typeof ov1 & { spec: { upgradableFrom?: unknown[] } };
    next.metadata.name = 'zk-next';
    next.spec.version = change.version ?? '1.0.0';
    if (change.operator) next.spec.operator = { name: change.operator, kind: 'Operator' };
    if (change.upgradableFrom) next.spec.upgradableFrom = change.upgradableFrom;
    const old = instance({ DISK: 'x', STORAGE_CLASS: 'standard' });
    const fresh = structuredClone(old);
    fresh.spec.operatorVersion = { name: 'zk-next' };
    const res = await handleAdmission(
      review({ operation: 'UPDATE', object: fresh, oldObject: old }),
      lookupOf([ov1, next]),
      'validate',
    );
    assert.equal(res.response.allowed, allowed, res.response.status?.message);
    if (pattern) assert.match(res.response.status?.message ?? '', pattern);
  });
}

test('DELETE, CONNECT, status subresources and other kinds are allowed without a lookup', async () => {
  const spy = lookupOf([]);
  for (const request of [
    { operation: 'DELETE', oldObject: instance({}) },
    { operation: 'CONNECT' },
    { operation: 'UPDATE', subResource: 'status', object: instance({}), oldObject: instance({}) },
    {
      operation: 'CREATE',
      kind: { group: 'maestro.dev', version: 'v1', kind: 'Operator' },
      object: {},
    },
  ]) {
    const res = await handleAdmission(review(request), spy, 'mutate');
    assert.equal(res.response.allowed, true);
    assert.equal(res.response.patch, undefined);
  }
  assert.deepEqual(spy.calls, []);
});

test('a body that is not an AdmissionReview is denied with 400, uid echoed when known', async () => {
  const cases: [unknown, string][] = [
    [null, ''],
    [
      { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } },
      'x',
    ],
    [
      {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: { uid: 'y', operation: 'CREATE' },
      },
      'y',
    ],
    [
      {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: { uid: 'z', kind: { group: '', version: 'v1', kind: 'Pod' }, operation: 'PATCH' },
      },
      'z',
    ],
  ];
  for (const [body, uid] of cases) {
    const res = await handleAdmission(body, lookup, 'validate');
    assert.equal(res.apiVersion, 'admission.k8s.io/v1');
    assert.equal(res.kind, 'AdmissionReview');
    assert.equal(res.response.uid, uid);
    assert.equal(res.response.allowed, false);
    assert.equal(res.response.status?.code, 400);
    assert.match(res.response.status?.message ?? '', /\[MAESTRO_ADMISSION_BAD_REVIEW\]$/);
  }
});
