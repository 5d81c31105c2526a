// The oracle's JSON-lines protocol (../shared/oracle/README.md), as pure
// functions: decoding one case the way Go's encoding/json does (field names
// match case-insensitively, unknown fields are ignored, `numbers: int` reads
// each number's text), and encoding one result byte for byte as Go's
// json.Encoder does (HTML-safe escapes, `\u00XX` control characters).
import { goJsonSyntaxError } from './json-syntax.ts';
import { goInt, type GoMap, type GoValue } from './value.ts';

export interface Case {
  template: string;
  data: GoValue;
  missingkey: string;
  numbers: string;
}

export interface Result {
  ok: boolean;
  out: string;
  phase?: string;
  err?: string;
}

class JsonError extends Error {}

/** A small JSON reader that keeps each number's text (for `numbers: int`). */
class Reader {
  i = 0;
  constructor(
    readonly s: string,
    readonly ints: boolean,
  ) {}
  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else return;
    }
  }
  fail(what: string): never {
    throw new JsonError(what);
  }
  value(): GoValue {
    this.ws();
    const c = this.s[this.i];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail(`invalid character looking for beginning of value`);
  }
  word(w: string, v: GoValue): GoValue {
    if (!this.s.startsWith(w, this.i)) this.fail('invalid literal');
    this.i += w.length;
    return v;
  }
  number(): GoValue {
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (r === null) return this.fail('invalid number');
    this.i = m.lastIndex;
    const text = r[0];
    const f = Number(text);
    if (!Number.isFinite(f))
      this.fail(`cannot unmarshal number ${text} into Go value of type float64`);
    if (this.ints && r[1] === undefined && r[2] === undefined) {
      const b = BigInt(text);
      if (b >= -(1n << 63n) && b < 1n << 63n) return goInt(b);
    }
    return f;
  }
  string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = '';
    let start = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c)) this.fail('unexpected end of JSON input');
      if (c === 34) break;
      if (c < 0x20) this.fail('invalid character in string literal');
      if (c === 92) {
        out += s.slice(start, i);
        const e = s[i + 1];
        i += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const h = s.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('invalid escape');
            out += String.fromCharCode(parseInt(h, 16));
            i += 4;
            break;
          }
          default:
            this.fail('invalid escape in string literal');
        }
        start = i;
        continue;
      }
      i++;
    }
    out += s.slice(start, i);
    this.i = i + 1;
    return sanitize(out);
  }
  array(): GoValue[] {
    this.i++;
    const out: GoValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail('invalid character after array element');
    }
  }
  object(): GoMap {
    this.i++;
    const out: GoMap = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"')
        this.fail('invalid character looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') this.fail('invalid character after object key');
      setKey(out, k, this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') this.fail('invalid character after object key:value pair');
    }
  }
}

function setKey(o: GoMap, k: string, v: GoValue): void {
  if (k === '__proto__') {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else o[k] = v;
}

/** Lone surrogates (invalid UTF-16) become U+FFFD, as Go's decoder does. */
function sanitize(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

const loneSurrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/** Decodes one input line; throws an Error with Go-like text on bad input. */
export function decodeCase(line: string): Case {
  const c: Case = { template: '', data: null, missingkey: '', numbers: '' };
  let envelope: unknown;
  try {
    envelope = JSON.parse(line);
  } catch (e) {
    throw new Error(goJsonSyntaxError(line) ?? (e as Error).message);
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    if (envelope === null) return c;
    throw new Error(
      `json: cannot unmarshal ${jsonKind(envelope)} into Go value of type main.testCase`,
    );
  }
  let dataRaw: unknown = undefined;
  let hasData = false;
  for (const [k, v] of Object.entries(envelope as Record<string, unknown>)) {
    switch (k.toLowerCase()) {
      case 'template':
        c.template = stringField(v, 'template');
        break;
      case 'missingkey':
        c.missingkey = stringField(v, 'missingkey');
        break;
      case 'numbers':
        c.numbers = stringField(v, 'numbers');
        break;
      case 'data':
        dataRaw = v;
        hasData = true;
        break;
    }
  }
  c.template = sanitize(c.template);
  if (hasData) {
    const needReader = c.numbers === 'int' || loneSurrogateEscape.test(line);
    c.data = needReader ? readData(line, c.numbers === 'int') : (dataRaw as GoValue);
  }
  return c;
}

function stringField(v: unknown, name: string): string {
  if (v === null) return '';
  if (typeof v !== 'string') {
    throw new Error(
      `json: cannot unmarshal ${jsonKind(v)} into Go struct field testCase.${name} of type string`,
    );
  }
  return v;
}

function jsonKind(v: unknown): string {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** Parses JSON text into Go values (`ints`: integral numbers become Go int). */
export function parseGoJson(text: string, ints: boolean): GoValue {
  const r = new Reader(text, ints);
  const v = r.value();
  r.ws();
  if (r.i !== text.length) throw new Error('invalid character after top-level value');
  return v;
}

/** Re-reads the envelope with the number-aware reader and returns its last `data` field. */
function readData(line: string, ints: boolean): GoValue {
  const r = new Reader(line, ints);
  r.ws();
  const env = r.value() as GoMap;
  let data: GoValue = null;
  for (const k of Object.keys(env)) if (k.toLowerCase() === 'data') data = env[k] as GoValue;
  return data;
}

// eslint-disable-next-line no-control-regex -- control characters are what needs escaping
const needsEscape = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
const jsonToken = /\\(?:u[0-9a-f]{4}|[^u])|[<>&\u2028\u2029]/g;

/** Go's json.Encoder string encoding (HTML-safe): JSON.stringify, then Go's differences. */
export function encodeString(s: string): string {
  if (!needsEscape.test(s)) return `"${s}"`;
  return JSON.stringify(s).replace(jsonToken, (t) => {
    switch (t) {
      case '<':
        return '\\u003c';
      case '>':
        return '\\u003e';
      case '&':
        return '\\u0026';
      case '\u2028':
        return '\\u2028';
      case '\u2029':
        return '\\u2029';
      case '\\b':
        return '\\u0008';
      case '\\f':
        return '\\u000c';
    }
    // JSON.stringify escapes only lone surrogates this way; Go writes U+FFFD for them.
    if (t.length === 6 && (t[2] === 'd' || t[2] === 'D') && /^\\ud[89a-f]/i.test(t))
      return '\\ufffd';
    return t;
  });
}

/** One result line (without the newline), field for field as the oracle writes it. */
export function encodeResult(r: Result): string {
  let out = `{"ok":${r.ok},"out":${encodeString(r.out)}`;
  if (r.phase) out += `,"phase":${encodeString(r.phase)}`;
  if (r.err) out += `,"err":${encodeString(r.err)}`;
  return out + '}';
}
