// bcrypt ($2a$, cost 10) as golang.org/x/crypto/bcrypt computes it, with the
// salt drawn from the render's seeded random source. Blowfish's initial
// P-array and S-boxes are the hexadecimal digits of pi; they are computed
// once (Machin's formula in BigInt) instead of being pasted in as 4 KiB of hex.
import type { CallContext } from '../funcs.ts';
import { utf8 } from './gostr.ts';

let piWords: Uint32Array | null = null;

function arctanInv(x: bigint, one: bigint): bigint {
  // arctan(1/x) * one, by its Taylor series.
  const x2 = x * x;
  let term = one / x;
  let sum = term;
  let k = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    k += 2n;
    sum += (sign * term) / k;
    sign = -sign;
  }
  return sum;
}

/** The first n 32-bit words of pi's fractional part. */
function piFraction(words: number): Uint32Array {
  const bits = BigInt(words * 32 + 64);
  const one = 1n << bits;
  const pi = 16n * arctanInv(5n, one) - 4n * arctanInv(239n, one);
  const frac = (pi - 3n * one) >> 64n; // drop the guard bits
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    out[i] = Number((frac >> BigInt((words - 1 - i) * 32)) & 0xffffffffn);
  }
  return out;
}

interface State {
  p: Uint32Array;
  s: Uint32Array; // four S-boxes of 256 words, back to back
}

function initState(): State {
  piWords ??= piFraction(18 + 1024);
  return { p: piWords.slice(0, 18), s: piWords.slice(18) };
}

function encrypt(st: State, l0: number, r0: number): [number, number] {
  const { p, s } = st;
  let l = l0 >>> 0;
  let r = r0 >>> 0;
  l ^= p[0] as number;
  for (let i = 1; i <= 16; i += 2) {
    r ^=
      ((((s[l >>> 24] as number) + (s[256 + ((l >>> 16) & 255)] as number)) ^
        (s[512 + ((l >>> 8) & 255)] as number)) +
        (s[768 + (l & 255)] as number)) ^
      (p[i] as number);
    l ^=
      ((((s[r >>> 24] as number) + (s[256 + ((r >>> 16) & 255)] as number)) ^
        (s[512 + ((r >>> 8) & 255)] as number)) +
        (s[768 + (r & 255)] as number)) ^
      (p[i + 1] as number);
  }
  r ^= p[17] as number;
  return [r >>> 0, l >>> 0];
}

function nextWord(b: Uint8Array, j: { v: number }): number {
  let w = 0;
  for (let i = 0; i < 4; i++) {
    w = ((w << 8) | (b[j.v] as number)) >>> 0;
    j.v = (j.v + 1) % b.length;
  }
  return w;
}

function expandKey(st: State, key: Uint8Array, salt: Uint8Array | null): void {
  const j = { v: 0 };
  for (let i = 0; i < 18; i++) st.p[i] = ((st.p[i] as number) ^ nextWord(key, j)) >>> 0;
  const js = { v: 0 };
  let l = 0;
  let r = 0;
  const fill = (arr: Uint32Array, from: number, n: number): void => {
    for (let i = 0; i < n; i += 2) {
      if (salt) {
        l ^= nextWord(salt, js);
        r ^= nextWord(salt, js);
      }
      [l, r] = encrypt(st, l, r);
      arr[from + i] = l;
      arr[from + i + 1] = r;
    }
  };
  fill(st.p, 0, 18);
  fill(st.s, 0, 1024);
}

const BC = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function bcBase64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += BC[(n >> 18) & 63] as string;
    out += BC[(n >> 12) & 63] as string;
    if (i + 1 < b.length) out += BC[(n >> 6) & 63] as string;
    if (i + 2 < b.length) out += BC[n & 63] as string;
  }
  return out;
}

/** bcrypt's own base64 (no padding) back to bytes. */
export function bcBase64Decode(s: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of s) {
    acc = (acc << 6) | BC.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  return Uint8Array.from(out);
}

/** bcrypt.GenerateFromPassword(password, 10) with a salt from ctx.rand. */
export function bcryptHash(ctx: CallContext, password: string, cost = 10): string {
  ctx.charge(1 << 12);
  ctx.chargeCostly(2, 'bcrypt');
  return bcryptWithSalt(password, ctx.rand.bytes(16), cost);
}

/** The bcrypt hash of a password with a given 16-byte salt. */
export function bcryptWithSalt(password: string, salt: Uint8Array, cost: number): string {
  const key = new Uint8Array([...utf8(password), 0]);
  const st = initState();
  expandKey(st, key, salt);
  for (let i = 0; i < 1 << cost; i++) {
    expandKey(st, key, null);
    expandKey(st, salt, null);
  }
  const magic = utf8('OrpheanBeholderScryDoubt');
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = nextWord(magic, { v: i * 4 });
  for (let i = 0; i < 6; i += 2) {
    let l = words[i] as number;
    let r = words[i + 1] as number;
    for (let k = 0; k < 64; k++) [l, r] = encrypt(st, l, r);
    words[i] = l;
    words[i + 1] = r;
  }
  const out = new Uint8Array(24);
  words.forEach((w, i) => {
    out[i * 4] = w >>> 24;
    out[i * 4 + 1] = (w >>> 16) & 255;
    out[i * 4 + 2] = (w >>> 8) & 255;
    out[i * 4 + 3] = w & 255;
  });
  return `$2a$${String(cost).padStart(2, '0')}$${bcBase64(salt)}${bcBase64(out.subarray(0, 23))}`;
}
