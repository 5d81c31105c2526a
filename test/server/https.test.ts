// The server over real loopback HTTPS, called the way kube-apiserver calls a
// webhook: the client trusts only the test CA, checks the Service DNS name,
// and speaks HTTP/1.1 on a kept-alive connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import { Writable } from 'node:stream';
import { resolveServeConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';
import { createTestCa } from '../support/certs.ts';
import { request } from '../support/http.ts';
import { allTestSurfaces } from '../support/test-surfaces.ts';

const SERVICE_NAME = 'maestro.maestro-system.svc';

async function writeAtomically(path: string, text: string): Promise<void> {
  // As the kubelet updates a mounted Secret: write aside, then rename over.
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

test('HTTPS only, verified by CA and server name, HTTP/1.1, with certificate rotation', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'maestro-tls-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const ca = await createTestCa();
  const first = await ca.issue([SERVICE_NAME, 'maestro.maestro-system.svc.cluster.local']);
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  await writeFile(certFile, first.certPem);
  await writeFile(keyFile, first.keyPem);

  const config = resolveServeConfig(
    {
      port: '0',
      'tls-cert': certFile,
      'tls-key': keyFile,
      'log-level': 'silent',
      'drain-delay': '0',
    },
    {},
  );
  // The log lines, read by the test: a refused reload is only visible there.
  const logLines: { level: number; msg: string; err?: { message?: string } }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') logLines.push(JSON.parse(line));
      done();
    },
  });
  const server = await startServer(config, {
    surfaces: allTestSurfaces,
    env: {},
    handleSignals: false,
    logger: { level: 'info', stream },
  });
  t.after(() => server.shutdown('test end'));
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const opts = { ca: ca.certPem, servername: SERVICE_NAME };

  await t.test(
    'a verifying client gets answers over HTTP/1.1 with the first certificate',
    async () => {
      const res = await request(`${server.url}/healthz`, opts);
      assert.equal(res.status, 200);
      assert.equal(res.httpVersion, '1.1');
      assert.equal(res.peerFingerprint, first.fingerprint);
      const echo = await request(`${server.url}/test/admission/echo`, {
        ...opts,
        method: 'POST',
        body: JSON.stringify({ uid: 'u-1' }),
      });
      assert.equal(echo.status, 200);
      assert.deepEqual(JSON.parse(echo.body), { uid: 'u-1' });
    },
  );

  await t.test('plain HTTP on the same port is refused', async () => {
    await assert.rejects(request(server.url.replace('https:', 'http:') + '/healthz'));
  });

  await t.test('a client that trusts another CA rejects the server', async () => {
    const other = await createTestCa('other-ca');
    await assert.rejects(
      request(`${server.url}/healthz`, { ca: other.certPem, servername: SERVICE_NAME }),
      /certificate/,
    );
  });

  await t.test('a client that expects another name rejects the server', async () => {
    await assert.rejects(
      request(`${server.url}/healthz`, { ca: ca.certPem, servername: 'evil.default.svc' }),
      /does not match|altnames/i,
    );
  });

  await t.test(
    'after rotation, new handshakes see the new certificate and the old connection keeps working',
    async () => {
      const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
      t.after(() => agent.destroy());
      const before = await request(`${server.url}/healthz`, { ...opts, agent });
      assert.equal(before.peerFingerprint, first.fingerprint);

      const second = await ca.issue([SERVICE_NAME]);
      await writeAtomically(keyFile, second.keyPem);
      await writeAtomically(certFile, second.certPem);
      // The watcher reacts to the rename; poll until a fresh handshake shows the new certificate.
      const deadline = Date.now() + 10_000;
      let fresh = await request(`${server.url}/healthz`, opts);
      while (fresh.peerFingerprint !== second.fingerprint && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        fresh = await request(`${server.url}/healthz`, opts);
      }
      assert.equal(
        fresh.peerFingerprint,
        second.fingerprint,
        'a new connection gets the rotated certificate',
      );

      const reused = await request(`${server.url}/healthz`, { ...opts, agent });
      assert.equal(reused.status, 200);
      assert.equal(
        reused.reusedSocket,
        true,
        'the request went over the connection opened before rotation',
      );
      assert.equal(
        reused.peerFingerprint,
        first.fingerprint,
        'that connection still has the old certificate',
      );
    },
  );

  await t.test(
    'a mismatched pair on disk is refused and the current certificate stays',
    async () => {
      const third = await ca.issue([SERVICE_NAME]);
      const current = (await request(`${server.url}/healthz`, opts)).peerFingerprint;
      const refusedBefore = logLines.filter((l) => /cannot be used yet/.test(l.msg)).length;
      const reloadsBefore = logLines.filter((l) => l.msg === 'TLS certificate reloaded').length;
      await writeAtomically(certFile, third.certPem); // the key is still the previous one
      // Wait until the reloader has read the new files and refused them.
      const deadline = Date.now() + 15_000;
      let refused: (typeof logLines)[number] | undefined;
      while (refused === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
        refused = logLines.filter((l) => /cannot be used yet/.test(l.msg))[refusedBefore];
      }
      assert.ok(refused, 'the reloader read the mismatched pair and logged that it refused it');
      assert.match(refused.err?.message ?? '', /not a usable pair/);
      assert.equal(
        logLines.filter((l) => l.msg === 'TLS certificate reloaded').length,
        reloadsBefore,
        'no certificate was installed',
      );
      const res = await request(`${server.url}/healthz`, opts);
      assert.equal(res.status, 200);
      assert.equal(res.peerFingerprint, current);
    },
  );
});

test('serve refuses to start when the TLS files are unreadable, naming the file', async () => {
  const config = resolveServeConfig(
    {
      port: '0',
      'tls-cert': '/nonexistent/tls.crt',
      'tls-key': '/nonexistent/tls.key',
      'log-level': 'silent',
    },
    {},
  );
  await assert.rejects(
    startServer(config, { surfaces: [], env: {}, handleSignals: false }),
    (err: Error & { code?: string }) =>
      err.code === 'MAESTRO_TLS_LOAD_FAILED' && /\/nonexistent\/tls\.crt/.test(err.message),
  );
});
