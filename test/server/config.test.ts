import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveServeConfig, parseSize, parseDuration, defaults } from '../../src/server/config.ts';
import { MaestroError } from '../../src/errors.ts';

test('with no flags and no environment, serve uses the embedded defaults', () => {
  const c = resolveServeConfig({}, {});
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8080);
  assert.equal(c.tls, undefined);
  assert.equal(c.bodyLimit, 16 * 1024 * 1024);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.shutdownTimeoutMs, defaults.shutdownTimeoutMs);
});

const precedence: Array<{ name: string; flags: object; env: NodeJS.ProcessEnv; port: number }> = [
  {
    name: 'flag beats both variables',
    flags: { port: '1' },
    env: { MAESTRO_PORT: '2', PORT: '3' },
    port: 1,
  },
  { name: 'MAESTRO_PORT beats PORT', flags: {}, env: { MAESTRO_PORT: '2', PORT: '3' }, port: 2 },
  { name: 'PORT, as Knative sets it', flags: {}, env: { PORT: '3' }, port: 3 },
  {
    name: 'an empty variable counts as unset',
    flags: {},
    env: { MAESTRO_PORT: '', PORT: '3' },
    port: 3,
  },
];
for (const c of precedence) {
  test(`port precedence: ${c.name}`, () => {
    assert.equal(resolveServeConfig(c.flags, c.env).port, c.port);
  });
}

test('every setting has an environment fallback', () => {
  const c = resolveServeConfig(
    {},
    {
      MAESTRO_HOST: '0.0.0.0',
      MAESTRO_TLS_CERT: '/c.pem',
      MAESTRO_TLS_KEY: '/k.pem',
      MAESTRO_BODY_LIMIT: '32Mi',
      MAESTRO_LOG_LEVEL: 'debug',
      MAESTRO_SHUTDOWN_TIMEOUT: '10s',
      MAESTRO_DRAIN_DELAY: '500ms',
      MAESTRO_REQUEST_TIMEOUT: '1m',
      MAESTRO_MAX_IN_FLIGHT: '8',
    },
  );
  assert.deepEqual(
    {
      host: c.host,
      tls: c.tls,
      bodyLimit: c.bodyLimit,
      logLevel: c.logLevel,
      shutdownTimeoutMs: c.shutdownTimeoutMs,
      drainDelayMs: c.drainDelayMs,
      requestTimeoutMs: c.requestTimeoutMs,
      maxInFlight: c.maxInFlight,
    },
    {
      host: '0.0.0.0',
      tls: { certFile: '/c.pem', keyFile: '/k.pem' },
      bodyLimit: 32 * 1024 * 1024,
      logLevel: 'debug',
      shutdownTimeoutMs: 10_000,
      drainDelayMs: 500,
      requestTimeoutMs: 60_000,
      maxInFlight: 8,
    },
  );
});

const invalid: Array<{ name: string; flags: object; env: NodeJS.ProcessEnv; names: RegExp }> = [
  {
    name: 'a port that is not a number',
    flags: { port: 'http' },
    env: {},
    names: /--port: "http" is not a whole number/,
  },
  {
    name: 'a port out of range',
    flags: {},
    env: { PORT: '70000' },
    names: /PORT: 70000 is outside 0..65535/,
  },
  {
    name: 'a certificate without a key',
    flags: { 'tls-cert': '/c.pem' },
    env: {},
    names: /--tls-key \(MAESTRO_TLS_KEY\): TLS needs both/,
  },
  {
    name: 'a key without a certificate',
    flags: {},
    env: { MAESTRO_TLS_KEY: '/k' },
    names: /--tls-cert \(MAESTRO_TLS_CERT\)/,
  },
  {
    name: 'an unknown log level',
    flags: { 'log-level': 'loud' },
    env: {},
    names: /--log-level: "loud" is not one of/,
  },
  {
    name: 'a body limit that is not a size',
    flags: {},
    env: { MAESTRO_BODY_LIMIT: 'big' },
    names: /MAESTRO_BODY_LIMIT: "big" is not a size/,
  },
  {
    name: 'a duration with an unknown unit',
    flags: { 'shutdown-timeout': '5h' },
    env: {},
    names: /--shutdown-timeout: "5h" is not a duration/,
  },
];
for (const c of invalid) {
  test(`rejects ${c.name}, naming the flag or variable`, () => {
    assert.throws(
      () => resolveServeConfig(c.flags, c.env),
      (err: unknown) =>
        err instanceof MaestroError &&
        err.code === 'MAESTRO_CONFIG_INVALID' &&
        c.names.test(err.message),
    );
  });
}

test('sizes accept bytes and Kubernetes suffixes', () => {
  assert.deepEqual(['1024', '512Ki', '16Mi', '16MiB', '1M', '2Gi', 'x', '1.5Mi'].map(parseSize), [
    1024,
    512 * 1024,
    16 * 1024 ** 2,
    16 * 1024 ** 2,
    1_000_000,
    2 * 1024 ** 3,
    undefined,
    undefined,
  ]);
});

test('durations accept milliseconds, seconds and minutes', () => {
  assert.deepEqual(['250', '250ms', '3s', '2m', '1h', ''].map(parseDuration), [
    250,
    250,
    3000,
    120_000,
    undefined,
    undefined,
  ]);
});
