// Issue 11's attacks on a real `maestro serve` over loopback, each measured by
// the harness: the process survives, every answer comes within the render
// deadline plus 1 s, /healthz (polled every 50 ms) never takes more than
// 250 ms, RSS comes back under 300 MB and a normal /sync sent meanwhile is
// answered normally. The figures are printed per attack.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  answerChildNames,
  assertSurvived,
  childNames,
  fatalMessage,
  hostileSyncBody,
  measureAttack,
  normalSyncBody,
  send,
  startHostileServer,
  wrappedSyncBody,
  type Answer,
  type HostileServer,
} from './harness.ts';

// The default render deadline; the memory ceiling is lowered so that its attack stays short.
const DEADLINE_MS = 5_000;
const SERVE = [
  '--render-deadline',
  `${DEADLINE_MS}ms`,
  '--render-memory',
  '96Mi',
  '--render-workers',
  '2',
];

/** A /sync attack: the hostile template in every template of the OperatorVersion. */
async function syncAttack(server: HostileServer, template: string, only?: string): Promise<Answer> {
  return send(`${server.url}${server.prefix}/sync`, {
    body: JSON.stringify(hostileSyncBody(template, only)),
  });
}

/** The answer is a failed step naming the limit, with every existing child echoed. */
function assertFailedStep(answer: Answer, limit: RegExp): void {
  assert.equal(answer.status, 200, answer.body.slice(0, 500));
  const message = fatalMessage(answer);
  assert.ok(message !== undefined, `no FATAL_ERROR plan in ${answer.body.slice(0, 500)}`);
  assert.match(message, limit);
  // The message names the template (zookeeper's deploy step renders these files).
  assert.match(message, /template: [\w.-]+\.yaml/);
  const observed = childNames(normalSyncBody());
  const echoed = new Set(answerChildNames(answer));
  for (const c of observed) assert.ok(echoed.has(c), `child ${c} was not echoed`);
}

function admissionReview(template: string) {
  const ov = Object.values(Object.values(normalSyncBody().related)[0]!)[0] as {
    spec: { templates: Record<string, string> };
  };
  for (const name of Object.keys(ov.spec.templates)) ov.spec.templates[name] = template;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: 'hostile-1',
      kind: { group: 'maestro.dev', version: 'v1', kind: 'OperatorVersion' },
      resource: { group: 'maestro.dev', version: 'v1', resource: 'operatorversions' },
      requestKind: { group: 'maestro.dev', version: 'v1', kind: 'OperatorVersion' },
      requestResource: { group: 'maestro.dev', version: 'v1', resource: 'operatorversions' },
      name: 'zookeeper-hostile',
      namespace: 'ns',
      operation: 'CREATE',
      userInfo: { username: 'tenant' },
      object: ov,
      oldObject: null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

const BCRYPT_600 = '{{ range until 600 }}{{ bcrypt "hunter2" }}{{ end }}';
// Within every budget and still slow: one 4096-bit RSA key (the whole costly
// budget, seconds in JavaScript) and a loop of most of the step budget.
const SLOW =
  '{{ $k := genPrivateKey "rsa" }}{{ $l := until 4500 }}{{ range until 4400 }}{{ range $l }}{{ end }}{{ end }}';

describe('hostile callers against one server', () => {
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer({ args: SERVE });
  });
  after(async () => server.stop());

  test('memory: a 70 KB string doubled 16 times with cat fails the step on the allocation budget', async () => {
    const template =
      '{{ $s := repeat 7000 "0123456789" }}{{ range until 16 }}{{ $s = cat $s $s }}{{ end }}{{ $s }}';
    const report = await measureAttack(server, 'cat-doubling', async () => {
      const a = await syncAttack(server, template);
      assertFailedStep(a, /bytes of intermediate strings, lists and maps/);
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('memory: a list doubled with concat in a loop fails the step on the allocation budget', async () => {
    const template =
      '{{ $l := list "x" }}{{ range until 40 }}{{ $l = concat $l $l }}{{ end }}{{ len $l }}';
    const report = await measureAttack(server, 'append-doubling', async () => {
      const a = await syncAttack(server, template);
      assertFailedStep(a, /bytes of intermediate strings, lists and maps/);
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('memory: a huge dict built with set in a loop fails the step on the allocation budget', async () => {
    // About a million entries, each charged its key and a slot, before the heap holds them.
    const template =
      '{{ $d := dict }}{{ $k := until 1000 }}{{ range $i := until 2000 }}{{ range $j := $k }}{{ $_ := set $d (print $i "-" $j) $j }}{{ end }}{{ end }}';
    const report = await measureAttack(server, 'dict-in-a-loop', async () => {
      const a = await syncAttack(server, template);
      assertFailedStep(a, /bytes of intermediate strings, lists and maps/);
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('memory: growth the budget counts only by its text stops the worker at its memory ceiling, and the step fails', async () => {
    // fromJson's result is charged by its text (3 bytes an object here): six
    // parses of 500,000 objects would hold some 200 MB within the budget.
    const template =
      '{{ $s := print "{\\"a\\":[" (repeat 500000 "{},") "{}]}" }}{{ $l := list }}{{ range until 6 }}{{ $l = append $l (fromJson $s) }}{{ end }}{{ len $l }}';
    const report = await measureAttack(server, 'memory-ceiling', async () => {
      const a = await syncAttack(server, template);
      assertFailedStep(a, /memory ceiling of 96 MiB/);
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('CPU: bcrypt 600 times fails the step on the costly-call budget', async () => {
    const report = await measureAttack(server, 'bcrypt-600', async () => {
      const a = await syncAttack(server, BCRYPT_600);
      // 16 bcrypts take about 1.4 s on a quiet machine; on a loaded one the deadline may come first.
      assertFailedStep(
        a,
        /key generation and password hashing \(bcrypt\)|render deadline of 5000 ms/,
      );
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('CPU: semverCompare with 100k-character constraints is answered, in time linear in the length', async () => {
    const report = await measureAttack(server, 'semver-100k', async () => {
      // An improper one (its first segment is empty, as Go says).
      const improper = await syncAttack(server, '{{ semverCompare (repeat 33334 "||1") "1.0.0" }}');
      assertFailedStep(improper, /improper constraint: $/);
      // A proper one around the first template: it renders as it would without it.
      const proper = await send(`${server.url}${server.prefix}/sync`, {
        body: JSON.stringify(
          wrappedSyncBody('{{ if semverCompare (repeat 12500 ">=1.0.0 ") "1.2.3" }}', '{{ end }}', [
            'bootstrap.sh.yaml',
          ]),
        ),
      });
      assert.equal(proper.status, 200);
      assert.equal(fatalMessage(proper), undefined);
      assert.deepEqual(answerChildNames(proper), childNames(normalSyncBody()));
      return [improper, proper];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('admission: an OperatorVersion with an expensive template is denied, within the deadline', async () => {
    const report = await measureAttack(server, 'admission-ov', async () => {
      const answers: Answer[] = [];
      for (const [template, reason] of [
        [BCRYPT_600, /key generation and password hashing|render deadline of 5000 ms/],
      ] as const) {
        const a = await send(`${server.url}${server.prefix}/validate`, {
          body: JSON.stringify(admissionReview(template)),
        });
        assert.equal(a.status, 200);
        const review = JSON.parse(a.body) as {
          response: { allowed: boolean; status?: { code: number; message: string } };
        };
        assert.equal(review.response.allowed, false, a.body.slice(0, 300));
        assert.match(review.response.status!.message, reason);
        answers.push(a);
      }
      return answers;
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('a YAML alias bomb in rendered output is a failed step, not a 500', async () => {
    const bomb = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: bomb}',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    ].join('\n');
    const report = await measureAttack(server, 'alias-bomb', async () => {
      const a = await syncAttack(server, bomb);
      assert.equal(a.status, 200, a.body.slice(0, 300));
      assert.match(fatalMessage(a) ?? '', /Excessive alias count/);
      return [a];
    });
    assertSurvived(report, DEADLINE_MS);
  });

  test('64 stalled uploads hold sockets, not slots: a real /sync is answered meanwhile', async () => {
    const report = await measureAttack(
      server,
      'stalled-uploads',
      async () => {
        const { port } = new URL(server.url);
        const sockets = await Promise.all(
          Array.from(
            { length: 64 },
            () =>
              new Promise<net.Socket>((resolve, reject) => {
                const s = net.connect(Number(port), '127.0.0.1', () => {
                  s.write(
                    `POST ${server.prefix}/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n\r\n{"parent":`,
                  );
                  resolve(s);
                });
                s.on('error', reject);
              }),
          ),
        );
        // Held while the harness's normal /sync (sent 100 ms in) is answered.
        await new Promise((r) => setTimeout(r, 1_500));
        for (const s of sockets) s.destroy();
        return [];
      },
      { normalAfterMs: 300 },
    );
    assertSurvived(report, DEADLINE_MS);
  });
});

describe('renders past the deadline', () => {
  // The budget stops a step-bound render within about 2 s of CPU, before the
  // default 5 s deadline; this server's deadline is shorter, so that a slow
  // render within every budget meets it.
  const deadline = 2_000;
  let server: HostileServer;
  before(async () => {
    server = await startHostileServer({
      args: ['--render-deadline', `${deadline}ms`, '--render-workers', '2'],
    });
  });
  after(async () => server.stop());

  test('CPU: a sync render past the deadline stops the worker, and the step fails naming the deadline', async () => {
    const report = await measureAttack(server, 'render-deadline', async () => {
      const a = await syncAttack(server, SLOW);
      assertFailedStep(a, /render deadline of 2000 ms/);
      return [a];
    });
    assertSurvived(report, deadline);
  });

  test('CPU: several slow templates in one step share one deadline', async () => {
    // Each template stops just short of the step budget (about 0.6-0.9 s of
    // CPU on these machines): alone it is within a 1 s deadline, and the five
    // the step renders need several times that, however fast the machine. A
    // server of its own, with that deadline: on a fast machine five renders
    // near the budget fit in the suite's 2 s.
    const own = await startHostileServer({
      args: ['--render-deadline', '1000ms', '--render-workers', '2'],
    });
    try {
      const slow = '{{ $l := until 1000 }}{{ range until 19800 }}{{ range $l }}{{ end }}{{ end }}';
      const report = await measureAttack(own, 'several-slow-templates', async () => {
        const a = await send(`${own.url}${own.prefix}/sync`, {
          body: JSON.stringify(wrappedSyncBody(slow)),
        });
        assertFailedStep(a, /render deadline of 1000 ms/);
        return [a];
      });
      assertSurvived(report, 1_000);
    } finally {
      await own.stop();
    }
  });

  test('CPU: the retry after a worker stop spends what remains of the same deadline', async () => {
    // Three slow templates, then one past the worker's memory ceiling: the
    // second attempt (that one refused) renders the slow ones again, within
    // what is left of the first attempt's deadline, not a fresh one. A server
    // of its own, with a low ceiling, so that the worker is stopped (and its
    // heap given back) rather than left large by the deadline.
    const own = await startHostileServer({
      args: [
        '--render-deadline',
        `${deadline}ms`,
        '--render-workers',
        '2',
        '--render-memory',
        '96Mi',
      ],
    });
    try {
      const slow = '{{ $l := until 1000 }}{{ range until 9000 }}{{ range $l }}{{ end }}{{ end }}';
      const grow =
        '{{ $s := print "{\\"a\\":[" (repeat 500000 "{},") "{}]}" }}{{ $g := list }}{{ range until 6 }}{{ $g = append $g (fromJson $s) }}{{ end }}';
      const body = wrappedSyncBody(slow, '', [
        'bootstrap.sh.yaml',
        'healthcheck.sh.yaml',
        'services.yaml',
      ]);
      const last = wrappedSyncBody(grow, '', ['pdb.yaml']);
      for (const [ns, byName] of Object.entries(body.related))
        for (const [n, ov] of Object.entries(byName))
          ov.spec.templates['pdb.yaml'] = last.related[ns]![n]!.spec.templates['pdb.yaml']!;
      const report = await measureAttack(own, 'retry-shares-deadline', async () => {
        const a = await send(`${own.url}${own.prefix}/sync`, { body: JSON.stringify(body) });
        // On a quiet machine the ceiling stops the first attempt and the second
        // meets the deadline; on a loaded one the first may meet it already.
        assertFailedStep(a, /render deadline of 2000 ms|memory ceiling of 96 MiB/);
        return [a];
      });
      assertSurvived(report, deadline);
    } finally {
      await own.stop();
    }
  });

  test('admission: an OperatorVersion whose render passes the deadline is denied naming it', async () => {
    const report = await measureAttack(server, 'admission-deadline', async () => {
      const a = await send(`${server.url}${server.prefix}/validate`, {
        body: JSON.stringify(admissionReview(SLOW)),
      });
      assert.equal(a.status, 200);
      const review = JSON.parse(a.body) as {
        response: { allowed: boolean; status?: { message: string } };
      };
      assert.equal(review.response.allowed, false);
      assert.match(
        review.response.status!.message,
        /render deadline of 2000 ms.*MAESTRO_RENDER_LIMIT/,
      );
      return [a];
    });
    assertSurvived(report, deadline);
  });
});

describe('unauthenticated callers', () => {
  const token = 'hostile-test-token-0123456789';
  let server: HostileServer;
  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maestro-hostile-'));
    const file = join(dir, 'token');
    writeFileSync(file, `${token}\n`);
    server = await startHostileServer({ args: [...SERVE, '--auth-token-file', file], token });
  });
  after(async () => server.stop());

  test('a POST without the path token is a 404, counted; GET /healthz and /metrics stay open', async () => {
    const report = await measureAttack(server, 'unauthenticated-post', async () => {
      const body = JSON.stringify(normalSyncBody());
      const answers = [
        await send(`${server.url}/sync`, { body }),
        await send(`${server.url}/t/wrong-token-0123456789/sync`, { body }),
        await send(`${server.url}/validate`, { body: '{}' }),
      ];
      for (const a of answers) {
        assert.equal(a.status, 404, a.body);
        assert.equal(JSON.parse(a.body).code, 'MAESTRO_NOT_FOUND');
        assert.doesNotMatch(a.body, new RegExp(token));
      }
      const metrics = await send(`${server.url}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(metrics.body, /maestro_unauthenticated_requests_total\{reason="token"\} 3/);
      return answers;
    });
    // The harness's normal /sync went to /t/<token>/sync and was answered.
    assertSurvived(report, DEADLINE_MS);
  });
});

test('keep-alive during the drain: answers say Connection: close, and no kept-alive client is reset', async () => {
  const server = await startHostileServer({ args: [...SERVE, '--drain-delay', '1500ms'] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await send(`${server.url}/healthz`, { agent });
    assert.equal(first.status, 200);
    assert.notEqual(first.headers.connection, 'close');
    server.process.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const during = await send(`${server.url}${server.prefix}/sync`, {
      agent,
      body: JSON.stringify(normalSyncBody()),
    });
    assert.equal(during.status, 200);
    assert.equal(during.headers.connection, 'close');
    process.stdout.write(
      `# hostile keep-alive-drain: answer during drain ${during.status} in ${Math.round(during.ms)} ms, Connection: ${during.headers.connection}\n`,
    );
    const exit = await server.process.exited;
    assert.equal(exit.code, 0);
  } finally {
    agent.destroy();
    await server.stop();
  }
});
