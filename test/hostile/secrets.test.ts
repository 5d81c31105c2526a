// No secret leaves through status or logs (issue 11): a template whose output
// is not valid YAML fails its step with a message that names the template,
// the document, the line and the column, never the rendered text. A parameter
// value and a generated password in that text appear nowhere in the /sync
// answer nor in any log line, at the most verbose log level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/server/app.ts';
import { resolveServeConfig } from '../../src/server/config.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { renderTemplate } from '../../src/engine/plan/template.ts';
import { splitManifests } from '../../src/package/manifests.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { loadPackage, simulate } from '../engine/plan/support.ts';
import { demoFiles } from '../engine/plan/demo-package.ts';

const NOW = Date.UTC(2026, 11, 6, 12);

const SECRET_PARAM = 's3cr3t-Param-Value-7781';

/** POST /sync of `request` to an app logging at trace level: the answer and every log line. */
async function syncLogged(
  request: unknown,
): Promise<{ res: { statusCode: number; body: string }; logs: string[] }> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp(resolveServeConfig({}, {}), {
    surfaces: [metacontrollerSurface({ now: () => NOW })],
    logger: { level: 'trace', stream },
  });
  try {
    await app.ready();
    const res = await app.inject({ method: 'POST', url: '/sync', payload: request as object });
    return { res: { statusCode: res.statusCode, body: res.body }, logs };
  } finally {
    await app.close();
  }
}

// A Secret whose generated password and parameter value land in a document
// that YAML cannot read (the last line is indented wrong).
const brokenTemplate = `{{- $p := randAlphaNum 24 -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Name }}-secret
stringData:
  password: {{ $p }}
  image: {{ .Params.IMAGE }}
 broken: {{ $p }}-{{ .Params.IMAGE }}
`;

test('a YAML error names template, document, line and column, and no secret reaches the answer or the logs', async () => {
  const p = loadPackage(demoFiles({ templates: { 'config.yaml': brokenTemplate } }));
  const s = simulate(p, {}, { IMAGE: SECRET_PARAM });
  s.sim.run({ maxSyncs: 1 });
  const request = s.sim.records[0]!.request as { parent: KObject };
  // The password the template generated: the same seed (instance uid and
  // template name) and the same first draw.
  const drawn = renderTemplate(
    'config.yaml',
    '{{ randAlphaNum 24 }}',
    {},
    { instanceUid: request.parent.metadata.uid!, nowMs: NOW },
  );
  assert.ok(drawn.ok);
  const generated = drawn.out;
  assert.equal(generated.length, 24);

  const { res, logs } = await syncLogged(request);
  assert.equal(res.statusCode, 200);
  // The step failed, and says where.
  assert.match(
    res.body,
    /config\.yaml: the rendered YAML does not parse: document 1, line 8, column 1: bad indentation/,
  );
  // Neither the generated password nor the parameter value appears anywhere
  // in the answer: status keeps a digest per parameter, not its value
  // (execution.parameterDigests), and messages quote no rendered text.
  assert.equal(res.body.includes(generated), false, 'the answer carries the generated password');
  assert.equal(res.body.includes(SECRET_PARAM), false, 'the answer carries the parameter value');
  const answer = JSON.parse(res.body) as { status: { maestro: { execution: object } } };
  assert.ok('parameterDigests' in answer.status.maestro.execution);
  // A failed step is status, not a server error: nothing is logged at any
  // level today, and whatever a later change logs must not carry a secret.
  for (const secret of [SECRET_PARAM, generated])
    assert.equal(logs.join('').includes(secret), false, 'a log line carries a secret');
});

// [rendered text, the error's position]: no message quotes the text.
const cases: [string, RegExp][] = [
  ['a: 1\n b: PASSWORD\n', /^document 1, line 1, column 4: a block cannot be a key$/],
  ['kind: A\nmetadata: {name: a}\n---\nkind: B\nx: [PASSWORD\n', /^document 2, line 6, column 1: /],
  ['PASSWORD\n', /^document 1 is not an object$/],
  ['kind: A\n---\nmetadata:\n  name: PASSWORD\n', /^document 2, line 2: the object has no kind$/],
];

test('splitManifests: errors give positions, never the text', () => {
  for (const [text, want] of cases) {
    const r = splitManifests(text);
    assert.equal(r.ok, false, text);
    if (r.ok) continue;
    assert.match(r.error, want, text);
    assert.equal(r.error.includes('PASSWORD'), false, r.error);
  }
});

test('a rendered secret and a parameter value reach only the children that carry them, never status, conditions or logs', async () => {
  const secretTemplate = `apiVersion: v1
kind: Secret
metadata:
  name: {{ .Name }}-secret
stringData:
  password: {{ randAlphaNum 24 }}
  image: {{ .Params.IMAGE }}
`;
  const p = loadPackage(demoFiles({ templates: { 'config.yaml': secretTemplate } }));
  const s = simulate(p, {}, { IMAGE: SECRET_PARAM });
  s.sim.run({ maxSyncs: 1 });
  const request = s.sim.records[0]!.request as { parent: KObject };
  const { res, logs } = await syncLogged(request);
  assert.equal(res.statusCode, 200);
  const answer = JSON.parse(res.body) as {
    status: Record<string, unknown>;
    children: Array<{ kind: string; data?: Record<string, string> }>;
  };
  const secret = answer.children.find((c) => c.kind === 'Secret');
  assert.ok(secret, 'the Secret child is emitted');
  // stringData is emitted as data, the form the API server stores.
  const decode = (k: string) => Buffer.from(secret.data?.[k] ?? '', 'base64').toString('utf8');
  const password = decode('password');
  assert.equal(password.length, 24);
  assert.equal(decode('image'), SECRET_PARAM);
  // Only the children carry them: not status (execution, plan status,
  // conditions, history), not the logs.
  const status = JSON.stringify(answer.status);
  for (const value of [SECRET_PARAM, password]) {
    assert.equal(status.includes(value), false, 'status carries a secret');
    assert.equal(logs.join('').includes(value), false, 'a log line carries a secret');
  }
});

test('a parameter that fails its type is named in the condition, its value is not', () => {
  const p = loadPackage(demoFiles());
  const s = simulate(p, {}, { REPLICAS: SECRET_PARAM });
  s.sim.run({ maxSyncs: 2 });
  const status = JSON.stringify(s.status);
  assert.match(status, /parameter REPLICAS: the value is not a valid integer/);
  assert.equal(status.includes(SECRET_PARAM), false);
});
