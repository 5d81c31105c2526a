// sprig's key and certificate functions (genPrivateKey, genCA, genSelfSignedCert,
// genSignedCert, their *WithKey forms, buildCustomCert). Go's bytes cannot be
// reproduced (keys and serials are random), but the structure is Go's: the
// same PEM block types, the same X.509 fields and extensions in Go's order
// (key usage, extended key usage, basic constraints, key identifiers, SANs),
// and the randomness comes from the render's seeded source, so a render is
// repeatable. RSA primes are drawn from that source and tested by OpenSSL;
// RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic by construction,
// and ECDSA signs with a nonce from the same source.
import {
  X509Certificate,
  checkPrimeSync,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  sign as edSign,
  type KeyObject,
} from 'node:crypto';
import { FuncError, goFunc, type CallContext, type FuncMap, type RandomSource } from '../funcs.ts';
import { GoObject, type GoMap, type GoValue, type Kind } from '../value.ts';
import * as A from './asn1.ts';
import { b64decode, b64encode, CorruptInput } from './encoding.ts';
import { fromUtf8, utf8 } from './gostr.ts';
import { typeOf } from './reflect.ts';

/** sprig's `certificate` struct: {Cert, Key} PEM strings. */
export class Certificate extends GoObject {
  readonly goType = 'sprig.certificate';
  readonly goKind: Kind = 'struct';
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  override fieldNames(): readonly string[] {
    return ['Cert', 'Key'];
  }
  override field(name: string): GoValue | undefined {
    return name === 'Cert' ? this.cert : name === 'Key' ? this.key : undefined;
  }
  jsonValue(): GoValue {
    return { Cert: this.cert, Key: this.key } as GoMap;
  }
  goEqual(o: GoObject): boolean {
    return o instanceof Certificate && o.cert === this.cert && o.key === this.key;
  }
}

type Key =
  | {
      kind: 'rsa';
      n: bigint;
      e: bigint;
      d: bigint;
      p: bigint;
      q: bigint;
      dp: bigint;
      dq: bigint;
      qi: bigint;
    }
  | { kind: 'ec'; curve: Curve; d: bigint; pub: Uint8Array }
  | { kind: 'ed25519'; seed: Uint8Array; pub: Uint8Array }
  | { kind: 'dsa'; p: bigint; q: bigint; g: bigint; y: bigint; x: bigint };

// ------------------------------------------------------------------ numbers
const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    e >>= 1n;
    b = (b * b) % m;
  }
  return r;
}
function modInv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const randBig = (r: RandomSource, bits: number): bigint =>
  A.toBig(r.bytes(Math.ceil(bits / 8))) & ((1n << BigInt(bits)) - 1n);

const smallPrimes: number[] = [];
for (let i = 3; smallPrimes.length < 1500; i += 2) {
  if (smallPrimes.every((p) => p * p > i || i % p !== 0)) smallPrimes.push(i);
}

// A random prime of exactly `bits` bits with the top two bits set (so that
// p*q has exactly twice the bits), found by an incremental sieve.
function randomPrime(ctx: CallContext, bits: number): bigint {
  for (;;) {
    ctx.charge(1000);
    const base = randBig(ctx.rand, bits) | (3n << BigInt(bits - 2)) | 1n;
    const rems = smallPrimes.map((p) => Number(base % BigInt(p)));
    for (let delta = 0; delta < 1 << 16; delta += 2) {
      if (rems.some((r, i) => (r + delta) % (smallPrimes[i] as number) === 0)) continue;
      const c = base + BigInt(delta);
      if (c >> BigInt(bits) !== 0n) break;
      ctx.charge(100);
      if (checkPrimeSync(c, { checks: 32 })) return c;
    }
  }
}

function rsaKey(ctx: CallContext, bits: number): Key {
  ctx.chargeCostly(bits >= 4096 ? 32 : 4, `${bits}-bit RSA key`);
  const e = 65537n;
  for (;;) {
    const p = randomPrime(ctx, bits / 2);
    const q = randomPrime(ctx, bits / 2);
    if (p === q || gcd(e, p - 1n) !== 1n || gcd(e, q - 1n) !== 1n) continue;
    const n = p * q;
    if (n.toString(2).length !== bits) continue;
    const d = modInv(e, (p - 1n) * (q - 1n));
    return { kind: 'rsa', n, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInv(q, p) };
  }
}

// ------------------------------------------------------------------ NIST curves
// The curves Go's crypto/elliptic supports for keys given to the *WithKey
// functions (sprig generates P-256). Each signs with the hash Go's x509 picks.
interface Curve {
  jwk: string;
  ecdh: string;
  oid: string;
  sigOid: string;
  hash: string;
  size: number;
  p: bigint;
  n: bigint;
}
const curves: Curve[] = [
  {
    jwk: 'P-256',
    ecdh: 'prime256v1',
    oid: '1.2.840.10045.3.1.7',
    sigOid: '1.2.840.10045.4.3.2',
    hash: 'sha256',
    size: 32,
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  {
    jwk: 'P-384',
    ecdh: 'secp384r1',
    oid: '1.3.132.0.34',
    sigOid: '1.2.840.10045.4.3.3',
    hash: 'sha384',
    size: 48,
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
  {
    jwk: 'P-521',
    ecdh: 'secp521r1',
    oid: '1.3.132.0.35',
    sigOid: '1.2.840.10045.4.3.4',
    hash: 'sha512',
    size: 66,
    p: 2n ** 521n - 1n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  },
];
const P256 = curves[0] as Curve;

type Pt = [bigint, bigint] | null;
function ptAdd(a: Pt, b: Pt, P: bigint): Pt {
  if (!a) return b;
  if (!b) return a;
  if (a[0] === b[0]) {
    if (mod(a[1] + b[1], P) === 0n) return null;
    const l = mod((3n * a[0] * a[0] - 3n) * modInv(2n * a[1], P), P);
    const x = mod(l * l - 2n * a[0], P);
    return [x, mod(l * (a[0] - x) - a[1], P)];
  }
  const l = mod((b[1] - a[1]) * modInv(b[0] - a[0], P), P);
  const x = mod(l * l - a[0] - b[0], P);
  return [x, mod(l * (a[0] - x) - a[1], P)];
}
function ptMul(k: bigint, pt: Pt, P: bigint): Pt {
  let r: Pt = null;
  let addend = pt;
  while (k > 0n) {
    if (k & 1n) r = ptAdd(r, addend, P);
    addend = ptAdd(addend, addend, P);
    k >>= 1n;
  }
  return r;
}
function ecPublic(c: Curve, d: bigint): Uint8Array {
  const ecdh = createECDH(c.ecdh);
  ecdh.setPrivateKey(A.bigBytes(d, c.size));
  return new Uint8Array(ecdh.getPublicKey());
}
function generator(c: Curve): [bigint, bigint] {
  // The public key of the private key 1 is the base point.
  const g = ecPublic(c, 1n);
  return [A.toBig(g.subarray(1, 1 + c.size)), A.toBig(g.subarray(1 + c.size))];
}
function ecKey(ctx: CallContext): Key {
  const d = (randBig(ctx.rand, 320) % (P256.n - 1n)) + 1n;
  return { kind: 'ec', curve: P256, d, pub: ecPublic(P256, d) };
}
// ECDSA with the nonce drawn from the seeded source (Go's hashToInt truncation).
function ecdsaSign(ctx: CallContext, c: Curve, d: bigint, msg: Uint8Array): Uint8Array {
  const N = c.n;
  const nBits = N.toString(2).length;
  let hash: Uint8Array = new Uint8Array(createHash(c.hash).update(msg).digest());
  const nBytes = Math.ceil(nBits / 8);
  if (hash.length > nBytes) hash = hash.subarray(0, nBytes);
  let z = A.toBig(hash);
  const excess = hash.length * 8 - nBits;
  if (excess > 0) z >>= BigInt(excess);
  const G = generator(c);
  for (;;) {
    ctx.charge(1000);
    const k = (randBig(ctx.rand, nBits + 64) % (N - 1n)) + 1n;
    const R = ptMul(k, G, c.p);
    if (!R) continue;
    const r = R[0] % N;
    if (r === 0n) continue;
    const s2 = mod(modInv(k, N) * (z + r * d), N);
    if (s2 === 0n) continue;
    return A.seq(A.int(r), A.int(s2));
  }
}

function edKey(ctx: CallContext): Key {
  const seed = ctx.rand.bytes(32);
  return { kind: 'ed25519', seed, pub: edPublic(seed) };
}
// DSA L2048N256 parameters and a key, in Go's layout. Go draws p at random
// until one is prime; here p runs through 1 + 2kq from a random start with a
// sieve of small primes, which finds one in a fraction of the time.
function dsaKey(ctx: CallContext): Key {
  ctx.chargeCostly(16, 'DSA key');
  const L = 2048;
  let p = 0n;
  let q = 0n;
  search: for (;;) {
    ctx.charge(1000);
    const qb = ctx.rand.bytes(32);
    qb[31] = (qb[31] as number) | 1;
    qb[0] = (qb[0] as number) | 0x80;
    q = A.toBig(qb);
    if (!checkPrimeSync(q, { checks: 32 })) continue;
    const step = 2n * q;
    const pb = ctx.rand.bytes(L / 8);
    pb[0] = (pb[0] as number) | 0x80;
    let base = A.toBig(pb);
    base = base - (base % step) + 1n;
    if (base.toString(2).length < L) base += step;
    const cur = smallPrimes.map((sp) => Number(base % BigInt(sp)));
    const inc = smallPrimes.map((sp) => Number(step % BigInt(sp)));
    for (let k = 0; k < 1 << 14; k++) {
      let composite = false;
      for (let j = 0; j < cur.length; j++) {
        if (cur[j] === 0) composite = true;
        cur[j] = ((cur[j] as number) + (inc[j] as number)) % (smallPrimes[j] as number);
      }
      if (composite) continue;
      const c = base + BigInt(k) * step;
      if (c.toString(2).length !== L) continue search;
      ctx.charge(100);
      if (checkPrimeSync(c, { checks: 32 })) {
        p = c;
        break search;
      }
    }
  }
  const e = (p - 1n) / q;
  let h = 2n;
  let g = modPow(h, e, p);
  while (g === 1n) {
    h++;
    g = modPow(h, e, p);
  }
  let x = 0n;
  while (x === 0n || x >= q) x = A.toBig(ctx.rand.bytes(32));
  return { kind: 'dsa', p, q, g, y: modPow(g, x, p), x };
}

const edPkcs8 = (seed: Uint8Array): Uint8Array =>
  A.seq(A.int(0), A.seq(A.oid('1.3.101.112')), A.octets(A.octets(seed)));
function edPublic(seed: Uint8Array): Uint8Array {
  const k = createPrivateKey({ key: Buffer.from(edPkcs8(seed)), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(k).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

// ------------------------------------------------------------------ encodings

function pem(type: string, der: Uint8Array): string {
  const b = b64encode(der);
  const lines = b.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${type}-----\n`;
}

function pkcs1(k: Extract<Key, { kind: 'rsa' }>): Uint8Array {
  return A.seq(
    A.int(0),
    A.int(k.n),
    A.int(k.e),
    A.int(k.d),
    A.int(k.p),
    A.int(k.q),
    A.int(k.dp),
    A.int(k.dq),
    A.int(k.qi),
  );
}

/** sprig's pemBlockForKey. */
function keyPem(k: Key): string {
  switch (k.kind) {
    case 'rsa':
      return pem('RSA PRIVATE KEY', pkcs1(k));
    case 'ec':
      return pem(
        'EC PRIVATE KEY',
        A.seq(
          A.int(1),
          A.octets(A.bigBytes(k.d, k.curve.size)),
          A.explicit(0, A.oid(k.curve.oid)),
          A.explicit(1, A.bitString(k.pub)),
        ),
      );
    case 'ed25519':
      return pem('PRIVATE KEY', edPkcs8(k.seed));
    case 'dsa':
      return pem(
        'DSA PRIVATE KEY',
        A.seq(A.int(0), A.int(k.p), A.int(k.q), A.int(k.g), A.int(k.y), A.int(k.x)),
      );
  }
}

function publicKeyBits(k: Exclude<Key, { kind: 'dsa' }>): Uint8Array {
  return k.kind === 'rsa' ? A.seq(A.int(k.n), A.int(k.e)) : k.pub;
}

type SignerKey = Exclude<Key, { kind: 'dsa' }>;
function spki(k: SignerKey): Uint8Array {
  switch (k.kind) {
    case 'rsa':
      return A.seq(
        A.seq(A.oid('1.2.840.113549.1.1.1'), A.nullDer()),
        A.bitString(publicKeyBits(k)),
      );
    case 'ec':
      return A.seq(A.seq(A.oid('1.2.840.10045.2.1'), A.oid(k.curve.oid)), A.bitString(k.pub));
    case 'ed25519':
      return A.seq(A.seq(A.oid('1.3.101.112')), A.bitString(k.pub));
  }
}
function sigAlg(k: SignerKey): Uint8Array {
  switch (k.kind) {
    case 'rsa':
      return A.seq(A.oid('1.2.840.113549.1.1.11'), A.nullDer());
    case 'ec':
      return A.seq(A.oid(k.curve.sigOid));
    case 'ed25519':
      return A.seq(A.oid('1.3.101.112'));
  }
}
function signWith(ctx: CallContext, k: SignerKey, tbs: Uint8Array): Uint8Array {
  switch (k.kind) {
    case 'rsa': {
      const ko = createPrivateKey({ key: Buffer.from(pkcs1(k)), format: 'der', type: 'pkcs1' });
      return new Uint8Array(createSign('sha256').update(tbs).sign(ko));
    }
    case 'ec':
      return ecdsaSign(ctx, k.curve, k.d, tbs);
    case 'ed25519': {
      const ko = createPrivateKey({
        key: Buffer.from(edPkcs8(k.seed)),
        format: 'der',
        type: 'pkcs8',
      });
      return new Uint8Array(edSign(null, tbs, ko));
    }
  }
}

// ------------------------------------------------------------------ parsing keys
function pemDecode(s: string): { type: string; der: Uint8Array } | null {
  const m = /-----BEGIN ([^\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/.exec(s);
  if (!m) return null;
  const body = (m[2] as string)
    .split(/\r?\n/)
    .filter((l) => !l.includes(':'))
    .join('');
  try {
    return { type: m[1] as string, der: b64decode(body) };
  } catch (e) {
    if (e instanceof CorruptInput) return null;
    throw e;
  }
}

function fromKeyObject(ko: KeyObject): Key {
  const t = ko.asymmetricKeyType;
  const jwk = ko.export({ format: 'jwk' });
  const big = (s: string | undefined): bigint => A.toBig(Buffer.from(s ?? '', 'base64url'));
  if (t === 'rsa') {
    return {
      kind: 'rsa',
      n: big(jwk.n),
      e: big(jwk.e),
      d: big(jwk.d),
      p: big(jwk.p),
      q: big(jwk.q),
      dp: big(jwk.dp),
      dq: big(jwk.dq),
      qi: big(jwk.qi),
    };
  }
  if (t === 'ec') {
    const curve = curves.find((c) => c.jwk === jwk.crv);
    if (!curve) throw new FuncError(`x509: unsupported elliptic curve ${jwk.crv ?? '?'}`);
    return {
      kind: 'ec',
      curve,
      d: big(jwk.d),
      pub: A.concat([
        Uint8Array.of(4),
        A.bigBytes(big(jwk.x), curve.size),
        A.bigBytes(big(jwk.y), curve.size),
      ]),
    };
  }
  if (t === 'ed25519') {
    const seed = new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url'));
    return { kind: 'ed25519', seed, pub: new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url')) };
  }
  throw new FuncError(`x509: unknown key type ${t ?? ''}`);
}

/** sprig's parsePrivateKeyPEM, with Go's error texts. */
function parsePrivateKey(s: string): Key {
  const block = pemDecode(s);
  if (!block) throw new FuncError('no PEM data in input');
  const der = Buffer.from(block.der);
  if (block.type === 'PRIVATE KEY') {
    try {
      return fromKeyObject(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    } catch (e) {
      if (e instanceof FuncError) throw e;
      throw new FuncError('decoding PEM as PKCS#8: x509: malformed PKCS#8 private key');
    }
  }
  if (!block.type.endsWith(' PRIVATE KEY'))
    throw new FuncError(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -12);
  try {
    if (kind === 'RSA')
      return fromKeyObject(createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
    if (kind === 'EC')
      return fromKeyObject(createPrivateKey({ key: der, format: 'der', type: 'sec1' }));
  } catch (e) {
    if (e instanceof FuncError) throw e;
    throw new FuncError(`parsing ${kind} private key from PEM: x509: malformed private key`);
  }
  if (kind === 'DSA') {
    try {
      const top = A.read(block.der, 0);
      const ints = A.children(block.der, top.start, top.end).map((c) =>
        A.toBig(block.der.subarray(c.start, c.end)),
      );
      const [, p, q, g, y, x] = ints;
      if (
        ints.length !== 6 ||
        p === undefined ||
        q === undefined ||
        g === undefined ||
        y === undefined ||
        x === undefined
      ) {
        throw new Error('asn1: syntax error: sequence truncated');
      }
      return { kind: 'dsa', p, q, g, y, x };
    } catch (e) {
      throw new FuncError(`parsing DSA private key from PEM: ${(e as Error).message}`);
    }
  }
  throw new FuncError(`invalid private key type ${block.type}`);
}

// ------------------------------------------------------------------ certificates
interface Template {
  cn: string;
  ips: Uint8Array[];
  dns: string[];
  days: bigint;
  isCA: boolean;
}

function name(cn: string): Uint8Array {
  if (cn === '') return A.seq();
  const str = /^[A-Za-z0-9 '()+,\-./:=?*]*$/.test(cn) ? A.printableStr(cn) : A.utf8Str(cn);
  return A.seq(A.set(A.seq(A.oid('2.5.4.3'), str)));
}

function ext(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? A.seq(A.oid(id), A.bool(true), A.octets(value))
    : A.seq(A.oid(id), A.octets(value));
}

interface Issuer {
  subject: Uint8Array;
  ski: Uint8Array | null;
  key: Key;
}

function createCertificate(
  ctx: CallContext,
  t: Template,
  key0: Key,
  issuer: Issuer | null,
): string {
  ctx.charge(10000);
  ctx.chargeCostly(1, 'certificate signature');
  // Go's x509.CreateCertificate cannot sign with DSA, nor certify a DSA key.
  const signer0 = issuer ? issuer.key : key0;
  if (signer0.kind === 'dsa') {
    throw new FuncError(
      'error creating certificate: x509: certificate private key does not implement crypto.Signer',
    );
  }
  if (key0.kind === 'dsa') {
    throw new FuncError(
      'error creating certificate: x509: unsupported public key type: *dsa.PublicKey',
    );
  }
  const key: SignerKey = key0;
  const serial = randBig(ctx.rand, 128);
  const nowSec = ctx.now() / 1000000000n;
  const subject = name(t.cn);
  const ski = t.isCA
    ? new Uint8Array(createHash('sha1').update(publicKeyBits(key)).digest())
    : null;
  const issuerName = issuer ? issuer.subject : subject;
  const signer: SignerKey = signer0;
  const aki =
    issuer && Buffer.compare(Buffer.from(issuerName), Buffer.from(subject)) !== 0
      ? issuer.ski
      : null;
  const ku = t.isCA ? Uint8Array.of(0x02, 0xa4) : Uint8Array.of(0x05, 0xa0);
  const exts: Uint8Array[] = [
    ext('2.5.29.15', true, A.tlv(0x03, ku)),
    ext('2.5.29.37', false, A.seq(A.oid('1.3.6.1.5.5.7.3.1'), A.oid('1.3.6.1.5.5.7.3.2'))),
    ext('2.5.29.19', true, t.isCA ? A.seq(A.bool(true)) : A.seq()),
  ];
  if (ski) exts.push(ext('2.5.29.14', false, A.octets(ski)));
  if (aki && aki.length > 0) exts.push(ext('2.5.29.35', false, A.seq(A.tlv(0x80, aki))));
  if (t.dns.length > 0 || t.ips.length > 0) {
    const names = [
      ...t.dns.map((d) => A.tlv(0x82, utf8(d))),
      ...t.ips.map((ip) => A.tlv(0x87, ip)),
    ];
    exts.push(ext('2.5.29.17', t.cn === '', A.seq(...names)));
  }
  const tbs = A.seq(
    A.explicit(0, A.int(2)),
    A.int(serial),
    sigAlg(signer),
    issuerName,
    A.seq(A.time(nowSec), A.time(nowSec + 86400n * t.days)),
    subject,
    spki(key),
    A.explicit(3, A.seq(...exts)),
  );
  const sig = signWith(ctx, signer, tbs);
  return pem('CERTIFICATE', A.seq(tbs, sigAlg(signer), A.bitString(sig)));
}

/** Reads what signing needs from a CA certificate: its subject and key identifier. */
function readIssuer(der: Uint8Array): { subject: Uint8Array; ski: Uint8Array | null } {
  const cert = A.read(der, 0);
  const tbs = A.children(der, cert.start, cert.end)[0];
  if (!tbs) throw new Error('asn1: empty certificate');
  const f = A.children(der, tbs.start, tbs.end);
  const off = f[0]?.tag === 0xa0 ? 1 : 0;
  const subj = f[off + 4];
  if (!subj) throw new Error('asn1: short certificate');
  let ski: Uint8Array | null = null;
  const extsField = f.find((x) => x.tag === 0xa3);
  if (extsField) {
    const list = A.read(der, extsField.start);
    for (const e of A.children(der, list.start, list.end)) {
      const parts = A.children(der, e.start, e.end);
      const id = parts[0];
      if (
        id &&
        Buffer.from(der.subarray(id.start, id.end)).equals(Buffer.from([0x55, 0x1d, 0x0e]))
      ) {
        const val = parts[parts.length - 1] as { start: number; end: number };
        const inner = A.read(der, val.start);
        ski = der.slice(inner.start, inner.end);
      }
    }
  }
  return { subject: der.slice(subj.hdr, subj.end), ski };
}

function parseIPs(v: GoValue[] | null): Uint8Array[] {
  if (!v) return [];
  return v.map((ip) => {
    if (typeof ip !== 'string')
      throw new FuncError(`error parsing ip: ${sprintAny(ip)} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new FuncError(`error parsing ip: ${ip}`);
    return b;
  });
}
function parseDNS(v: GoValue[] | null): string[] {
  if (!v) return [];
  return v.map((d) => {
    if (typeof d !== 'string')
      throw new FuncError(`error processing alternate dns name: ${sprintAny(d)} is not a string`);
    return d;
  });
}
const sprintAny = (v: GoValue): string => {
  // %v of a list element.
  if (v === null) return '<nil>';
  return typeof v === 'object' && 'value' in (v as object)
    ? String((v as { value: bigint }).value)
    : String(v);
};

/** net.ParseIP: 4 bytes for IPv4, 16 for IPv6; null if invalid. */
export function parseIP(s: string): Uint8Array | null {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    // Go rejects leading zeros ("010") and values over 255.
    const b = v4.slice(1).map((x) => (x.length > 1 && x[0] === '0' ? 256 : Number(x)));
    return b.every((x) => x <= 255) ? Uint8Array.from(b) : null;
  }
  if (!s.includes(':')) return null;
  // An embedded IPv4 tail ("::ffff:1.2.3.4") counts as two 16-bit groups.
  let text = s;
  let tail: number[] = [];
  const m4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m4) {
    const t = parseIP(m4[2] as string);
    if (!t || t.length !== 4) return null;
    tail = Array.from(t);
    text = m4[1] as string;
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (x: string): number[] | null => {
    if (x === '') return [];
    const out: number[] = [];
    for (const g of x.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 255);
    }
    return out;
  };
  const a = groups(halves[0] as string);
  const b = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!a || !b) return null;
  const want = 16 - tail.length;
  let bytes: number[];
  if (halves.length === 2) {
    const fill = want - a.length - b.length;
    if (fill < 2) return null;
    bytes = [...a, ...new Array<number>(fill).fill(0), ...b];
  } else bytes = a;
  if (bytes.length !== want) return null;
  return Uint8Array.from([...bytes, ...tail]);
}

function certArg(v: GoValue): Certificate {
  if (v instanceof Certificate) return v;
  throw new FuncError(`wrong type for value; expected sprig.certificate; got ${typeOf(v)}`);
}

function signed(
  ctx: CallContext,
  cn: string,
  ips: GoValue[] | null,
  dns: GoValue[] | null,
  days: bigint,
  ca: GoValue,
  key: Key | null,
): Certificate {
  const c = certArg(ca);
  const block = pemDecode(c.cert);
  if (!block) throw new FuncError('unable to decode certificate');
  let issuer: { subject: Uint8Array; ski: Uint8Array | null };
  try {
    new X509Certificate(Buffer.from(block.der));
    issuer = readIssuer(block.der);
  } catch (e) {
    throw new FuncError(
      `error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`,
    );
  }
  let signerKey: Key;
  try {
    signerKey = parsePrivateKey(c.key);
  } catch (e) {
    throw new FuncError(`error parsing private key: ${(e as Error).message}`);
  }
  const t: Template = { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false };
  const k = key ?? rsaKey(ctx, 2048);
  return new Certificate(createCertificate(ctx, t, k, { ...issuer, key: signerKey }), keyPem(k));
}

function withKey(pemKey: string): Key {
  try {
    return parsePrivateKey(pemKey);
  } catch (e) {
    throw new FuncError(`parsing private key: ${(e as Error).message}`);
  }
}

function selfSigned(ctx: CallContext, t: Template, k: Key): Certificate {
  return new Certificate(createCertificate(ctx, t, k, null), keyPem(k));
}

export const certFuncs: FuncMap = {
  genPrivateKey: goFunc('genPrivateKey', 'func(typ string) string', (ctx, typ: string) => {
    switch (typ) {
      case '':
      case 'rsa':
        return keyPem(rsaKey(ctx, 4096));
      case 'ecdsa':
        return keyPem(ecKey(ctx));
      case 'ed25519':
        return keyPem(edKey(ctx));
      case 'dsa':
        return keyPem(dsaKey(ctx));
      default:
        return 'Unknown type ' + typ;
    }
  }),
  genCA: goFunc(
    'genCA',
    'func(cn string, daysValid int) (sprig.certificate, error)',
    (ctx, cn: string, days: bigint) =>
      selfSigned(ctx, { cn, ips: [], dns: [], days, isCA: true }, rsaKey(ctx, 2048)),
  ),
  genCAWithKey: goFunc(
    'genCAWithKey',
    'func(cn string, daysValid int, privPEM string) (sprig.certificate, error)',
    (ctx, cn: string, days: bigint, k: string) =>
      selfSigned(ctx, { cn, ips: [], dns: [], days, isCA: true }, withKey(k)),
  ),
  genSelfSignedCert: goFunc(
    'genSelfSignedCert',
    'func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int) (sprig.certificate, error)',
    (ctx, cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: bigint) =>
      selfSigned(
        ctx,
        { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false },
        rsaKey(ctx, 2048),
      ),
  ),
  genSelfSignedCertWithKey: goFunc(
    'genSelfSignedCertWithKey',
    'func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, privPEM string) (sprig.certificate, error)',
    (ctx, cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: bigint, k: string) => {
      const key = withKey(k);
      return selfSigned(
        ctx,
        { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false },
        key,
      );
    },
  ),
  genSignedCert: goFunc(
    'genSignedCert',
    'func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, ca sprig.certificate) (sprig.certificate, error)',
    (ctx, cn: string, ips: GoValue[] | null, dns: GoValue[] | null, days: bigint, ca: GoValue) =>
      signed(ctx, cn, ips, dns, days, ca, null),
  ),
  genSignedCertWithKey: goFunc(
    'genSignedCertWithKey',
    'func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, ca sprig.certificate, privPEM string) (sprig.certificate, error)',
    (
      ctx,
      cn: string,
      ips: GoValue[] | null,
      dns: GoValue[] | null,
      days: bigint,
      ca: GoValue,
      k: string,
    ) => signed(ctx, cn, ips, dns, days, ca, withKey(k)),
  ),
  buildCustomCert: goFunc(
    'buildCustomCert',
    'func(b64cert string, b64key string) (sprig.certificate, error)',
    (_c, c64: string, k64: string) => {
      let cert: Uint8Array;
      let key: Uint8Array;
      try {
        cert = b64decode(c64);
      } catch {
        throw new FuncError('unable to decode base64 certificate');
      }
      try {
        key = b64decode(k64);
      } catch {
        throw new FuncError('unable to decode base64 private key');
      }
      const block = pemDecode(fromUtf8(cert));
      if (!block) throw new FuncError('unable to decode certificate');
      try {
        new X509Certificate(Buffer.from(block.der));
      } catch (e) {
        throw new FuncError(
          `error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`,
        );
      }
      try {
        parsePrivateKey(fromUtf8(key));
      } catch (e) {
        throw new FuncError(`error parsing private key: ${(e as Error).message}`);
      }
      return new Certificate(fromUtf8(cert), fromUtf8(key));
    },
  ),
};
