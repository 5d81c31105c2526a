// Go's encoding/base64 and encoding/base32 (StdEncoding), with Go's decoder:
// strict padding, CR/LF ignored, and Go's "illegal ... data at input byte N".
import { goFunc, type FuncMap } from '../funcs.ts';
import { fromUtf8, utf8 } from './gostr.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const b64map = new Map([...B64].map((c, i) => [c.charCodeAt(0), i]));
const b32map = new Map([...B32].map((c, i) => [c.charCodeAt(0), i]));

export class CorruptInput extends Error {}

export function b64encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] as string;
    out += B64[(n >> 12) & 63] as string;
    out += i + 1 < b.length ? (B64[(n >> 6) & 63] as string) : '=';
    out += i + 2 < b.length ? (B64[n & 63] as string) : '=';
  }
  return out;
}

/** base64.StdEncoding.DecodeString; throws CorruptInput with Go's message. */
export function b64decode(s: string): Uint8Array {
  const src = utf8(s);
  const out: number[] = [];
  const bad = (at: number): CorruptInput =>
    new CorruptInput(`illegal base64 data at input byte ${at}`);
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err: CorruptInput | null = null;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw bad(si - j);
      }
      const c = src[si++] as number;
      const v = b64map.get(c);
      if (v !== undefined) {
        dbuf[j] = v;
        continue;
      }
      if (c === 10 || c === 13) {
        j--;
        continue;
      }
      if (c !== 61) throw bad(si - 1);
      if (j === 0 || j === 1) throw bad(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) throw bad(src.length);
        if (src[si] !== 61) throw bad(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) err = bad(si);
      dlen = j;
      break;
    }
    const val =
      ((dbuf[0] as number) << 18) |
      ((dbuf[1] as number) << 12) |
      ((dbuf[2] as number) << 6) |
      (dbuf[3] as number);
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k] as number);
    if (err) throw err;
  }
  return Uint8Array.from(out);
}

export function b32encode(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const nchars = [0, 2, 4, 5, 7, 8][chunk.length] as number;
    for (let k = 0; k < 8; k++) {
      out += k < nchars ? (B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] as string) : '=';
    }
  }
  return out;
}

/** base32.StdEncoding.DecodeString (newlines stripped first, as Go does). */
export function b32decode(s: string): Uint8Array {
  const src = utf8(s).filter((c) => c !== 10 && c !== 13);
  const olen = src.length;
  const out: number[] = [];
  const bad = (at: number): CorruptInput =>
    new CorruptInput(`illegal base32 data at input byte ${at}`);
  let pos = 0;
  let end = false;
  while (pos < src.length && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      const left = src.length - pos;
      if (left === 0) throw bad(olen - left - j);
      const c = src[pos++] as number;
      const rem = src.length - pos;
      if (c === 61 && j >= 2 && rem < 8) {
        if (rem + j < 7) throw bad(olen);
        for (let k = 0; k < 7 - j; k++) {
          if (rem > k && src[pos + k] !== 61) throw bad(olen - rem + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw bad(olen - rem - 1);
        break;
      }
      const v = b32map.get(c);
      if (v === undefined) throw bad(olen - rem - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (const d of dbuf) bits = (bits << 5n) | BigInt(d);
    const bytes = [32n, 24n, 16n, 8n, 0n].map((sh) => Number((bits >> sh) & 255n));
    const nbytes = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen] as number;
    for (let k = 0; k < nbytes; k++) out.push(bytes[k] as number);
  }
  return Uint8Array.from(out);
}

const decodeOrMessage =
  (f: (s: string) => Uint8Array) =>
  (s: string): string => {
    try {
      return fromUtf8(f(s));
    } catch (e) {
      if (e instanceof CorruptInput) return e.message;
      throw e;
    }
  };

export const encodingFuncs: FuncMap = {
  b64enc: goFunc('b64enc', 'func(v string) string', (_c, s: string) => b64encode(utf8(s))),
  b64dec: goFunc('b64dec', 'func(v string) string', (_c, s: string) =>
    decodeOrMessage(b64decode)(s),
  ),
  b32enc: goFunc('b32enc', 'func(v string) string', (_c, s: string) => b32encode(utf8(s))),
  b32dec: goFunc('b32dec', 'func(v string) string', (_c, s: string) =>
    decodeOrMessage(b32decode)(s),
  ),
};
