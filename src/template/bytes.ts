// Go strings are byte sequences; JavaScript strings are UTF-16. `len`,
// `index` and `slice` on strings, `%x` and column numbers in error messages
// are byte-based in Go, so they go through UTF-8 here. A slice that cuts a
// multi-byte character decodes the cut bytes as U+FFFD, which is what Go's
// encoders print for them too.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** The UTF-8 bytes of a string. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
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
    } else n += 3;
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
  return decoder.decode(utf8Bytes(s).subarray(i, j));
}

/** Decodes UTF-8 bytes (invalid sequences become U+FFFD). */
export function decodeUtf8(b: Uint8Array): string {
  return decoder.decode(b);
}
