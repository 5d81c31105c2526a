// sprig's crypto.go, except certificates and keys (certs.ts): hashes,
// derivePassword (Master Password's algorithm: scrypt + HMAC), AES-CBC, and
// the random helpers. Randomness comes from the render's seeded source.
import { createCipheriv, createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import { FuncError, goFunc, type CallContext, type FuncMap } from '../funcs.ts';
import { b64decode, b64encode, CorruptInput } from './encoding.ts';
import { fromUtf8, utf8 } from './gostr.ts';
import { runtimeError } from './strings.ts';
import { bcryptHash } from './bcrypt.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

const templates: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const chars: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function derivePassword(
  counter: bigint,
  type: string,
  password: string,
  user: string,
  site: string,
): string {
  const temps = templates[type];
  if (!temps) return `cannot find password template ${type}`;
  const seed = Buffer.from('com.lyndir.masterpassword');
  const u = utf8(user);
  const salt = Buffer.concat([seed, u32be(u.length), u]);
  const key = scryptSync(utf8(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 256 * 1024 * 1024,
  });
  const s = utf8(site);
  const msg = Buffer.concat([seed, u32be(s.length), s, u32be(Number(counter & 0xffffffffn))]);
  const h = createHmac('sha256', key).update(msg).digest();
  const temp = temps[(h[0] as number) % temps.length] as string;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const pass = chars[temp[i] as string] as string;
    out += pass[(h[i + 1] as number) % pass.length];
  }
  return out;
}

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8(password)).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(ctx: CallContext, password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = utf8(plaintext);
  ctx.charge(content.length);
  const iv = Buffer.from(ctx.rand.bytes(16));
  const c = createCipheriv('aes-256-cbc', aesKey(password), iv);
  const body = Buffer.concat([c.update(content), c.final()]);
  return b64encode(Buffer.concat([iv, body]));
}

function decryptAES(ctx: CallContext, password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  let crypt: Uint8Array;
  try {
    crypt = b64decode(crypt64);
  } catch (e) {
    if (e instanceof CorruptInput) throw new FuncError(e.message);
    throw e;
  }
  ctx.charge(crypt.length);
  if (crypt.length < 16)
    throw runtimeError(`slice bounds out of range [:16] with capacity ${crypt.length}`);
  const iv = crypt.subarray(0, 16);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new FuncError('crypto/cipher: input not full blocks');
  const d = createDecipheriv('aes-256-cbc', aesKey(password), iv);
  d.setAutoPadding(false);
  const dec = Buffer.concat([d.update(body), d.final()]);
  if (dec.length === 0) throw runtimeError('index out of range [-1]');
  const cut = dec.length - (dec[dec.length - 1] as number);
  if (cut < 0) throw runtimeError(`slice bounds out of range [:${cut}]`);
  return fromUtf8(dec.subarray(0, cut));
}

// goutils.CryptoRandom over ASCII ' '..'z' keeping letters and/or digits.
function randomString(ctx: CallContext, count: bigint, letters: boolean, numbers: boolean): string {
  const n = Number(count);
  if (n === 0) return '';
  if (n < 0) return '';
  ctx.charge(n);
  let start = 32;
  let end = 123;
  if (!letters && !numbers) {
    start = 32;
    end = 127;
  }
  let out = '';
  while (out.length < n) {
    const ch = start + ctx.rand.intn(end - start);
    const isL = (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122);
    const isD = ch >= 48 && ch <= 57;
    if ((letters && isL) || (numbers && isD) || (!letters && !numbers))
      out += String.fromCharCode(ch);
  }
  return out;
}

function uuidv4(ctx: CallContext): string {
  const b = ctx.rand.bytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const cryptoFuncs: FuncMap = {
  sha1sum: goFunc('sha1sum', 'func(input string) string', (_c, s: string) =>
    createHash('sha1').update(utf8(s)).digest('hex'),
  ),
  sha256sum: goFunc('sha256sum', 'func(input string) string', (_c, s: string) =>
    createHash('sha256').update(utf8(s)).digest('hex'),
  ),
  adler32sum: goFunc('adler32sum', 'func(input string) string', (_c, s: string) =>
    String(adler32(utf8(s))),
  ),
  derivePassword: goFunc(
    'derivePassword',
    'func(counter uint32, passwordType, password, user, site string) string',
    (ctx, counter: bigint, t: string, p: string, u: string, s: string) => {
      ctx.chargeCostly(2, 'derivePassword');
      return derivePassword(counter, t, p, u, s);
    },
  ),
  encryptAES: goFunc(
    'encryptAES',
    'func(password string, plaintext string) (string, error)',
    (ctx, p: string, t: string) => encryptAES(ctx, p, t),
  ),
  decryptAES: goFunc(
    'decryptAES',
    'func(password string, crypt64 string) (string, error)',
    (ctx, p: string, c: string) => decryptAES(ctx, p, c),
  ),
  bcrypt: goFunc('bcrypt', 'func(input string) string', (ctx, s: string) => bcryptHash(ctx, s)),
  htpasswd: goFunc(
    'htpasswd',
    'func(username string, password string) string',
    (ctx, u: string, p: string) =>
      u.includes(':') ? `invalid username: ${u}` : `${u}:${bcryptHash(ctx, p)}`,
  ),
  randBytes: goFunc('randBytes', 'func(count int) (string, error)', (ctx, n: bigint) => {
    const c = Number(n);
    if (c < 0) throw runtimeError('makeslice: len out of range');
    ctx.charge(c);
    return b64encode(ctx.rand.bytes(c));
  }),
  uuidv4: goFunc('uuidv4', 'func() string', (ctx) => uuidv4(ctx)),
  randAlphaNum: goFunc('randAlphaNum', 'func(count int) string', (ctx, n: bigint) =>
    randomString(ctx, n, true, true),
  ),
  randAlpha: goFunc('randAlpha', 'func(count int) string', (ctx, n: bigint) =>
    randomString(ctx, n, true, false),
  ),
  randAscii: goFunc('randAscii', 'func(count int) string', (ctx, n: bigint) =>
    randomString(ctx, n, false, false),
  ),
  randNumeric: goFunc('randNumeric', 'func(count int) string', (ctx, n: bigint) =>
    randomString(ctx, n, false, true),
  ),
};
