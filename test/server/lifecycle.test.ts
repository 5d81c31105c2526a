// A real server process: SIGTERM drains it the way Kubernetes expects, and
// the Metacontroller surfaces shed load while admission and conversion never
// answer with Retry-After.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, spawnServer } from '../support/http.ts';
import { waitFor } from '../support/wait.ts';

const started = (logs: Array<Record<string, unknown>>, n: number) => () =>
  logs.filter((l) => l.msg === 'slow handler started').length >= n;

const testServer = [
  '--import',
  'tsx',
  new URL('../support/test-server.ts', import.meta.url).pathname,
];

test('SIGTERM: readiness goes 503, the in-flight request completes, and the process exits in time', async () => {
  const server = await spawnServer([
    ...testServer,
    '--port',
    '0',
    '--drain-delay',
    '1500ms',
    '--shutdown-timeout',
    '10s',
  ]);
  try {
    const slow = request(`${server.url}/test/metacontroller/slow?ms=1200`, {
      method: 'POST',
      body: '{}',
    });
    await waitFor(started(server.logs, 1), 'the slow request to be in flight');
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await waitFor(() => server.logs.some((l) => l.msg === 'draining'), 'the drain to start');
    const ready = await request(`${server.url}/readyz`);
    assert.equal(ready.status, 503, 'readiness is withdrawn while draining');
    assert.match(JSON.parse(ready.body).reason, /SIGTERM/);
    assert.equal(
      (await request(`${server.url}/healthz`)).status,
      200,
      'liveness stays up while draining',
    );
    const done = await slow;
    assert.equal(done.status, 200, 'the in-flight request completed');
    assert.deepEqual(JSON.parse(done.body), { slept: 1200 });
    const exit = await server.exited;
    assert.equal(exit.code, 0);
    assert.ok(Date.now() - signalledAt < 10_000, 'exited before the shutdown timeout');
    assert.ok(server.logs.some((l) => l.msg === 'draining'));
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('a request still running at the shutdown timeout is cut off and the process exits 1', async () => {
  const server = await spawnServer([
    ...testServer,
    '--port',
    '0',
    '--drain-delay',
    '0',
    '--shutdown-timeout',
    '700ms',
  ]);
  try {
    const stuck = request(`${server.url}/test/metacontroller/slow?ms=20000`, {
      method: 'POST',
      body: '{}',
    }).catch((err: Error) => err);
    await waitFor(started(server.logs, 1), 'the slow request to be in flight');
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    assert.equal(exit.code, 1, 'an unclean shutdown says so');
    assert.ok(
      Date.now() - signalledAt < 5_000,
      `exited ${Date.now() - signalledAt} ms after SIGTERM`,
    );
    assert.ok((await stuck) instanceof Error, 'the stuck request was closed, not answered');
    assert.ok(
      server.logs.some((l) => typeof l.msg === 'string' && /shutdown timed out/.test(l.msg)),
    );
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('over the in-flight limit, Metacontroller surfaces answer 429 with Retry-After; admission and conversion do not', async () => {
  const server = await spawnServer([
    ...testServer,
    '--port',
    '0',
    '--max-in-flight',
    '2',
    '--drain-delay',
    '0',
  ]);
  try {
    const busy = [1, 2].map(() =>
      request(`${server.url}/test/metacontroller/slow?ms=800`, { method: 'POST', body: '{}' }),
    );
    await waitFor(started(server.logs, 2), 'both slow requests to be in flight');
    const shed = await request(`${server.url}/test/metacontroller/echo`, {
      method: 'POST',
      body: '{"a":1}',
    });
    assert.equal(shed.status, 429);
    assert.equal(shed.headers['retry-after'], '1');
    assert.equal(JSON.parse(shed.body).code, 'MAESTRO_OVERLOADED');

    for (const kind of ['admission', 'conversion']) {
      const res = await request(`${server.url}/test/${kind}/echo`, {
        method: 'POST',
        body: '{"a":1}',
      });
      assert.equal(res.status, 200, `${kind} is not shed`);
      assert.equal(res.headers['retry-after'], undefined, `${kind} never sends Retry-After`);
    }
    for (const res of await Promise.all(busy)) assert.equal(res.status, 200);
    const after = await request(`${server.url}/test/metacontroller/echo`, {
      method: 'POST',
      body: '{"a":1}',
    });
    assert.equal(after.status, 200, 'slots are released when requests finish');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

test('with OTEL_TRACES_EXPORTER set, log lines inside a request carry its trace id', async () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const server = await spawnServer([...testServer, '--port', '0', '--drain-delay', '0'], {
    OTEL_TRACES_EXPORTER: 'console',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  });
  try {
    const res = await request(`${server.url}/test/metacontroller/echo`, {
      method: 'POST',
      body: '{"x":1}',
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    assert.equal(res.status, 200);
    const line = await waitFor(
      () => server.logs.find((l) => l.msg === 'echo handler ran'),
      'the handler to log',
    );
    assert.equal(line.trace_id, traceId);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
