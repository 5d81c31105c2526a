// Go strings are byte sequences; JavaScript strings are UTF-16. `len`,
// `index` and `slice` on strings, `%x` and column numbers in error messages
// are byte-based in Go, so they go through UTF-8 here. Bytes that are not
// valid UTF-8 (a slice that cuts a character, a "\xff" escape) are kept as
// lone surrogates U+DC80..U+DCFF, one per byte ("surrogate escape"): they
// count as one byte, re-encode to the same byte, print as `\xff` with %q and
// as `\ufffd` in JSON output, exactly as Go's invalid bytes do.

const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

const loneByte = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** The UTF-8 bytes of a string (escaped raw bytes become themselves again). */
export function utf8Bytes(s: string): Uint8Array {
  if (!loneByte.test(s)) return encoder.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const prevHigh = i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff;
    if (c >= 0xdc80 && c <= 0xdcff && !prevHigh) {
      out.push(c - 0xdc00);
      continue;
    }
    let end = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && end < s.length) end++;
    for (const b of encoder.encode(s.slice(i, end))) out.push(b);
    i = end - 1;
  }
  return Uint8Array.from(out);
}

/** True for a lone surrogate that stands for one raw byte. */
export function isRawByte(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xdc80 || c > 0xdcff) return false;
  const p = i > 0 ? s.charCodeAt(i - 1) : 0;
  return !(p >= 0xd800 && p <= 0xdbff);
}

/** len(s) in Go: the number of UTF-8 bytes. */
export function byteLength(s: string): number {
  if (isAscii(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** s[i] in Go: the byte at byte offset i. */
export function byteAt(s: string, i: number): number {
  if (isAscii(s)) return s.charCodeAt(i);
  return utf8Bytes(s)[i] as number;
}

/** s[i:j] in Go, by byte offsets. */
export function byteSlice(s: string, i: number, j: number): string {
  if (isAscii(s)) return s.slice(i, j);
  return decodeUtf8(utf8Bytes(s).subarray(i, j));
}

/**
 * Decodes UTF-8 bytes as Go's utf8.DecodeRune does: each byte of an invalid
 * sequence becomes one U+FFFD (TextDecoder would merge a maximal subpart).
 */
export function decodeUtf8(b: Uint8Array): string {
  try {
    return strict.decode(b);
  } catch {
    return decodeLoose(b);
  }
}

function decodeLoose(b: Uint8Array): string {
  let out = '';
  let i = 0;
  const n = b.length;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const c = b[k];
    return c !== undefined && c >= lo && c <= hi;
  };
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let size = 0;
    if (c >= 0xc2 && c <= 0xdf) size = cont(i + 1) ? 2 : 0;
    else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      size = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      size = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (size === 0) {
      out += String.fromCharCode(0xdc00 + c);
      i++;
    } else {
      out += strict.decode(b.subarray(i, i + size));
      i += size;
    }
  }
  return out;
}
