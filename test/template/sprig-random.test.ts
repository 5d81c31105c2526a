// The non-deterministic sprig functions (random strings, uuidv4, shuffle,
// randInt, bcrypt, encryptAES, keys and certificates, now/date): their bytes
// cannot match the oracle, so these tests check that the same seed and clock
// give the same output, that another seed gives another output, and the
// structure of what they produce (a certificate parses, has the CN, SANs,
// validity and CA flag asked for, and is signed by the key it names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import { sprigEngine } from './sprig-golden.ts';

const render = (tpl: string, seed: string | number = 1, data: unknown = {}): string =>
  sprigEngine(seed).render('t', tpl, data as never);

const randomTemplates = [
  '{{ randAlphaNum 16 }}',
  '{{ randAlpha 16 }}',
  '{{ randNumeric 16 }}',
  '{{ randAscii 16 }}',
  '{{ uuidv4 }}',
  '{{ shuffle "abcdefghijklmnop" }}',
  '{{ randInt 0 1000000 }}',
  '{{ randBytes 16 }}',
  '{{ encryptAES "key" "some plaintext" }}',
  '{{ bcrypt "pw" }}',
];

test('random functions: same seed, same output; another seed, another output', () => {
  for (const t of randomTemplates) {
    const a = render(t, 'seed-a');
    assert.equal(render(t, 'seed-a'), a, t);
    assert.notEqual(render(t, 'seed-b'), a, t);
  }
});

test('random strings have the asked length and alphabet', () => {
  assert.match(render('{{ randAlphaNum 40 }}'), /^[A-Za-z0-9]{40}$/);
  assert.match(render('{{ randAlpha 40 }}'), /^[A-Za-z]{40}$/);
  assert.match(render('{{ randNumeric 40 }}'), /^[0-9]{40}$/);
  assert.match(render('{{ randAscii 40 }}'), /^[ -~]{40}$/);
  assert.match(
    render('{{ uuidv4 }}'),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.equal(render('{{ randAlphaNum 0 }}'), '');
  assert.deepEqual([...render('{{ shuffle "hello" }}')].sort(), [...'hello'].sort());
  const n = Number(render('{{ randInt 5 10 }}'));
  assert.ok(n >= 5 && n < 10);
});

test('encryptAES output decrypts back with decryptAES', () => {
  assert.equal(render('{{ encryptAES "k" "secret text" | decryptAES "k" }}'), 'secret text');
});

test('bcrypt and htpasswd give $2a$10$ hashes of the right shape', () => {
  assert.match(render('{{ bcrypt "pw" }}'), /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.match(render('{{ htpasswd "user" "pw" }}'), /^user:\$2a\$10\$[./A-Za-z0-9]{53}$/);
});

test('now and date read the caller clock', () => {
  assert.equal(render('{{ now | date "2006-01-02T15:04:05Z07:00" }}'), '2020-09-13T12:26:40Z');
  assert.equal(render('{{ now | unixEpoch }}'), '1600000000');
  assert.equal(render('{{ ago (toDate "2006-01-02" "2020-09-12") }}'), '36h26m40s');
});

const pemBody = (s: string, type: string): string => {
  const m = new RegExp(`-----BEGIN ${type}-----\\n[A-Za-z0-9+/=\\n]+-----END ${type}-----\\n`).exec(
    s,
  );
  assert.ok(m, `a ${type} PEM block in ${s.slice(0, 60)}`);
  return m[0];
};

test('genPrivateKey makes PEM keys that parse, one per type', () => {
  const ec = render('{{ genPrivateKey "ecdsa" }}');
  assert.equal(createPrivateKey(pemBody(ec, 'EC PRIVATE KEY')).asymmetricKeyType, 'ec');
  const ed = render('{{ genPrivateKey "ed25519" }}');
  assert.equal(createPrivateKey(pemBody(ed, 'PRIVATE KEY')).asymmetricKeyType, 'ed25519');
  const rsa = render('{{ genPrivateKey "rsa" }}');
  const k = createPrivateKey(pemBody(rsa, 'RSA PRIVATE KEY'));
  assert.equal(k.asymmetricKeyType, 'rsa');
  assert.equal(k.asymmetricKeyDetails?.modulusLength, 4096);
  assert.equal(render('{{ genPrivateKey "ecdsa" }}'), ec, 'same seed, same key');
});

test('genPrivateKey "dsa" gives Go\'s DSA PRIVATE KEY layout with consistent L2048N256 parameters', () => {
  const out = render('{{ genPrivateKey "dsa" }}', 'dsa');
  const body = pemBody(out, 'DSA PRIVATE KEY').split('\n').slice(1, -2).join('');
  const der = Buffer.from(body, 'base64');
  // SEQUENCE { version, p, q, g, y, x }: read the six INTEGERs.
  const ints: bigint[] = [];
  let pos = der[1] === 0x82 ? 4 : 2;
  while (pos < der.length) {
    assert.equal(der[pos], 0x02);
    let len = der[pos + 1] as number;
    let start = pos + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + (der[start + k] as number);
      start += n;
    }
    ints.push(BigInt('0x' + (der.subarray(start, start + len).toString('hex') || '0')));
    pos = start + len;
  }
  const [version, p, q, g, y, x] = ints as [bigint, bigint, bigint, bigint, bigint, bigint];
  assert.equal(ints.length, 6);
  assert.equal(version, 0n);
  assert.equal(p.toString(2).length, 2048);
  assert.equal(q.toString(2).length, 256);
  assert.equal((p - 1n) % q, 0n);
  const modPow = (b: bigint, e: bigint, m: bigint): bigint => {
    let r = 1n;
    for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
    return r;
  };
  assert.equal(modPow(g, q, p), 1n, 'g has order q');
  assert.equal(modPow(g, x, p), y, 'y = g^x mod p');
});

test('genCA is a CA certificate with the CN and validity asked for, signed by its key', () => {
  const out = render('{{ $ca := genCA "my-ca" 365 }}{{ $ca.Cert }}{{ $ca.Key }}');
  const cert = new X509Certificate(pemBody(out, 'CERTIFICATE'));
  const key = createPrivateKey(pemBody(out, 'RSA PRIVATE KEY'));
  assert.equal(cert.subject, 'CN=my-ca');
  assert.equal(cert.issuer, 'CN=my-ca');
  assert.equal(cert.ca, true);
  assert.equal(new Date(cert.validFrom).toISOString(), '2020-09-13T12:26:40.000Z');
  assert.equal(new Date(cert.validTo).toISOString(), '2021-09-13T12:26:40.000Z');
  assert.ok(cert.verify(createPublicKey(key)), 'self-signed');
  assert.ok(cert.checkPrivateKey(key));
  assert.equal(render('{{ (genCA "my-ca" 365).Cert }}'), render('{{ (genCA "my-ca" 365).Cert }}'));
});

test('genSelfSignedCert carries the IP and DNS SANs', () => {
  const out = render(
    '{{ $c := genSelfSignedCert "svc" (list "10.0.0.1" "::1") (list "a.example" "b.example") 30 }}{{ $c.Cert }}',
  );
  const cert = new X509Certificate(pemBody(out, 'CERTIFICATE'));
  assert.equal(cert.subject, 'CN=svc');
  assert.equal(cert.ca, false);
  assert.equal(
    cert.subjectAltName,
    'DNS:a.example, DNS:b.example, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1',
  );
});

test('genSignedCert is issued and signed by the CA', () => {
  const out = render(
    '{{ $ca := genCA "root" 10 }}{{ $c := genSignedCert "leaf" (list) (list "leaf.svc") 5 $ca }}{{ $ca.Cert }}{{ $c.Cert }}',
  );
  const blocks = out.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
  assert.equal(blocks.length, 2);
  const ca = new X509Certificate(blocks[0] as string);
  const leaf = new X509Certificate(blocks[1] as string);
  assert.equal(leaf.issuer, 'CN=root');
  assert.ok(leaf.checkIssued(ca));
  assert.ok(leaf.verify(ca.publicKey));
  assert.equal(leaf.subjectAltName, 'DNS:leaf.svc');
});

test('the *WithKey forms use the key given (RSA, EC and Ed25519)', () => {
  for (const typ of ['ecdsa', 'ed25519']) {
    const out = render(
      `{{ $k := genPrivateKey "${typ}" }}{{ $ca := genCAWithKey "ca" 1 $k }}{{ $c := genSignedCertWithKey "x" (list) (list) 1 $ca $k }}{{ $ca.Cert }}{{ $c.Cert }}{{ $k }}`,
    );
    const certs =
      out.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
    const ca = new X509Certificate(certs[0] as string);
    const leaf = new X509Certificate(certs[1] as string);
    assert.ok(ca.verify(ca.publicKey), `${typ}: CA self-signature`);
    assert.ok(leaf.verify(ca.publicKey), `${typ}: leaf signed by the CA`);
  }
});

test('the *WithKey forms sign with P-384 and P-521 keys too (hash per curve, as Go)', () => {
  for (const namedCurve of ['P-384', 'P-521']) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve });
    const keyPem = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
    const out = sprigEngine(1).render(
      't',
      '{{ $ca := genCAWithKey "ca" 1 .k }}{{ $ca.Cert }}{{ $ca.Key }}',
      { k: keyPem } as never,
    );
    const cert = new X509Certificate(pemBody(out, 'CERTIFICATE'));
    assert.ok(cert.verify(createPublicKey(privateKey)), `${namedCurve}: signature verifies`);
    assert.ok(cert.checkPrivateKey(createPrivateKey(pemBody(out, 'EC PRIVATE KEY'))));
  }
});

test('buildCustomCert round-trips a generated CA', () => {
  assert.equal(
    render(
      '{{ $ca := genCA "x" 1 }}{{ $b := buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Key) }}{{ eq $b.Key $ca.Key }}',
    ),
    'true',
  );
});

test("Go's x509 (the oracle) accepts Maestro's certificates and keys", async (t) => {
  const { existsSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const oraclePath =
    process.env.MAESTRO_ORACLE ??
    new URL('../../.cache/oracle/gotemplate', import.meta.url).pathname;
  if (!existsSync(oraclePath)) {
    t.skip('the Go oracle is not built (node scripts/oracle.mjs --build)');
    return;
  }
  const parts = render(
    '{{ $ca := genCA "root" 10 }}{{ $c := genSignedCert "leaf" (list "1.2.3.4") (list "leaf.svc") 5 $ca }}' +
      '{{ $ca.Cert | b64enc }} {{ $ca.Key | b64enc }} {{ $c.Cert | b64enc }} {{ $c.Key | b64enc }} ' +
      '{{ genPrivateKey "ecdsa" | b64enc }} {{ genPrivateKey "ed25519" | b64enc }}',
  ).split(' ');
  const [caCert, caKey, leafCert, leafKey, ecKey, edKey] = parts;
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' })
    .privateKey.export({ format: 'pem', type: 'sec1' })
    .toString();
  const p384ca = sprigEngine(2)
    .render(
      't',
      '{{ $ca := genCAWithKey "c" 1 .k }}{{ $ca.Cert | b64enc }} {{ $ca.Key | b64enc }}',
      {
        k: p384,
      } as never,
    )
    .split(' ');
  const templates = [
    `{{ $b := buildCustomCert "${caCert}" "${caKey}" }}ok`,
    `{{ $b := buildCustomCert "${leafCert}" "${leafKey}" }}ok`,
    `{{ $ca := buildCustomCert "${caCert}" "${caKey}" }}{{ $c := genSignedCert "x" (list) (list) 1 $ca }}ok`,
    `{{ $c := genCAWithKey "x" 1 (b64dec "${ecKey}") }}ok`,
    `{{ $c := genCAWithKey "x" 1 (b64dec "${edKey}") }}ok`,
    `{{ $ca := buildCustomCert "${p384ca[0]}" "${p384ca[1]}" }}{{ $c := genSignedCert "x" (list) (list) 1 $ca }}ok`,
  ];
  const input =
    templates.map((tpl) => JSON.stringify({ template: tpl, data: {} })).join('\n') + '\n';
  const out = execFileSync(oraclePath, [], { input }).toString().trim().split('\n');
  assert.deepEqual(
    out.map((l) => JSON.parse(l) as unknown),
    templates.map(() => ({ ok: true, out: 'ok' })),
  );
});
