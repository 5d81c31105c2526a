// A minimal DER writer (and the few readers certs.ts needs) for X.509
// certificates and private keys.

export type Der = Uint8Array;

function lenBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, body: Uint8Array): Der {
  const l = lenBytes(body.length);
  const out = new Uint8Array(1 + l.length + body.length);
  out[0] = tag;
  out.set(l, 1);
  out.set(body, 1 + l.length);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const seq = (...parts: Der[]): Der => tlv(0x30, concat(parts));
export const set = (...parts: Der[]): Der => tlv(0x31, concat(parts));
export const explicit = (n: number, body: Der): Der => tlv(0xa0 | n, body);
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const bitString = (b: Uint8Array, unused = 0): Der =>
  tlv(0x03, concat([Uint8Array.of(unused), b]));
export const nullDer = (): Der => Uint8Array.of(0x05, 0x00);
export const bool = (v: boolean): Der => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);

/** Big-endian bytes of a non-negative bigint (at least one byte, or `size` bytes). */
export function bigBytes(v: bigint, size = 0): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let b: Uint8Array = Uint8Array.from(hex.match(/../g) ?? ['00'], (h) => parseInt(h, 16));
  if (size > b.length) b = concat([new Uint8Array(size - b.length), b]);
  return b;
}

export function int(v: bigint | number): Der {
  let b: Uint8Array = bigBytes(BigInt(v));
  if ((b[0] as number) & 0x80) b = concat([Uint8Array.of(0), b]);
  return tlv(0x02, b);
}

export function oid(s: string): Der {
  const parts = s.split('.').map(Number);
  const out: number[] = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const bytes: number[] = [p & 0x7f];
    let v = Math.floor(p / 128);
    while (v > 0) {
      bytes.unshift(0x80 | (v & 0x7f));
      v = Math.floor(v / 128);
    }
    out.push(...bytes);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export const utf8Str = (s: string): Der => tlv(0x0c, new TextEncoder().encode(s));
export const printableStr = (s: string): Der => tlv(0x13, new TextEncoder().encode(s));
export const ia5Str = (s: string): Der => tlv(0x16, new TextEncoder().encode(s));

/** UTCTime for 1950..2049, GeneralizedTime otherwise (as Go's x509 does). */
export function time(unixSec: bigint): Der {
  const d = new Date(Number(unixSec) * 1000);
  const y = d.getUTCFullYear();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(p2(y % 100) + rest));
  return tlv(0x18, new TextEncoder().encode(String(y).padStart(4, '0') + rest));
}

/** Reads one TLV at `pos`: tag, body bounds, and where the next TLV starts. */
export function read(
  b: Uint8Array,
  pos: number,
): { tag: number; hdr: number; start: number; end: number } {
  if (pos + 2 > b.length) throw new Error('asn1: truncated');
  const tag = b[pos] as number;
  let len = b[pos + 1] as number;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('asn1: bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] as number);
    start += n;
  }
  const end = start + len;
  if (end > b.length) throw new Error('asn1: truncated');
  return { tag, hdr: pos, start, end };
}

/** The children of a constructed TLV. */
export function children(
  b: Uint8Array,
  start: number,
  end: number,
): { tag: number; hdr: number; start: number; end: number }[] {
  const out = [];
  let p = start;
  while (p < end) {
    const c = read(b, p);
    out.push(c);
    p = c.end;
  }
  return out;
}

export const toBig = (b: Uint8Array): bigint =>
  b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
