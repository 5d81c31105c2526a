// test/template/corpus-cases.ts
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
var corpusDir = fileURLToPath(
  new URL("../../../shared/corpus/kudo-operators/", import.meta.url)
);
function paramValue(p) {
  const t = p.type ?? "string";
  const d = p.default;
  if (t === "array" || t === "map") return d ?? null;
  if (d === void 0 || d === null) return "";
  return typeof d === "string" ? d : String(d);
}
function packageDirs() {
  const out = [];
  for (const op of readdirSync(corpusDir).sort()) {
    for (const ver of readdirSync(join(corpusDir, op)).sort()) {
      const dir2 = join(corpusDir, op, ver);
      if (statSync(dir2).isDirectory()) out.push(dir2);
    }
  }
  return out;
}
function corpusCases(only, flip = false, paramOverride) {
  const cases2 = [];
  for (const dir2 of packageDirs()) {
    const rel = dir2.slice(corpusDir.length);
    if (only !== void 0 && !rel.startsWith(`${only}/`)) continue;
    const op = parseYaml(readFileSync(join(dir2, "operator.yaml"), "utf8"));
    const params = parseYaml(readFileSync(join(dir2, "params.yaml"), "utf8")).parameters ?? [];
    const Params = {};
    for (const p of params) {
      let v = paramValue(p);
      if (flip && (v === "true" || v === "false")) v = v === "true" ? "false" : "true";
      Params[p.name] = paramOverride ? paramOverride(p.name, v) : v;
    }
    const Pipes = {};
    for (const t of op.tasks ?? []) {
      if (t.kind !== "Pipe") continue;
      for (const p of t.spec?.pipe ?? []) Pipes[p.key] = `${op.name}-instance-${p.key}`;
    }
    const data = {
      OperatorName: op.name,
      Name: `${op.name}-instance`,
      Namespace: "default",
      AppVersion: op.appVersion ?? "",
      OperatorVersion: op.operatorVersion ?? op.version ?? "",
      PlanName: "deploy",
      PhaseName: "deploy",
      StepName: "deploy",
      Params,
      Pipes
    };
    const tdir = join(dir2, "templates");
    for (const f of readdirSync(tdir).sort()) {
      const template = readFileSync(join(tdir, f), "utf8");
      cases2.push({
        id: `${rel}/templates/${f}`,
        line: JSON.stringify({ template, data })
      });
    }
  }
  return cases2;
}

// src/template/bytes.ts
var encoder = new TextEncoder();
var strict = new TextDecoder("utf-8", { fatal: true });
function isAscii(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
var loneByte = /(?<![\ud800-\udbff])[\udc80-\udcff]/;
function utf8Bytes(s) {
  if (!loneByte.test(s)) return encoder.encode(s);
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const prevHigh = i > 0 && s.charCodeAt(i - 1) >= 55296 && s.charCodeAt(i - 1) <= 56319;
    if (c >= 56448 && c <= 56575 && !prevHigh) {
      out.push(c - 56320);
      continue;
    }
    let end2 = i + 1;
    if (c >= 55296 && c <= 56319 && end2 < s.length) end2++;
    for (const b of encoder.encode(s.slice(i, end2))) out.push(b);
    i = end2 - 1;
  }
  return Uint8Array.from(out);
}
function byteLength(s) {
  if (isAscii(s)) return s.length;
  let n3 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) n3 += 1;
    else if (c < 2048) n3 += 2;
    else if (c >= 55296 && c <= 56319 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        n3 += 4;
        i++;
      } else n3 += 3;
    } else if (c >= 56448 && c <= 56575) n3 += 1;
    else n3 += 3;
  }
  return n3;
}
function byteAt(s, i) {
  if (isAscii(s)) return s.charCodeAt(i);
  return utf8Bytes(s)[i];
}
function byteSlice(s, i, j) {
  if (isAscii(s)) return s.slice(i, j);
  return decodeUtf8(utf8Bytes(s).subarray(i, j));
}
function decodeUtf8(b) {
  try {
    return strict.decode(b);
  } catch {
    return decodeLoose(b);
  }
}
function decodeLoose(b) {
  let out = "";
  let i = 0;
  const n3 = b.length;
  const cont = (k, lo = 128, hi = 191) => {
    const c = b[k];
    return c !== void 0 && c >= lo && c <= hi;
  };
  while (i < n3) {
    const c = b[i];
    if (c < 128) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let size = 0;
    if (c >= 194 && c <= 223) size = cont(i + 1) ? 2 : 0;
    else if (c >= 224 && c <= 239) {
      const lo = c === 224 ? 160 : 128;
      const hi = c === 237 ? 159 : 191;
      size = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (c >= 240 && c <= 244) {
      const lo = c === 240 ? 144 : 128;
      const hi = c === 244 ? 143 : 191;
      size = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (size === 0) {
      out += String.fromCharCode(56320 + c);
      i++;
    } else {
      out += strict.decode(b.subarray(i, i + size));
      i += size;
    }
  }
  return out;
}

// src/template/value.ts
var intBits = {
  int: 64,
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
  uintptr: 64
};
function isUnsigned(kind) {
  return kind.charCodeAt(0) === 117;
}
function wrapInt(v, kind) {
  const bits = intBits[kind];
  return isUnsigned(kind) ? BigInt.asUintN(bits, v) : BigInt.asIntN(bits, v);
}
var GoInt = class {
  kind;
  value;
  /** Use goInt(): it wraps the value to the kind's width. */
  constructor(value, kind) {
    this.value = value;
    this.kind = kind;
  }
  toString() {
    return this.value.toString();
  }
  /** The value as a JS number (exact up to 2^53). */
  toNumber() {
    return Number(this.value);
  }
};
var smallInts = [];
for (let i = -128; i < 1024; i++) smallInts.push(new GoInt(BigInt(i), "int"));
function goInt(v, kind = "int") {
  if (typeof v === "number") {
    if (kind === "int" && Number.isInteger(v) && v >= -128 && v < 1024) {
      return smallInts[v + 128];
    }
    v = Number.isFinite(v) ? BigInt(Math.trunc(v)) : floatToIntBits(v);
  }
  const w = wrapInt(v, kind);
  if (kind === "int" && w >= -128n && w < 1024n) return smallInts[Number(w) + 128];
  return new GoInt(w, kind);
}
function floatToIntBits(_v) {
  return -(1n << 63n);
}
var GoObject = class {
  /** Field access `.Name`: return undefined when there is no such field. */
  field(_name) {
    return void 0;
  }
  /** Exported field names in declaration order, for `%v`/`%+v` of structs. */
  fieldNames() {
    return [];
  }
  /** Method lookup `.Name args`: return undefined when there is no such method. */
  method(_name) {
    return void 0;
  }
  /** A nil pointer of this type (template truthiness false, `<nil>` when printed). */
  isNil() {
    return false;
  }
  /**
   * For a map with non-string keys (goKind 'map'): its key and element types and
   * a lookup, so that `index` works on it as on Go's map[K]V.
   */
  mapKeyType;
  mapElemType;
};
function integerOf(v) {
  if (v instanceof GoInt) return v.value;
  if (v instanceof GoObject && v.intValue !== void 0 && intBits[v.goKind] !== void 0) {
    return v.intValue();
  }
  return void 0;
}
function integerKindOf(v) {
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoObject && v.intValue !== void 0 && intBits[v.goKind] !== void 0) {
    return v.goKind;
  }
  return void 0;
}
var GoComplex = class extends GoObject {
  constructor(re, im) {
    super();
    this.re = re;
    this.im = im;
  }
  re;
  im;
  goType = "complex128";
  goKind = "complex128";
};
var elemTag = /* @__PURE__ */ Symbol.for("maestro.template.elem");
function typedSlice(arr, elem) {
  if (elem !== "interface {}") {
    Object.defineProperty(arr, elemTag, { value: elem, enumerable: false, configurable: true });
  }
  return arr;
}
function typedMap(obj, elem) {
  if (elem !== "interface {}") {
    Object.defineProperty(obj, elemTag, { value: elem, enumerable: false, configurable: true });
  }
  return obj;
}
function elemTypeOf(v) {
  return v[elemTag] ?? "interface {}";
}
function isGoMap(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoObject);
}
function isGoFunc(v) {
  return typeof v === "object" && v !== null && v.goFunc === true;
}
function kindOf(v) {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float64";
    case "boolean":
      return "bool";
    case "undefined":
      return "invalid";
  }
  if (v === null) return "invalid";
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return "slice";
  if (v instanceof GoObject) return v.goKind;
  if (isGoFunc(v)) return "func";
  return "map";
}
function typeOf(v) {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float64";
    case "boolean":
      return "bool";
    case "undefined":
      return "<nil>";
  }
  if (v === null) return "<nil>";
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return `[]${elemTypeOf(v)}`;
  if (v instanceof GoObject) return v.goType;
  if (isGoFunc(v)) return v.goType();
  return `map[string]${elemTypeOf(v)}`;
}
function isTrue(v) {
  switch (typeof v) {
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
    case "boolean":
      return v;
    case "undefined":
      return false;
  }
  if (v === null) return false;
  if (v instanceof GoInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (v instanceof GoObject) {
    const n3 = integerOf(v);
    return n3 !== void 0 ? n3 !== 0n : !v.isNil();
  }
  if (isGoFunc(v)) return true;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return true;
  return false;
}
function sortedKeys(m) {
  return Object.keys(m).sort(compareGoStrings);
}
function compareGoStrings(a, b) {
  if (a === b) return 0;
  const n3 = Math.min(a.length, b.length);
  for (let i = 0; i < n3; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 55296 && x <= 57343;
      const sy = y >= 55296 && y <= 57343;
      if (sx !== sy) return sx ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

// src/template/funcs.ts
var defaultBudget = {
  steps: 2e7,
  outputBytes: 16 * 1024 * 1024,
  depth: 2e3
};
var FuncError = class extends Error {
  name = "FuncError";
};
var BudgetError = class extends Error {
  name = "BudgetError";
};
function goFunc(name2, signature, impl) {
  const sig = parseSignature(signature);
  const type = formatSignature(sig);
  return { goFunc: true, name: name2, sig, impl, goType: () => type };
}
function parseSignature(text2) {
  const m = /^func\s*\((.*?)\)\s*(.*)$/s.exec(text2.trim());
  if (!m) throw new Error(`bad Go signature: ${text2}`);
  const params = [];
  let variadic = false;
  const paramText = (m[1] ?? "").trim();
  if (paramText !== "") {
    const parts = splitTopLevel(paramText);
    const pending = [];
    for (const part of parts) {
      const p = part.trim();
      const sp = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.+)$/s.exec(p);
      let type;
      if (sp && !["interface", "chan", "func", "map", "struct"].includes(sp[1] ?? "")) {
        type = (sp[2] ?? "").trim();
      } else if (/^[a-z_][A-Za-z0-9_]*$/.test(p) && !isTypeName(p)) {
        pending.push(params.length);
        params.push("");
        continue;
      } else type = p;
      if (type.startsWith("...")) {
        variadic = true;
        type = type.slice(3).trim();
      }
      type = normalizeType(type);
      for (const i of pending) params[i] = type;
      pending.length = 0;
      params.push(type);
    }
  }
  let resText = (m[2] ?? "").trim();
  let error = false;
  let result = "";
  if (resText.startsWith("(")) resText = resText.slice(1, -1);
  if (resText !== "") {
    const rs = splitTopLevel(resText).map((r) => normalizeType(r.trim()));
    result = rs[0] ?? "";
    if (rs.length === 2 && rs[1] === "error") error = true;
    else if (rs.length === 1 && result === "error") {
      result = "error";
    } else if (rs.length > 2 || rs.length === 2 && rs[1] !== "error") {
      throw new Error(`bad Go signature (results): ${text2}`);
    }
  }
  return { params, variadic, result, error };
}
function formatSignature(sig) {
  const ps = sig.params.map(
    (p, i) => sig.variadic && i === sig.params.length - 1 ? `...${p}` : p
  );
  const res = sig.error ? ` (${sig.result}, error)` : sig.result ? ` ${sig.result}` : "";
  return `func(${ps.join(", ")})${res}`;
}
var basicTypes = /* @__PURE__ */ new Set([
  "string",
  "bool",
  "float64",
  "float32",
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr",
  "error",
  "byte",
  "rune",
  "any"
]);
function isTypeName(p) {
  return basicTypes.has(p) || /^(?:[[*.]|map\b|interface\b|func\b|chan\b)/.test(p) || p.includes(".");
}
function normalizeType(t) {
  return t.replace(/\binterface\s*\{\s*\}/g, "interface {}").replace(/\bany\b/g, "interface {}").replace(/\bbyte\b/g, "uint8").replace(/\brune\b/g, "int32");
}
function splitTopLevel(s) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}
var intKinds = /* @__PURE__ */ new Set([
  "int",
  "int8",
  "int16",
  "int32",
  "int64",
  "uint",
  "uint8",
  "uint16",
  "uint32",
  "uint64",
  "uintptr"
]);
function isIntType(t) {
  return intKinds.has(t);
}
function normalizeResult(type, v) {
  if (v === void 0) return null;
  if (isIntType(type)) {
    if (v instanceof GoInt) return v.kind === type ? v : goInt(v.value, type);
    if (typeof v === "number" || typeof v === "bigint") return goInt(v, type);
    return v;
  }
  if (type === "float64" || type === "float32") {
    if (v instanceof GoInt) return Number(v.value);
    return v;
  }
  if (type.startsWith("[]") && Array.isArray(v)) {
    const elem = type.slice(2);
    if (elem === "string" || elem === "bool" || elem === "float64" || isIntType(elem)) {
      return typedSlice(v, elem);
    }
    return v;
  }
  if (type.startsWith("map[string]") && typeof v === "object" && v !== null) {
    const elem = type.slice("map[string]".length);
    if (elem === "string" || elem === "bool" || elem === "float64" || isIntType(elem)) {
      return typedMap(v, elem);
    }
  }
  return v;
}
function createRandom(seed) {
  const s = String(seed);
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  let a = h1 >>> 0, b = h2 >>> 0, c = h3 >>> 0, d = h4 >>> 0;
  const uint32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = a + b | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    d = d + 1 | 0;
    t = t + d | 0;
    c = c + t | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();
  return {
    uint32,
    float64: () => (uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53,
    intn: (n3) => {
      if (!(n3 > 0)) throw new Error("intn: n must be positive");
      return Math.floor((uint32() * 2 ** 21 + (uint32() >>> 11)) / 2 ** 53 * n3);
    },
    bytes: (n3) => {
      const out = new Uint8Array(n3);
      for (let i = 0; i < n3; i += 4) {
        let w = uint32();
        for (let j = i; j < Math.min(n3, i + 4); j++) {
          out[j] = w & 255;
          w >>>= 8;
        }
      }
      return out;
    }
  };
}

// src/template/float.ts
var f64 = new Float64Array(1);
var u64 = new BigUint64Array(f64.buffer);
function decompose(x) {
  f64[0] = x;
  const bits = u64[0];
  const e = Number(bits >> 52n & 0x7ffn);
  const m = bits & (1n << 52n) - 1n;
  if (e === 0) return [m, -1074];
  return [m | 1n << 52n, e - 1075];
}
function exactDigits(x) {
  if (x === 0) return { d: "", dp: 0 };
  const [mant, exp] = decompose(x);
  let s;
  let dp;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return trim(s, dp);
}
function trim(s, dp) {
  let start2 = 0;
  while (start2 < s.length && s.charCodeAt(start2) === 48) start2++;
  let end2 = s.length;
  while (end2 > start2 && s.charCodeAt(end2 - 1) === 48) end2--;
  if (start2 === end2) return { d: "", dp: 0 };
  return { d: s.slice(start2, end2), dp: dp - start2 };
}
function round(x, nd) {
  if (nd < 0) return { d: "", dp: 0 };
  if (nd >= x.d.length) return x;
  const c = x.d.charCodeAt(nd);
  let up;
  if (c === 53 && nd + 1 === x.d.length) {
    up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else up = c >= 53;
  if (!up) return trim(x.d.slice(0, nd), x.dp);
  const digits = x.d.slice(0, nd).split("");
  let i = nd - 1;
  while (i >= 0 && digits[i] === "9") {
    digits[i] = "0";
    i--;
  }
  if (i < 0) return { d: "1", dp: x.dp + 1 };
  digits[i] = String.fromCharCode(digits[i].charCodeAt(0) + 1);
  return trim(digits.join(""), x.dp);
}
function shortestDigits(x) {
  if (x === 0) return { d: "", dp: 0 };
  const s = x.toExponential();
  const e = s.indexOf("e");
  const mant = s.slice(0, e).replace(".", "");
  const exp = parseInt(s.slice(e + 1), 10);
  return trim(mant, exp + 1);
}
function fmtE(neg, d, prec, fmt) {
  let out = neg ? "-" : "";
  out += d.d.length === 0 ? "0" : d.d[0];
  if (prec > 0) {
    out += ".";
    let i = 1;
    const m = Math.min(d.d.length, prec + 1);
    if (i < m) {
      out += d.d.slice(i, m);
      i = m;
    }
    for (; i <= prec; i++) out += "0";
  }
  out += fmt;
  let exp = d.dp - 1;
  if (d.d.length === 0) exp = 0;
  let sign = "+";
  if (exp < 0) {
    sign = "-";
    exp = -exp;
  }
  out += sign + (exp < 10 ? "0" + exp : String(exp));
  return out;
}
function fmtF(neg, d, prec) {
  let out = neg ? "-" : "";
  if (d.dp > 0) {
    const m = Math.min(d.d.length, d.dp);
    out += d.d.slice(0, m);
    for (let i = m; i < d.dp; i++) out += "0";
  } else out += "0";
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.d.length ? d.d[j] : "0";
    }
  }
  return out;
}
function formatFloat(x, fmt, prec) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  if (fmt === "b") return formatBinary(neg, ax);
  const shortest = prec < 0;
  let d;
  if (shortest) {
    d = shortestDigits(ax);
    switch (fmt) {
      case "e":
      case "E":
        prec = Math.max(d.d.length - 1, 0);
        break;
      case "f":
        prec = Math.max(d.d.length - d.dp, 0);
        break;
      case "g":
      case "G":
        prec = d.d.length;
        break;
    }
  } else {
    const exact = exactDigits(ax);
    switch (fmt) {
      case "e":
      case "E":
        d = round(exact, prec + 1);
        break;
      case "f":
        d = round(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        d = round(exact, prec);
    }
  }
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(neg, d, prec, fmt);
    case "f":
      return fmtF(neg, d, prec);
    case "g":
    case "G": {
      let eprec = prec;
      if (eprec > d.d.length && d.d.length >= d.dp) eprec = d.d.length;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > d.d.length) prec = d.d.length;
        return fmtE(neg, d, prec - 1, fmt === "g" ? "e" : "E");
      }
      if (prec > d.dp) prec = d.d.length;
      return fmtF(neg, d, Math.max(prec - d.dp, 0));
    }
  }
  return "%" + fmt;
}
function formatBinary(neg, ax) {
  const [mant, exp] = ax === 0 ? [0n, -1074] : decompose(ax);
  return `${neg ? "-" : ""}${mant}p${exp >= 0 ? "+" : ""}${exp}`;
}
function formatFloatV(x) {
  if (Number.isInteger(x) && Math.abs(x) < 1e6 && !Object.is(x, -0)) return String(x);
  return formatFloat(x, "g", -1);
}

// src/template/quote.ts
var printRe = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
function isPrint(cp) {
  if (cp < 127) return cp >= 32;
  if (cp < 161) return false;
  return printRe.test(String.fromCodePoint(cp));
}
function isGraphic(cp) {
  return isPrint(cp) || cp > 127 && /^\p{Zs}$/u.test(String.fromCodePoint(cp));
}
var hex = "0123456789abcdef";
function quoteRuneInto(out, cp, quote2, asciiOnly, graphicOnly = false) {
  if (cp === quote2 || cp === 92) {
    out.push("\\", String.fromCharCode(cp));
    return;
  }
  if (asciiOnly) {
    if (cp < 128 && isPrint(cp)) {
      out.push(String.fromCharCode(cp));
      return;
    }
  } else if (isPrint(cp) || graphicOnly && isGraphic(cp)) {
    out.push(String.fromCodePoint(cp));
    return;
  }
  switch (cp) {
    case 7:
      out.push("\\a");
      return;
    case 8:
      out.push("\\b");
      return;
    case 12:
      out.push("\\f");
      return;
    case 10:
      out.push("\\n");
      return;
    case 13:
      out.push("\\r");
      return;
    case 9:
      out.push("\\t");
      return;
    case 11:
      out.push("\\v");
      return;
  }
  if (cp < 32 || cp === 127) {
    out.push("\\x", hex[cp >> 4], hex[cp & 15]);
  } else if (cp < 65536) {
    out.push("\\u", cp.toString(16).padStart(4, "0"));
  } else {
    out.push("\\U", cp.toString(16).padStart(8, "0"));
  }
}
function goQuote(s, asciiOnly = false, graphicOnly = false) {
  const out = ['"'];
  for (const ch of s) {
    let cp = ch.codePointAt(0);
    if (cp >= 56448 && cp <= 56575) {
      const b = cp - 56320;
      out.push("\\x", hex[b >> 4], hex[b & 15]);
      continue;
    }
    if (cp >= 55296 && cp <= 57343) cp = 65533;
    quoteRuneInto(out, cp, 34, asciiOnly, graphicOnly);
  }
  out.push('"');
  return out.join("");
}
function goQuoteRune(cp, asciiOnly = false, graphicOnly = false) {
  if (cp > 1114111 || cp >= 55296 && cp <= 57343 || cp < 0) cp = 65533;
  const out = ["'"];
  quoteRuneInto(out, cp, 39, asciiOnly, graphicOnly);
  out.push("'");
  return out.join("");
}
var SyntaxError = class extends Error {
  constructor() {
    super("invalid syntax");
  }
};
function unquoteCharAt(s, i, quote2) {
  const c = s.charCodeAt(i);
  if (c === quote2 && (quote2 === 39 || quote2 === 34)) throw new SyntaxError();
  if (c !== 92) {
    const cp = s.codePointAt(i);
    return { cp, byte: false, next: i + (cp > 65535 ? 2 : 1) };
  }
  if (i + 1 >= s.length) throw new SyntaxError();
  const e = s[i + 1];
  i += 2;
  switch (e) {
    case "a":
      return { cp: 7, byte: false, next: i };
    case "b":
      return { cp: 8, byte: false, next: i };
    case "f":
      return { cp: 12, byte: false, next: i };
    case "n":
      return { cp: 10, byte: false, next: i };
    case "r":
      return { cp: 13, byte: false, next: i };
    case "t":
      return { cp: 9, byte: false, next: i };
    case "v":
      return { cp: 11, byte: false, next: i };
    case "x":
    case "u":
    case "U": {
      const n3 = e === "x" ? 2 : e === "u" ? 4 : 8;
      const digits = s.slice(i, i + n3);
      if (digits.length < n3 || !/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError();
      const v = parseInt(digits, 16);
      if (e === "x") return { cp: v, byte: true, next: i + n3 };
      if (v > 1114111 || v >= 55296 && v <= 57343) throw new SyntaxError();
      return { cp: v, byte: false, next: i + n3 };
    }
    case "0":
    case "1":
    case "2":
    case "3":
    case "4":
    case "5":
    case "6":
    case "7": {
      const digits = s.slice(i - 1, i + 2);
      if (digits.length < 3 || !/^[0-7]{3}$/.test(digits)) throw new SyntaxError();
      const v = parseInt(digits, 8);
      if (v > 255) throw new SyntaxError();
      return { cp: v, byte: true, next: i + 2 };
    }
    case "\\":
      return { cp: 92, byte: false, next: i };
    case "'":
    case '"':
      if (e.charCodeAt(0) !== quote2) throw new SyntaxError();
      return { cp: e.charCodeAt(0), byte: false, next: i };
  }
  throw new SyntaxError();
}
var encoder2 = new TextEncoder();
function goUnquote(s) {
  const n3 = s.length;
  if (n3 < 2) throw new SyntaxError();
  const q = s[0];
  if (q !== s[n3 - 1]) throw new SyntaxError();
  const body = s.slice(1, n3 - 1);
  if (q === "`") {
    if (body.includes("`")) throw new SyntaxError();
    return body.includes("\r") ? body.replace(/\r/g, "") : body;
  }
  if (q !== '"' && q !== "'") throw new SyntaxError();
  if (body.includes("\n")) throw new SyntaxError();
  if (!body.includes("\\") && !body.includes(q)) {
    if (q === '"') return body;
    if (q === "'" && [...body].length === 1) return body;
  }
  const bytes = [];
  let i = 0;
  let count = 0;
  while (i < body.length) {
    const r = unquoteCharAt(body, i, q.charCodeAt(0));
    i = r.next;
    count++;
    if (r.byte) bytes.push(r.cp);
    else for (const b of encoder2.encode(String.fromCodePoint(r.cp))) bytes.push(b);
    if (q === "'" && count > 1) throw new SyntaxError();
  }
  if (q === "'" && count !== 1) throw new SyntaxError();
  return decodeUtf8(new Uint8Array(bytes));
}
function parseCharConstant(text2) {
  let r;
  try {
    r = unquoteCharAt(text2, 1, 39);
  } catch {
    return "invalid syntax";
  }
  if (text2.slice(r.next) !== "'") return `malformed character constant: ${text2}`;
  return r.cp;
}

// src/template/fmt.ts
var ldigits = "0123456789abcdefx";
var udigits = "0123456789ABCDEFX";
var Printer = class {
  buf = "";
  // flags
  plus = false;
  minus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  widPresent = false;
  prec = 0;
  precPresent = false;
  erroring = false;
  /** Print a top-level pointer to a struct as the struct (no `&`). */
  derefTop = false;
  // current argument, for badVerb
  arg = void 0;
  argSet = false;
  clearflags() {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
    this.widPresent = this.precPresent = false;
  }
  writePadding(n3) {
    if (n3 <= 0) return;
    this.buf += (this.zero ? "0" : " ").repeat(n3);
  }
  pad(s) {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      const z = this.zero;
      this.zero = false;
      this.writePadding(width);
      this.zero = z;
    }
  }
  truncate(s) {
    if (this.precPresent) {
      let n3 = this.prec;
      let i = 0;
      for (const ch of s) {
        n3--;
        if (n3 < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }
  fmtS(s) {
    this.pad(this.truncate(s));
  }
  fmtQ(s) {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.pad("`" + s + "`");
      return;
    }
    this.pad(goQuote(s, this.plus));
  }
  fmtSx(s, digits) {
    const bytes = utf8Bytes(s);
    let length2 = bytes.length;
    if (this.precPresent && this.prec < length2) length2 = this.prec;
    let width = 2 * length2;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length2 - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = "";
    if (this.sharp) out += "0" + digits[16];
    for (let i = 0; i < length2; i++) {
      if (this.space && i > 0) {
        out += " ";
        if (this.sharp) out += "0" + digits[16];
      }
      const c = bytes[i];
      out += digits[c >> 4] + digits[c & 15];
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }
  fmtBool(b, verb) {
    if (verb === "t" || verb === "v") this.pad(b ? "true" : "false");
    else this.badVerb(verb);
  }
  fmtInteger(v, signed2, verb) {
    switch (verb) {
      case "v":
        if (this.sharpV && !signed2) {
          this.fmt0x64(v, true);
          return;
        }
        this.fmtInt(v, 10, verb, ldigits);
        return;
      case "d":
        this.fmtInt(v, 10, verb, ldigits);
        return;
      case "b":
        this.fmtInt(v, 2, verb, ldigits);
        return;
      case "o":
      case "O":
        this.fmtInt(v, 8, verb, ldigits);
        return;
      case "x":
        this.fmtInt(v, 16, verb, ldigits);
        return;
      case "X":
        this.fmtInt(v, 16, verb, udigits);
        return;
      case "c":
        this.pad(String.fromCodePoint(toRune(v)));
        return;
      case "q":
        this.pad(goQuoteRune(toRune(v), this.plus));
        return;
      case "U":
        this.fmtUnicode(v);
        return;
    }
    this.badVerb(verb);
  }
  fmt0x64(v, leading0x) {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInt(v, 16, "v", ldigits);
    this.sharp = sharp;
  }
  fmtUnicode(u2) {
    let s = (u2 < 0n ? BigInt.asUintN(64, u2) : u2).toString(16).toUpperCase();
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    s = "U+" + s.padStart(prec, "0");
    if (this.sharp && u2 <= 0x10ffffn && u2 >= 0n && isPrint(Number(u2))) {
      s += " '" + String.fromCodePoint(Number(u2)) + "'";
    }
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }
  fmtInt(u2, base2, verb, digits) {
    const negative = u2 < 0n;
    if (negative) u2 = -u2;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u2 === 0n) {
        const z2 = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = z2;
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u2.toString(base2);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base2 === 2) s = "0b" + s;
      else if (base2 === 8) {
        if (s[0] !== "0") s = "0" + s;
      } else if (base2 === 16) s = "0" + digits[16] + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }
  fmtFloat(v, verb) {
    switch (verb) {
      case "v":
        this.fmtFloatPrec(v, "g", -1);
        return;
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
        this.fmtFloatPrec(v, verb, -1);
        return;
      case "f":
      case "e":
      case "E":
      case "F":
        this.fmtFloatPrec(v, verb === "F" ? "f" : verb, 6);
        return;
    }
    this.badVerb(verb);
  }
  fmtFloatPrec(v, verb, prec) {
    if (this.precPresent) prec = this.prec;
    let num2;
    if (verb === "x" || verb === "X") num2 = formatHexFloat(v, prec, verb);
    else num2 = formatFloat(v, verb, prec);
    if (num2[0] === "-" || num2[0] === "+") {
    } else num2 = "+" + num2;
    if (this.space && num2[0] === "+" && !this.plus) num2 = " " + num2.slice(1);
    if (num2[1] === "I" || num2[1] === "N") {
      const z = this.zero;
      this.zero = false;
      if (num2[1] === "N" && !this.space && !this.plus) num2 = num2.slice(1);
      this.pad(num2);
      this.zero = z;
      return;
    }
    if (this.sharp && verb !== "b") {
      let digits = 0;
      if (verb === "v" || verb === "g" || verb === "G" || verb === "x") {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = "";
      let body = num2;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === ".") {
          hasDecimalPoint = true;
          continue;
        }
        if (c === "p" || c === "P") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if ((c === "e" || c === "E") && verb !== "x" && verb !== "X") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        }
        if (c !== "0") sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === "0") digits--;
        body += ".";
      }
      while (digits > 0) {
        body += "0";
        digits--;
      }
      num2 = body + tail;
    }
    if (this.plus || num2[0] !== "+") {
      if (this.zero && this.widPresent && this.wid > num2.length) {
        this.buf += num2[0];
        this.writePadding(this.wid - num2.length);
        this.buf += num2.slice(1);
        return;
      }
      this.pad(num2);
      return;
    }
    this.pad(num2.slice(1));
  }
  fmtComplex(v, verb) {
    if ("vbgGxXfFeE".includes(verb)) {
      const plus = this.plus;
      this.buf += "(";
      this.fmtFloat(v.re, verb);
      this.plus = true;
      this.fmtFloat(v.im, verb);
      this.buf += "i)";
      this.plus = plus;
    } else this.badVerb(verb);
  }
  fmtString(s, verb) {
    switch (verb) {
      case "v":
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case "s":
        this.fmtS(s);
        return;
      case "x":
        this.fmtSx(s, ldigits);
        return;
      case "X":
        this.fmtSx(s, udigits);
        return;
      case "q":
        this.fmtQ(s);
        return;
    }
    this.badVerb(verb);
  }
  badVerb(verb) {
    this.erroring = true;
    this.buf += "%!" + verb + "(";
    if (this.argSet && this.arg !== null && this.arg !== void 0) {
      this.buf += typeOf(this.arg) + "=";
      this.printArg(this.arg, "v");
    } else this.buf += "<nil>";
    this.buf += ")";
    this.erroring = false;
  }
  printArg(arg, verb) {
    this.arg = arg;
    this.argSet = true;
    if (arg === null || arg === void 0) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb);
      return;
    }
    if (verb === "T") {
      this.fmtS(typeOf(arg));
      return;
    }
    if (verb === "p") {
      this.buf += "%!p(" + typeOf(arg) + "=";
      this.printValue(arg, "v", 0);
      this.buf += ")";
      return;
    }
    this.printValue(arg, verb, 0);
  }
  handleMethods(v, verb) {
    if (this.erroring) return false;
    if (v instanceof GoObject && v.goString !== void 0) {
      if (this.sharpV) return false;
      if (verb === "v" || verb === "s" || verb === "x" || verb === "X" || verb === "q") {
        let text2;
        try {
          text2 = v.goString();
        } catch {
          this.buf += "<nil>";
          return true;
        }
        this.fmtString(text2, verb);
        return true;
      }
    }
    return false;
  }
  printValue(v, verb, depth) {
    if (depth > 0) {
      this.arg = v;
      this.argSet = true;
    }
    switch (typeof v) {
      case "string":
        this.fmtString(v, verb);
        return;
      case "number":
        this.fmtFloat(v, verb);
        return;
      case "boolean":
        this.fmtBool(v, verb);
        return;
      case "undefined":
        if (depth === 0) this.buf += "<invalid reflect.Value>";
        else if (verb === "v") this.buf += "<nil>";
        else this.badVerb(verb);
        return;
    }
    if (v === null) {
      this.buf += this.sharpV ? "interface {}(nil)" : "<nil>";
      return;
    }
    if (v instanceof GoInt) {
      this.fmtInteger(v.value, !isUnsigned(v.kind), verb);
      return;
    }
    if (v instanceof GoComplex) {
      this.fmtComplex(v, verb);
      return;
    }
    if (this.handleMethods(v, verb)) return;
    const named = integerKindOf(v);
    if (named !== void 0) {
      this.fmtInteger(integerOf(v), !isUnsigned(named), verb);
      return;
    }
    if (Array.isArray(v)) {
      if ((verb === "s" || verb === "q" || verb === "x" || verb === "X") && elemTypeOf(v) === "uint8") {
        const bytes = Uint8Array.from(v.map((b) => Number(b.value)));
        this.fmtString(decodeUtf8(bytes), verb);
        return;
      }
      if (this.sharpV) {
        this.buf += typeOf(v) + "{";
        v.forEach((e, i) => {
          if (i > 0) this.buf += ", ";
          this.printValue(e, verb, depth + 1);
        });
        this.buf += "}";
        return;
      }
      this.buf += "[";
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.buf += " ";
        this.printValue(v[i], verb, depth + 1);
      }
      this.buf += "]";
      return;
    }
    if (v instanceof GoObject) {
      if (v.isNil()) {
        this.buf += "<nil>";
        return;
      }
      const names = v.fieldNames();
      if (v.goKind === "ptr" && depth > 0) {
        this.buf += "0xc000000000";
        return;
      }
      if (v.goKind === "ptr" && !this.derefTop) this.buf += "&";
      if (this.sharpV) this.buf += v.goType.replace(/^\*/, "");
      this.buf += "{";
      names.forEach((n3, i) => {
        if (i > 0) this.buf += this.sharpV ? ", " : " ";
        if (this.plusV || this.sharpV) this.buf += n3 + ":";
        this.printValue(v.field(n3), verb, depth + 1);
      });
      this.buf += "}";
      return;
    }
    if (isGoFunc(v)) {
      this.buf += "0x0";
      return;
    }
    const m = v;
    if (this.sharpV) this.buf += typeOf(m) + "{";
    else this.buf += "map[";
    const keys = sortedKeys(m);
    keys.forEach((k, i) => {
      if (i > 0) this.buf += this.sharpV ? ", " : " ";
      this.printValue(k, verb, depth + 1);
      this.buf += ":";
      this.printValue(m[k], verb, depth + 1);
    });
    this.buf += this.sharpV ? "}" : "]";
  }
  doPrintf(format, a) {
    const end2 = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;
    const argNumber = (argNum2, i2) => {
      if (format.length <= i2 || format[i2] !== "[") return [argNum2, i2, false];
      reordered = true;
      const [index2, wid, ok] = parseArgNumber(format.slice(i2));
      if (ok && index2 >= 0 && index2 < a.length) return [index2, i2 + wid, true];
      goodArgNum = false;
      return [argNum2, i2 + wid, ok];
    };
    let i = 0;
    formatLoop: while (i < end2) {
      goodArgNum = true;
      const lasti = i;
      while (i < end2 && format[i] !== "%") i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end2) break;
      i++;
      this.clearflags();
      simple: for (; i < end2; i++) {
        const c = format[i];
        switch (c) {
          case "#":
            this.sharp = true;
            break;
          case "0":
            this.zero = !this.minus;
            break;
          case "+":
            this.plus = true;
            break;
          case "-":
            this.minus = true;
            this.zero = false;
            break;
          case " ":
            this.space = true;
            break;
          default:
            if (c >= "a" && c <= "z" && argNum < a.length) {
              if (c === "v") {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i < end2 && format[i] === "*") {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.widPresent) this.buf += "%!(BADWIDTH)";
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end2);
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end2 && format[i] === ".") {
        i++;
        if (afterIndex) goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(argNum, i);
        if (i < end2 && format[i] === "*") {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(a, argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += "%!(BADPREC)";
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end2);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i >= end2) {
        this.buf += "%!(NOVERB)";
        break;
      }
      const cp = format.codePointAt(i);
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === "%") {
        this.buf += "%";
      } else if (!goodArgNum) {
        this.buf += "%!" + verb + "(BADINDEX)";
      } else if (argNum >= a.length) {
        this.buf += "%!" + verb + "(MISSING)";
      } else {
        if (verb === "v") {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearflags();
      this.buf += "%!(EXTRA ";
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ", ";
        const arg = a[k];
        if (arg === null || arg === void 0) this.buf += "<nil>";
        else {
          this.buf += typeOf(arg) + "=";
          this.printArg(arg, "v");
        }
      }
      this.buf += ")";
    }
  }
};
function parsenum(s, start2, end2) {
  if (start2 >= end2) return [0, false, end2];
  let num2 = 0;
  let isnum = false;
  let i = start2;
  for (; i < end2 && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57; i++) {
    if (num2 > 1e6 || num2 < -1e6) return [0, false, end2];
    num2 = num2 * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
  }
  return [num2, isnum, i];
}
function parseArgNumber(format) {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === "]") {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}
function intFromArg(a, argNum) {
  let num2 = 0;
  let isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    const iv = integerOf(v);
    if (iv !== void 0) {
      const n3 = iv;
      if (n3 >= -(1n << 63n) && n3 < 1n << 63n) {
        num2 = Number(n3);
        isInt = true;
      }
    }
    newArgNum = argNum + 1;
    if (num2 > 1e6 || num2 < -1e6) {
      num2 = 0;
      isInt = false;
    }
  }
  return [num2, isInt, newArgNum];
}
function toRune(v) {
  if (v < 0n || v > 0x10ffffn) return 65533;
  const n3 = Number(v);
  if (n3 >= 55296 && n3 <= 57343) return 65533;
  return n3;
}
function runeCount(s) {
  let n3 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 56320 && c <= 57343 && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 55296 && p <= 56319) continue;
    }
    n3++;
  }
  return n3;
}
function canBackquote(s) {
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c === 65279) return false;
    if (c < 128) {
      if (c < 32 && c !== 9 || c === 96 || c === 127) return false;
    } else if (c === 65533) return false;
  }
  return true;
}
function formatHexFloat(v, prec, verb) {
  if (!Number.isFinite(v)) return formatFloat(v, "g", -1);
  const neg = v < 0 || Object.is(v, -0);
  let ax = Math.abs(v);
  if (ax === 0) {
    const z = prec > 0 ? "0." + "0".repeat(prec) : "0";
    const zs = `${neg ? "-" : ""}0x${z}p+00`;
    return verb === "X" ? zs.toUpperCase() : zs;
  }
  let exp = Math.floor(Math.log2(ax));
  ax = ax / 2 ** exp;
  while (ax >= 2) {
    ax /= 2;
    exp++;
  }
  while (ax < 1) {
    ax *= 2;
    exp--;
  }
  let mant = BigInt(Math.round((ax - 1) * 2 ** 52));
  let digits = mant.toString(16).padStart(13, "0");
  if (prec >= 0 && prec < 13) {
    const shift = BigInt((13 - prec) * 4);
    const half = 1n << shift - 1n;
    const rem = mant & (1n << shift) - 1n;
    mant >>= shift;
    if (rem > half || rem === half && (mant & 1n) === 1n) mant++;
    let lead = 1;
    if (mant >> BigInt(prec * 4) > 0n) {
      lead = 2;
      mant &= (1n << BigInt(prec * 4)) - 1n;
    }
    digits = prec > 0 ? mant.toString(16).padStart(prec, "0") : "";
    if (lead === 2) {
      exp++;
      digits = prec > 0 ? "0".repeat(prec) : "";
    }
  } else {
    digits = digits.replace(/0+$/, "");
    if (prec > 13) digits = digits.padEnd(prec, "0");
  }
  const es = exp < 0 ? "-" : "+";
  const ea = Math.abs(exp);
  let s = `${neg ? "-" : ""}0x1${digits ? "." + digits : ""}p${es}${ea < 10 ? "0" + ea : ea}`;
  if (verb === "X") s = s.toUpperCase();
  return s;
}
function sprint(...args) {
  if (args.length === 1) {
    const a = args[0];
    if (typeof a === "string") return a;
  }
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = typeof arg === "string";
    if (i > 0 && !isString && !prevString) p.buf += " ";
    p.printArg(arg, "v");
    prevString = isString;
  }
  return p.buf;
}
function sprintln(...args) {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += " ";
    p.printArg(args[i], "v");
  }
  return p.buf + "\n";
}
function sprintf(format, ...args) {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}
function printOne(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatFloatV(v);
  if (v instanceof GoInt) return v.value.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  const p = new Printer();
  if (v instanceof GoObject && v.goKind === "ptr" && !v.isNil() && v.goString === void 0) {
    p.derefTop = true;
  }
  p.printArg(v, "v");
  return p.buf;
}

// src/template/nodes.ts
function nodeString(n3, quoteText = false) {
  const sb = [];
  write(n3, sb, quoteText);
  return sb.join("");
}
function write(n3, sb, q) {
  switch (n3.type) {
    case "list":
      for (const c of n3.nodes) write(c, sb, q);
      return;
    case "text":
      sb.push(q ? goQuote(n3.text) : n3.text);
      return;
    case "comment":
      sb.push("{{", n3.text, "}}");
      return;
    case "action":
      sb.push("{{");
      write(n3.pipe, sb, q);
      sb.push("}}");
      return;
    case "pipe":
      if (n3.decl.length > 0) {
        n3.decl.forEach((v, i) => {
          if (i > 0) sb.push(", ");
          write(v, sb, q);
        });
        sb.push(" := ");
      }
      n3.cmds.forEach((c, i) => {
        if (i > 0) sb.push(" | ");
        write(c, sb, q);
      });
      return;
    case "command":
      n3.args.forEach((a, i) => {
        if (i > 0) sb.push(" ");
        if (a.type === "pipe") {
          sb.push("(");
          write(a, sb, q);
          sb.push(")");
        } else write(a, sb, q);
      });
      return;
    case "identifier":
      sb.push(n3.ident);
      return;
    case "variable":
      sb.push(n3.ident.join("."));
      return;
    case "dot":
      sb.push(".");
      return;
    case "nil":
      sb.push("nil");
      return;
    case "field":
      for (const id of n3.ident) sb.push(".", id);
      return;
    case "chain":
      if (n3.node.type === "pipe") {
        sb.push("(");
        write(n3.node, sb, q);
        sb.push(")");
      } else write(n3.node, sb, q);
      for (const f of n3.field) sb.push(".", f);
      return;
    case "bool":
      sb.push(n3.value ? "true" : "false");
      return;
    case "number":
      sb.push(n3.text);
      return;
    case "string":
      sb.push(n3.quoted);
      return;
    case "if":
    case "range":
    case "with":
      sb.push("{{", n3.type, " ");
      write(n3.pipe, sb, q);
      sb.push("}}");
      write(n3.list, sb, q);
      if (n3.elseList) {
        sb.push("{{else}}");
        write(n3.elseList, sb, q);
      }
      sb.push("{{end}}");
      return;
    case "template":
      sb.push("{{template ", goQuote(n3.name));
      if (n3.pipe) {
        sb.push(" ");
        write(n3.pipe, sb, q);
      }
      sb.push("}}");
      return;
    case "break":
      sb.push("{{break}}");
      return;
    case "continue":
      sb.push("{{continue}}");
      return;
    case "end":
      sb.push("{{end}}");
      return;
    case "else":
      sb.push("{{else}}");
      return;
  }
}
var goSpaceOnly = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
function isEmptyTree(n3) {
  if (n3 === null) return true;
  switch (n3.type) {
    case "comment":
      return true;
    case "list":
      return n3.nodes.every(isEmptyTree);
    case "text":
      return goSpaceOnly.test(n3.text);
    default:
      return false;
  }
}

// src/template/exec.ts
var MISSING = /* @__PURE__ */ Symbol("missing");
var ExecError = class extends Error {
  name = "ExecError";
};
var TemplateBudgetError = class extends ExecError {
  name = "TemplateBudgetError";
};
var State = class {
  constructor(set2, env, name2, limits, makeCtx) {
    this.set = set2;
    this.env = env;
    this.limits = limits;
    this.makeCtx = makeCtx;
    this.tmplName = name2;
    this.steps = limits.steps;
    this.outLeft = limits.outputBytes;
  }
  set;
  env;
  limits;
  makeCtx;
  out = "";
  vars = [];
  /** True while dot came out of an interface{} slot (a range element): Go names its type `interface {}`. */
  dotIface = false;
  node = null;
  tmplName;
  depth = 0;
  steps;
  outLeft;
  ctx = null;
  /** Set when a function drew from the seeded random source (engine.ts trackedRandom). */
  generated = false;
  at(n3) {
    this.node = n3;
  }
  errorf(msg, budget = false) {
    const name2 = this.tmplName;
    let text2;
    if (this.node === null) text2 = `template: ${name2}: ${msg}`;
    else {
      const [location, context] = errorContext(this.node);
      text2 = `template: ${location}: executing ${goQuote(name2)} at <${context}>: ${msg}`;
    }
    throw budget ? new TemplateBudgetError(text2) : new ExecError(text2);
  }
  step() {
    if (--this.steps < 0) this.budgetStep();
  }
  budgetStep() {
    this.errorf(`render budget exhausted: more than ${this.limits.steps} evaluation steps`, true);
  }
  write(text2) {
    this.outLeft -= text2.length;
    if (this.outLeft < 0) {
      this.errorf(
        `render budget exhausted: output larger than ${this.limits.outputBytes} bytes`,
        true
      );
    }
    this.out += text2;
  }
  push(name2, value) {
    this.vars.push({ name: name2, value });
  }
  varValue(name2) {
    return this.varEntry(name2).value;
  }
  varEntry(name2) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v.name === name2) return v;
    }
    this.errorf(`undefined variable: ${name2}`);
  }
  setVar(name2, value) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v.name === name2) {
        v.value = value;
        v.iface = false;
        return;
      }
    }
    this.errorf(`undefined variable: ${name2}`);
  }
  callContext() {
    if (this.ctx === null) this.ctx = this.makeCtx(this);
    return this.ctx;
  }
};
function errorContext(n3) {
  const text2 = n3.tree.text.slice(0, n3.pos);
  const nl = text2.lastIndexOf("\n");
  const lineText = nl === -1 ? text2 : text2.slice(nl + 1);
  const col = utf8Bytes(lineText).length;
  let line = 1;
  for (let i = 0; i < text2.length; i++) if (text2.charCodeAt(i) === 10) line++;
  return [`${n3.tree.parseName}:${line}:${col}`, nodeString(n3)];
}
var TemplateSet = class {
  constructor(trees, env) {
    this.trees = trees;
    this.env = env;
  }
  trees;
  env;
  compiled = /* @__PURE__ */ new Map();
  lookup(name2) {
    let c = this.compiled.get(name2);
    if (c === void 0) {
      const t = this.trees.get(name2);
      if (t === void 0) return void 0;
      c = new Compiler(this.env).list(t.root);
      this.compiled.set(name2, c);
    }
    return c;
  }
};
function canBeNil(typ) {
  return typ === "interface {}" || typ === "error" || typ === "reflect.Value" || typ.startsWith("[]") || typ.startsWith("map[") || typ.startsWith("*") || typ.startsWith("func") || typ.startsWith("chan");
}
function zeroOf(typ) {
  if (typ === "string") return "";
  if (typ === "bool") return false;
  if (typ === "float64" || typ === "float32") return 0;
  if (isIntType(typ)) return goInt(0, typ);
  return null;
}
function validateType(s, v, typ) {
  if (v === void 0) {
    if (typ === null || typ === "reflect.Value") return void 0;
    if (canBeNil(typ)) return null;
    s.errorf(`invalid value; expected ${typ}`);
  }
  if (typ === null || typ === "reflect.Value" || typ === "interface {}") return v;
  if (v === null) s.errorf(`wrong type for value; expected ${typ}; got interface {}`);
  const t = typeOf(v);
  if (t === typ) return v;
  if (v instanceof GoObject) {
    if (t === `*${typ}` || typ === `*${t}`) return v;
    if ((typ === "fmt.Stringer" || typ === "error") && v.goString !== void 0) return v;
  }
  s.errorf(`wrong type for value; expected ${typ}; got ${t}`);
}
function implArg(v, typ) {
  if (v instanceof GoInt && isIntType(typ)) return v.value;
  if (v === void 0 && typ !== "reflect.Value") return null;
  return v;
}
function isHexInt(s) {
  return s.length > 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X") && !/[pP]/.test(s);
}
function idealConstant(s, n3) {
  s.at(n3);
  const c = n3.info;
  if (c.isComplex) return new GoComplex(c.complex[0], c.complex[1]);
  if (c.isFloat && !isHexInt(n3.text) && n3.text[0] !== "'" && /[.eEpP]/.test(n3.text)) {
    return c.float64;
  }
  if (c.isInt) return goInt(c.int64);
  if (c.isUint) s.errorf(`${n3.text} overflows int`);
  return void 0;
}
var Compiler = class {
  constructor(env) {
    this.env = env;
  }
  env;
  list(n3) {
    const parts = n3.nodes.map((c) => this.node(c));
    if (parts.length === 1) {
      const only = parts[0];
      return only;
    }
    return (s, dot) => {
      for (let i = 0; i < parts.length; i++) {
        const r = parts[i](s, dot);
        if (r !== 0) return r;
      }
      return 0;
    };
  }
  node(n3) {
    switch (n3.type) {
      case "text": {
        const text2 = n3.text;
        return (s) => {
          s.step();
          s.write(text2);
          return 0;
        };
      }
      case "action": {
        const pipe = this.pipeline(n3.pipe);
        if (n3.pipe.decl.length > 0) {
          return (s, dot) => {
            s.step();
            s.at(n3);
            pipe(s, dot);
            return 0;
          };
        }
        return (s, dot) => {
          s.step();
          s.at(n3);
          const v = pipe(s, dot);
          s.at(n3);
          if (typeof v === "string") s.write(v);
          else if (v === void 0) s.write("<no value>");
          else {
            if (isGoFunc(v)) s.errorf(`can't print ${nodeString(n3)} of type ${v.goType()}`);
            s.write(printOne(v));
          }
          return 0;
        };
      }
      case "if":
      case "with":
        return this.ifOrWith(n3);
      case "range":
        return this.range(n3);
      case "template":
        return this.template(n3);
      case "list":
        return this.list(n3);
      case "break":
        return (s) => {
          s.at(n3);
          return 1;
        };
      case "continue":
        return (s) => {
          s.at(n3);
          return 2;
        };
      case "comment":
        return () => 0;
      default:
        return (s) => {
          s.at(n3);
          return s.errorf(`unknown node: ${nodeString(n3)}`);
        };
    }
  }
  ifOrWith(n3) {
    const pipe = this.pipeline(n3.pipe);
    const list = this.list(n3.list);
    const elseList = n3.elseList ? this.list(n3.elseList) : null;
    const isWith = n3.type === "with";
    return (s, dot) => {
      s.step();
      s.at(n3);
      const mark = s.vars.length;
      const val = pipe(s, dot);
      let r = 0;
      if (isTrue(val)) {
        if (isWith) {
          const di = s.dotIface;
          s.dotIface = false;
          r = list(s, val);
          s.dotIface = di;
        } else r = list(s, dot);
      } else if (elseList !== null) r = elseList(s, dot);
      s.vars.length = mark;
      return r;
    };
  }
  range(n3) {
    const pipe = this.pipeline(n3.pipe);
    const list = this.list(n3.list);
    const elseList = n3.elseList ? this.list(n3.elseList) : null;
    const ndecl = n3.pipe.decl.length;
    return (s, dot) => {
      s.step();
      s.at(n3);
      const mark0 = s.vars.length;
      const val = pipe(s, dot);
      const mark = s.vars.length;
      const di = s.dotIface;
      let elemIface = false;
      const one = (index2, elem) => {
        s.step();
        if (ndecl > 0) {
          const e = s.vars[mark - 1];
          e.value = elem;
          e.iface = elemIface;
        }
        if (ndecl > 1) {
          const e = s.vars[mark - 2];
          e.value = index2;
          e.iface = false;
        }
        s.dotIface = elemIface;
        const r = list(s, elem);
        s.dotIface = di;
        s.vars.length = mark;
        return r;
      };
      if (Array.isArray(val) || isGoMap(val)) elemIface = elemTypeOf(val) === "interface {}";
      let ran = false;
      if (Array.isArray(val)) {
        if (val.length > 0) {
          ran = true;
          for (let i = 0; i < val.length; i++) {
            if (one(goInt(i), val[i]) === 1) break;
          }
        }
      } else if (isGoMap(val)) {
        const keys = sortedKeys(val);
        if (keys.length > 0) {
          ran = true;
          for (const k of keys) if (one(k, val[k]) === 1) break;
        }
      } else if (val !== void 0 && val !== null) {
        s.errorf(`range can't iterate over ${printOne(val)}`);
      }
      if (!ran && elseList !== null) {
        const r = elseList(s, dot);
        s.vars.length = mark0;
        return r;
      }
      s.vars.length = mark0;
      return 0;
    };
  }
  template(n3) {
    const pipe = n3.pipe ? this.pipeline(n3.pipe) : null;
    return (s, dot) => {
      s.step();
      s.at(n3);
      const t = s.set.lookup(n3.name);
      if (t === void 0) return s.errorf(`template ${goQuote(n3.name)} not defined`);
      if (s.depth >= s.limits.depth) {
        s.errorf(
          `render budget exhausted: template calls nested deeper than ${s.limits.depth}`,
          true
        );
      }
      const newDot = pipe ? pipe(s, dot) : void 0;
      const saved = { vars: s.vars, name: s.tmplName };
      s.vars = [{ name: "$", value: newDot }];
      s.tmplName = n3.name;
      s.depth++;
      const di = s.dotIface;
      s.dotIface = false;
      t(s, newDot);
      s.dotIface = di;
      s.depth--;
      s.vars = saved.vars;
      s.tmplName = saved.name;
      return 0;
    };
  }
  pipeline(p) {
    const cmds = p.cmds.map((c) => this.command(c));
    const decl = p.decl.map((d) => d.ident[0]);
    const isAssign = p.isAssign;
    if (cmds.length === 1 && decl.length === 0) {
      const c = cmds[0];
      return (s, dot) => {
        s.at(p);
        const v = c(s, dot, MISSING);
        return v === null ? void 0 : v;
      };
    }
    return (s, dot) => {
      s.at(p);
      let value = MISSING;
      for (let i = 0; i < cmds.length; i++) {
        value = cmds[i](s, dot, value);
        if (value === null) value = void 0;
      }
      const v = value;
      for (const name2 of decl) {
        if (isAssign) s.setVar(name2, v);
        else s.push(name2, v);
      }
      return v;
    };
  }
  command(cmd) {
    const first = cmd.args[0];
    const args = cmd.args;
    switch (first.type) {
      case "field":
        return (s, dot, final) => {
          s.at(first);
          return this.evalFieldChain(s, dot, dot, first, first.ident, args, final, s.dotIface);
        };
      case "chain": {
        const recv = this.arg(first.node, null);
        return (s, dot, final) => {
          s.at(first);
          if (first.node.type === "nil") {
            s.errorf(`indirection through explicit nil in ${nodeString(first)}`);
          }
          const pipe = recv(s, dot);
          return this.evalFieldChain(s, dot, pipe, first, first.field, args, final);
        };
      }
      case "identifier":
        return this.functionCall(first, cmd, args);
      case "pipe": {
        const pipe = this.pipeline(first);
        return (s, dot, final) => {
          notAFunction(s, args, final);
          return pipe(s, dot);
        };
      }
      case "variable":
        return (s, dot, final) => this.evalVariable(s, dot, first, args, final);
    }
    let constant;
    switch (first.type) {
      case "bool": {
        const b = first.value;
        constant = () => b;
        break;
      }
      case "dot":
        constant = (_s, dot) => dot;
        break;
      case "nil":
        constant = (s) => s.errorf("nil is not a command");
        break;
      case "number":
        constant = (s) => idealConstant(s, first);
        break;
      case "string": {
        const text2 = first.text;
        constant = () => text2;
        break;
      }
      default:
        constant = (s) => s.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
    }
    return (s, dot, final) => {
      s.at(first);
      notAFunction(s, args, final);
      return constant(s, dot);
    };
  }
  evalVariable(s, dot, v, args, final) {
    s.at(v);
    const entry = s.varEntry(v.ident[0]);
    if (v.ident.length === 1) {
      notAFunction(s, args, final);
      return entry.value;
    }
    return this.evalFieldChain(
      s,
      dot,
      entry.value,
      v,
      v.ident.slice(1),
      args,
      final,
      entry.iface === true
    );
  }
  evalFieldChain(s, dot, receiver, node, ident, args, final, iface = false) {
    const n3 = ident.length;
    for (let i = 0; i < n3 - 1; i++) {
      const r = receiver;
      receiver = this.evalField(s, dot, ident[i], node, null, MISSING, r, iface);
      iface = isGoMap(r) && !isGoFunc(r) && elemTypeOf(r) === "interface {}";
    }
    return this.evalField(s, dot, ident[n3 - 1], node, args, final, receiver, iface);
  }
  evalField(s, dot, fieldName, node, args, final, receiver, iface = false) {
    if (receiver === void 0) {
      if (s.env.missingkey === "error")
        s.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return void 0;
    }
    if (receiver === null) s.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    const hasArgs = args !== null && args.length > 1 || final !== MISSING;
    if (receiver instanceof GoObject) {
      const m = receiver.method(fieldName);
      if (m !== void 0) return this.evalCall(s, dot, m, false, node, fieldName, args, final);
      const f = receiver.isNil() ? void 0 : receiver.field(fieldName);
      if (f !== void 0) {
        if (!/^\p{Lu}/u.test(fieldName)) {
          s.errorf(`${fieldName} is an unexported field of struct type ${receiver.goType}`);
        }
        if (hasArgs) s.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return f;
      }
      if (receiver.isNil()) s.errorf(`nil pointer evaluating ${receiver.goType}.${fieldName}`);
      s.errorf(`can't evaluate field ${fieldName} in type ${receiver.goType}`);
    }
    if (isGoMap(receiver) && !isGoFunc(receiver)) {
      if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, fieldName)) {
        return receiver[fieldName];
      }
      switch (s.env.missingkey) {
        case "default":
          return void 0;
        case "zero":
          return zeroOf(elemTypeOf(receiver));
        case "error":
          s.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
    }
    s.errorf(
      `can't evaluate field ${fieldName} in type ${iface ? "interface {}" : typeOf(receiver)}`
    );
  }
  functionCall(id, cmd, args) {
    const entry = this.env.funcs.get(id.ident);
    if (entry === void 0) {
      return (s) => {
        s.at(id);
        return s.errorf(`${goQuote(id.ident)} is not a defined function`);
      };
    }
    const { fn, builtin } = entry;
    return (s, dot, final) => {
      s.at(id);
      return this.evalCall(s, dot, fn, builtin, cmd, id.ident, args, final);
    };
  }
  argCache = /* @__PURE__ */ new WeakMap();
  /** evalArg, compiled for one node and one parameter type. */
  arg(n3, typ) {
    let byType = this.argCache.get(n3);
    if (byType === void 0) {
      byType = /* @__PURE__ */ new Map();
      this.argCache.set(n3, byType);
    }
    let e = byType.get(typ);
    if (e === void 0) {
      e = this.compileArg(n3, typ);
      byType.set(typ, e);
    }
    return e;
  }
  compileArg(n3, typ) {
    switch (n3.type) {
      case "dot":
        return (s, dot) => {
          s.at(n3);
          return validateType(s, dot, typ);
        };
      case "nil":
        return (s) => {
          s.at(n3);
          if (typ !== null && canBeNil(typ)) return typ === "reflect.Value" ? void 0 : null;
          s.errorf(`cannot assign nil to ${typ ?? "<nil>"}`);
        };
      case "field": {
        const fa = [n3];
        return (s, dot) => {
          s.at(n3);
          s.at(n3);
          return validateType(
            s,
            this.evalFieldChain(s, dot, dot, n3, n3.ident, fa, MISSING, s.dotIface),
            typ
          );
        };
      }
      case "variable":
        return (s, dot) => {
          s.at(n3);
          return validateType(s, this.evalVariable(s, dot, n3, null, MISSING), typ);
        };
      case "pipe": {
        const pipe = this.pipeline(n3);
        return (s, dot) => {
          s.at(n3);
          return validateType(s, pipe(s, dot), typ);
        };
      }
      case "identifier": {
        const call2 = this.functionCall(n3, n3, [n3]);
        return (s, dot) => {
          s.at(n3);
          return validateType(s, call2(s, dot, MISSING), typ);
        };
      }
      case "chain": {
        const cmd = this.command({ type: "command", pos: n3.pos, tree: n3.tree, args: [n3] });
        return (s, dot) => {
          s.at(n3);
          return validateType(s, cmd(s, dot, MISSING), typ);
        };
      }
    }
    const found = nodeString(n3);
    const fail2 = (s, what) => s.errorf(`expected ${what}; found ${found}`);
    if (typ === "bool") {
      return (s) => {
        s.at(n3);
        return n3.type === "bool" ? n3.value : fail2(s, "bool");
      };
    }
    if (typ === "float64" || typ === "float32") {
      return (s) => {
        s.at(n3);
        if (n3.type === "number" && n3.info.isFloat) {
          return typ === "float32" ? Math.fround(n3.info.float64) : n3.info.float64;
        }
        return fail2(s, "float");
      };
    }
    if (typ !== null && isIntType(typ)) {
      const unsigned = typ.startsWith("u");
      return (s) => {
        s.at(n3);
        if (n3.type === "number") {
          if (!unsigned && n3.info.isInt) return goInt(n3.info.int64, typ);
          if (unsigned && n3.info.isUint) return goInt(n3.info.uint64, typ);
        }
        return fail2(s, unsigned ? "unsigned integer" : "integer");
      };
    }
    if (typ === "string") {
      return (s) => {
        s.at(n3);
        return n3.type === "string" ? n3.text : fail2(s, "string");
      };
    }
    if (typ === "interface {}" || typ === "reflect.Value") {
      return (s) => {
        s.at(n3);
        switch (n3.type) {
          case "bool":
            return n3.value;
          case "number":
            return idealConstant(s, n3);
          case "string":
            return n3.text;
        }
        return s.errorf(`can't handle assignment of ${found} to empty interface argument`);
      };
    }
    return (s) => {
      s.at(n3);
      return s.errorf(`can't handle ${found} for arg of type ${typ ?? "<nil>"}`);
    };
  }
  evalCall(s, dot, fn, isBuiltin, node, name2, allArgs, final) {
    const args = allArgs === null ? [] : allArgs.slice(1);
    const sig = fn.sig;
    const numParams = sig.params.length;
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (sig.variadic) {
      numFixed = numParams - 1;
      if (numIn < numFixed) {
        s.errorf(
          `wrong number of args for ${name2}: want at least ${numParams - 1} got ${args.length}`
        );
      }
    } else if (numIn !== numParams) {
      s.errorf(`wrong number of args for ${name2}: want ${numParams} got ${numIn}`);
    }
    if (sig.result === "" || sig.result === "error") {
      s.errorf(
        `can't call method/function ${goQuote(name2)} with ${sig.result === "" ? 0 : 1} results`
      );
    }
    if (isBuiltin && (name2 === "and" || name2 === "or")) {
      const argType = sig.params[0];
      let v = void 0;
      for (const a of args) {
        v = this.arg(a, argType)(s, dot);
        if (isTrue(v) === (name2 === "or")) return v;
      }
      if (final !== MISSING) v = validateType(s, final, argType);
      return v;
    }
    s.step();
    const argv = new Array(numIn + 1);
    argv[0] = s.callContext();
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      const t = sig.params[i];
      argv[i + 1] = implArg(this.arg(args[i], t)(s, dot), t);
    }
    if (sig.variadic) {
      const t = sig.params[numParams - 1];
      for (; i < args.length; i++) argv[i + 1] = implArg(this.arg(args[i], t)(s, dot), t);
    }
    if (final !== MISSING) {
      let t = sig.params[numParams - 1];
      if (sig.variadic && numIn - 1 < numFixed) t = sig.params[numIn - 1];
      argv[i + 1] = implArg(validateType(s, final, t), t);
    }
    let ret;
    try {
      ret = fn.impl(...argv);
    } catch (e) {
      if (e instanceof ExecError) throw e;
      s.at(node);
      if (e instanceof BudgetError) {
        s.errorf(`render budget exhausted: ${e.message.replace(/^template: [^:]*: /, "")}`, true);
      }
      s.errorf(`error calling ${name2}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (sig.result === "reflect.Value") return ret;
    return normalizeResult(sig.result, ret);
  }
};
function notAFunction(s, args, final) {
  if (args !== null && args.length > 1 || final !== MISSING) {
    s.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }
}

// src/template/builtins.ts
var fail = (msg) => {
  throw new FuncError(msg);
};
var ind = (v) => v === null ? void 0 : v;
function basicKind(v) {
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float";
    case "boolean":
      return "bool";
  }
  const ik = integerKindOf(v);
  if (ik !== void 0) return isUnsigned(ik) ? "uint" : "int";
  if (v instanceof GoObject && v.goKind === "complex128") return "complex";
  return "invalid";
}
var intOf = (v) => integerOf(v);
var errBadComparisonType = "invalid type for comparison";
var errBadComparison = "incompatible types for comparison";
var errNoComparison = "missing argument for comparison";
function comparable(v) {
  return !(Array.isArray(v) || isGoMap(v) || isGoFunc(v));
}
function complexParts(v) {
  const c = v;
  return [c.re, c.im];
}
function reflectKind(v) {
  if (v === void 0 || v === null) return "invalid";
  if (Array.isArray(v)) return "slice";
  if (isGoFunc(v)) return "func";
  if (isGoMap(v)) return "map";
  if (v instanceof GoObject) return v.goKind;
  return typeof v;
}
function isNilValue(v) {
  return v === void 0 || v === null || v instanceof GoObject && v.isNil();
}
function eq(a1, ...rest) {
  a1 = ind(a1);
  if (rest.length === 0) fail(errNoComparison);
  const k1 = basicKind(a1);
  for (let arg of rest) {
    arg = ind(arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === "int" && k2 === "uint") {
        truth = intOf(a1) >= 0n && intOf(a1) === intOf(arg);
      } else if (k1 === "uint" && k2 === "int") {
        truth = intOf(arg) >= 0n && intOf(a1) === intOf(arg);
      } else if (a1 !== void 0 && arg !== void 0) {
        fail(errBadComparison);
      }
    } else {
      switch (k1) {
        case "bool":
        case "float":
        case "string":
          truth = a1 === arg;
          break;
        case "int":
        case "uint":
          truth = intOf(a1) === intOf(arg);
          break;
        case "complex": {
          const [r1, i1] = complexParts(a1);
          const [r2, i2] = complexParts(arg);
          truth = r1 === r2 && i1 === i2;
          break;
        }
        default: {
          const r1 = reflectKind(a1);
          const r2 = reflectKind(arg);
          if (r1 !== r2 && r1 !== "invalid" && r2 !== "invalid") {
            fail(
              `non-comparable types ${sprintf("%s", a1)}: ${typeOf(a1)}, ${typeOf(arg)}: ${sprint(arg)}`
            );
          }
          if (isNilValue(a1) || isNilValue(arg)) truth = isNilValue(arg) === isNilValue(a1);
          else {
            if (!comparable(arg)) fail(`non-comparable type ${sprintf("%s", arg)}: ${typeOf(arg)}`);
            truth = a1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}
function lt(a1, a2) {
  a1 = ind(a1);
  const k1 = basicKind(a1);
  if (k1 === "invalid") fail(errBadComparisonType);
  a2 = ind(a2);
  const k2 = basicKind(a2);
  if (k2 === "invalid") fail(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === "int" && k2 === "uint") {
      return intOf(a1) < 0n || intOf(a1) < intOf(a2);
    }
    if (k1 === "uint" && k2 === "int") {
      return intOf(a2) >= 0n && intOf(a1) < intOf(a2);
    }
    return fail(errBadComparison);
  }
  switch (k1) {
    case "bool":
    case "complex":
      return fail(errBadComparisonType);
    case "float":
      return a1 < a2;
    case "int":
    case "uint":
      return intOf(a1) < intOf(a2);
    default:
      return compareGoStrings(a1, a2) < 0;
  }
}
function le(a1, a2) {
  return lt(a1, a2) || eq(a1, a2);
}
function indexArg(index2, cap) {
  let x;
  const iv = integerOf(index2);
  if (iv !== void 0) x = iv;
  else if (index2 === void 0) return fail("cannot index slice/array with nil");
  else return fail(`cannot index slice/array with type ${typeOf(index2)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}
function intLike(t) {
  return isIntType(t);
}
function prepareArg(value, argType) {
  if (value === void 0) {
    if (!canBeNil(argType)) fail(`value is nil; should be of type ${argType}`);
    return zeroOf(argType);
  }
  const t = value === null ? "interface {}" : typeOf(value);
  if (t === argType || argType === "interface {}" || argType === "reflect.Value") return value;
  if (value instanceof GoInt && intLike(argType)) return normalizeResult(argType, value.value);
  return fail(`value has type ${t}; should be ${argType}`);
}
function index(item, ...indexes) {
  item = ind(item);
  if (item === void 0) return fail("index of untyped nil");
  for (let idx of indexes) {
    idx = ind(idx);
    if (item === null || item instanceof GoObject && item.isNil()) fail("index of nil pointer");
    if (typeof item === "string") {
      const len = byteLength(item);
      const x = indexArg(idx, len);
      if (x === len) fail("reflect: string index out of range");
      item = goInt(byteAt(item, x), "uint8");
    } else if (Array.isArray(item)) {
      const x = indexArg(idx, item.length);
      if (x === item.length) fail("reflect: slice index out of range");
      item = item[x];
    } else if (isGoMap(item) && !isGoFunc(item)) {
      const key = prepareArg(idx, "string");
      const m = item;
      if (typeof key === "string" && Object.prototype.hasOwnProperty.call(m, key)) {
        item = m[key];
      } else item = zeroOf(elemTypeOf(m));
    } else if (item instanceof GoObject && item.mapIndex !== void 0) {
      const key = prepareArg(idx, item.mapKeyType ?? "interface {}");
      const v = item.mapIndex(key);
      item = v === void 0 ? zeroOf(item.mapElemType ?? "interface {}") : v;
    } else {
      return fail(`can't index item of type ${typeOf(item)}`);
    }
  }
  return item;
}
function slice(item, ...indexes) {
  item = ind(item);
  if (item === void 0) return fail("slice of untyped nil");
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap;
  let len;
  if (typeof item === "string") {
    if (indexes.length === 3) fail("cannot 3-index slice a string");
    len = cap = byteLength(item);
  } else if (Array.isArray(item)) {
    len = cap = item.length;
  } else return fail(`can't slice item of type ${typeOf(item)}`);
  const idx = [0, len, 0];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(ind(x), cap);
  });
  const [i0, i1, i2] = idx;
  if (i0 > i1) fail(`invalid slice index: ${i0} > ${i1}`);
  if (indexes.length === 3 && i1 > i2) fail(`invalid slice index: ${i1} > ${i2}`);
  if (typeof item === "string") return byteSlice(item, i0, i1);
  const out = item.slice(i0, i1);
  const et = elemTypeOf(item);
  return et === "interface {}" ? out : typedSlice(out, et);
}
function length(item) {
  if (item === null) fail("len of nil pointer");
  if (item === void 0) fail("reflect: call of reflect.Value.Type on zero Value");
  if (typeof item === "string") return goInt(byteLength(item));
  if (Array.isArray(item)) return goInt(item.length);
  if (isGoMap(item) && !isGoFunc(item)) return goInt(Object.keys(item).length);
  if (item instanceof GoObject && item.isNil()) fail("len of nil pointer");
  return fail(`len of type ${typeOf(item)}`);
}
function call(fn, ...args) {
  fn = ind(fn);
  if (fn === void 0) return fail("call of nil");
  if (!isGoFunc(fn)) return fail(`non-function of type ${typeOf(fn)}`);
  const sig = fn.sig;
  if (sig.result === "" || sig.result === "error") {
    fail(`function called with ${sig.result === "" ? 0 : 1} args; should be 1 or 2`);
  }
  const numIn = sig.params.length;
  if (sig.variadic) {
    if (args.length < numIn - 1)
      fail(`wrong number of args: got ${args.length} want at least ${numIn - 1}`);
  } else if (args.length !== numIn) {
    fail(`wrong number of args: got ${args.length} want ${numIn}`);
  }
  const argv = [];
  args.forEach((a, i) => {
    const t = !sig.variadic || i < numIn - 1 ? sig.params[i] : sig.params[numIn - 1];
    let v;
    try {
      v = prepareArg(ind(a), t);
    } catch (e) {
      return fail(`arg ${i}: ${e.message}`);
    }
    argv.push(v instanceof GoInt && isIntType(t) ? v.value : v);
  });
  return normalizeResult(sig.result, fn.impl(ctxOf(), ...argv));
}
var currentCtx = null;
function ctxOf() {
  return currentCtx;
}
function evalArgs(args) {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(...args.map((a) => a === null || a === void 0 ? "<no value>" : a));
}
function htmlEscape(s) {
  return s.replace(/[<>&'"\0]/g, (c) => {
    switch (c) {
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case "&":
        return "&amp;";
      case "'":
        return "&#39;";
      case '"':
        return "&#34;";
      default:
        return "\uFFFD";
    }
  });
}
function jsEscape(s) {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 128) {
      switch (ch) {
        case "\\":
          out += "\\\\";
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case "<":
          out += "\\u003C";
          continue;
        case ">":
          out += "\\u003E";
          continue;
        case "&":
          out += "\\u0026";
          continue;
        case "=":
          out += "\\u003D";
          continue;
      }
      if (c < 32) out += "\\u00" + c.toString(16).toUpperCase().padStart(2, "0");
      else out += ch;
    } else {
      const cp = c >= 55296 && c <= 57343 ? 65533 : c;
      if (isPrint(cp)) out += String.fromCodePoint(cp);
      else out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
    }
  }
  return out;
}
function queryEscape(s) {
  let out = "";
  for (const b of utf8Bytes(s)) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (b === 32) out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}
var RV = "reflect.Value";
function builtinFuncs() {
  const f = (name2, sig, impl) => goFunc(name2, sig, (ctx, ...args) => {
    currentCtx = ctx;
    return impl(...args);
  });
  return {
    and: f("and", `func(arg0 ${RV}, args ...${RV}) ${RV}`, (a) => a),
    or: f("or", `func(arg0 ${RV}, args ...${RV}) ${RV}`, (a) => a),
    not: f("not", `func(arg ${RV}) bool`, (a) => !isTrue(ind(a))),
    call: f("call", `func(fn ${RV}, args ...${RV}) (${RV}, error)`, call),
    html: f("html", "func(args ...interface{}) string", (...a) => htmlEscape(evalArgs(a))),
    index: f("index", `func(item ${RV}, indexes ...${RV}) (${RV}, error)`, index),
    slice: f("slice", `func(item ${RV}, indexes ...${RV}) (${RV}, error)`, slice),
    js: f("js", "func(args ...interface{}) string", (...a) => jsEscape(evalArgs(a))),
    len: f("len", `func(item ${RV}) (int, error)`, length),
    print: f("print", "func(args ...interface{}) string", (...a) => sprint(...a)),
    printf: f(
      "printf",
      "func(format string, args ...interface{}) string",
      (fmt, ...a) => sprintf(fmt, ...a)
    ),
    println: f("println", "func(args ...interface{}) string", (...a) => sprintln(...a)),
    urlquery: f(
      "urlquery",
      "func(args ...interface{}) string",
      (...a) => queryEscape(evalArgs(a))
    ),
    eq: f("eq", `func(arg1 ${RV}, arg2 ...${RV}) (bool, error)`, eq),
    ge: f("ge", `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a, b) => !lt(a, b)),
    gt: f("gt", `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a, b) => !le(a, b)),
    le: f("le", `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, le),
    lt: f("lt", `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, lt),
    ne: f("ne", `func(arg1 ${RV}, arg2 ${RV}) (bool, error)`, (a, b) => !eq(a, b))
  };
}

// src/template/lexer.ts
var keywords = {
  ".": 26 /* Dot */,
  block: 23 /* Block */,
  break: 24 /* Break */,
  continue: 25 /* Continue */,
  define: 27 /* Define */,
  else: 28 /* Else */,
  end: 29 /* End */,
  if: 30 /* If */,
  range: 32 /* Range */,
  nil: 31 /* Nil */,
  template: 33 /* Template */,
  with: 34 /* With */
};
function itemString(i) {
  if (i.typ === 8 /* EOF */) return "EOF";
  if (i.typ === 0 /* Error */) return i.val;
  if (i.typ > 22 /* Keyword */) return `<${i.val}>`;
  if (byteLength(i.val) > 10) return `${goQuote([...i.val].slice(0, 10).join(""))}...`;
  return goQuote(i.val);
}
var isSpace = (c) => c === 32 || c === 9 || c === 13 || c === 10;
var letterRe = /^[\p{L}\p{Nd}_]$/u;
function isAlphaNumeric(ch) {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      return c === 95 || c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122;
    }
  }
  return ch !== "" && letterRe.test(ch);
}
function formatRuneU(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  const hex3 = cp.toString(16).toUpperCase().padStart(4, "0");
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
  return printable ? `U+${hex3} '${ch}'` : `U+${hex3}`;
}
var Lexer = class {
  constructor(input, leftDelim = "{{", rightDelim = "}}", breakOK = true, continueOK = true) {
    this.input = input;
    this.leftDelim = leftDelim;
    this.rightDelim = rightDelim;
    this.breakOK = breakOK;
    this.continueOK = continueOK;
    new LexRun(this.items, input, leftDelim, rightDelim, breakOK, continueOK).run();
  }
  input;
  leftDelim;
  rightDelim;
  breakOK;
  continueOK;
  items = [];
  next = 0;
  nextItem() {
    const it = this.items[this.next];
    if (it === void 0) {
      const last = this.items[this.items.length - 1];
      return { typ: 8 /* EOF */, pos: this.input.length, val: "", line: last ? last.line : 1 };
    }
    this.next++;
    return it;
  }
};
var EOF = "";
var LexRun = class {
  constructor(items, input, leftDelim, rightDelim, breakOK, continueOK) {
    this.items = items;
    this.input = input;
    this.leftDelim = leftDelim;
    this.rightDelim = rightDelim;
    this.breakOK = breakOK;
    this.continueOK = continueOK;
  }
  items;
  input;
  leftDelim;
  rightDelim;
  breakOK;
  continueOK;
  pos = 0;
  start = 0;
  startLine = 1;
  parenDepth = 0;
  run() {
    let state = lexText;
    while (state !== null) state = state(this);
  }
  nextRune() {
    if (this.pos >= this.input.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const c = this.input.charCodeAt(this.pos);
    let ch;
    if (c >= 55296 && c <= 56319 && this.pos + 1 < this.input.length) {
      ch = this.input.slice(this.pos, this.pos + 2);
    } else ch = this.input[this.pos];
    this.pos += ch.length;
    this.lastWidth = ch.length;
    return ch;
  }
  lastWidth = 0;
  peek() {
    const p = this.pos;
    const w = this.lastWidth;
    const r = this.nextRune();
    this.pos = p;
    this.lastWidth = w;
    return r;
  }
  backup() {
    this.pos -= this.lastWidth;
    this.lastWidth = 0;
  }
  emit(t) {
    this.items.push({
      typ: t,
      pos: this.start,
      val: this.input.slice(this.start, this.pos),
      line: this.startLine
    });
    this.ignore();
  }
  // Lines are derived from positions: an item's line is 1 + the newlines before it.
  ignore() {
    this.startLine += countNL(this.input, this.start, this.pos);
    this.start = this.pos;
  }
  accept(valid) {
    const r = this.nextRune();
    if (r !== EOF && valid.includes(r)) return true;
    if (r !== EOF) this.backup();
    return false;
  }
  acceptRun(valid) {
    for (; ; ) {
      const r = this.nextRune();
      if (r === EOF) return;
      if (!valid.includes(r)) {
        this.backup();
        return;
      }
    }
  }
  errorf(msg) {
    this.items.push({ typ: 0 /* Error */, pos: this.start, val: msg, line: this.startLine });
    return null;
  }
  atRightDelim() {
    const rest = this.input.startsWith(this.rightDelim, this.pos + 2);
    if (hasRightTrimMarker(this.input, this.pos) && rest) return [true, true];
    if (this.input.startsWith(this.rightDelim, this.pos)) return [true, false];
    return [false, false];
  }
  atTerminator() {
    const r = this.peek();
    if (r === EOF) return true;
    if (isSpace(r.charCodeAt(0))) return true;
    switch (r) {
      case ".":
      case ",":
      case "|":
      case ":":
      case ")":
      case "(":
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }
};
function countNL(s, from, to) {
  let n3 = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n3++;
  return n3;
}
function hasLeftTrimMarker(s, at) {
  return s.length >= at + 2 && s.charCodeAt(at) === 45 && isSpace(s.charCodeAt(at + 1));
}
function hasRightTrimMarker(s, at) {
  return s.length >= at + 2 && isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 45;
}
function leftTrimLength(s, at) {
  let i = at;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - at;
}
function rightTrimLength(s, from, to) {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}
function lexText(l) {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = x + l.leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) {
        trimLength = rightTrimLength(l.input, l.start, x);
      }
      l.pos -= trimLength;
      if (l.pos > l.start) l.emit(20 /* Text */);
      l.pos += trimLength;
      l.ignore();
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) l.emit(20 /* Text */);
  l.emit(8 /* EOF */);
  return null;
}
function lexLeftDelim(l) {
  l.pos += l.leftDelim.length;
  const trimSpace2 = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace2 ? 2 : 0;
  if (l.input.startsWith("/*", l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit(11 /* LeftDelim */);
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}
function lexComment(l) {
  l.pos += 2;
  const x = l.input.indexOf("*/", l.pos);
  if (x < 0) return l.errorf("unclosed comment");
  l.pos = x + 2;
  const [delim, trimSpace2] = l.atRightDelim();
  if (!delim) return l.errorf("comment ends before closing delimiter");
  if (trimSpace2) l.pos += 2;
  l.pos += l.rightDelim.length;
  if (trimSpace2) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  return lexText;
}
function lexRightDelim(l) {
  const [, trimSpace2] = l.atRightDelim();
  if (trimSpace2) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  l.emit(16 /* RightDelim */);
  if (trimSpace2) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}
function lexInsideAction(l) {
  const [delim] = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf("unclosed left paren");
  }
  const r = l.nextRune();
  if (r === EOF) return l.errorf("unclosed action");
  const c = r.charCodeAt(0);
  if (isSpace(c)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case "=":
      l.emit(6 /* Assign */);
      return lexInsideAction;
    case ":":
      if (l.nextRune() !== "=") return l.errorf("expected :=");
      l.emit(7 /* Declare */);
      return lexInsideAction;
    case "|":
      l.emit(14 /* Pipe */);
      return lexInsideAction;
    case '"':
      return lexQuote;
    case "`":
      return lexRawQuote;
    case "$":
      return lexVariable;
    case "'":
      return lexChar;
    case ".":
      if (l.pos < l.input.length) {
        const n3 = l.input.charCodeAt(l.pos);
        if (n3 < 48 || n3 > 57) return lexField;
      }
      l.backup();
      return lexNumber;
    case "(":
      l.emit(12 /* LeftParen */);
      l.parenDepth++;
      return lexInsideAction;
    case ")":
      l.emit(17 /* RightParen */);
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${formatRuneU(r)}`);
      return lexInsideAction;
  }
  if (r === "+" || r === "-" || c >= 48 && c <= 57) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (c <= 127 && c >= 32 && c !== 127) {
    l.emit(2 /* Char */);
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRuneU(r)}`);
}
function lexSpace(l) {
  let numSpaces = 0;
  for (; ; ) {
    const r = l.peek();
    if (r === EOF || !isSpace(r.charCodeAt(0))) break;
    l.nextRune();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos + 1)) {
    l.pos--;
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit(18 /* Space */);
  return lexInsideAction;
}
function lexIdentifier(l) {
  for (; ; ) {
    const r = l.nextRune();
    if (r !== EOF && isAlphaNumeric(r)) continue;
    if (r !== EOF) l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
    const kw = keywords[word];
    if (kw !== void 0 && kw > 22 /* Keyword */) {
      if (kw === 24 /* Break */ && !l.breakOK || kw === 25 /* Continue */ && !l.continueOK) {
        l.emit(10 /* Identifier */);
      } else l.emit(kw);
    } else if (word[0] === ".") l.emit(9 /* Field */);
    else if (word === "true" || word === "false") l.emit(1 /* Bool */);
    else l.emit(10 /* Identifier */);
    return lexInsideAction;
  }
}
function lexField(l) {
  return lexFieldOrVariable(l, 9 /* Field */);
}
function lexVariable(l) {
  return lexFieldOrVariable(l, 21 /* Variable */);
}
function lexFieldOrVariable(l, typ) {
  if (l.atTerminator()) {
    l.emit(typ === 21 /* Variable */ ? 21 /* Variable */ : 26 /* Dot */);
    return lexInsideAction;
  }
  let r;
  for (; ; ) {
    r = l.nextRune();
    if (r === EOF || !isAlphaNumeric(r)) {
      if (r !== EOF) l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRuneU(r)}`);
  l.emit(typ);
  return lexInsideAction;
}
function lexChar(l) {
  for (; ; ) {
    let r = l.nextRune();
    if (r === "\\") {
      r = l.nextRune();
      if (r !== EOF && r !== "\n") continue;
    }
    if (r === EOF || r === "\n") return l.errorf("unterminated character constant");
    if (r === "'") break;
  }
  l.emit(3 /* CharConstant */);
  return lexInsideAction;
}
function lexNumber(l) {
  if (!scanNumber(l))
    return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === "+" || sign === "-") {
    if (!scanNumber(l) || l.input[l.pos - 1] !== "i") {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    l.emit(5 /* Complex */);
  } else l.emit(13 /* Number */);
  return lexInsideAction;
}
function scanNumber(l) {
  l.accept("+-");
  let digits = "0123456789_";
  if (l.accept("0")) {
    if (l.accept("xX")) digits = "0123456789abcdefABCDEF_";
    else if (l.accept("oO")) digits = "01234567_";
    else if (l.accept("bB")) digits = "01_";
  }
  l.acceptRun(digits);
  if (l.accept(".")) l.acceptRun(digits);
  if (digits.length === 11 && l.accept("eE")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  if (digits.length === 23 && l.accept("pP")) {
    l.accept("+-");
    l.acceptRun("0123456789_");
  }
  l.accept("i");
  const p = l.peek();
  if (p !== EOF && isAlphaNumeric(p)) {
    l.nextRune();
    return false;
  }
  return true;
}
function lexQuote(l) {
  for (; ; ) {
    let r = l.nextRune();
    if (r === "\\") {
      r = l.nextRune();
      if (r !== EOF && r !== "\n") continue;
    }
    if (r === EOF || r === "\n") return l.errorf("unterminated quoted string");
    if (r === '"') break;
  }
  l.emit(19 /* String */);
  return lexInsideAction;
}
function lexRawQuote(l) {
  for (; ; ) {
    const r = l.nextRune();
    if (r === EOF) return l.errorf("unterminated raw quoted string");
    if (r === "`") break;
  }
  l.emit(15 /* RawString */);
  return lexInsideAction;
}

// src/template/numbers.ts
var MAX_U64 = (1n << 64n) - 1n;
var MAX_I64 = (1n << 63n) - 1n;
var MIN_I64 = -(1n << 63n);
function underscoreOK(s0) {
  let s = s0;
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex3 = false;
  if (s.length >= 2 && s[0] === "0" && /[bBoOxX]/.test(s[1])) {
    i = 2;
    saw = "0";
    hex3 = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (c >= "0" && c <= "9" || hex3 && /[a-fA-F]/.test(c)) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}
function parseUint0(s0) {
  if (s0 === "") return void 0;
  let s = s0;
  let base2 = 10;
  if (s[0] === "0") {
    const c = s[1];
    if (s.length >= 3 && (c === "b" || c === "B")) {
      base2 = 2;
      s = s.slice(2);
    } else if (s.length >= 3 && (c === "o" || c === "O")) {
      base2 = 8;
      s = s.slice(2);
    } else if (s.length >= 3 && (c === "x" || c === "X")) {
      base2 = 16;
      s = s.slice(2);
    } else {
      base2 = 8;
      s = s.slice(1);
    }
  }
  let n3 = 0n;
  let underscores = false;
  const b = BigInt(base2);
  for (const c of s) {
    if (c === "_") {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base2) return void 0;
    n3 = n3 * b + BigInt(d);
    if (n3 > MAX_U64) return void 0;
  }
  if (underscores && !underscoreOK(s0)) return void 0;
  if (s0 !== "0" && s === "" && base2 !== 8) return void 0;
  return n3;
}
function parseInt0(s) {
  if (s === "") return void 0;
  let neg = false;
  let body = s;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    body = s.slice(1);
  }
  const u2 = parseUint0(body);
  if (u2 === void 0) return void 0;
  const v = neg ? -u2 : u2;
  if (v > MAX_I64 || v < MIN_I64) return void 0;
  return v;
}
var decFloatRe = /^[+-]?(?:\d[\d_]*\.?[\d_]*|\.[\d_]+)(?:[eE][+-]?[\d_]+)?$/;
var hexFloatRe = /^([+-]?)0[xX]([\da-fA-F_]*)(?:\.([\da-fA-F_]*))?[pP]([+-]?[\d_]+)$/;
function parseFloat64(s) {
  const r = parseFloatGo(s);
  return typeof r === "number" ? r : void 0;
}
function parseFloatGo(s) {
  const SYNTAX = "invalid syntax";
  const lower2 = s.toLowerCase().replace(/^[+-]/, "");
  if (lower2 === "inf" || lower2 === "infinity") return s[0] === "-" ? -Infinity : Infinity;
  if (s.toLowerCase() === "nan") return NaN;
  if (lower2 === "nan") return SYNTAX;
  if (s.includes("_") && !underscoreOK(s)) return SYNTAX;
  let v;
  const h = hexFloatRe.exec(s);
  if (h) {
    const intPart = (h[2] ?? "").replace(/_/g, "");
    const frac = (h[3] ?? "").replace(/_/g, "");
    if (intPart === "" && frac === "") return SYNTAX;
    const mant = BigInt("0x" + (intPart + frac || "0"));
    const exp = parseInt((h[4] ?? "0").replace(/_/g, ""), 10) - 4 * frac.length;
    v = Number(mant) * 2 ** exp;
    if (!Number.isFinite(v) && mant !== 0n) {
      v = Number(mant) * 2 ** (exp / 2) * 2 ** (exp - exp / 2);
    }
    if (h[1] === "-") v = -v;
  } else {
    if (!decFloatRe.test(s)) return SYNTAX;
    v = Number(s.replace(/_/g, ""));
    if (Number.isNaN(v)) return SYNTAX;
  }
  if (!Number.isFinite(v)) return "value out of range";
  return v;
}
function classifyNumber(text2, kind) {
  const n3 = {
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex: [0, 0]
  };
  if (kind === "complex") {
    const c = scanComplex(text2);
    if (typeof c === "string") return c;
    n3.isComplex = true;
    n3.complex = c;
    simplifyComplex(n3);
    return n3;
  }
  if (text2.endsWith("i")) {
    const f = parseFloat64(text2.slice(0, -1));
    if (f !== void 0) {
      n3.isComplex = true;
      n3.complex = [0, f];
      simplifyComplex(n3);
      return n3;
    }
  }
  const u2 = parseUint0(text2);
  if (u2 !== void 0) {
    n3.isUint = true;
    n3.uint64 = u2;
  }
  const i = parseInt0(text2);
  if (i !== void 0) {
    n3.isInt = true;
    n3.int64 = i;
    if (i === 0n) {
      n3.isUint = true;
      n3.uint64 = u2 ?? 0n;
    }
  }
  if (n3.isInt) {
    n3.isFloat = true;
    n3.float64 = Number(n3.int64);
  } else if (n3.isUint) {
    n3.isFloat = true;
    n3.float64 = Number(n3.uint64);
  } else {
    const f = parseFloat64(text2);
    if (f !== void 0) {
      if (!/[.eEpP]/.test(text2)) return `integer overflow: ${goQuote(text2)}`;
      n3.isFloat = true;
      n3.float64 = f;
      setIntsFromFloat(n3, f);
    }
  }
  if (!n3.isInt && !n3.isUint && !n3.isFloat) return `illegal number syntax: ${goQuote(text2)}`;
  return n3;
}
function setIntsFromFloat(n3, f) {
  if (!n3.isInt && Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
    n3.isInt = true;
    n3.int64 = BigInt(f);
  }
  if (!n3.isUint && Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
    n3.isUint = true;
    n3.uint64 = BigInt(f);
  }
}
function simplifyComplex(n3) {
  if (n3.complex[1] === 0) {
    n3.isFloat = true;
    n3.float64 = n3.complex[0];
    setIntsFromFloat(n3, n3.float64);
  }
}
function runeNumber(cp) {
  return {
    isInt: true,
    isUint: true,
    isFloat: true,
    isComplex: false,
    int64: BigInt(cp),
    uint64: BigInt(cp),
    float64: cp,
    complex: [0, 0]
  };
}
function scanComplex(text2) {
  let i = 0;
  const accept = (chars2) => {
    if (i < text2.length && chars2.includes(text2[i])) {
      i++;
      return true;
    }
    return false;
  };
  const floatToken = () => {
    const start2 = i;
    if (accept("nN") && accept("aA") && accept("nN")) return text2.slice(start2, i);
    accept("+-");
    if (accept("iI") && accept("nN") && accept("fF")) return text2.slice(start2, i);
    let digits = "0123456789_";
    let exp = "eEpP";
    if (accept("0") && accept("xX")) {
      digits = "0123456789aAbBcCdDeEfF_";
      exp = "pP";
    }
    while (accept(digits)) ;
    if (accept(".")) while (accept(digits)) ;
    if (accept(exp)) {
      accept("+-");
      while (accept("0123456789_")) ;
    }
    return text2.slice(start2, i);
  };
  const complexError = "syntax error scanning complex number";
  const real = floatToken();
  if (!accept("+-")) return complexError;
  const imag = text2[i - 1] + floatToken();
  if (!accept("i")) return complexError;
  const convert = (s) => {
    const f = parseFloatGo(s);
    return typeof f === "number" ? f : `strconv.ParseFloat: parsing ${goQuote(s)}: ${f}`;
  };
  const re = convert(real);
  if (typeof re === "string") return re;
  const im = convert(imag);
  if (typeof im === "string") return im;
  return [re, im];
}

// src/template/parser.ts
var ParseError = class extends Error {
  name = "ParseError";
};
function parse(name2, text2, hasFunction, leftDelim = "{{", rightDelim = "}}") {
  const treeSet = /* @__PURE__ */ new Map();
  const lex = new Lexer(
    text2,
    leftDelim,
    rightDelim,
    !hasFunction("break"),
    !hasFunction("continue")
  );
  const p = new Parser(name2, name2, text2, lex, treeSet, hasFunction);
  p.parse();
  p.add();
  return treeSet;
}
var Parser = class _Parser {
  constructor(name2, parseName, text2, lex, treeSet, hasFunction) {
    this.lex = lex;
    this.treeSet = treeSet;
    this.hasFunction = hasFunction;
    this.ref = { name: name2, parseName, text: text2 };
  }
  lex;
  treeSet;
  hasFunction;
  ref;
  root;
  token = [];
  peekCount = 0;
  vars = ["$"];
  rangeDepth = 0;
  actionLine = 0;
  // --- token buffer, exactly as Go's Tree ---
  next() {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  backup() {
    this.peekCount++;
  }
  backup2(t1) {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2, t1) {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek() {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  nextNonSpace() {
    let t;
    do
      t = this.next();
    while (t.typ === 18 /* Space */);
    return t;
  }
  peekNonSpace() {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  // --- errors ---
  errorf(msg) {
    const line = this.token[0]?.line ?? 1;
    throw new ParseError(`template: ${this.ref.parseName}:${line}: ${msg}`);
  }
  expect(expected, context) {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  expectOneOf(e1, e2, context) {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  unexpected(t, context) {
    if (t.typ === 0 /* Error */) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.ref.parseName}:${this.actionLine}`;
        if (t.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${itemString(t)} in ${context}`);
  }
  unquote(s) {
    try {
      return goUnquote(s);
    } catch {
      this.errorf("invalid syntax");
    }
  }
  // --- structure ---
  add() {
    const tree = this.treeSet.get(this.ref.name);
    if (tree === void 0 || isEmptyTree(tree.root)) {
      this.treeSet.set(this.ref.name, { ...this.ref, root: this.root });
      return;
    }
    if (!isEmptyTree(this.root)) {
      this.errorf(`template: multiple definition of template ${goQuote(this.ref.name)}`);
    }
  }
  newList(pos) {
    return { type: "list", pos, tree: this.ref, nodes: [] };
  }
  parse() {
    this.root = this.newList(this.peek().pos);
    while (this.peek().typ !== 8 /* EOF */) {
      if (this.peek().typ === 11 /* LeftDelim */) {
        const delim = this.next();
        if (this.nextNonSpace().typ === 27 /* Define */) {
          const sub2 = new _Parser(
            "definition",
            this.ref.parseName,
            this.ref.text,
            this.lex,
            this.treeSet,
            this.hasFunction
          );
          sub2.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n3 = this.textOrAction();
      if (n3.type === "end" || n3.type === "else") this.errorf(`unexpected ${nodeString(n3)}`);
      this.root.nodes.push(n3);
    }
  }
  parseDefinition() {
    const context = "define clause";
    const name2 = this.expectOneOf(19 /* String */, 15 /* RawString */, context);
    this.ref.name = this.unquote(name2.val);
    this.expect(16 /* RightDelim */, context);
    const [list, end2] = this.itemList();
    this.root = list;
    if (end2.type !== "end") this.errorf(`unexpected ${nodeString(end2)} in ${context}`);
    this.add();
  }
  itemList() {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== 8 /* EOF */) {
      const n3 = this.textOrAction();
      if (n3.type === "end" || n3.type === "else") return [list, n3];
      list.nodes.push(n3);
    }
    this.errorf("unexpected EOF");
  }
  textOrAction() {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 20 /* Text */:
        return { type: "text", pos: token.pos, tree: this.ref, text: token.val };
      case 11 /* LeftDelim */: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case 4 /* Comment */:
        return { type: "comment", pos: token.pos, tree: this.ref, text: token.val };
      default:
        this.unexpected(token, "input");
    }
  }
  action() {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 23 /* Block */:
        return this.blockControl();
      case 24 /* Break */:
        return this.breakControl(token.pos, token.line, "break");
      case 25 /* Continue */:
        return this.breakControl(token.pos, token.line, "continue");
      case 28 /* Else */:
        return this.elseControl();
      case 29 /* End */:
        return this.endControl();
      case 30 /* If */:
        return this.branch("if", true);
      case 32 /* Range */:
        return this.branch("range", false);
      case 33 /* Template */:
        return this.templateControl();
      case 34 /* With */:
        return this.branch("with", false);
    }
    this.backup();
    const t = this.peek();
    return {
      type: "action",
      pos: t.pos,
      line: t.line,
      tree: this.ref,
      pipe: this.pipeline("command", 16 /* RightDelim */)
    };
  }
  breakControl(pos, line, kind) {
    const token = this.nextNonSpace();
    if (token.typ !== 16 /* RightDelim */) this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos, line, tree: this.ref };
  }
  pipeline(context, end2) {
    const token = this.peekNonSpace();
    const pipe = {
      type: "pipe",
      pos: token.pos,
      line: token.line,
      tree: this.ref,
      isAssign: false,
      decl: [],
      cmds: []
    };
    decls: for (; ; ) {
      const v = this.peekNonSpace();
      if (v.typ !== 21 /* Variable */) break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 6 /* Assign */ || next.typ === 7 /* Declare */) {
        pipe.isAssign = next.typ === 6 /* Assign */;
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === 2 /* Char */ && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 21 /* Variable */ || p === 16 /* RightDelim */ || p === 17 /* RightParen */) continue decls;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === 18 /* Space */) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (; ; ) {
      const token2 = this.nextNonSpace();
      switch (token2.typ) {
        case end2:
          this.checkPipeline(pipe, context);
          return pipe;
        case 1 /* Bool */:
        case 3 /* CharConstant */:
        case 5 /* Complex */:
        case 26 /* Dot */:
        case 9 /* Field */:
        case 10 /* Identifier */:
        case 13 /* Number */:
        case 31 /* Nil */:
        case 15 /* RawString */:
        case 19 /* String */:
        case 21 /* Variable */:
        case 12 /* LeftParen */:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token2, context);
      }
    }
  }
  checkPipeline(pipe, context) {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const t = pipe.cmds[i].args[0]?.type;
      if (t === "bool" || t === "dot" || t === "nil" || t === "number" || t === "string") {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }
  branch(type, allowElseIf) {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(type, 16 /* RightDelim */);
      if (type === "range") this.rangeDepth++;
      const first = this.itemList();
      const list = first[0];
      let next = first[1];
      if (type === "range") this.rangeDepth--;
      let elseList = null;
      if (next.type === "else") {
        if (allowElseIf && this.peek().typ === 30 /* If */) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch("if", true));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== "end") this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return { type, pos: pipe.pos, line: pipe.line, tree: this.ref, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }
  elseControl() {
    const peek = this.peekNonSpace();
    if (peek.typ === 30 /* If */) return { type: "else", pos: peek.pos, line: peek.line, tree: this.ref };
    const token = this.expect(16 /* RightDelim */, "else");
    return { type: "else", pos: token.pos, line: token.line, tree: this.ref };
  }
  endControl() {
    return { type: "end", pos: this.expect(16 /* RightDelim */, "end").pos, tree: this.ref };
  }
  templateControl() {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name2 = this.parseTemplateName(token, context);
    let pipe = null;
    if (this.nextNonSpace().typ !== 16 /* RightDelim */) {
      this.backup();
      pipe = this.pipeline(context, 16 /* RightDelim */);
    }
    return { type: "template", pos: token.pos, line: token.line, tree: this.ref, name: name2, pipe };
  }
  parseTemplateName(token, context) {
    if (token.typ === 19 /* String */ || token.typ === 15 /* RawString */) return this.unquote(token.val);
    this.unexpected(token, context);
  }
  blockControl() {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name2 = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, 16 /* RightDelim */);
    const block = new _Parser(
      name2,
      this.ref.parseName,
      this.ref.text,
      this.lex,
      this.treeSet,
      this.hasFunction
    );
    const [list, end2] = block.itemList();
    block.root = list;
    if (end2.type !== "end") this.errorf(`unexpected ${nodeString(end2)} in ${context}`);
    block.add();
    return { type: "template", pos: token.pos, line: token.line, tree: this.ref, name: name2, pipe };
  }
  command() {
    const cmd = {
      type: "command",
      pos: this.peekNonSpace().pos,
      tree: this.ref,
      args: []
    };
    for (; ; ) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== null) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 18 /* Space */) continue;
      if (token.typ === 16 /* RightDelim */ || token.typ === 17 /* RightParen */) this.backup();
      else if (token.typ !== 14 /* Pipe */) this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }
  operand() {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().typ === 9 /* Field */) {
      const pos = this.peek().pos;
      const fields = [];
      while (this.peek().typ === 9 /* Field */) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case "field":
          return { type: "field", pos, tree: this.ref, ident: [...node.ident, ...fields] };
        case "variable":
          return { type: "variable", pos, tree: this.ref, ident: [...node.ident, ...fields] };
        case "bool":
        case "string":
        case "number":
        case "nil":
        case "dot":
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      }
      return { type: "chain", pos, tree: this.ref, node, field: fields };
    }
    return node;
  }
  term() {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 10 /* Identifier */:
        if (!this.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: "identifier", pos: token.pos, tree: this.ref, ident: token.val };
      case 26 /* Dot */:
        return { type: "dot", pos: token.pos, tree: this.ref };
      case 31 /* Nil */:
        return { type: "nil", pos: token.pos, tree: this.ref };
      case 21 /* Variable */:
        return this.useVar(token.pos, token.val);
      case 9 /* Field */:
        return {
          type: "field",
          pos: token.pos,
          tree: this.ref,
          ident: token.val.slice(1).split(".")
        };
      case 1 /* Bool */:
        return { type: "bool", pos: token.pos, tree: this.ref, value: token.val === "true" };
      case 3 /* CharConstant */: {
        const r = parseCharConstant(token.val);
        if (typeof r === "string") this.errorf(r);
        return {
          type: "number",
          pos: token.pos,
          tree: this.ref,
          text: token.val,
          info: runeNumber(r)
        };
      }
      case 5 /* Complex */:
      case 13 /* Number */: {
        const info = classifyNumber(token.val, token.typ === 5 /* Complex */ ? "complex" : "number");
        if (typeof info === "string") this.errorf(info);
        return { type: "number", pos: token.pos, tree: this.ref, text: token.val, info };
      }
      case 12 /* LeftParen */:
        return this.pipeline("parenthesized pipeline", 17 /* RightParen */);
      case 19 /* String */:
      case 15 /* RawString */:
        return {
          type: "string",
          pos: token.pos,
          tree: this.ref,
          quoted: token.val,
          text: this.unquote(token.val)
        };
    }
    this.backup();
    return null;
  }
  newVariable(pos, name2) {
    return { type: "variable", pos, tree: this.ref, ident: name2.split(".") };
  }
  useVar(pos, name2) {
    const v = this.newVariable(pos, name2);
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${goQuote(v.ident[0])}`);
  }
};

// src/template/engine.ts
function createEngine(opts = {}) {
  const funcs = /* @__PURE__ */ new Map();
  for (const [k, fn] of Object.entries(builtinFuncs())) funcs.set(k, { fn, builtin: true });
  for (const [k, fn] of Object.entries(opts.funcs ?? {})) funcs.set(k, { fn, builtin: false });
  const env = { funcs, missingkey: opts.missingkey ?? "error" };
  const limits = { ...defaultBudget, ...opts.budget };
  const hasFunction = (n3) => funcs.has(n3);
  const cache2 = /* @__PURE__ */ new Map();
  const cacheSize = opts.cacheSize ?? 1e3;
  const seed = opts.seed ?? 0;
  const now2 = opts.now ?? (() => 0n);
  const location = opts.location ?? "UTC";
  const parseCached = (name2, text2) => {
    let byName = cache2.get(text2);
    if (byName !== void 0) {
      cache2.delete(text2);
      cache2.set(text2, byName);
    } else {
      byName = /* @__PURE__ */ new Map();
      if (cache2.size >= cacheSize) cache2.delete(cache2.keys().next().value);
      cache2.set(text2, byName);
    }
    let set2 = byName.get(name2);
    if (set2 === void 0) {
      try {
        set2 = new TemplateSet(parse(name2, text2, hasFunction), env);
      } catch (caught) {
        let e = caught;
        if (e instanceof RangeError && /call stack/.test(e.message)) {
          e = new ParseError(`template: ${name2}: expression nested too deeply`);
        }
        if (!(e instanceof ParseError)) throw e;
        set2 = e;
      }
      byName.set(name2, set2);
    }
    if (set2 instanceof ParseError) throw set2;
    return set2;
  };
  const makeCtx = (s) => ({
    get templateName() {
      return s.tmplName;
    },
    charge(units) {
      s.steps -= units;
      if (s.steps < 0) throw new BudgetError(`more than ${limits.steps} evaluation steps`);
    },
    // Tracked where the seeded source is drawn, so that no generator
    // function can be left out of the report: every draw marks the render.
    rand: trackedRandom(createRandom(seed), s),
    now: now2,
    location,
    execTemplate(name2, data) {
      const t = s.set.lookup(name2);
      if (t === void 0) throw new FuncError(`template ${JSON.stringify(name2)} not defined`);
      const saved = { out: s.out, vars: s.vars, name: s.tmplName };
      s.out = "";
      s.vars = [{ name: "$", value: data }];
      s.tmplName = name2;
      try {
        t(s, data);
        return s.out;
      } finally {
        s.out = saved.out;
        s.vars = saved.vars;
        s.tmplName = saved.name;
      }
    }
  });
  const execute2 = (name2, set2, data, s) => {
    const root = set2.lookup(name2);
    if (root === void 0)
      return s.errorf(`${JSON.stringify(name2)} is an incomplete or empty template`);
    try {
      root(s, data === null ? void 0 : data);
    } catch (e) {
      if (e instanceof RangeError && /call stack/.test(e.message)) {
        s.errorf("render budget exhausted: recursion too deep", true);
      }
      throw e;
    }
  };
  return {
    parse: parseCached,
    render(name2, text2, data) {
      const set2 = parseCached(name2, text2);
      const root = data === null ? void 0 : data;
      const s = new State(set2, env, name2, limits, makeCtx);
      s.vars.push({ name: "$", value: root });
      execute2(name2, set2, data, s);
      return s.out;
    },
    tryRender(name2, text2, data) {
      let set2;
      try {
        set2 = parseCached(name2, text2);
      } catch (e) {
        if (e instanceof ParseError) {
          return {
            ok: false,
            phase: "parse",
            err: e.message,
            out: "",
            budget: false
          };
        }
        throw e;
      }
      const root = data === null ? void 0 : data;
      const s = new State(set2, env, name2, limits, makeCtx);
      s.vars.push({ name: "$", value: root });
      try {
        execute2(name2, set2, data, s);
        return s.generated ? { ok: true, out: s.out, generated: true } : { ok: true, out: s.out };
      } catch (e) {
        if (e instanceof ExecError) {
          return {
            ok: false,
            phase: "exec",
            err: e.message,
            out: s.out,
            budget: e instanceof TemplateBudgetError,
            ...s.generated && { generated: true }
          };
        }
        throw e;
      }
    }
  };
}
function trackedRandom(r, s) {
  return {
    uint32() {
      s.generated = true;
      return r.uint32();
    },
    float64() {
      s.generated = true;
      return r.float64();
    },
    intn(n3) {
      s.generated = true;
      return r.intn(n3);
    },
    bytes(n3) {
      s.generated = true;
      return r.bytes(n3);
    }
  };
}

// src/template/json-syntax.ts
function firstUtf8Byte(c) {
  const u2 = c.charCodeAt(0);
  if (u2 < 128) return u2;
  if (u2 < 2048) return 192 | u2 >> 6;
  if (u2 >= 55296 && u2 <= 56319) return 240 | u2 - 55296 + 64 >> 8;
  return 224 | u2 >> 12;
}
function quoteChar(char) {
  const c = String.fromCharCode(firstUtf8Byte(char));
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = goQuote(c);
  return `'${q.slice(1, -1)}'`;
}
var Stop = class extends Error {
};
function goJsonSyntaxError(s) {
  let i = 0;
  const n3 = s.length;
  const fail2 = (c, context) => {
    throw new Stop(`invalid character ${quoteChar(c)} ${context}`);
  };
  const eof = () => {
    throw new Stop("unexpected end of JSON input");
  };
  const isWs = (c) => c === " " || c === "	" || c === "\n" || c === "\r";
  const ws = () => {
    while (i < n3 && isWs(s[i])) i++;
  };
  const peek = () => {
    if (i >= n3) eof();
    return s[i];
  };
  const literal = (word) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      const c = peek();
      if (c !== word[k]) fail2(c, `in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const digits = () => {
    while (i < n3 && s[i] >= "0" && s[i] <= "9") i++;
  };
  const number = () => {
    if (s[i] === "-") {
      i++;
      const c = peek();
      if (!(c >= "0" && c <= "9")) fail2(c, "in numeric literal");
    }
    if (s[i] === "0") i++;
    else digits();
    if (s[i] === ".") {
      i++;
      const c = peek();
      if (!(c >= "0" && c <= "9")) fail2(c, "after decimal point in numeric literal");
      digits();
    }
    if (s[i] === "e" || s[i] === "E") {
      i++;
      let c = peek();
      if (c === "+" || c === "-") {
        i++;
        c = peek();
      }
      if (!(c >= "0" && c <= "9")) fail2(c, "in exponent of numeric literal");
      digits();
    }
  };
  const string = () => {
    i++;
    for (; ; ) {
      const c = peek();
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        i++;
        const e = peek();
        if (e === "u") {
          for (let k = 0; k < 4; k++) {
            i++;
            const h = peek();
            if (!/[0-9a-fA-F]/.test(h)) fail2(h, "in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(e)) fail2(e, "in string escape code");
        i++;
        continue;
      }
      if (c < " ") fail2(c, "in string literal");
      i++;
    }
  };
  const value = () => {
    ws();
    const c = peek();
    if (c === "{") {
      i++;
      ws();
      if (peek() === "}") {
        i++;
        return;
      }
      for (; ; ) {
        ws();
        const k = peek();
        if (k !== '"') fail2(k, "looking for beginning of object key string");
        string();
        ws();
        const colon = peek();
        if (colon !== ":") fail2(colon, "after object key");
        i++;
        value();
        ws();
        const sep = peek();
        if (sep === "}") {
          i++;
          return;
        }
        if (sep !== ",") fail2(sep, "after object key:value pair");
        i++;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (peek() === "]") {
        i++;
        return;
      }
      for (; ; ) {
        value();
        ws();
        const sep = peek();
        if (sep === "]") {
          i++;
          return;
        }
        if (sep !== ",") fail2(sep, "after array element");
        i++;
      }
    }
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    if (c === "-" || c >= "0" && c <= "9") return number();
    fail2(c, "looking for beginning of value");
  };
  try {
    value();
    ws();
    if (i < n3) fail2(s[i], "after top-level value");
    return null;
  } catch (e) {
    if (e instanceof Stop) return e.message;
    throw e;
  }
}

// src/template/protocol.ts
var JsonError = class extends Error {
};
var Reader = class {
  constructor(s, ints) {
    this.s = s;
    this.ints = ints;
  }
  s;
  ints;
  i = 0;
  ws() {
    const s = this.s;
    for (; ; ) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else return;
    }
  }
  fail(what) {
    throw new JsonError(what);
  }
  value() {
    this.ws();
    const c = this.s[this.i];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.word("true", true);
      case "f":
        return this.word("false", false);
      case "n":
        return this.word("null", null);
    }
    if (c === "-" || c !== void 0 && c >= "0" && c <= "9") return this.number();
    return this.fail(`invalid character looking for beginning of value`);
  }
  word(w, v) {
    if (!this.s.startsWith(w, this.i)) this.fail("invalid literal");
    this.i += w.length;
    return v;
  }
  number() {
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (r === null) return this.fail("invalid number");
    this.i = m.lastIndex;
    const text2 = r[0];
    const f = Number(text2);
    if (!Number.isFinite(f))
      this.fail(`cannot unmarshal number ${text2} into Go value of type float64`);
    if (this.ints && r[1] === void 0 && r[2] === void 0) {
      const b = BigInt(text2);
      if (b >= -(1n << 63n) && b < 1n << 63n) return goInt(b);
    }
    return f;
  }
  string() {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let start2 = i;
    for (; ; ) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c)) this.fail("unexpected end of JSON input");
      if (c === 34) break;
      if (c < 32) this.fail("invalid character in string literal");
      if (c === 92) {
        out += s.slice(start2, i);
        const e = s[i + 1];
        i += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case "\\":
            out += "\\";
            break;
          case "/":
            out += "/";
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "	";
            break;
          case "u": {
            const h = s.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail("invalid escape");
            out += String.fromCharCode(parseInt(h, 16));
            i += 4;
            break;
          }
          default:
            this.fail("invalid escape in string literal");
        }
        start2 = i;
        continue;
      }
      i++;
    }
    out += s.slice(start2, i);
    this.i = i + 1;
    return sanitize(out);
  }
  array() {
    this.i++;
    const out = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (; ; ) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") this.fail("invalid character after array element");
    }
  }
  object() {
    this.i++;
    const out = {};
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (; ; ) {
      this.ws();
      if (this.s[this.i] !== '"')
        this.fail("invalid character looking for beginning of object key string");
      const k = this.string();
      this.ws();
      if (this.s[this.i++] !== ":") this.fail("invalid character after object key");
      setKey(out, k, this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") this.fail("invalid character after object key:value pair");
    }
  }
};
function setKey(o, k, v) {
  if (k === "__proto__") {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else o[k] = v;
}
function sanitize(s) {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    "\uFFFD"
  );
}
var loneSurrogateEscape = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
function decodeCase(line) {
  const c = { template: "", data: null, missingkey: "", numbers: "" };
  let envelope;
  try {
    envelope = JSON.parse(line);
  } catch (e) {
    throw new Error(goJsonSyntaxError(line) ?? e.message);
  }
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    if (envelope === null) return c;
    throw new Error(
      `json: cannot unmarshal ${jsonKind(envelope)} into Go value of type main.testCase`
    );
  }
  let dataRaw = void 0;
  let hasData = false;
  for (const [k, v] of Object.entries(envelope)) {
    switch (k.toLowerCase()) {
      case "template":
        c.template = stringField(v, "template");
        break;
      case "missingkey":
        c.missingkey = stringField(v, "missingkey");
        break;
      case "numbers":
        c.numbers = stringField(v, "numbers");
        break;
      case "data":
        dataRaw = v;
        hasData = true;
        break;
    }
  }
  c.template = sanitize(c.template);
  if (hasData) {
    const needReader = c.numbers === "int" || loneSurrogateEscape.test(line);
    c.data = needReader ? readData(line, c.numbers === "int") : dataRaw;
  }
  return c;
}
function stringField(v, name2) {
  if (v === null) return "";
  if (typeof v !== "string") {
    throw new Error(
      `json: cannot unmarshal ${jsonKind(v)} into Go struct field testCase.${name2} of type string`
    );
  }
  return v;
}
function jsonKind(v) {
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}
function readData(line, ints) {
  const r = new Reader(line, ints);
  r.ws();
  const env = r.value();
  let data = null;
  for (const k of Object.keys(env)) if (k.toLowerCase() === "data") data = env[k];
  return data;
}

// src/template/sprig/certs.ts
import {
  X509Certificate,
  checkPrimeSync,
  createECDH,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  sign as edSign
} from "node:crypto";

// src/template/sprig/asn1.ts
function lenBytes(n3) {
  if (n3 < 128) return [n3];
  const out = [];
  while (n3 > 0) {
    out.unshift(n3 & 255);
    n3 = Math.floor(n3 / 256);
  }
  return [128 | out.length, ...out];
}
function tlv(tag, body) {
  const l = lenBytes(body.length);
  const out = new Uint8Array(1 + l.length + body.length);
  out[0] = tag;
  out.set(l, 1);
  out.set(body, 1 + l.length);
  return out;
}
function concat(parts) {
  const n3 = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n3);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
var seq = (...parts) => tlv(48, concat(parts));
var set = (...parts) => tlv(49, concat(parts));
var explicit = (n3, body) => tlv(160 | n3, body);
var octets = (b) => tlv(4, b);
var bitString = (b, unused = 0) => tlv(3, concat([Uint8Array.of(unused), b]));
var nullDer = () => Uint8Array.of(5, 0);
var bool = (v) => Uint8Array.of(1, 1, v ? 255 : 0);
function bigBytes(v, size = 0) {
  let hex3 = v.toString(16);
  if (hex3.length % 2) hex3 = "0" + hex3;
  let b = Uint8Array.from(hex3.match(/../g) ?? ["00"], (h) => parseInt(h, 16));
  if (size > b.length) b = concat([new Uint8Array(size - b.length), b]);
  return b;
}
function int(v) {
  let b = bigBytes(BigInt(v));
  if (b[0] & 128) b = concat([Uint8Array.of(0), b]);
  return tlv(2, b);
}
function oid(s) {
  const parts = s.split(".").map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const bytes = [p & 127];
    let v = Math.floor(p / 128);
    while (v > 0) {
      bytes.unshift(128 | v & 127);
      v = Math.floor(v / 128);
    }
    out.push(...bytes);
  }
  return tlv(6, Uint8Array.from(out));
}
var utf8Str = (s) => tlv(12, new TextEncoder().encode(s));
var printableStr = (s) => tlv(19, new TextEncoder().encode(s));
function time(unixSec) {
  const d = new Date(Number(unixSec) * 1e3);
  const y = d.getUTCFullYear();
  const p2 = (n3) => String(n3).padStart(2, "0");
  const rest = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(23, new TextEncoder().encode(p2(y % 100) + rest));
  return tlv(24, new TextEncoder().encode(String(y).padStart(4, "0") + rest));
}
function read(b, pos) {
  if (pos + 2 > b.length) throw new Error("asn1: truncated");
  const tag = b[pos];
  let len = b[pos + 1];
  let start2 = pos + 2;
  if (len & 128) {
    const n3 = len & 127;
    if (n3 === 0 || n3 > 4) throw new Error("asn1: bad length");
    len = 0;
    for (let i = 0; i < n3; i++) len = len * 256 + b[start2 + i];
    start2 += n3;
  }
  const end2 = start2 + len;
  if (end2 > b.length) throw new Error("asn1: truncated");
  return { tag, hdr: pos, start: start2, end: end2 };
}
function children(b, start2, end2) {
  const out = [];
  let p = start2;
  while (p < end2) {
    const c = read(b, p);
    out.push(c);
    p = c.end;
  }
  return out;
}
var toBig = (b) => b.length === 0 ? 0n : BigInt("0x" + Buffer.from(b).toString("hex"));

// src/template/sprig/gostr.ts
function utf8(s) {
  return utf8Bytes(s);
}
function fromUtf8(b) {
  return decodeUtf8(b);
}
var strict2 = new TextDecoder("utf-8", { fatal: true });
function isAscii2(s) {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
function byteLen(s) {
  return isAscii2(s) ? s.length : byteLength(s);
}
function byteSlice2(s, start2, end2) {
  if (isAscii2(s)) return s.slice(start2, end2);
  return fromUtf8(utf8(s).subarray(start2, end2));
}
function runes(s) {
  const out = [];
  for (const ch of s) out.push(ch.codePointAt(0));
  return out;
}
function runeStr(r) {
  if (r < 0 || r > 1114111 || r >= 55296 && r <= 57343) return "\uFFFD";
  return String.fromCodePoint(r);
}
var reSpace = /^\s$/u;
var reUpper = /^\p{Lu}$/u;
var reLower = /^\p{Ll}$/u;
var reTitle = /^\p{Lt}$/u;
var reLetter = /^\p{L}$/u;
var reDigit = /^\p{Nd}$/u;
var reNumber = /^\p{N}$/u;
var rePunct = /^\p{P}$/u;
var rePrint = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
function isSpace2(r) {
  if (r < 128) return r === 32 || r >= 9 && r <= 13;
  if (r === 133 || r === 160) return true;
  return reSpace.test(runeStr(r)) && r !== 65279;
}
var isUpper = (r) => reUpper.test(runeStr(r));
var isLower = (r) => reLower.test(runeStr(r));
var isTitle = (r) => reTitle.test(runeStr(r));
var isLetter = (r) => reLetter.test(runeStr(r));
var isDigit = (r) => reDigit.test(runeStr(r));
var isNumber = (r) => reNumber.test(runeStr(r));
var isPunct = (r) => rePunct.test(runeStr(r));
var isPrint2 = (r) => rePrint.test(runeStr(r));
function mapRune(r, f) {
  const s = runeStr(r);
  const m = f(s);
  const cp = m.codePointAt(0);
  return m.length === (cp > 65535 ? 2 : 1) ? cp : r;
}
var titleOverrides = {
  452: 453,
  453: 453,
  454: 453,
  455: 456,
  456: 456,
  457: 456,
  458: 459,
  459: 459,
  460: 459,
  497: 498,
  498: 498,
  499: 498
};
function toUpperRune(r) {
  if (r < 128) return r >= 97 && r <= 122 ? r - 32 : r;
  return mapRune(r, (s) => s.toUpperCase());
}
function toLowerRune(r) {
  if (r < 128) return r >= 65 && r <= 90 ? r + 32 : r;
  return mapRune(r, (s) => s.toLowerCase());
}
function toTitleRune(r) {
  return titleOverrides[r] ?? toUpperRune(r);
}
function mapRunes(s, f) {
  let out = "";
  for (const ch of s) out += runeStr(f(ch.codePointAt(0)));
  return out;
}
function trimSpace(s) {
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && isSpace2(rs[a])) a++;
  while (b > a && isSpace2(rs[b - 1])) b--;
  return String.fromCodePoint(...rs.slice(a, b));
}
function trimCutset(s, cutset) {
  if (s === "" || cutset === "") return s;
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && cut.has(rs[a])) a++;
  while (b > a && cut.has(rs[b - 1])) b--;
  return rs.slice(a, b).map(runeStr).join("");
}
function goQuoteBytes(b) {
  let out = '"';
  let run = [];
  const flush = () => {
    if (run.length > 0) out += goQuote2(strict2.decode(Uint8Array.from(run))).slice(1, -1);
    run = [];
  };
  for (let i = 0; i < b.length; ) {
    const n3 = validSeqLen(b, i);
    if (n3 === 0) {
      flush();
      out += "\\x" + b[i].toString(16).padStart(2, "0");
      i++;
    } else {
      for (let k = 0; k < n3; k++) run.push(b[i + k]);
      i += n3;
    }
  }
  flush();
  return out + '"';
}
function validSeqLen(b, i) {
  const c = b[i];
  if (c < 128) return 1;
  let n3 = 0;
  let min = 0;
  let cp = 0;
  if (c >= 194 && c <= 223) [n3, min, cp] = [1, 128, c & 31];
  else if (c >= 224 && c <= 239) [n3, min, cp] = [2, 2048, c & 15];
  else if (c >= 240 && c <= 244) [n3, min, cp] = [3, 65536, c & 7];
  else return 0;
  for (let k = 1; k <= n3; k++) {
    const d = b[i + k];
    if (d === void 0 || (d & 192) !== 128) return 0;
    cp = cp << 6 | d & 63;
  }
  if (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343) return 0;
  return n3 + 1;
}
function goQuote2(s) {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0);
    switch (r) {
      case 7:
        out += "\\a";
        continue;
      case 8:
        out += "\\b";
        continue;
      case 12:
        out += "\\f";
        continue;
      case 10:
        out += "\\n";
        continue;
      case 13:
        out += "\\r";
        continue;
      case 9:
        out += "\\t";
        continue;
      case 11:
        out += "\\v";
        continue;
      case 92:
        out += "\\\\";
        continue;
      case 34:
        out += '\\"';
        continue;
    }
    if (r === 65533 && ch === "\uFFFD") {
      out += ch;
      continue;
    }
    if (r >= 56448 && r <= 56575) {
      out += "\\x" + (r - 56320).toString(16).padStart(2, "0");
      continue;
    }
    if (r < 32 || r === 127) out += "\\x" + r.toString(16).padStart(2, "0");
    else if (isPrint2(r)) out += ch;
    else if (r < 65536) out += "\\u" + r.toString(16).padStart(4, "0");
    else out += "\\U" + r.toString(16).padStart(8, "0");
  }
  return out + '"';
}
function formatFloat2(f, fmt, prec = -1) {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let digits;
  let dp;
  if (a === 0) {
    digits = "0";
    dp = 1;
  } else {
    const [mant, e] = a.toExponential().split("e");
    digits = mant.replace(".", "");
    dp = Number(e) + 1;
  }
  if (prec >= 0) {
    const want = fmt === "f" ? dp + prec : fmt === "e" ? prec + 1 : prec === 0 ? 1 : prec;
    [digits, dp] = roundDigits(a, want, digits, dp);
  }
  const sign = neg ? "-" : "";
  if (fmt === "g") {
    let eprec = prec === 0 ? 1 : prec;
    if (prec >= 0 && eprec > digits.length && digits.length >= dp) eprec = digits.length;
    if (prec < 0) eprec = 6;
    const exp = dp - 1;
    if (exp < -4 || exp >= eprec) {
      return sign + expForm(digits, exp, prec < 0 ? digits.length - 1 : Math.max(digits.length - 1, 0));
    }
    return sign + fixedForm(
      digits,
      dp,
      prec < 0 ? Math.max(digits.length - dp, 0) : Math.max(digits.length - dp, 0)
    );
  }
  if (fmt === "e") return sign + expForm(digits, dp - 1, prec < 0 ? digits.length - 1 : prec);
  return sign + fixedForm(digits, dp, prec < 0 ? Math.max(digits.length - dp, 0) : prec);
}
function roundDigits(a, n3, digits, dp) {
  if (n3 < 0) return ["0", dp];
  if (digits.length <= n3) return [digits, dp];
  const exact = exactDecimal(a);
  let d = exact.digits;
  let p = exact.dp;
  if (d.length <= n3) return [d, p];
  const keep = d.slice(0, n3);
  const rest = d.slice(n3);
  let up = false;
  if (rest[0] !== void 0 && rest[0] > "5") up = true;
  else if (rest[0] === "5") {
    if (/[1-9]/.test(rest.slice(1))) up = true;
    else up = n3 > 0 && Number(keep[n3 - 1]) % 2 === 1;
  }
  d = keep;
  if (up) {
    const inc = (BigInt(d === "" ? "0" : d) + 1n).toString();
    if (inc.length > d.length) {
      p += 1;
      d = inc.slice(0, Math.max(n3, 1));
      if (n3 === 0) d = "1";
    } else d = inc.padStart(d.length, "0");
  }
  if (d === "") {
    d = "0";
  }
  void digits;
  return [d, p];
}
function exactDecimal(a) {
  if (a === 0) return { digits: "0", dp: 1 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const e = hi >>> 20 & 2047;
  let m = BigInt(hi & 1048575) << 32n | BigInt(lo);
  let exp2;
  if (e === 0) exp2 = -1074;
  else {
    m |= 1n << 52n;
    exp2 = e - 1075;
  }
  let digits;
  let dp;
  if (exp2 >= 0) {
    digits = (m << BigInt(exp2)).toString();
    dp = digits.length;
  } else {
    const s = (m * 5n ** BigInt(-exp2)).toString();
    dp = s.length + exp2;
    digits = s;
  }
  digits = digits.replace(/0+$/, "");
  const lead = digits.match(/^0*/)?.[0].length ?? 0;
  return { digits: digits.slice(lead) || "0", dp: dp - lead };
}
function expForm(digits, exp, fracDigits) {
  let d = digits;
  if (d.length < fracDigits + 1) d = d.padEnd(fracDigits + 1, "0");
  const mant = fracDigits > 0 ? `${d[0]}.${d.slice(1, fracDigits + 1)}` : d[0];
  const es = exp < 0 ? "-" : "+";
  const ea = Math.abs(exp);
  return `${mant}e${es}${ea < 10 ? "0" : ""}${ea}`;
}
function fixedForm(digits, dp, frac) {
  let intPart;
  let fracPart;
  if (dp <= 0) {
    intPart = "0";
    fracPart = "0".repeat(-dp) + digits;
  } else if (dp >= digits.length) {
    intPart = digits + "0".repeat(dp - digits.length);
    fracPart = "";
  } else {
    intPart = digits.slice(0, dp);
    fracPart = digits.slice(dp);
  }
  fracPart = fracPart.padEnd(frac, "0").slice(0, frac);
  return frac > 0 ? `${intPart}.${fracPart}` : intPart;
}

// src/template/sprig/encoding.ts
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
var b64map = new Map([...B64].map((c, i) => [c.charCodeAt(0), i]));
var b32map = new Map([...B32].map((c, i) => [c.charCodeAt(0), i]));
var CorruptInput = class extends Error {
};
function b64encode(b) {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n3 = b[i] << 16 | (b[i + 1] ?? 0) << 8 | (b[i + 2] ?? 0);
    out += B64[n3 >> 18 & 63];
    out += B64[n3 >> 12 & 63];
    out += i + 1 < b.length ? B64[n3 >> 6 & 63] : "=";
    out += i + 2 < b.length ? B64[n3 & 63] : "=";
  }
  return out;
}
function b64decode(s) {
  const src = utf8(s);
  const out = [];
  const bad = (at) => new CorruptInput(`illegal base64 data at input byte ${at}`);
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err = null;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw bad(si - j);
      }
      const c = src[si++];
      const v = b64map.get(c);
      if (v !== void 0) {
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
    const val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
    const bytes = [val >> 16 & 255, val >> 8 & 255, val & 255];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
    if (err) throw err;
  }
  return Uint8Array.from(out);
}
function b32encode(b) {
  let out = "";
  for (let i = 0; i < b.length; i += 5) {
    const chunk2 = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = bits << 8n | BigInt(chunk2[k] ?? 0);
    const nchars = [0, 2, 4, 5, 7, 8][chunk2.length];
    for (let k = 0; k < 8; k++) {
      out += k < nchars ? B32[Number(bits >> BigInt(35 - 5 * k) & 31n)] : "=";
    }
  }
  return out;
}
function b32decode(s) {
  const src = utf8(s).filter((c) => c !== 10 && c !== 13);
  const olen = src.length;
  const out = [];
  const bad = (at) => new CorruptInput(`illegal base32 data at input byte ${at}`);
  let pos = 0;
  let end2 = false;
  while (pos < src.length && !end2) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      const left = src.length - pos;
      if (left === 0) throw bad(olen - left - j);
      const c = src[pos++];
      const rem = src.length - pos;
      if (c === 61 && j >= 2 && rem < 8) {
        if (rem + j < 7) throw bad(olen);
        for (let k = 0; k < 7 - j; k++) {
          if (rem > k && src[pos + k] !== 61) throw bad(olen - rem + k - 1);
        }
        dlen = j;
        end2 = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw bad(olen - rem - 1);
        break;
      }
      const v = b32map.get(c);
      if (v === void 0) throw bad(olen - rem - 1);
      dbuf[j] = v;
      j++;
    }
    let bits = 0n;
    for (const d of dbuf) bits = bits << 5n | BigInt(d);
    const bytes = [32n, 24n, 16n, 8n, 0n].map((sh) => Number(bits >> sh & 255n));
    const nbytes = [0, 0, 1, 0, 2, 3, 0, 4, 5][dlen];
    for (let k = 0; k < nbytes; k++) out.push(bytes[k]);
  }
  return Uint8Array.from(out);
}
var decodeOrMessage = (f) => (s) => {
  try {
    return fromUtf8(f(s));
  } catch (e) {
    if (e instanceof CorruptInput) return e.message;
    throw e;
  }
};
var encodingFuncs = {
  b64enc: goFunc("b64enc", "func(v string) string", (_c, s) => b64encode(utf8(s))),
  b64dec: goFunc(
    "b64dec",
    "func(v string) string",
    (_c, s) => decodeOrMessage(b64decode)(s)
  ),
  b32enc: goFunc("b32enc", "func(v string) string", (_c, s) => b32encode(utf8(s))),
  b32dec: goFunc(
    "b32dec",
    "func(v string) string",
    (_c, s) => decodeOrMessage(b32decode)(s)
  )
};

// src/template/sprig/reflect.ts
var nilTag = /* @__PURE__ */ Symbol.for("maestro.template.sprig.nilslice");
function setKey2(m, k, v) {
  if (k === "__proto__") {
    Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true });
  } else m[k] = v;
}
function nilSlice(arr) {
  Object.defineProperty(arr, nilTag, { value: true, enumerable: false });
  return arr;
}
function isNilSlice(v) {
  return v[nilTag] === true && v.length === 0;
}
var nilMapTag = /* @__PURE__ */ Symbol.for("maestro.template.sprig.nilmap");
function nilMap(m) {
  Object.defineProperty(m, nilMapTag, { value: true, enumerable: false, configurable: true });
  return m;
}
function isNilMap(v) {
  return v[nilMapTag] === true && Object.keys(v).length === 0;
}
function kindName(v) {
  return kindOf(v);
}
function isEmpty(v) {
  if (v === null || v === void 0) return true;
  switch (typeof v) {
    case "string":
      return v.length === 0;
    case "number":
      return v === 0;
    case "boolean":
      return !v;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoObject) return v.goKind === "struct" ? false : v.isNil();
  if (isGoFunc(v)) return false;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}
function deepEqual(a, b) {
  if (a === void 0) a = null;
  if (b === void 0) b = null;
  if (a === null || b === null) return a === b;
  if (typeOf(a) !== typeOf(b)) return false;
  if (a instanceof GoInt) return a.value === b.value;
  if (typeof a === "number") return a === b;
  if (typeof a !== "object") return a === b;
  if (Array.isArray(a)) {
    const bb = b;
    if (isNilSlice(a) !== isNilSlice(bb)) return false;
    if (a.length !== bb.length) return false;
    if (a === bb) return true;
    return a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (a instanceof GoObject) {
    const bo = b;
    if (a === bo) return true;
    const eq2 = a.goEqual;
    if (eq2) return eq2.call(a, bo);
    const names = a.fieldNames();
    return names.every((nm) => deepEqual(a.field(nm), bo.field(nm)));
  }
  if (isGoFunc(a)) return false;
  const am = a;
  const bm = b;
  if (am === bm) return true;
  const ak = Object.keys(am);
  if (ak.length !== Object.keys(bm).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bm, k) && deepEqual(am[k], bm[k]));
}

// src/template/sprig/certs.ts
var Certificate = class _Certificate extends GoObject {
  constructor(cert, key) {
    super();
    this.cert = cert;
    this.key = key;
  }
  cert;
  key;
  goType = "sprig.certificate";
  goKind = "struct";
  fieldNames() {
    return ["Cert", "Key"];
  }
  field(name2) {
    return name2 === "Cert" ? this.cert : name2 === "Key" ? this.key : void 0;
  }
  jsonValue() {
    return { Cert: this.cert, Key: this.key };
  }
  goEqual(o) {
    return o instanceof _Certificate && o.cert === this.cert && o.key === this.key;
  }
};
var mod = (a, m) => (a % m + m) % m;
function modPow(b, e, m) {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = r * b % m;
    e >>= 1n;
    b = b * b % m;
  }
  return r;
}
function modInv(a, m) {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}
var gcd = (a, b) => b === 0n ? a : gcd(b, a % b);
var randBig = (r, bits) => toBig(r.bytes(Math.ceil(bits / 8))) & (1n << BigInt(bits)) - 1n;
var smallPrimes = [];
for (let i = 3; smallPrimes.length < 1500; i += 2) {
  if (smallPrimes.every((p) => p * p > i || i % p !== 0)) smallPrimes.push(i);
}
function randomPrime(ctx, bits) {
  for (; ; ) {
    ctx.charge(1e3);
    const base2 = randBig(ctx.rand, bits) | 3n << BigInt(bits - 2) | 1n;
    const rems = smallPrimes.map((p) => Number(base2 % BigInt(p)));
    for (let delta = 0; delta < 1 << 16; delta += 2) {
      if (rems.some((r, i) => (r + delta) % smallPrimes[i] === 0)) continue;
      const c = base2 + BigInt(delta);
      if (c >> BigInt(bits) !== 0n) break;
      ctx.charge(100);
      if (checkPrimeSync(c, { checks: 32 })) return c;
    }
  }
}
function rsaKey(ctx, bits) {
  const e = 65537n;
  for (; ; ) {
    const p = randomPrime(ctx, bits / 2);
    const q = randomPrime(ctx, bits / 2);
    if (p === q || gcd(e, p - 1n) !== 1n || gcd(e, q - 1n) !== 1n) continue;
    const n3 = p * q;
    if (n3.toString(2).length !== bits) continue;
    const d = modInv(e, (p - 1n) * (q - 1n));
    return { kind: "rsa", n: n3, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qi: modInv(q, p) };
  }
}
var curves = [
  {
    jwk: "P-256",
    ecdh: "prime256v1",
    oid: "1.2.840.10045.3.1.7",
    sigOid: "1.2.840.10045.4.3.2",
    hash: "sha256",
    size: 32,
    p: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
  },
  {
    jwk: "P-384",
    ecdh: "secp384r1",
    oid: "1.3.132.0.34",
    sigOid: "1.2.840.10045.4.3.3",
    hash: "sha384",
    size: 48,
    p: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n
  },
  {
    jwk: "P-521",
    ecdh: "secp521r1",
    oid: "1.3.132.0.35",
    sigOid: "1.2.840.10045.4.3.4",
    hash: "sha512",
    size: 66,
    p: 2n ** 521n - 1n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n
  }
];
var P256 = curves[0];
function ptAdd(a, b, P) {
  if (!a) return b;
  if (!b) return a;
  if (a[0] === b[0]) {
    if (mod(a[1] + b[1], P) === 0n) return null;
    const l2 = mod((3n * a[0] * a[0] - 3n) * modInv(2n * a[1], P), P);
    const x2 = mod(l2 * l2 - 2n * a[0], P);
    return [x2, mod(l2 * (a[0] - x2) - a[1], P)];
  }
  const l = mod((b[1] - a[1]) * modInv(b[0] - a[0], P), P);
  const x = mod(l * l - a[0] - b[0], P);
  return [x, mod(l * (a[0] - x) - a[1], P)];
}
function ptMul(k, pt, P) {
  let r = null;
  let addend = pt;
  while (k > 0n) {
    if (k & 1n) r = ptAdd(r, addend, P);
    addend = ptAdd(addend, addend, P);
    k >>= 1n;
  }
  return r;
}
function ecPublic(c, d) {
  const ecdh = createECDH(c.ecdh);
  ecdh.setPrivateKey(bigBytes(d, c.size));
  return new Uint8Array(ecdh.getPublicKey());
}
function generator(c) {
  const g = ecPublic(c, 1n);
  return [toBig(g.subarray(1, 1 + c.size)), toBig(g.subarray(1 + c.size))];
}
function ecKey(ctx) {
  const d = randBig(ctx.rand, 320) % (P256.n - 1n) + 1n;
  return { kind: "ec", curve: P256, d, pub: ecPublic(P256, d) };
}
function ecdsaSign(ctx, c, d, msg) {
  const N2 = c.n;
  const nBits = N2.toString(2).length;
  let hash = new Uint8Array(createHash(c.hash).update(msg).digest());
  const nBytes = Math.ceil(nBits / 8);
  if (hash.length > nBytes) hash = hash.subarray(0, nBytes);
  let z = toBig(hash);
  const excess = hash.length * 8 - nBits;
  if (excess > 0) z >>= BigInt(excess);
  const G = generator(c);
  for (; ; ) {
    ctx.charge(1e3);
    const k = randBig(ctx.rand, nBits + 64) % (N2 - 1n) + 1n;
    const R = ptMul(k, G, c.p);
    if (!R) continue;
    const r = R[0] % N2;
    if (r === 0n) continue;
    const s2 = mod(modInv(k, N2) * (z + r * d), N2);
    if (s2 === 0n) continue;
    return seq(int(r), int(s2));
  }
}
function edKey(ctx) {
  const seed = ctx.rand.bytes(32);
  return { kind: "ed25519", seed, pub: edPublic(seed) };
}
function dsaKey(ctx) {
  const L = 2048;
  let p = 0n;
  let q = 0n;
  search: for (; ; ) {
    ctx.charge(1e3);
    const qb = ctx.rand.bytes(32);
    qb[31] = qb[31] | 1;
    qb[0] = qb[0] | 128;
    q = toBig(qb);
    if (!checkPrimeSync(q, { checks: 32 })) continue;
    const step = 2n * q;
    const pb = ctx.rand.bytes(L / 8);
    pb[0] = pb[0] | 128;
    let base2 = toBig(pb);
    base2 = base2 - base2 % step + 1n;
    if (base2.toString(2).length < L) base2 += step;
    const cur = smallPrimes.map((sp) => Number(base2 % BigInt(sp)));
    const inc = smallPrimes.map((sp) => Number(step % BigInt(sp)));
    for (let k = 0; k < 1 << 14; k++) {
      let composite = false;
      for (let j = 0; j < cur.length; j++) {
        if (cur[j] === 0) composite = true;
        cur[j] = (cur[j] + inc[j]) % smallPrimes[j];
      }
      if (composite) continue;
      const c = base2 + BigInt(k) * step;
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
  while (x === 0n || x >= q) x = toBig(ctx.rand.bytes(32));
  return { kind: "dsa", p, q, g, y: modPow(g, x, p), x };
}
var edPkcs8 = (seed) => seq(int(0), seq(oid("1.3.101.112")), octets(octets(seed)));
function edPublic(seed) {
  const k = createPrivateKey({ key: Buffer.from(edPkcs8(seed)), format: "der", type: "pkcs8" });
  const spki2 = createPublicKey(k).export({ format: "der", type: "spki" });
  return new Uint8Array(spki2.subarray(spki2.length - 32));
}
function pem(type, der) {
  const b = b64encode(der);
  const lines = b.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----
${lines.join("\n")}${lines.length ? "\n" : ""}-----END ${type}-----
`;
}
function pkcs1(k) {
  return seq(
    int(0),
    int(k.n),
    int(k.e),
    int(k.d),
    int(k.p),
    int(k.q),
    int(k.dp),
    int(k.dq),
    int(k.qi)
  );
}
function keyPem(k) {
  switch (k.kind) {
    case "rsa":
      return pem("RSA PRIVATE KEY", pkcs1(k));
    case "ec":
      return pem(
        "EC PRIVATE KEY",
        seq(
          int(1),
          octets(bigBytes(k.d, k.curve.size)),
          explicit(0, oid(k.curve.oid)),
          explicit(1, bitString(k.pub))
        )
      );
    case "ed25519":
      return pem("PRIVATE KEY", edPkcs8(k.seed));
    case "dsa":
      return pem(
        "DSA PRIVATE KEY",
        seq(int(0), int(k.p), int(k.q), int(k.g), int(k.y), int(k.x))
      );
  }
}
function publicKeyBits(k) {
  return k.kind === "rsa" ? seq(int(k.n), int(k.e)) : k.pub;
}
function spki(k) {
  switch (k.kind) {
    case "rsa":
      return seq(
        seq(oid("1.2.840.113549.1.1.1"), nullDer()),
        bitString(publicKeyBits(k))
      );
    case "ec":
      return seq(seq(oid("1.2.840.10045.2.1"), oid(k.curve.oid)), bitString(k.pub));
    case "ed25519":
      return seq(seq(oid("1.3.101.112")), bitString(k.pub));
  }
}
function sigAlg(k) {
  switch (k.kind) {
    case "rsa":
      return seq(oid("1.2.840.113549.1.1.11"), nullDer());
    case "ec":
      return seq(oid(k.curve.sigOid));
    case "ed25519":
      return seq(oid("1.3.101.112"));
  }
}
function signWith(ctx, k, tbs) {
  switch (k.kind) {
    case "rsa": {
      const ko = createPrivateKey({ key: Buffer.from(pkcs1(k)), format: "der", type: "pkcs1" });
      return new Uint8Array(createSign("sha256").update(tbs).sign(ko));
    }
    case "ec":
      return ecdsaSign(ctx, k.curve, k.d, tbs);
    case "ed25519": {
      const ko = createPrivateKey({
        key: Buffer.from(edPkcs8(k.seed)),
        format: "der",
        type: "pkcs8"
      });
      return new Uint8Array(edSign(null, tbs, ko));
    }
  }
}
function pemDecode(s) {
  const m = /-----BEGIN ([^\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/.exec(s);
  if (!m) return null;
  const body = m[2].split(/\r?\n/).filter((l) => !l.includes(":")).join("");
  try {
    return { type: m[1], der: b64decode(body) };
  } catch (e) {
    if (e instanceof CorruptInput) return null;
    throw e;
  }
}
function fromKeyObject(ko) {
  const t = ko.asymmetricKeyType;
  const jwk = ko.export({ format: "jwk" });
  const big = (s) => toBig(Buffer.from(s ?? "", "base64url"));
  if (t === "rsa") {
    return {
      kind: "rsa",
      n: big(jwk.n),
      e: big(jwk.e),
      d: big(jwk.d),
      p: big(jwk.p),
      q: big(jwk.q),
      dp: big(jwk.dp),
      dq: big(jwk.dq),
      qi: big(jwk.qi)
    };
  }
  if (t === "ec") {
    const curve = curves.find((c) => c.jwk === jwk.crv);
    if (!curve) throw new FuncError(`x509: unsupported elliptic curve ${jwk.crv ?? "?"}`);
    return {
      kind: "ec",
      curve,
      d: big(jwk.d),
      pub: concat([
        Uint8Array.of(4),
        bigBytes(big(jwk.x), curve.size),
        bigBytes(big(jwk.y), curve.size)
      ])
    };
  }
  if (t === "ed25519") {
    const seed = new Uint8Array(Buffer.from(jwk.d ?? "", "base64url"));
    return { kind: "ed25519", seed, pub: new Uint8Array(Buffer.from(jwk.x ?? "", "base64url")) };
  }
  throw new FuncError(`x509: unknown key type ${t ?? ""}`);
}
function parsePrivateKey(s) {
  const block = pemDecode(s);
  if (!block) throw new FuncError("no PEM data in input");
  const der = Buffer.from(block.der);
  if (block.type === "PRIVATE KEY") {
    try {
      return fromKeyObject(createPrivateKey({ key: der, format: "der", type: "pkcs8" }));
    } catch (e) {
      if (e instanceof FuncError) throw e;
      throw new FuncError("decoding PEM as PKCS#8: x509: malformed PKCS#8 private key");
    }
  }
  if (!block.type.endsWith(" PRIVATE KEY"))
    throw new FuncError(`no private key data in PEM block of type ${block.type}`);
  const kind = block.type.slice(0, -12);
  try {
    if (kind === "RSA")
      return fromKeyObject(createPrivateKey({ key: der, format: "der", type: "pkcs1" }));
    if (kind === "EC")
      return fromKeyObject(createPrivateKey({ key: der, format: "der", type: "sec1" }));
  } catch (e) {
    if (e instanceof FuncError) throw e;
    throw new FuncError(`parsing ${kind} private key from PEM: x509: malformed private key`);
  }
  if (kind === "DSA") {
    try {
      const top = read(block.der, 0);
      const ints = children(block.der, top.start, top.end).map(
        (c) => toBig(block.der.subarray(c.start, c.end))
      );
      const [, p, q, g, y, x] = ints;
      if (ints.length !== 6 || p === void 0 || q === void 0 || g === void 0 || y === void 0 || x === void 0) {
        throw new Error("asn1: syntax error: sequence truncated");
      }
      return { kind: "dsa", p, q, g, y, x };
    } catch (e) {
      throw new FuncError(`parsing DSA private key from PEM: ${e.message}`);
    }
  }
  throw new FuncError(`invalid private key type ${block.type}`);
}
function name(cn) {
  if (cn === "") return seq();
  const str = /^[A-Za-z0-9 '()+,\-./:=?*]*$/.test(cn) ? printableStr(cn) : utf8Str(cn);
  return seq(set(seq(oid("2.5.4.3"), str)));
}
function ext(id, critical, value) {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}
function createCertificate(ctx, t, key0, issuer) {
  ctx.charge(1e4);
  const signer0 = issuer ? issuer.key : key0;
  if (signer0.kind === "dsa") {
    throw new FuncError(
      "error creating certificate: x509: certificate private key does not implement crypto.Signer"
    );
  }
  if (key0.kind === "dsa") {
    throw new FuncError(
      "error creating certificate: x509: unsupported public key type: *dsa.PublicKey"
    );
  }
  const key = key0;
  const serial = randBig(ctx.rand, 128);
  const nowSec = ctx.now() / 1000000000n;
  const subject = name(t.cn);
  const ski = t.isCA ? new Uint8Array(createHash("sha1").update(publicKeyBits(key)).digest()) : null;
  const issuerName = issuer ? issuer.subject : subject;
  const signer = signer0;
  const aki = issuer && Buffer.compare(Buffer.from(issuerName), Buffer.from(subject)) !== 0 ? issuer.ski : null;
  const ku = t.isCA ? Uint8Array.of(2, 164) : Uint8Array.of(5, 160);
  const exts = [
    ext("2.5.29.15", true, tlv(3, ku)),
    ext("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    ext("2.5.29.19", true, t.isCA ? seq(bool(true)) : seq())
  ];
  if (ski) exts.push(ext("2.5.29.14", false, octets(ski)));
  if (aki && aki.length > 0) exts.push(ext("2.5.29.35", false, seq(tlv(128, aki))));
  if (t.dns.length > 0 || t.ips.length > 0) {
    const names = [
      ...t.dns.map((d) => tlv(130, utf8(d))),
      ...t.ips.map((ip) => tlv(135, ip))
    ];
    exts.push(ext("2.5.29.17", t.cn === "", seq(...names)));
  }
  const tbs = seq(
    explicit(0, int(2)),
    int(serial),
    sigAlg(signer),
    issuerName,
    seq(time(nowSec), time(nowSec + 86400n * t.days)),
    subject,
    spki(key),
    explicit(3, seq(...exts))
  );
  const sig = signWith(ctx, signer, tbs);
  return pem("CERTIFICATE", seq(tbs, sigAlg(signer), bitString(sig)));
}
function readIssuer(der) {
  const cert = read(der, 0);
  const tbs = children(der, cert.start, cert.end)[0];
  if (!tbs) throw new Error("asn1: empty certificate");
  const f = children(der, tbs.start, tbs.end);
  const off = f[0]?.tag === 160 ? 1 : 0;
  const subj = f[off + 4];
  if (!subj) throw new Error("asn1: short certificate");
  let ski = null;
  const extsField = f.find((x) => x.tag === 163);
  if (extsField) {
    const list = read(der, extsField.start);
    for (const e of children(der, list.start, list.end)) {
      const parts = children(der, e.start, e.end);
      const id = parts[0];
      if (id && Buffer.from(der.subarray(id.start, id.end)).equals(Buffer.from([85, 29, 14]))) {
        const val = parts[parts.length - 1];
        const inner = read(der, val.start);
        ski = der.slice(inner.start, inner.end);
      }
    }
  }
  return { subject: der.slice(subj.hdr, subj.end), ski };
}
function parseIPs(v) {
  if (!v) return [];
  return v.map((ip) => {
    if (typeof ip !== "string")
      throw new FuncError(`error parsing ip: ${sprintAny(ip)} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new FuncError(`error parsing ip: ${ip}`);
    return b;
  });
}
function parseDNS(v) {
  if (!v) return [];
  return v.map((d) => {
    if (typeof d !== "string")
      throw new FuncError(`error processing alternate dns name: ${sprintAny(d)} is not a string`);
    return d;
  });
}
var sprintAny = (v) => {
  if (v === null) return "<nil>";
  return typeof v === "object" && "value" in v ? String(v.value) : String(v);
};
function parseIP(s) {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const b2 = v4.slice(1).map((x) => x.length > 1 && x[0] === "0" ? 256 : Number(x));
    return b2.every((x) => x <= 255) ? Uint8Array.from(b2) : null;
  }
  if (!s.includes(":")) return null;
  let text2 = s;
  let tail = [];
  const m4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m4) {
    const t = parseIP(m4[2]);
    if (!t || t.length !== 4) return null;
    tail = Array.from(t);
    text2 = m4[1];
    if (!text2.endsWith("::")) text2 = text2.slice(0, -1);
  }
  const halves = text2.split("::");
  if (halves.length > 2) return null;
  const groups = (x) => {
    if (x === "") return [];
    const out = [];
    for (const g of x.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      const n3 = parseInt(g, 16);
      out.push(n3 >> 8, n3 & 255);
    }
    return out;
  };
  const a = groups(halves[0]);
  const b = halves.length === 2 ? groups(halves[1]) : [];
  if (!a || !b) return null;
  const want = 16 - tail.length;
  let bytes;
  if (halves.length === 2) {
    const fill = want - a.length - b.length;
    if (fill < 2) return null;
    bytes = [...a, ...new Array(fill).fill(0), ...b];
  } else bytes = a;
  if (bytes.length !== want) return null;
  return Uint8Array.from([...bytes, ...tail]);
}
function certArg(v) {
  if (v instanceof Certificate) return v;
  throw new FuncError(`wrong type for value; expected sprig.certificate; got ${typeOf(v)}`);
}
function signed(ctx, cn, ips, dns, days, ca, key) {
  const c = certArg(ca);
  const block = pemDecode(c.cert);
  if (!block) throw new FuncError("unable to decode certificate");
  let issuer;
  try {
    new X509Certificate(Buffer.from(block.der));
    issuer = readIssuer(block.der);
  } catch (e) {
    throw new FuncError(
      `error parsing certificate: decodedSignerCert.Bytes: ${e.message}`
    );
  }
  let signerKey;
  try {
    signerKey = parsePrivateKey(c.key);
  } catch (e) {
    throw new FuncError(`error parsing private key: ${e.message}`);
  }
  const t = { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false };
  const k = key ?? rsaKey(ctx, 2048);
  return new Certificate(createCertificate(ctx, t, k, { ...issuer, key: signerKey }), keyPem(k));
}
function withKey(pemKey) {
  try {
    return parsePrivateKey(pemKey);
  } catch (e) {
    throw new FuncError(`parsing private key: ${e.message}`);
  }
}
function selfSigned(ctx, t, k) {
  return new Certificate(createCertificate(ctx, t, k, null), keyPem(k));
}
var certFuncs = {
  genPrivateKey: goFunc("genPrivateKey", "func(typ string) string", (ctx, typ) => {
    switch (typ) {
      case "":
      case "rsa":
        return keyPem(rsaKey(ctx, 4096));
      case "ecdsa":
        return keyPem(ecKey(ctx));
      case "ed25519":
        return keyPem(edKey(ctx));
      case "dsa":
        return keyPem(dsaKey(ctx));
      default:
        return "Unknown type " + typ;
    }
  }),
  genCA: goFunc(
    "genCA",
    "func(cn string, daysValid int) (sprig.certificate, error)",
    (ctx, cn, days) => selfSigned(ctx, { cn, ips: [], dns: [], days, isCA: true }, rsaKey(ctx, 2048))
  ),
  genCAWithKey: goFunc(
    "genCAWithKey",
    "func(cn string, daysValid int, privPEM string) (sprig.certificate, error)",
    (ctx, cn, days, k) => selfSigned(ctx, { cn, ips: [], dns: [], days, isCA: true }, withKey(k))
  ),
  genSelfSignedCert: goFunc(
    "genSelfSignedCert",
    "func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int) (sprig.certificate, error)",
    (ctx, cn, ips, dns, days) => selfSigned(
      ctx,
      { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false },
      rsaKey(ctx, 2048)
    )
  ),
  genSelfSignedCertWithKey: goFunc(
    "genSelfSignedCertWithKey",
    "func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, privPEM string) (sprig.certificate, error)",
    (ctx, cn, ips, dns, days, k) => {
      const key = withKey(k);
      return selfSigned(
        ctx,
        { cn, ips: parseIPs(ips), dns: parseDNS(dns), days, isCA: false },
        key
      );
    }
  ),
  genSignedCert: goFunc(
    "genSignedCert",
    "func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, ca sprig.certificate) (sprig.certificate, error)",
    (ctx, cn, ips, dns, days, ca) => signed(ctx, cn, ips, dns, days, ca, null)
  ),
  genSignedCertWithKey: goFunc(
    "genSignedCertWithKey",
    "func(cn string, ips []interface{}, alternateDNS []interface{}, daysValid int, ca sprig.certificate, privPEM string) (sprig.certificate, error)",
    (ctx, cn, ips, dns, days, ca, k) => signed(ctx, cn, ips, dns, days, ca, withKey(k))
  ),
  buildCustomCert: goFunc(
    "buildCustomCert",
    "func(b64cert string, b64key string) (sprig.certificate, error)",
    (_c, c64, k64) => {
      let cert;
      let key;
      try {
        cert = b64decode(c64);
      } catch {
        throw new FuncError("unable to decode base64 certificate");
      }
      try {
        key = b64decode(k64);
      } catch {
        throw new FuncError("unable to decode base64 private key");
      }
      const block = pemDecode(fromUtf8(cert));
      if (!block) throw new FuncError("unable to decode certificate");
      try {
        new X509Certificate(Buffer.from(block.der));
      } catch (e) {
        throw new FuncError(
          `error parsing certificate: decodedCert.Bytes: ${e.message}`
        );
      }
      try {
        parsePrivateKey(fromUtf8(key));
      } catch (e) {
        throw new FuncError(`error parsing private key: ${e.message}`);
      }
      return new Certificate(fromUtf8(cert), fromUtf8(key));
    }
  )
};

// src/template/sprig/crypto.ts
import { createCipheriv, createDecipheriv, createHash as createHash2, createHmac, scryptSync } from "node:crypto";

// src/template/sprig/goformat.ts
function sprintV(v, top = true) {
  switch (typeof v) {
    case "string":
      return v;
    case "number":
      return formatFloat2(v, "g");
    case "boolean":
      return v ? "true" : "false";
    case "undefined":
      return top ? "<nil>" : "<nil>";
  }
  if (v === null) return "<nil>";
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) return "[" + v.map((e) => sprintV(e, false)).join(" ") + "]";
  if (v instanceof GoObject) {
    if (v.isNil()) return "<nil>";
    if (v.goString) return v.goString();
    const body = "{" + v.fieldNames().map((n3) => sprintV(v.field(n3), false)).join(" ") + "}";
    return v.goKind === "ptr" ? "&" + body : body;
  }
  if (isGoFunc(v)) return "0x0";
  const m = v;
  return "map[" + sortedKeys(m).map((k) => `${k}:${sprintV(m[k], false)}`).join(" ") + "]";
}
function strval(v) {
  if (typeof v === "string") return v;
  return sprintV(v);
}

// src/template/sprig/xstrings.ts
var isConnector = (r) => r === 45 || r === 95 || isSpace2(r);
function isAlphabet(r) {
  if (!isLetter(r)) return false;
  if (r < 11904) return true;
  if (r >= 19968 && r <= 40908) return false;
  if (r >= 13312 && r <= 19845) return false;
  if (r >= 131072 && r <= 178205) return false;
  return true;
}
function camelCase(str) {
  const rs = Array.from(str, (c) => c.codePointAt(0));
  if (rs.length === 0) return "";
  let out = "";
  let i = 0;
  let r0 = 0;
  let got = false;
  while (i < rs.length) {
    r0 = rs[i++];
    got = true;
    if (!isConnector(r0)) {
      r0 = toUpperRune(r0);
      break;
    }
    out += runeStr(r0);
  }
  if (i >= rs.length) {
    if (got) out += runeStr(r0);
    return out;
  }
  let r1;
  while (i < rs.length) {
    r1 = r0;
    r0 = rs[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += runeStr(r1);
      continue;
    }
    if (isConnector(r1)) r0 = toUpperRune(r0);
    else {
      r0 = toLowerRune(r0);
      out += runeStr(r1);
    }
  }
  out += runeStr(r0);
  return out;
}
function nextWord(rs, start2) {
  if (start2 >= rs.length) return [0 /* invalid */, [], start2];
  let i = start2;
  let r = rs[i++];
  let wt;
  if (isConnector(r)) {
    wt = 4 /* connector */;
    while (i < rs.length && isConnector(rs[i])) i++;
  } else if (isPunct(r)) {
    wt = 5 /* punct */;
    while (i < rs.length && isPunct(rs[i])) i++;
  } else if (isUpper(r)) {
    wt = 2 /* upper */;
    if (i < rs.length) {
      r = rs[i];
      if (isUpper(r)) {
        i++;
        while (i < rs.length && isUpper(rs[i])) i++;
        if (i < rs.length && isAlphabet(rs[i])) i--;
      } else if (isAlphabet(r)) {
        i++;
        while (i < rs.length && isAlphabet(rs[i]) && !isUpper(rs[i])) i++;
      }
    }
  } else if (isAlphabet(r)) {
    wt = 3 /* alphabet */;
    while (i < rs.length && isAlphabet(rs[i]) && !isUpper(rs[i])) i++;
  } else if (isNumber(r)) {
    wt = 1 /* number */;
    while (i < rs.length && isNumber(rs[i])) i++;
  } else {
    wt = 6 /* other */;
    while (i < rs.length) {
      const c = rs[i];
      if (isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)) break;
      i++;
    }
  }
  return [wt, rs.slice(start2, i), i];
}
function lower(out, wt, word, connector) {
  if (wt !== 2 /* upper */ && wt !== 4 /* connector */) {
    out.push(word.map(runeStr).join(""));
    return;
  }
  for (const r of word) {
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(runeStr(toLowerRune(r)));
    else out.push(runeStr(r));
  }
}
function camelToLower(str, connector) {
  if (str === "") return "";
  const rs = Array.from(str, (c) => c.codePointAt(0));
  const out = [];
  let [wt, word, pos] = nextWord(rs, 0);
  while (pos < rs.length) {
    if (wt !== 4 /* connector */) lower(out, wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word, pos] = nextWord(rs, pos);
    switch (prev) {
      case 1 /* number */:
        while (wt === 3 /* alphabet */ || wt === 1 /* number */) {
          lower(out, wt, word, connector);
          [wt, word, pos] = nextWord(rs, pos);
        }
        if (wt !== 0 /* invalid */ && wt !== 5 /* punct */ && wt !== 4 /* connector */) out.push(connector);
        break;
      case 4 /* connector */:
        lower(out, prev, last, connector);
        break;
      case 5 /* punct */:
        break;
      default: {
        if (wt !== 1 /* number */) {
          if (wt !== 4 /* connector */ && wt !== 5 /* punct */) out.push(connector);
          break;
        }
        if (pos >= rs.length) break;
        const lastNum = word;
        [wt, word, pos] = nextWord(rs, pos);
        if (wt !== 3 /* alphabet */) {
          lower(out, 1 /* number */, lastNum, connector);
          if (wt !== 4 /* connector */ && wt !== 5 /* punct */) out.push(connector);
          break;
        }
        out.push(connector);
        lower(out, 1 /* number */, lastNum, connector);
        while (wt === 3 /* alphabet */ || wt === 1 /* number */) {
          lower(out, wt, word, connector);
          [wt, word, pos] = nextWord(rs, pos);
        }
        if (wt !== 0 /* invalid */ && wt !== 4 /* connector */ && wt !== 5 /* punct */) out.push(connector);
      }
    }
  }
  lower(out, wt, word, connector);
  return out.join("");
}
var snakeCase = (s) => camelToLower(s, "_");
var kebabCase = (s) => camelToLower(s, "-");

// src/template/sprig/strings.ts
var n = (b) => Number(BigInt.asIntN(64, b));
function runtimeError(msg) {
  return new FuncError(`runtime error: ${msg}`);
}
function goSlice(s, a, b) {
  const len = byteLen(s);
  if (b !== void 0) {
    if (b < 0 || b > len) {
      throw runtimeError(
        `slice bounds out of range [:${b}]${b > len ? ` with length ${len}` : ""}`
      );
    }
  }
  const lo = a ?? 0;
  const hi = b ?? len;
  if (lo < 0 || lo > hi) throw runtimeError(`slice bounds out of range [${lo}:${hi}]`);
  return byteSlice2(s, lo, hi);
}
function goRepeat(ctx, s, count) {
  if (count < 0) throw new FuncError("strings: negative Repeat count");
  const size = byteLen(s) * count;
  if (!Number.isSafeInteger(size)) throw new FuncError("strings: Repeat count causes overflow");
  ctx.charge(size);
  return s.repeat(count);
}
function abbreviateFull(str, offset, maxWidth) {
  const r = abbreviateBytes(utf8(str), offset, maxWidth);
  return r === null ? str : fromUtf8(r);
}
function abbreviateBytes(b, offset, maxWidth) {
  const dots = Uint8Array.of(46, 46, 46);
  const cat = (x, y) => {
    const o = new Uint8Array(x.length + y.length);
    o.set(x);
    o.set(y, x.length);
    return o;
  };
  if (b.length === 0) return b;
  if (maxWidth < 4) return new Uint8Array(0);
  const len = b.length;
  if (len <= maxWidth) return null;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return cat(b.subarray(0, maxWidth - 3), dots);
  if (maxWidth < 7) return new Uint8Array(0);
  if (offset + maxWidth - 3 < len) {
    const inner = b.subarray(offset);
    return cat(dots, abbreviateBytes(inner, 0, maxWidth - 3) ?? inner);
  }
  return cat(dots, b.subarray(len - (maxWidth - 3)));
}
function wrapCustom(str, wrapLength, newLine, wrapLong) {
  if (str === "") return "";
  if (newLine === "") newLine = "\n";
  if (wrapLength < 1) wrapLength = 1;
  const b = utf8(str);
  const nl = utf8(newLine);
  const len = b.length;
  const out = [];
  const put = (from, to) => {
    for (let i = from; i < to; i++) out.push(b[i]);
  };
  let offset = 0;
  while (len - offset > wrapLength) {
    if (b[offset] === 32) {
      offset++;
      continue;
    }
    const end2 = Math.min(wrapLength + offset + 1, len);
    let space = -1;
    for (let i = end2 - 1; i >= offset; i--) {
      if (b[i] === 32) {
        space = i;
        break;
      }
    }
    if (space >= offset) {
      put(offset, space);
      out.push(...nl);
      offset = space + 1;
    } else if (wrapLong) {
      put(offset, wrapLength + offset);
      out.push(...nl);
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      let idx = -1;
      for (let i = e; i < len; i++) {
        if (b[i] === 32) {
          idx = i;
          break;
        }
      }
      if (idx === -1) {
        put(offset, len);
        offset = len;
      } else {
        put(offset, idx);
        out.push(...nl);
        offset = idx + 1;
      }
    }
  }
  put(offset, len);
  return fromUtf8(Uint8Array.from(out));
}
function bytesAsRunes(s) {
  return Array.from(utf8(s));
}
function initials(s) {
  if (s === "") return s;
  let out = "";
  let gap = true;
  for (const ch of bytesAsRunes(s)) {
    if (isSpace2(ch)) gap = true;
    else if (gap) {
      out += String.fromCodePoint(ch);
      gap = false;
    }
  }
  return out;
}
function deleteWhiteSpace(s) {
  if (s === "") return s;
  const bs = bytesAsRunes(s);
  const kept = bs.filter((c) => !isSpace2(c));
  if (kept.length === bs.length) return s;
  return kept.map((c) => String.fromCodePoint(c)).join("");
}
function swapCase(s) {
  let ws = true;
  let out = "";
  for (const r of runes(s)) {
    let o = r;
    if (isUpper(r) || isTitle(r)) {
      o = toLowerRune(r);
      ws = false;
    } else if (isLower(r)) {
      if (ws) {
        o = toTitleRune(r);
        ws = false;
      } else o = toUpperRune(r);
    } else ws = isSpace2(r);
    out += runeStr(o);
  }
  return out;
}
function uncapitalize(s) {
  let next = true;
  let out = "";
  for (const r of runes(s)) {
    if (isSpace2(r)) {
      next = true;
      out += runeStr(r);
    } else if (next) {
      out += runeStr(toLowerRune(r));
      next = false;
    } else out += runeStr(r);
  }
  return out;
}
function isSeparator(r) {
  if (r <= 127) {
    if (r >= 48 && r <= 57 || r >= 97 && r <= 122 || r >= 65 && r <= 90 || r === 95) {
      return false;
    }
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace2(r);
}
function title(s) {
  let prev = 32;
  let out = "";
  for (const r of runes(s)) {
    out += runeStr(isSeparator(prev) ? toTitleRune(r) : r);
    prev = r;
  }
  return out;
}
function replaceAll(ctx, s, old, nw) {
  if (old === nw) return s;
  if (old === "") {
    const rs = Array.from(s);
    ctx.charge((rs.length + 1) * nw.length);
    return nw + rs.map((c) => c + nw).join("");
  }
  const parts = s.split(old);
  ctx.charge(s.length + (parts.length - 1) * nw.length);
  return parts.join(nw);
}
function goSplit(ctx, s, sep, n3 = -1) {
  if (n3 === 0) return [];
  if (sep === "") {
    const rs = Array.from(s);
    ctx.charge(rs.length);
    if (n3 > 0 && rs.length > n3) return [...rs.slice(0, n3 - 1), rs.slice(n3 - 1).join("")];
    return rs;
  }
  const parts = s.split(sep);
  ctx.charge(parts.length);
  if (n3 > 0 && parts.length > n3) return [...parts.slice(0, n3 - 1), parts.slice(n3 - 1).join(sep)];
  return parts;
}
function indexMap(parts) {
  const m = {};
  parts.forEach((p, i) => m[`_${i}`] = p);
  return m;
}
function strslice(ctx, v) {
  if (Array.isArray(v)) {
    ctx.charge(v.length);
    const out = [];
    for (const e of v) if (e !== null) out.push(strval(e));
    return out;
  }
  if (v === null) return [];
  return [strval(v)];
}
function indent(ctx, spaces, s) {
  const pad2 = goRepeat(ctx, " ", spaces);
  return pad2 + replaceAll(ctx, s, "\n", "\n" + pad2);
}
var stringFuncs = {
  hello: goFunc("hello", "func() string", () => "Hello!"),
  abbrev: goFunc(
    "abbrev",
    "func(width int, s string) string",
    (_c, w, s) => n(w) < 4 ? s : abbreviateFull(s, 0, n(w))
  ),
  abbrevboth: goFunc(
    "abbrevboth",
    "func(left, right int, s string) string",
    (_c, l, r, s) => {
      const left = n(l);
      const right = n(r);
      if (right < 4 || left > 0 && right < 7) return s;
      return abbreviateFull(s, left, right);
    }
  ),
  trunc: goFunc("trunc", "func(c int, s string) string", (_c, cb, s) => {
    const c = n(cb);
    const len = byteLen(s);
    if (c < 0 && len + c > 0) return byteSlice2(s, len + c);
    if (c >= 0 && len > c) return byteSlice2(s, 0, c);
    return s;
  }),
  trim: goFunc("trim", "func(s string) string", (_c, s) => trimSpace(s)),
  upper: goFunc("upper", "func(s string) string", (_c, s) => mapRunes(s, toUpperRune)),
  lower: goFunc("lower", "func(s string) string", (_c, s) => mapRunes(s, toLowerRune)),
  title: goFunc("title", "func(s string) string", (_c, s) => title(s)),
  untitle: goFunc("untitle", "func(str string) string", (_c, s) => uncapitalize(s)),
  substr: goFunc(
    "substr",
    "func(start, end int, s string) string",
    (_c, a, b, s) => {
      const start2 = n(a);
      const end2 = n(b);
      if (start2 < 0) return goSlice(s, void 0, end2);
      if (end2 < 0 || end2 > byteLen(s)) return goSlice(s, start2, void 0);
      return goSlice(s, start2, end2);
    }
  ),
  repeat: goFunc(
    "repeat",
    "func(count int, str string) string",
    (ctx, c, s) => goRepeat(ctx, s, n(c))
  ),
  trimall: goFunc(
    "trimall",
    "func(a, b string) string",
    (_c, a, b) => trimCutset(b, a)
  ),
  trimAll: goFunc(
    "trimAll",
    "func(a, b string) string",
    (_c, a, b) => trimCutset(b, a)
  ),
  trimSuffix: goFunc(
    "trimSuffix",
    "func(a, b string) string",
    (_c, a, b) => a !== "" && b.endsWith(a) ? b.slice(0, b.length - a.length) : b
  ),
  trimPrefix: goFunc(
    "trimPrefix",
    "func(a, b string) string",
    (_c, a, b) => a !== "" && b.startsWith(a) ? b.slice(a.length) : b
  ),
  nospace: goFunc("nospace", "func(str string) string", (_c, s) => deleteWhiteSpace(s)),
  initials: goFunc("initials", "func(s string) string", (_c, s) => initials(s)),
  swapcase: goFunc("swapcase", "func(str string) string", (_c, s) => swapCase(s)),
  shuffle: goFunc("shuffle", "func(str string) string", (ctx, s) => {
    if (s === "") return s;
    const rs = runes(s);
    ctx.charge(rs.length);
    for (let i = rs.length - 1; i > 0; i--) {
      const j = ctx.rand.intn(i + 1);
      [rs[i], rs[j]] = [rs[j], rs[i]];
    }
    return rs.map(runeStr).join("");
  }),
  snakecase: goFunc("snakecase", "func(str string) string", (_c, s) => snakeCase(s)),
  camelcase: goFunc("camelcase", "func(str string) string", (_c, s) => camelCase(s)),
  kebabcase: goFunc("kebabcase", "func(str string) string", (_c, s) => kebabCase(s)),
  wrap: goFunc("wrap", "func(l int, s string) string", (ctx, l, s) => {
    ctx.charge(byteLen(s) * 2);
    return wrapCustom(s, n(l), "", false);
  }),
  wrapWith: goFunc(
    "wrapWith",
    "func(l int, sep, str string) string",
    (ctx, l, sep, s) => {
      ctx.charge(byteLen(s) * (1 + byteLen(sep)));
      return wrapCustom(s, n(l), sep, true);
    }
  ),
  contains: goFunc(
    "contains",
    "func(substr string, str string) bool",
    (_c, a, b) => b.includes(a)
  ),
  hasPrefix: goFunc(
    "hasPrefix",
    "func(substr string, str string) bool",
    (_c, a, b) => b.startsWith(a)
  ),
  hasSuffix: goFunc(
    "hasSuffix",
    "func(substr string, str string) bool",
    (_c, a, b) => b.endsWith(a)
  ),
  quote: goFunc("quote", "func(str ...interface{}) string", (ctx, ...xs) => {
    ctx.charge(xs.length);
    return xs.filter((x) => x !== null).map((x) => goQuote2(strval(x))).join(" ");
  }),
  squote: goFunc("squote", "func(str ...interface{}) string", (ctx, ...xs) => {
    ctx.charge(xs.length);
    return xs.filter((x) => x !== null).map((x) => `'${sprintV(x)}'`).join(" ");
  }),
  cat: goFunc("cat", "func(v ...interface{}) string", (ctx, ...xs) => {
    ctx.charge(xs.length);
    return xs.filter((x) => x !== null).map((x) => sprintV(x)).join(" ");
  }),
  indent: goFunc(
    "indent",
    "func(spaces int, v string) string",
    (ctx, sp, s) => indent(ctx, n(sp), s)
  ),
  nindent: goFunc(
    "nindent",
    "func(spaces int, v string) string",
    (ctx, sp, s) => "\n" + indent(ctx, n(sp), s)
  ),
  replace: goFunc(
    "replace",
    "func(old, new, src string) string",
    (ctx, o, w, s) => replaceAll(ctx, s, o, w)
  ),
  plural: goFunc(
    "plural",
    "func(one, many string, count int) string",
    (_c, one, many, c) => c === 1n ? one : many
  ),
  toString: goFunc("toString", "func(v interface{}) string", (_c, v) => strval(v)),
  splitList: goFunc(
    "splitList",
    "func(sep, orig string) []string",
    (ctx, sep, s) => goSplit(ctx, s, sep)
  ),
  split: goFunc(
    "split",
    "func(sep, orig string) map[string]string",
    (ctx, sep, s) => indexMap(goSplit(ctx, s, sep))
  ),
  splitn: goFunc(
    "splitn",
    "func(sep string, n int, orig string) map[string]string",
    (ctx, sep, c, s) => indexMap(goSplit(ctx, s, sep, n(c)))
  ),
  toStrings: goFunc(
    "toStrings",
    "func(v interface{}) []string",
    (ctx, v) => strslice(ctx, v)
  ),
  join: goFunc("join", "func(sep string, v interface{}) string", (ctx, sep, v) => {
    const parts = strslice(ctx, v);
    const size = parts.reduce((n3, p) => n3 + p.length, 0);
    ctx.charge(size + sep.length * Math.max(parts.length - 1, 0));
    return parts.join(sep);
  }),
  sortAlpha: goFunc("sortAlpha", "func(list interface{}) []string", (ctx, v) => {
    if (Array.isArray(v)) {
      const a = strslice(ctx, v);
      return a.sort(compareGoStrings);
    }
    return [strval(v)];
  })
};

// src/template/sprig/bcrypt.ts
var piWords = null;
function arctanInv(x, one) {
  const x2 = x * x;
  let term = one / x;
  let sum = term;
  let k = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    k += 2n;
    sum += sign * term / k;
    sign = -sign;
  }
  return sum;
}
function piFraction(words) {
  const bits = BigInt(words * 32 + 64);
  const one = 1n << bits;
  const pi = 16n * arctanInv(5n, one) - 4n * arctanInv(239n, one);
  const frac = pi - 3n * one >> 64n;
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) {
    out[i] = Number(frac >> BigInt((words - 1 - i) * 32) & 0xffffffffn);
  }
  return out;
}
function initState() {
  piWords ??= piFraction(18 + 1024);
  return { p: piWords.slice(0, 18), s: piWords.slice(18) };
}
function encrypt(st, l0, r0) {
  const { p, s } = st;
  let l = l0 >>> 0;
  let r = r0 >>> 0;
  l ^= p[0];
  for (let i = 1; i <= 16; i += 2) {
    r ^= (s[l >>> 24] + s[256 + (l >>> 16 & 255)] ^ s[512 + (l >>> 8 & 255)]) + s[768 + (l & 255)] ^ p[i];
    l ^= (s[r >>> 24] + s[256 + (r >>> 16 & 255)] ^ s[512 + (r >>> 8 & 255)]) + s[768 + (r & 255)] ^ p[i + 1];
  }
  r ^= p[17];
  return [r >>> 0, l >>> 0];
}
function nextWord2(b, j) {
  let w = 0;
  for (let i = 0; i < 4; i++) {
    w = (w << 8 | b[j.v]) >>> 0;
    j.v = (j.v + 1) % b.length;
  }
  return w;
}
function expandKey(st, key, salt) {
  const j = { v: 0 };
  for (let i = 0; i < 18; i++) st.p[i] = (st.p[i] ^ nextWord2(key, j)) >>> 0;
  const js = { v: 0 };
  let l = 0;
  let r = 0;
  const fill = (arr, from, n3) => {
    for (let i = 0; i < n3; i += 2) {
      if (salt) {
        l ^= nextWord2(salt, js);
        r ^= nextWord2(salt, js);
      }
      [l, r] = encrypt(st, l, r);
      arr[from + i] = l;
      arr[from + i + 1] = r;
    }
  };
  fill(st.p, 0, 18);
  fill(st.s, 0, 1024);
}
var BC = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function bcBase64(b) {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n3 = b[i] << 16 | (b[i + 1] ?? 0) << 8 | (b[i + 2] ?? 0);
    out += BC[n3 >> 18 & 63];
    out += BC[n3 >> 12 & 63];
    if (i + 1 < b.length) out += BC[n3 >> 6 & 63];
    if (i + 2 < b.length) out += BC[n3 & 63];
  }
  return out;
}
function bcryptHash(ctx, password, cost = 10) {
  ctx.charge(1 << 12);
  return bcryptWithSalt(password, ctx.rand.bytes(16), cost);
}
function bcryptWithSalt(password, salt, cost) {
  const key = new Uint8Array([...utf8(password), 0]);
  const st = initState();
  expandKey(st, key, salt);
  for (let i = 0; i < 1 << cost; i++) {
    expandKey(st, key, null);
    expandKey(st, salt, null);
  }
  const magic = utf8("OrpheanBeholderScryDoubt");
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = nextWord2(magic, { v: i * 4 });
  for (let i = 0; i < 6; i += 2) {
    let l = words[i];
    let r = words[i + 1];
    for (let k = 0; k < 64; k++) [l, r] = encrypt(st, l, r);
    words[i] = l;
    words[i + 1] = r;
  }
  const out = new Uint8Array(24);
  words.forEach((w, i) => {
    out[i * 4] = w >>> 24;
    out[i * 4 + 1] = w >>> 16 & 255;
    out[i * 4 + 2] = w >>> 8 & 255;
    out[i * 4 + 3] = w & 255;
  });
  return `$2a$${String(cost).padStart(2, "0")}$${bcBase64(salt)}${bcBase64(out.subarray(0, 23))}`;
}

// src/template/sprig/crypto.ts
var hex2 = (b) => Buffer.from(b).toString("hex");
function adler32(b) {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return (s << 16 | a) >>> 0;
}
var templates = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: [
    "CvcvnoCvcvCvcv",
    "CvcvCvcvnoCvcv",
    "CvcvCvcvCvcvno",
    "CvccnoCvcvCvcv",
    "CvccCvcvnoCvcv",
    "CvccCvcvCvcvno",
    "CvcvnoCvccCvcv",
    "CvcvCvccnoCvcv",
    "CvcvCvccCvcvno",
    "CvcvnoCvcvCvcc",
    "CvcvCvcvnoCvcc",
    "CvcvCvcvCvccno",
    "CvccnoCvccCvcv",
    "CvccCvccnoCvcv",
    "CvccCvccCvcvno",
    "CvcvnoCvccCvcc",
    "CvcvCvccnoCvcc",
    "CvcvCvccCvccno",
    "CvccnoCvcvCvcc",
    "CvccCvcvnoCvcc",
    "CvccCvcvCvccno"
  ],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"]
};
var chars = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()"
};
function u32be(n3) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n3 >>> 0);
  return b;
}
function derivePassword(counter, type, password, user, site) {
  const temps = templates[type];
  if (!temps) return `cannot find password template ${type}`;
  const seed = Buffer.from("com.lyndir.masterpassword");
  const u2 = utf8(user);
  const salt = Buffer.concat([seed, u32be(u2.length), u2]);
  const key = scryptSync(utf8(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 256 * 1024 * 1024
  });
  const s = utf8(site);
  const msg = Buffer.concat([seed, u32be(s.length), s, u32be(Number(counter & 0xffffffffn))]);
  const h = createHmac("sha256", key).update(msg).digest();
  const temp = temps[h[0] % temps.length];
  let out = "";
  for (let i = 0; i < temp.length; i++) {
    const pass = chars[temp[i]];
    out += pass[h[i + 1] % pass.length];
  }
  return out;
}
function aesKey(password) {
  const key = Buffer.alloc(32);
  Buffer.from(utf8(password)).copy(key, 0, 0, 32);
  return key;
}
function encryptAES(ctx, password, plaintext) {
  if (plaintext === "") return "";
  const content = utf8(plaintext);
  ctx.charge(content.length);
  const iv = Buffer.from(ctx.rand.bytes(16));
  const c = createCipheriv("aes-256-cbc", aesKey(password), iv);
  const body = Buffer.concat([c.update(content), c.final()]);
  return b64encode(Buffer.concat([iv, body]));
}
function decryptAES(ctx, password, crypt64) {
  if (crypt64 === "") return "";
  let crypt;
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
  if (body.length % 16 !== 0) throw new FuncError("crypto/cipher: input not full blocks");
  const d = createDecipheriv("aes-256-cbc", aesKey(password), iv);
  d.setAutoPadding(false);
  const dec = Buffer.concat([d.update(body), d.final()]);
  if (dec.length === 0) throw runtimeError("index out of range [-1]");
  const cut = dec.length - dec[dec.length - 1];
  if (cut < 0) throw runtimeError(`slice bounds out of range [:${cut}]`);
  return fromUtf8(dec.subarray(0, cut));
}
function randomString(ctx, count, letters, numbers) {
  const n3 = Number(count);
  if (n3 === 0) return "";
  if (n3 < 0) return "";
  ctx.charge(n3);
  let start2 = 32;
  let end2 = 123;
  if (!letters && !numbers) {
    start2 = 32;
    end2 = 127;
  }
  let out = "";
  while (out.length < n3) {
    const ch = start2 + ctx.rand.intn(end2 - start2);
    const isL = ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122;
    const isD = ch >= 48 && ch <= 57;
    if (letters && isL || numbers && isD || !letters && !numbers)
      out += String.fromCharCode(ch);
  }
  return out;
}
function uuidv4(ctx) {
  const b = ctx.rand.bytes(16);
  b[6] = b[6] & 15 | 64;
  b[8] = b[8] & 63 | 128;
  const h = hex2(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
var cryptoFuncs = {
  sha1sum: goFunc(
    "sha1sum",
    "func(input string) string",
    (_c, s) => createHash2("sha1").update(utf8(s)).digest("hex")
  ),
  sha256sum: goFunc(
    "sha256sum",
    "func(input string) string",
    (_c, s) => createHash2("sha256").update(utf8(s)).digest("hex")
  ),
  adler32sum: goFunc(
    "adler32sum",
    "func(input string) string",
    (_c, s) => String(adler32(utf8(s)))
  ),
  derivePassword: goFunc(
    "derivePassword",
    "func(counter uint32, passwordType, password, user, site string) string",
    (_c, counter, t, p, u2, s) => derivePassword(counter, t, p, u2, s)
  ),
  encryptAES: goFunc(
    "encryptAES",
    "func(password string, plaintext string) (string, error)",
    (ctx, p, t) => encryptAES(ctx, p, t)
  ),
  decryptAES: goFunc(
    "decryptAES",
    "func(password string, crypt64 string) (string, error)",
    (ctx, p, c) => decryptAES(ctx, p, c)
  ),
  bcrypt: goFunc("bcrypt", "func(input string) string", (ctx, s) => bcryptHash(ctx, s)),
  htpasswd: goFunc(
    "htpasswd",
    "func(username string, password string) string",
    (ctx, u2, p) => u2.includes(":") ? `invalid username: ${u2}` : `${u2}:${bcryptHash(ctx, p)}`
  ),
  randBytes: goFunc("randBytes", "func(count int) (string, error)", (ctx, n3) => {
    const c = Number(n3);
    if (c < 0) throw runtimeError("makeslice: len out of range");
    ctx.charge(c);
    return b64encode(ctx.rand.bytes(c));
  }),
  uuidv4: goFunc("uuidv4", "func() string", (ctx) => uuidv4(ctx)),
  randAlphaNum: goFunc(
    "randAlphaNum",
    "func(count int) string",
    (ctx, n3) => randomString(ctx, n3, true, true)
  ),
  randAlpha: goFunc(
    "randAlpha",
    "func(count int) string",
    (ctx, n3) => randomString(ctx, n3, true, false)
  ),
  randAscii: goFunc(
    "randAscii",
    "func(count int) string",
    (ctx, n3) => randomString(ctx, n3, false, false)
  ),
  randNumeric: goFunc(
    "randNumeric",
    "func(count int) string",
    (ctx, n3) => randomString(ctx, n3, false, true)
  )
};

// src/template/sprig/zone-abbr.ts
var zoneAbbreviations = {
  "Africa/Abidjan": { "0": "GMT" },
  "Africa/Accra": { "0": "GMT" },
  "Africa/Addis_Ababa": { "10800": "EAT" },
  "Africa/Algiers": { "3600": "CET" },
  "Africa/Asmera": { "10800": "EAT" },
  "Africa/Bamako": { "0": "GMT" },
  "Africa/Bangui": { "3600": "WAT" },
  "Africa/Banjul": { "0": "GMT" },
  "Africa/Bissau": { "0": "GMT" },
  "Africa/Blantyre": { "7200": "CAT" },
  "Africa/Brazzaville": { "3600": "WAT" },
  "Africa/Bujumbura": { "7200": "CAT" },
  "Africa/Cairo": { "7200": "EET" },
  "Africa/Casablanca": { "3600": "+01" },
  "Africa/Ceuta": { "3600": "CET", "7200": "CEST" },
  "Africa/Conakry": { "0": "GMT" },
  "Africa/Dakar": { "0": "GMT" },
  "Africa/Dar_es_Salaam": { "10800": "EAT" },
  "Africa/Djibouti": { "10800": "EAT" },
  "Africa/Douala": { "3600": "WAT" },
  "Africa/El_Aaiun": { "3600": "+01" },
  "Africa/Freetown": { "0": "GMT" },
  "Africa/Gaborone": { "7200": "CAT" },
  "Africa/Harare": { "7200": "CAT" },
  "Africa/Johannesburg": { "7200": "SAST" },
  "Africa/Juba": { "10800": "EAT" },
  "Africa/Kampala": { "10800": "EAT" },
  "Africa/Khartoum": { "7200": "CAT" },
  "Africa/Kigali": { "7200": "CAT" },
  "Africa/Kinshasa": { "3600": "WAT" },
  "Africa/Lagos": { "3600": "WAT" },
  "Africa/Libreville": { "3600": "WAT" },
  "Africa/Lome": { "0": "GMT" },
  "Africa/Luanda": { "3600": "WAT" },
  "Africa/Lubumbashi": { "7200": "CAT" },
  "Africa/Lusaka": { "7200": "CAT" },
  "Africa/Malabo": { "3600": "WAT" },
  "Africa/Maputo": { "7200": "CAT" },
  "Africa/Maseru": { "7200": "SAST" },
  "Africa/Mbabane": { "7200": "SAST" },
  "Africa/Mogadishu": { "10800": "EAT" },
  "Africa/Monrovia": { "0": "GMT" },
  "Africa/Nairobi": { "10800": "EAT" },
  "Africa/Ndjamena": { "3600": "WAT" },
  "Africa/Niamey": { "3600": "WAT" },
  "Africa/Nouakchott": { "0": "GMT" },
  "Africa/Ouagadougou": { "0": "GMT" },
  "Africa/Porto-Novo": { "3600": "WAT" },
  "Africa/Sao_Tome": { "0": "GMT" },
  "Africa/Tripoli": { "7200": "EET" },
  "Africa/Tunis": { "3600": "CET" },
  "Africa/Windhoek": { "7200": "CAT" },
  "America/Adak": { "-36000": "HST", "-32400": "HDT" },
  "America/Anchorage": { "-32400": "AKST", "-28800": "AKDT" },
  "America/Anguilla": { "-14400": "AST" },
  "America/Antigua": { "-14400": "AST" },
  "America/Araguaina": { "-10800": "-03" },
  "America/Argentina/La_Rioja": { "-10800": "-03" },
  "America/Argentina/Rio_Gallegos": { "-10800": "-03" },
  "America/Argentina/Salta": { "-10800": "-03" },
  "America/Argentina/San_Juan": { "-10800": "-03" },
  "America/Argentina/San_Luis": { "-10800": "-03" },
  "America/Argentina/Tucuman": { "-10800": "-03" },
  "America/Argentina/Ushuaia": { "-10800": "-03" },
  "America/Aruba": { "-14400": "AST" },
  "America/Asuncion": { "-10800": "-03", "-14400": "-04" },
  "America/Bahia": { "-10800": "-03" },
  "America/Bahia_Banderas": { "-21600": "CST", "-18000": "CDT" },
  "America/Barbados": { "-14400": "AST" },
  "America/Belem": { "-10800": "-03" },
  "America/Belize": { "-21600": "CST" },
  "America/Blanc-Sablon": { "-14400": "AST" },
  "America/Boa_Vista": { "-14400": "-04" },
  "America/Bogota": { "-18000": "-05" },
  "America/Boise": { "-25200": "MST", "-21600": "MDT" },
  "America/Buenos_Aires": { "-10800": "-03" },
  "America/Cambridge_Bay": { "-25200": "MST", "-21600": "MDT" },
  "America/Campo_Grande": { "-14400": "-04" },
  "America/Cancun": { "-18000": "EST" },
  "America/Caracas": { "-14400": "-04" },
  "America/Catamarca": { "-10800": "-03" },
  "America/Cayenne": { "-10800": "-03" },
  "America/Cayman": { "-18000": "EST" },
  "America/Chicago": { "-21600": "CST", "-18000": "CDT" },
  "America/Chihuahua": { "-25200": "MST", "-21600": "MDT" },
  "America/Ciudad_Juarez": { "-25200": "MST", "-21600": "MDT" },
  "America/Coral_Harbour": { "-18000": "EST" },
  "America/Cordoba": { "-10800": "-03" },
  "America/Costa_Rica": { "-21600": "CST" },
  "America/Coyhaique": { "-10800": "-03", "-14400": "-04" },
  "America/Creston": { "-25200": "MST" },
  "America/Cuiaba": { "-14400": "-04" },
  "America/Curacao": { "-14400": "AST" },
  "America/Danmarkshavn": { "0": "GMT" },
  "America/Dawson": { "-28800": "PST", "-25200": "PDT" },
  "America/Dawson_Creek": { "-25200": "MST" },
  "America/Denver": { "-25200": "MST", "-21600": "MDT" },
  "America/Detroit": { "-18000": "EST", "-14400": "EDT" },
  "America/Dominica": { "-14400": "AST" },
  "America/Edmonton": { "-25200": "MST", "-21600": "MDT" },
  "America/Eirunepe": { "-18000": "-05" },
  "America/El_Salvador": { "-21600": "CST" },
  "America/Fort_Nelson": { "-25200": "MST" },
  "America/Fortaleza": { "-10800": "-03" },
  "America/Glace_Bay": { "-14400": "AST", "-10800": "ADT" },
  "America/Godthab": { "-10800": "-03", "-7200": "-02" },
  "America/Goose_Bay": { "-14400": "AST", "-10800": "ADT" },
  "America/Grand_Turk": { "-18000": "EST", "-14400": "EDT" },
  "America/Grenada": { "-14400": "AST" },
  "America/Guadeloupe": { "-14400": "AST" },
  "America/Guatemala": { "-21600": "CST" },
  "America/Guayaquil": { "-18000": "-05" },
  "America/Guyana": { "-14400": "-04" },
  "America/Halifax": { "-14400": "AST", "-10800": "ADT" },
  "America/Havana": { "-18000": "CST", "-14400": "CDT" },
  "America/Hermosillo": { "-25200": "MST" },
  "America/Indiana/Knox": { "-21600": "CST", "-18000": "CDT" },
  "America/Indiana/Marengo": { "-18000": "EST", "-14400": "EDT" },
  "America/Indiana/Petersburg": { "-18000": "EST", "-14400": "EDT" },
  "America/Indiana/Tell_City": { "-21600": "CST", "-18000": "CDT" },
  "America/Indiana/Vevay": { "-18000": "EST", "-14400": "EDT" },
  "America/Indiana/Vincennes": { "-18000": "EST", "-14400": "EDT" },
  "America/Indiana/Winamac": { "-18000": "EST", "-14400": "EDT" },
  "America/Indianapolis": { "-18000": "EST", "-14400": "EDT" },
  "America/Inuvik": { "-25200": "MST", "-21600": "MDT" },
  "America/Iqaluit": { "-18000": "EST", "-14400": "EDT" },
  "America/Jamaica": { "-18000": "EST" },
  "America/Jujuy": { "-10800": "-03" },
  "America/Juneau": { "-32400": "AKST", "-28800": "AKDT" },
  "America/Kentucky/Monticello": { "-18000": "EST", "-14400": "EDT" },
  "America/Kralendijk": { "-14400": "AST" },
  "America/La_Paz": { "-14400": "-04" },
  "America/Lima": { "-18000": "-05" },
  "America/Los_Angeles": { "-28800": "PST", "-25200": "PDT" },
  "America/Louisville": { "-18000": "EST", "-14400": "EDT" },
  "America/Lower_Princes": { "-14400": "AST" },
  "America/Maceio": { "-10800": "-03" },
  "America/Managua": { "-21600": "CST" },
  "America/Manaus": { "-14400": "-04" },
  "America/Marigot": { "-14400": "AST" },
  "America/Martinique": { "-14400": "AST" },
  "America/Matamoros": { "-21600": "CST", "-18000": "CDT" },
  "America/Mazatlan": { "-25200": "MST", "-21600": "MDT" },
  "America/Mendoza": { "-10800": "-03" },
  "America/Menominee": { "-21600": "CST", "-18000": "CDT" },
  "America/Merida": { "-21600": "CST", "-18000": "CDT" },
  "America/Metlakatla": { "-32400": "AKST", "-28800": "AKDT" },
  "America/Mexico_City": { "-21600": "CST", "-18000": "CDT" },
  "America/Miquelon": { "-10800": "-03", "-7200": "-02" },
  "America/Moncton": { "-14400": "AST", "-10800": "ADT" },
  "America/Monterrey": { "-21600": "CST", "-18000": "CDT" },
  "America/Montevideo": { "-10800": "-03" },
  "America/Montserrat": { "-14400": "AST" },
  "America/Nassau": { "-18000": "EST", "-14400": "EDT" },
  "America/New_York": { "-18000": "EST", "-14400": "EDT" },
  "America/Nome": { "-32400": "AKST", "-28800": "AKDT" },
  "America/Noronha": { "-7200": "-02" },
  "America/North_Dakota/Beulah": { "-21600": "CST", "-18000": "CDT" },
  "America/North_Dakota/Center": { "-21600": "CST", "-18000": "CDT" },
  "America/North_Dakota/New_Salem": { "-21600": "CST", "-18000": "CDT" },
  "America/Ojinaga": { "-25200": "MST", "-21600": "MDT" },
  "America/Panama": { "-18000": "EST" },
  "America/Paramaribo": { "-10800": "-03" },
  "America/Phoenix": { "-25200": "MST" },
  "America/Port-au-Prince": { "-18000": "EST", "-14400": "EDT" },
  "America/Port_of_Spain": { "-14400": "AST" },
  "America/Porto_Velho": { "-14400": "-04" },
  "America/Puerto_Rico": { "-14400": "AST" },
  "America/Punta_Arenas": { "-10800": "-03" },
  "America/Rankin_Inlet": { "-21600": "CST", "-18000": "CDT" },
  "America/Recife": { "-10800": "-03" },
  "America/Regina": { "-21600": "CST" },
  "America/Resolute": { "-21600": "CST", "-18000": "CDT" },
  "America/Rio_Branco": { "-18000": "-05" },
  "America/Santarem": { "-10800": "-03" },
  "America/Santiago": { "-10800": "-03", "-14400": "-04" },
  "America/Santo_Domingo": { "-14400": "AST" },
  "America/Sao_Paulo": { "-10800": "-03" },
  "America/Scoresbysund": { "0": "+00", "-3600": "-01" },
  "America/Sitka": { "-32400": "AKST", "-28800": "AKDT" },
  "America/St_Barthelemy": { "-14400": "AST" },
  "America/St_Johns": { "-12600": "NST", "-9000": "NDT" },
  "America/St_Kitts": { "-14400": "AST" },
  "America/St_Lucia": { "-14400": "AST" },
  "America/St_Thomas": { "-14400": "AST" },
  "America/St_Vincent": { "-14400": "AST" },
  "America/Swift_Current": { "-21600": "CST" },
  "America/Tegucigalpa": { "-21600": "CST" },
  "America/Thule": { "-14400": "AST", "-10800": "ADT" },
  "America/Tijuana": { "-28800": "PST", "-25200": "PDT" },
  "America/Toronto": { "-18000": "EST", "-14400": "EDT" },
  "America/Tortola": { "-14400": "AST" },
  "America/Vancouver": { "-28800": "PST", "-25200": "PDT" },
  "America/Whitehorse": { "-28800": "PST", "-25200": "PDT" },
  "America/Winnipeg": { "-21600": "CST", "-18000": "CDT" },
  "America/Yakutat": { "-32400": "AKST", "-28800": "AKDT" },
  "Antarctica/Casey": { "28800": "+08", "39600": "+11" },
  "Antarctica/Davis": { "25200": "+07" },
  "Antarctica/DumontDUrville": { "36000": "+10" },
  "Antarctica/Macquarie": { "36000": "AEST", "39600": "AEDT" },
  "Antarctica/Mawson": { "18000": "+05" },
  "Antarctica/McMurdo": { "43200": "NZST", "46800": "NZDT" },
  "Antarctica/Palmer": { "-10800": "-03" },
  "Antarctica/Rothera": { "-10800": "-03" },
  "Antarctica/Syowa": { "10800": "+03" },
  "Antarctica/Troll": { "0": "+00", "7200": "+02" },
  "Antarctica/Vostok": { "25200": "+07" },
  "Arctic/Longyearbyen": { "3600": "CET", "7200": "CEST" },
  "Asia/Aden": { "10800": "+03" },
  "Asia/Almaty": { "21600": "+06" },
  "Asia/Amman": { "7200": "EET", "10800": "EEST" },
  "Asia/Anadyr": { "43200": "+12" },
  "Asia/Aqtau": { "18000": "+05" },
  "Asia/Aqtobe": { "18000": "+05" },
  "Asia/Ashgabat": { "18000": "+05" },
  "Asia/Atyrau": { "18000": "+05" },
  "Asia/Baghdad": { "10800": "+03" },
  "Asia/Bahrain": { "10800": "+03" },
  "Asia/Baku": { "14400": "+04" },
  "Asia/Bangkok": { "25200": "+07" },
  "Asia/Barnaul": { "25200": "+07" },
  "Asia/Beirut": { "7200": "EET", "10800": "EEST" },
  "Asia/Bishkek": { "21600": "+06" },
  "Asia/Brunei": { "28800": "+08" },
  "Asia/Calcutta": { "19800": "IST" },
  "Asia/Chita": { "32400": "+09" },
  "Asia/Colombo": { "19800": "+0530" },
  "Asia/Damascus": { "7200": "EET", "10800": "EEST" },
  "Asia/Dhaka": { "21600": "+06" },
  "Asia/Dili": { "32400": "+09" },
  "Asia/Dubai": { "14400": "+04" },
  "Asia/Dushanbe": { "18000": "+05" },
  "Asia/Famagusta": { "7200": "EET", "10800": "EEST" },
  "Asia/Gaza": { "7200": "EET", "10800": "EEST" },
  "Asia/Hebron": { "7200": "EET", "10800": "EEST" },
  "Asia/Hong_Kong": { "28800": "HKT" },
  "Asia/Hovd": { "25200": "+07" },
  "Asia/Irkutsk": { "28800": "+08" },
  "Asia/Jakarta": { "25200": "WIB" },
  "Asia/Jayapura": { "32400": "WIT" },
  "Asia/Jerusalem": { "7200": "IST", "10800": "IDT" },
  "Asia/Kabul": { "16200": "+0430" },
  "Asia/Kamchatka": { "43200": "+12" },
  "Asia/Karachi": { "18000": "PKT" },
  "Asia/Katmandu": { "20700": "+0545" },
  "Asia/Khandyga": { "32400": "+09" },
  "Asia/Krasnoyarsk": { "25200": "+07" },
  "Asia/Kuala_Lumpur": { "28800": "+08" },
  "Asia/Kuching": { "28800": "+08" },
  "Asia/Kuwait": { "10800": "+03" },
  "Asia/Macau": { "28800": "CST" },
  "Asia/Magadan": { "39600": "+11" },
  "Asia/Makassar": { "28800": "WITA" },
  "Asia/Manila": { "28800": "PST" },
  "Asia/Muscat": { "14400": "+04" },
  "Asia/Nicosia": { "7200": "EET", "10800": "EEST" },
  "Asia/Novokuznetsk": { "25200": "+07" },
  "Asia/Novosibirsk": { "25200": "+07" },
  "Asia/Omsk": { "21600": "+06" },
  "Asia/Oral": { "18000": "+05" },
  "Asia/Phnom_Penh": { "25200": "+07" },
  "Asia/Pontianak": { "25200": "WIB" },
  "Asia/Pyongyang": { "32400": "KST" },
  "Asia/Qatar": { "10800": "+03" },
  "Asia/Qostanay": { "21600": "+06" },
  "Asia/Qyzylorda": { "18000": "+05" },
  "Asia/Rangoon": { "23400": "+0630" },
  "Asia/Riyadh": { "10800": "+03" },
  "Asia/Saigon": { "25200": "+07" },
  "Asia/Sakhalin": { "39600": "+11" },
  "Asia/Samarkand": { "18000": "+05" },
  "Asia/Seoul": { "32400": "KST" },
  "Asia/Shanghai": { "28800": "CST" },
  "Asia/Singapore": { "28800": "+08" },
  "Asia/Srednekolymsk": { "39600": "+11" },
  "Asia/Taipei": { "28800": "CST" },
  "Asia/Tashkent": { "18000": "+05" },
  "Asia/Tbilisi": { "14400": "+04" },
  "Asia/Tehran": { "12600": "+0330", "16200": "+0430" },
  "Asia/Thimphu": { "21600": "+06" },
  "Asia/Tokyo": { "32400": "JST" },
  "Asia/Tomsk": { "25200": "+07" },
  "Asia/Ulaanbaatar": { "28800": "+08" },
  "Asia/Urumqi": { "21600": "+06" },
  "Asia/Ust-Nera": { "36000": "+10" },
  "Asia/Vientiane": { "25200": "+07" },
  "Asia/Vladivostok": { "36000": "+10" },
  "Asia/Yakutsk": { "32400": "+09" },
  "Asia/Yekaterinburg": { "18000": "+05" },
  "Asia/Yerevan": { "14400": "+04" },
  "Atlantic/Azores": { "0": "+00", "-3600": "-01" },
  "Atlantic/Bermuda": { "-14400": "AST", "-10800": "ADT" },
  "Atlantic/Canary": { "0": "WET", "3600": "WEST" },
  "Atlantic/Cape_Verde": { "-3600": "-01" },
  "Atlantic/Faeroe": { "0": "WET", "3600": "WEST" },
  "Atlantic/Madeira": { "0": "WET", "3600": "WEST" },
  "Atlantic/Reykjavik": { "0": "GMT" },
  "Atlantic/South_Georgia": { "-7200": "-02" },
  "Atlantic/St_Helena": { "0": "GMT" },
  "Atlantic/Stanley": { "-10800": "-03" },
  "Australia/Adelaide": { "34200": "ACST", "37800": "ACDT" },
  "Australia/Brisbane": { "36000": "AEST" },
  "Australia/Broken_Hill": { "34200": "ACST", "37800": "ACDT" },
  "Australia/Darwin": { "34200": "ACST" },
  "Australia/Eucla": { "31500": "+0845" },
  "Australia/Hobart": { "36000": "AEST", "39600": "AEDT" },
  "Australia/Lindeman": { "36000": "AEST" },
  "Australia/Lord_Howe": { "37800": "+1030", "39600": "+11" },
  "Australia/Melbourne": { "36000": "AEST", "39600": "AEDT" },
  "Australia/Perth": { "28800": "AWST" },
  "Australia/Sydney": { "36000": "AEST", "39600": "AEDT" },
  "Etc/GMT": { "0": "GMT" },
  "Etc/UTC": { "0": "UTC" },
  "Europe/Amsterdam": { "3600": "CET", "7200": "CEST" },
  "Europe/Andorra": { "3600": "CET", "7200": "CEST" },
  "Europe/Astrakhan": { "14400": "+04" },
  "Europe/Athens": { "7200": "EET", "10800": "EEST" },
  "Europe/Belgrade": { "3600": "CET", "7200": "CEST" },
  "Europe/Berlin": { "3600": "CET", "7200": "CEST" },
  "Europe/Bratislava": { "3600": "CET", "7200": "CEST" },
  "Europe/Brussels": { "3600": "CET", "7200": "CEST" },
  "Europe/Bucharest": { "7200": "EET", "10800": "EEST" },
  "Europe/Budapest": { "3600": "CET", "7200": "CEST" },
  "Europe/Busingen": { "3600": "CET", "7200": "CEST" },
  "Europe/Chisinau": { "7200": "EET", "10800": "EEST" },
  "Europe/Copenhagen": { "3600": "CET", "7200": "CEST" },
  "Europe/Dublin": { "0": "GMT", "3600": "IST" },
  "Europe/Gibraltar": { "3600": "CET", "7200": "CEST" },
  "Europe/Guernsey": { "0": "GMT", "3600": "BST" },
  "Europe/Helsinki": { "7200": "EET", "10800": "EEST" },
  "Europe/Isle_of_Man": { "0": "GMT", "3600": "BST" },
  "Europe/Istanbul": { "10800": "+03" },
  "Europe/Jersey": { "0": "GMT", "3600": "BST" },
  "Europe/Kaliningrad": { "7200": "EET" },
  "Europe/Kiev": { "7200": "EET", "10800": "EEST" },
  "Europe/Kirov": { "10800": "MSK" },
  "Europe/Lisbon": { "0": "WET", "3600": "WEST" },
  "Europe/Ljubljana": { "3600": "CET", "7200": "CEST" },
  "Europe/London": { "0": "GMT", "3600": "BST" },
  "Europe/Luxembourg": { "3600": "CET", "7200": "CEST" },
  "Europe/Madrid": { "3600": "CET", "7200": "CEST" },
  "Europe/Malta": { "3600": "CET", "7200": "CEST" },
  "Europe/Mariehamn": { "7200": "EET", "10800": "EEST" },
  "Europe/Minsk": { "10800": "+03" },
  "Europe/Monaco": { "3600": "CET", "7200": "CEST" },
  "Europe/Moscow": { "10800": "MSK" },
  "Europe/Oslo": { "3600": "CET", "7200": "CEST" },
  "Europe/Paris": { "3600": "CET", "7200": "CEST" },
  "Europe/Podgorica": { "3600": "CET", "7200": "CEST" },
  "Europe/Prague": { "3600": "CET", "7200": "CEST" },
  "Europe/Riga": { "7200": "EET", "10800": "EEST" },
  "Europe/Rome": { "3600": "CET", "7200": "CEST" },
  "Europe/Samara": { "14400": "+04" },
  "Europe/San_Marino": { "3600": "CET", "7200": "CEST" },
  "Europe/Sarajevo": { "3600": "CET", "7200": "CEST" },
  "Europe/Saratov": { "14400": "+04" },
  "Europe/Simferopol": { "10800": "MSK" },
  "Europe/Skopje": { "3600": "CET", "7200": "CEST" },
  "Europe/Sofia": { "7200": "EET", "10800": "EEST" },
  "Europe/Stockholm": { "3600": "CET", "7200": "CEST" },
  "Europe/Tallinn": { "7200": "EET", "10800": "EEST" },
  "Europe/Tirane": { "3600": "CET", "7200": "CEST" },
  "Europe/Ulyanovsk": { "14400": "+04" },
  "Europe/Vaduz": { "3600": "CET", "7200": "CEST" },
  "Europe/Vatican": { "3600": "CET", "7200": "CEST" },
  "Europe/Vienna": { "3600": "CET", "7200": "CEST" },
  "Europe/Vilnius": { "7200": "EET", "10800": "EEST" },
  "Europe/Volgograd": { "14400": "+04" },
  "Europe/Warsaw": { "3600": "CET", "7200": "CEST" },
  "Europe/Zagreb": { "3600": "CET", "7200": "CEST" },
  "Europe/Zurich": { "3600": "CET", "7200": "CEST" },
  "GMT": { "0": "GMT" },
  "Indian/Antananarivo": { "10800": "EAT" },
  "Indian/Chagos": { "21600": "+06" },
  "Indian/Christmas": { "25200": "+07" },
  "Indian/Cocos": { "23400": "+0630" },
  "Indian/Comoro": { "10800": "EAT" },
  "Indian/Kerguelen": { "18000": "+05" },
  "Indian/Mahe": { "14400": "+04" },
  "Indian/Maldives": { "18000": "+05" },
  "Indian/Mauritius": { "14400": "+04" },
  "Indian/Mayotte": { "10800": "EAT" },
  "Indian/Reunion": { "14400": "+04" },
  "Pacific/Apia": { "46800": "+13", "50400": "+14" },
  "Pacific/Auckland": { "43200": "NZST", "46800": "NZDT" },
  "Pacific/Bougainville": { "39600": "+11" },
  "Pacific/Chatham": { "45900": "+1245", "49500": "+1345" },
  "Pacific/Easter": { "-18000": "-05", "-21600": "-06" },
  "Pacific/Efate": { "39600": "+11" },
  "Pacific/Enderbury": { "46800": "+13" },
  "Pacific/Fakaofo": { "46800": "+13" },
  "Pacific/Fiji": { "43200": "+12" },
  "Pacific/Funafuti": { "43200": "+12" },
  "Pacific/Galapagos": { "-21600": "-06" },
  "Pacific/Gambier": { "-32400": "-09" },
  "Pacific/Guadalcanal": { "39600": "+11" },
  "Pacific/Guam": { "36000": "ChST" },
  "Pacific/Honolulu": { "-36000": "HST" },
  "Pacific/Kiritimati": { "50400": "+14" },
  "Pacific/Kosrae": { "39600": "+11" },
  "Pacific/Kwajalein": { "43200": "+12" },
  "Pacific/Majuro": { "43200": "+12" },
  "Pacific/Marquesas": { "-34200": "-0930" },
  "Pacific/Midway": { "-39600": "SST" },
  "Pacific/Nauru": { "43200": "+12" },
  "Pacific/Niue": { "-39600": "-11" },
  "Pacific/Norfolk": { "39600": "+11", "43200": "+12" },
  "Pacific/Noumea": { "39600": "+11" },
  "Pacific/Pago_Pago": { "-39600": "SST" },
  "Pacific/Palau": { "32400": "+09" },
  "Pacific/Pitcairn": { "-28800": "-08" },
  "Pacific/Ponape": { "39600": "+11" },
  "Pacific/Port_Moresby": { "36000": "+10" },
  "Pacific/Rarotonga": { "-36000": "-10" },
  "Pacific/Saipan": { "36000": "ChST" },
  "Pacific/Tahiti": { "-36000": "-10" },
  "Pacific/Tarawa": { "43200": "+12" },
  "Pacific/Tongatapu": { "46800": "+13" },
  "Pacific/Truk": { "36000": "+10" },
  "Pacific/Wake": { "43200": "+12" },
  "Pacific/Wallis": { "43200": "+12" },
  "UTC": { "0": "UTC" }
};

// src/template/sprig/time.ts
var UTC = { name: "UTC", fixed: { abbr: "UTC", offset: 0 } };
var daysFromCivil = (y, m, d) => {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};
var civilFromDays = (z) => {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
};
var isLeap = (y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
var daysIn = (m, y) => m === 2 ? isLeap(y) ? 29 : 28 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
function loadLocation(name2, local) {
  if (name2 === "" || name2 === "UTC") return UTC;
  if (name2 === "Local") return local;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name2 }).resolvedOptions().timeZone;
    if (resolved !== name2 && resolved.toLowerCase() === name2.toLowerCase()) return null;
    if (resolved === "UTC" || resolved === "Etc/UTC") {
      return { name: name2, fixed: { abbr: zoneAbbreviations[name2]?.["0"] ?? "UTC", offset: 0 } };
    }
    return { name: name2 };
  } catch {
    return null;
  }
}
var fmtCache = /* @__PURE__ */ new Map();
function zoneInfo(loc, unixSec) {
  if (loc.fixed) return loc.fixed;
  let f = fmtCache.get(loc.name);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: loc.name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short"
    });
    fmtCache.set(loc.name, f);
  }
  const ms = unixSec * 1e3;
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  let year = Number(parts.year);
  if (parts.era === "BC" || parts.era === "B") year = 1 - year;
  const local = daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 + Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  const offset = local - unixSec;
  return { abbr: zoneAbbr(loc.name, ms, offset), offset };
}
function icuAbbr(name2, ms) {
  for (const locale of ["en-US", "en-GB", "en-IN", "en-AU", "ja-JP"]) {
    const p = new Intl.DateTimeFormat(locale, { timeZone: name2, timeZoneName: "short" }).formatToParts(new Date(ms)).find((x) => x.type === "timeZoneName")?.value;
    if (p && /^[A-Z]{2,5}$/.test(p) && p !== "GMT") return p;
  }
  return null;
}
var modernAbbr = /* @__PURE__ */ new Map();
function abbrForOffset(name2, offset) {
  let m = modernAbbr.get(name2);
  if (!m) {
    m = /* @__PURE__ */ new Map();
    for (const ms of [Date.UTC(2020, 0, 15), Date.UTC(2020, 6, 15)]) {
      const a = icuAbbr(name2, ms);
      if (a) m.set(zoneInfo({ name: name2 }, ms / 1e3).offset, a);
    }
    modernAbbr.set(name2, m);
  }
  return m.get(offset) ?? null;
}
function zoneAbbr(name2, ms, offset) {
  const go = zoneAbbreviations[name2]?.[String(offset)];
  if (go !== void 0) return go;
  const known = icuAbbr(name2, ms) ?? (ms < Date.UTC(2020, 0, 1) ? abbrForOffset(name2, offset) : null);
  if (known) return known;
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const m = Math.floor(a % 3600 / 60);
  return sign + h + (m ? String(m).padStart(2, "0") : "");
}
var longDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
var longMonths = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
];
var GoNamedInt = class extends GoObject {
  constructor(n3) {
    super();
    this.n = n3;
  }
  n;
  goKind = "int";
  /** The integer value of this named integer type (for casts, eq, %d). */
  intValue() {
    return BigInt(this.n);
  }
  jsonValue() {
    return goInt(this.n);
  }
  yamlValue() {
    return goInt(this.n);
  }
};
var GoMonth = class extends GoNamedInt {
  goType = "time.Month";
  goString() {
    return longMonths[this.n - 1] ?? `%!Month(${this.n})`;
  }
};
var GoWeekday = class extends GoNamedInt {
  goType = "time.Weekday";
  goString() {
    return longDays[this.n] ?? `%!Weekday(${this.n})`;
  }
};
var GoDuration = class extends GoObject {
  constructor(ns) {
    super();
    this.ns = ns;
  }
  ns;
  goType = "time.Duration";
  goKind = "int64";
  intValue() {
    return this.ns;
  }
  jsonValue() {
    return goInt(this.ns, "int64");
  }
  yamlValue() {
    return goInt(this.ns, "int64");
  }
  goString() {
    return durationString(this.ns);
  }
  method(name2) {
    const d = this.ns;
    const float = (unit) => Number(d / unit) + Number(d % unit) / Number(unit);
    switch (name2) {
      case "String":
        return goFunc("String", "func() string", () => durationString(d));
      case "Hours":
        return goFunc("Hours", "func() float64", () => float(3600000000000n));
      case "Minutes":
        return goFunc("Minutes", "func() float64", () => float(60000000000n));
      case "Seconds":
        return goFunc("Seconds", "func() float64", () => float(1000000000n));
      case "Milliseconds":
        return goFunc("Milliseconds", "func() int64", () => d / 1000000n);
      case "Microseconds":
        return goFunc("Microseconds", "func() int64", () => d / 1000n);
      case "Nanoseconds":
        return goFunc("Nanoseconds", "func() int64", () => d);
    }
    return void 0;
  }
};
function durationString(d) {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  let u2 = neg ? -d : d;
  let out;
  const frac = (v, prec) => {
    let s = "";
    let print = false;
    for (let i = 0; i < prec; i++) {
      const digit = v % 10n;
      print = print || digit !== 0n;
      if (print) s = digit.toString() + s;
      v /= 10n;
    }
    return [print ? "." + s : "", v];
  };
  if (u2 < 1000000000n) {
    let prec;
    let unit;
    if (u2 < 1000n) return (neg ? "-" : "") + u2.toString() + "ns";
    if (u2 < 1000000n) {
      prec = 3;
      unit = "\xB5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [f, w] = frac(u2, prec);
    out = w.toString() + f + unit;
  } else {
    const [f, w] = frac(u2, 9);
    u2 = w;
    out = (u2 % 60n).toString() + f + "s";
    u2 /= 60n;
    if (u2 > 0n) {
      out = (u2 % 60n).toString() + "m" + out;
      u2 /= 60n;
      if (u2 > 0n) out = u2.toString() + "h" + out;
    }
  }
  return (neg ? "-" : "") + out;
}
function parseDuration(s0) {
  const q = goQuoteTime(s0);
  let s = s0;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw new FuncError(`time: invalid duration ${q}`);
  const units = {
    ns: 1n,
    us: 1000n,
    \u00B5s: 1000n,
    \u03BCs: 1000n,
    ms: 1000000n,
    s: 1000000000n,
    m: 60000000000n,
    h: 3600000000000n
  };
  let total = 0n;
  while (s !== "") {
    const m = /^(\d*)(\.(\d*))?/.exec(s);
    const ip = m[1] ?? "";
    const fp = m[3] ?? "";
    if (ip === "" && fp === "") throw new FuncError(`time: invalid duration ${q}`);
    s = s.slice(m[0].length);
    const um = /^[^0-9.]*/.exec(s);
    const u2 = um[0];
    if (u2 === "") throw new FuncError(`time: missing unit in duration ${q}`);
    const mult = units[u2];
    if (mult === void 0)
      throw new FuncError(`time: unknown unit ${goQuoteTime(u2)} in duration ${q}`);
    s = s.slice(u2.length);
    let v = BigInt(ip || "0") * mult;
    if (fp !== "") v += BigInt(fp) * mult / 10n ** BigInt(fp.length);
    total += v;
    if (total > (1n << 63n) - 1n) throw new FuncError(`time: invalid duration ${q}`);
  }
  return neg ? -total : total;
}
var GoTime = class _GoTime extends GoObject {
  constructor(sec, nsec, loc) {
    super();
    this.sec = sec;
    this.nsec = nsec;
    this.loc = loc;
  }
  sec;
  nsec;
  loc;
  goType = "time.Time";
  goKind = "struct";
  static fromUnixNano(ns, loc) {
    let s = ns / 1000000000n;
    let n3 = ns % 1000000000n;
    if (n3 < 0n) {
      n3 += 1000000000n;
      s -= 1n;
    }
    return new _GoTime(s, Number(n3), loc);
  }
  /** The zero time: January 1, year 1, 00:00:00 UTC. */
  static zero() {
    return new _GoTime(-62135596800n, 0, UTC);
  }
  isZero() {
    return this.sec === -62135596800n && this.nsec === 0;
  }
  unixNano() {
    return this.sec * 1000000000n + BigInt(this.nsec);
  }
  zone() {
    return zoneInfo(this.loc, Number(this.sec));
  }
  /** Wall-clock fields in the time's location. */
  fields() {
    const z = this.zone();
    const local = Number(this.sec) + z.offset;
    const days = Math.floor(local / 86400);
    const rem = local - days * 86400;
    const [year, month, day] = civilFromDays(days);
    const wday = ((days + 4) % 7 + 7) % 7;
    const yday = days - daysFromCivil(year, 1, 1) + 1;
    return {
      year,
      month,
      day,
      hour: Math.floor(rem / 3600),
      min: Math.floor(rem % 3600 / 60),
      sec: rem % 60,
      wday,
      yday,
      abbr: z.abbr,
      offset: z.offset
    };
  }
  in(loc) {
    return new _GoTime(this.sec, this.nsec, loc);
  }
  add(d) {
    return _GoTime.fromUnixNano(this.unixNano() + d, this.loc);
  }
  format(layout) {
    return formatTime(this, layout);
  }
  goString() {
    return this.format("2006-01-02 15:04:05.999999999 -0700 MST");
  }
  /** JSON (MarshalJSON): RFC 3339 with nanoseconds. */
  jsonValue() {
    return this.format("2006-01-02T15:04:05.999999999Z07:00");
  }
  /** yaml.v2 writes a time.Time as a plain RFC 3339 scalar, never quoted. */
  yamlPlainScalar() {
    return this.format("2006-01-02T15:04:05.999999999Z07:00");
  }
  goEqual(o) {
    return o instanceof _GoTime && o.sec === this.sec && o.nsec === this.nsec && o.loc.name === this.loc.name;
  }
  method(name2) {
    return timeMethods(this)[name2];
  }
};
function timeMethods(t) {
  const f = () => t.fields();
  return {
    Format: goFunc("Format", "func(layout string) string", (_c, l) => t.format(l)),
    String: goFunc("String", "func() string", () => t.goString()),
    Unix: goFunc("Unix", "func() int64", () => t.sec),
    UnixNano: goFunc("UnixNano", "func() int64", () => BigInt.asIntN(64, t.unixNano())),
    UnixMilli: goFunc("UnixMilli", "func() int64", () => t.unixNano() / 1000000n),
    UnixMicro: goFunc("UnixMicro", "func() int64", () => t.unixNano() / 1000n),
    Year: goFunc("Year", "func() int", () => f().year),
    Month: goFunc("Month", "func() time.Month", () => new GoMonth(f().month)),
    Day: goFunc("Day", "func() int", () => f().day),
    Hour: goFunc("Hour", "func() int", () => f().hour),
    Minute: goFunc("Minute", "func() int", () => f().min),
    Second: goFunc("Second", "func() int", () => f().sec),
    Nanosecond: goFunc("Nanosecond", "func() int", () => t.nsec),
    YearDay: goFunc("YearDay", "func() int", () => f().yday),
    Weekday: goFunc("Weekday", "func() time.Weekday", () => new GoWeekday(f().wday)),
    IsZero: goFunc("IsZero", "func() bool", () => t.isZero()),
    UTC: goFunc("UTC", "func() time.Time", () => t.in(UTC)),
    Local: goFunc("Local", "func() time.Time", () => t.in(UTC)),
    Add: goFunc(
      "Add",
      "func(d time.Duration) time.Time",
      (_c, d) => t.add(durationArg(d))
    ),
    AddDate: goFunc(
      "AddDate",
      "func(years int, months int, days int) time.Time",
      (_c, y, m, d) => {
        const x = t.fields();
        const days = daysFromCivil(x.year + Number(y), 1, 1) + 0;
        void days;
        return dateOf(
          x.year + Number(y),
          x.month + Number(m),
          x.day + Number(d),
          x.hour,
          x.min,
          x.sec,
          t.nsec,
          t.loc
        );
      }
    ),
    Sub: goFunc(
      "Sub",
      "func(u time.Time) time.Duration",
      (_c, u2) => new GoDuration(t.unixNano() - u2.unixNano())
    ),
    Before: goFunc(
      "Before",
      "func(u time.Time) bool",
      (_c, u2) => t.unixNano() < u2.unixNano()
    ),
    After: goFunc(
      "After",
      "func(u time.Time) bool",
      (_c, u2) => t.unixNano() > u2.unixNano()
    ),
    Equal: goFunc(
      "Equal",
      "func(u time.Time) bool",
      (_c, u2) => t.unixNano() === u2.unixNano()
    )
  };
}
function durationArg(d) {
  if (d instanceof GoDuration) return d.ns;
  if (d instanceof GoInt) return d.value;
  return 0n;
}
function dateOf(year, month, day, hour, min, sec, nsec, loc) {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (m0 % 12 + 12) % 12;
  const days = daysFromCivil(y, m + 1, 1) + day - 1;
  const wall = BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  let utc = wall - BigInt(zoneInfo(loc, Number(wall)).offset);
  utc = wall - BigInt(zoneInfo(loc, Number(utc)).offset);
  return GoTime.fromUnixNano(utc * 1000000000n + BigInt(nsec), loc);
}
var isLowerAt = (s, i) => i < s.length && s[i] !== void 0 && s[i] >= "a" && s[i] <= "z";
var isDigitAt = (s, i) => i < s.length && s[i] >= "0" && s[i] <= "9";
function nextStdChunk(layout) {
  const ret = (i, std, len, digits = 0, sep = ".") => ({
    prefix: layout.slice(0, i),
    std,
    digits,
    sep,
    suffix: layout.slice(i + len)
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s) => layout.startsWith(s, i);
    switch (c) {
      case "J":
        if (at("Jan")) {
          if (at("January")) return ret(i, 1 /* longMonth */, 7);
          if (!isLowerAt(layout, i + 3)) return ret(i, 2 /* month */, 3);
        }
        break;
      case "M":
        if (at("Mon")) {
          if (at("Monday")) return ret(i, 5 /* longWeekDay */, 6);
          if (!isLowerAt(layout, i + 3)) return ret(i, 6 /* weekDay */, 3);
        }
        if (at("MST")) return ret(i, 23 /* tz */, 3);
        break;
      case "0": {
        const n3 = layout[i + 1];
        if (n3 !== void 0 && n3 >= "1" && n3 <= "6") {
          return ret(
            i,
            [4 /* zeroMonth */, 9 /* zeroDay */, 14 /* zeroHour12 */, 16 /* zeroMinute */, 18 /* zeroSecond */, 20 /* year */][Number(n3) - 1],
            2
          );
        }
        if (at("002")) return ret(i, 11 /* zeroYearDay */, 3);
        break;
      }
      case "1":
        if (at("15")) return ret(i, 12 /* hour */, 2);
        return ret(i, 3 /* numMonth */, 1);
      case "2":
        if (at("2006")) return ret(i, 19 /* longYear */, 4);
        return ret(i, 7 /* day */, 1);
      case "_":
        if (layout[i + 1] === "2") {
          if (layout.startsWith("2006", i + 1))
            return {
              prefix: layout.slice(0, i + 1),
              std: 19 /* longYear */,
              digits: 0,
              sep: ".",
              suffix: layout.slice(i + 5)
            };
          return ret(i, 8 /* underDay */, 2);
        }
        if (at("__2")) return ret(i, 10 /* underYearDay */, 3);
        break;
      case "3":
        return ret(i, 13 /* hour12 */, 1);
      case "4":
        return ret(i, 15 /* minute */, 1);
      case "5":
        return ret(i, 17 /* second */, 1);
      case "P":
        if (at("PM")) return ret(i, 22 /* PM */, 2);
        break;
      case "p":
        if (at("pm")) return ret(i, 21 /* pm */, 2);
        break;
      case "-":
        if (at("-070000")) return ret(i, 30 /* numSecondsTz */, 7);
        if (at("-07:00:00")) return ret(i, 33 /* numColonSecondsTZ */, 9);
        if (at("-0700")) return ret(i, 29 /* numTZ */, 5);
        if (at("-07:00")) return ret(i, 32 /* numColonTZ */, 6);
        if (at("-07")) return ret(i, 31 /* numShortTZ */, 3);
        break;
      case "Z":
        if (at("Z070000")) return ret(i, 25 /* iso8601SecondsTZ */, 7);
        if (at("Z07:00:00")) return ret(i, 28 /* iso8601ColonSecondsTZ */, 9);
        if (at("Z0700")) return ret(i, 24 /* iso8601TZ */, 5);
        if (at("Z07:00")) return ret(i, 27 /* iso8601ColonTZ */, 6);
        if (at("Z07")) return ret(i, 26 /* iso8601ShortTZ */, 3);
        break;
      case ".":
      case ",": {
        const ch = layout[i + 1];
        if (ch === "0" || ch === "9") {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return ret(i, ch === "0" ? 34 /* fracSecond0 */ : 35 /* fracSecond9 */, j - i, j - (i + 1), c);
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: 0 /* none */, digits: 0, sep: ".", suffix: "" };
}
var pad = (n3, w) => {
  const s = String(Math.abs(n3)).padStart(w, "0");
  return n3 < 0 ? "-" + s : s;
};
function formatTime(t, layout) {
  const f = t.fields();
  let out = "";
  let rest = layout;
  while (rest !== "") {
    const ch = nextStdChunk(rest);
    out += ch.prefix;
    if (ch.std === 0 /* none */) break;
    rest = ch.suffix;
    switch (ch.std) {
      case 20 /* year */: {
        let y = f.year % 100;
        if (y < 0) y = -y;
        out += pad(y, 2);
        break;
      }
      case 19 /* longYear */:
        out += pad(f.year, 4);
        break;
      case 2 /* month */:
        out += longMonths[f.month - 1]?.slice(0, 3);
        break;
      case 1 /* longMonth */:
        out += longMonths[f.month - 1];
        break;
      case 3 /* numMonth */:
        out += f.month;
        break;
      case 4 /* zeroMonth */:
        out += pad(f.month, 2);
        break;
      case 6 /* weekDay */:
        out += longDays[f.wday]?.slice(0, 3);
        break;
      case 5 /* longWeekDay */:
        out += longDays[f.wday];
        break;
      case 7 /* day */:
        out += f.day;
        break;
      case 8 /* underDay */:
        out += (f.day < 10 ? " " : "") + f.day;
        break;
      case 9 /* zeroDay */:
        out += pad(f.day, 2);
        break;
      case 10 /* underYearDay */:
        out += String(f.yday).padStart(3, " ");
        break;
      case 11 /* zeroYearDay */:
        out += pad(f.yday, 3);
        break;
      case 12 /* hour */:
        out += pad(f.hour, 2);
        break;
      case 13 /* hour12 */:
        out += f.hour % 12 === 0 ? 12 : f.hour % 12;
        break;
      case 14 /* zeroHour12 */:
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case 15 /* minute */:
        out += f.min;
        break;
      case 16 /* zeroMinute */:
        out += pad(f.min, 2);
        break;
      case 17 /* second */:
        out += f.sec;
        break;
      case 18 /* zeroSecond */:
        out += pad(f.sec, 2);
        break;
      case 22 /* PM */:
        out += f.hour >= 12 ? "PM" : "AM";
        break;
      case 21 /* pm */:
        out += f.hour >= 12 ? "pm" : "am";
        break;
      case 24 /* iso8601TZ */:
      case 27 /* iso8601ColonTZ */:
      case 25 /* iso8601SecondsTZ */:
      case 26 /* iso8601ShortTZ */:
      case 28 /* iso8601ColonSecondsTZ */:
      case 29 /* numTZ */:
      case 32 /* numColonTZ */:
      case 30 /* numSecondsTz */:
      case 31 /* numShortTZ */:
      case 33 /* numColonSecondsTZ */: {
        const iso = ch.std >= 24 /* iso8601TZ */ && ch.std <= 28 /* iso8601ColonSecondsTZ */;
        if (f.offset === 0 && iso) {
          out += "Z";
          break;
        }
        let zone = Math.floor(f.offset / 60);
        let absoff = f.offset;
        if (zone < 0) {
          out += "-";
          zone = -zone;
          absoff = -absoff;
        } else out += "+";
        out += pad(Math.floor(zone / 60), 2);
        if (ch.std === 27 /* iso8601ColonTZ */ || ch.std === 32 /* numColonTZ */ || ch.std === 28 /* iso8601ColonSecondsTZ */ || ch.std === 33 /* numColonSecondsTZ */)
          out += ":";
        if (ch.std !== 31 /* numShortTZ */ && ch.std !== 26 /* iso8601ShortTZ */) out += pad(zone % 60, 2);
        if (ch.std === 25 /* iso8601SecondsTZ */ || ch.std === 30 /* numSecondsTz */ || ch.std === 33 /* numColonSecondsTZ */ || ch.std === 28 /* iso8601ColonSecondsTZ */) {
          if (ch.std === 33 /* numColonSecondsTZ */ || ch.std === 28 /* iso8601ColonSecondsTZ */) out += ":";
          out += pad(absoff % 60, 2);
        }
        break;
      }
      case 23 /* tz */:
        if (f.abbr !== "") {
          out += f.abbr;
          break;
        }
        {
          let zone = Math.floor(f.offset / 60);
          if (zone < 0) {
            out += "-";
            zone = -zone;
          } else out += "+";
          out += pad(Math.floor(zone / 60), 2) + pad(zone % 60, 2);
        }
        break;
      case 34 /* fracSecond0 */:
      case 35 /* fracSecond9 */: {
        const digits = String(t.nsec).padStart(9, "0").slice(0, Math.min(ch.digits, 9));
        if (ch.std === 34 /* fracSecond0 */) out += ch.sep + digits;
        else {
          const trimmed = digits.replace(/0+$/, "");
          if (trimmed !== "") out += ch.sep + trimmed;
        }
        break;
      }
    }
  }
  return out;
}
function goQuoteTime(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c >= 128 || c < 32) {
      for (const b of utf8Bytes(ch)) out += "\\x" + b.toString(16).padStart(2, "0");
    } else out += (c === 34 || c === 92 ? "\\" : "") + ch;
  }
  return out + '"';
}
function getnum(s, fixed) {
  if (!isDigitAt(s, 0)) return [0, s, false];
  if (!isDigitAt(s, 1)) {
    if (fixed) return [0, s, false];
    return [Number(s[0]), s.slice(1), true];
  }
  return [Number(s.slice(0, 2)), s.slice(2), true];
}
function getnum3(s, fixed) {
  let n3 = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n3 = n3 * 10 + Number(s[i]);
  if (i === 0 || fixed && i !== 3) return [0, s, false];
  return [n3, s.slice(i), true];
}
function lookup(tab, val) {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i];
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase())
      return [i, val.slice(v.length), true];
  }
  return [-1, val, false];
}
function skip(value, prefix) {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") return [value, false];
      prefix = prefix.replace(/^ +/, "");
      value = value.replace(/^ +/, "");
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return [value, false];
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return [value, true];
}
function tatoi(s) {
  const m = /^([+-]?)(\d*)$/.exec(s);
  if (!m) return null;
  const v = Number(m[2] || "0");
  return m[1] === "-" ? -v : v;
}
function parseNanos(value, n3) {
  if (value[0] !== "." && value[0] !== ",") return [0, "", false];
  if (n3 > 10) {
    value = value.slice(0, 10);
    n3 = 10;
  }
  const ns = tatoi(value.slice(1, n3));
  if (ns === null) return [0, "", false];
  if (ns < 0) return [0, "fractional second", true];
  return [ns * 10 ** (10 - n3), "", true];
}
function parseSignedOffset(value) {
  if (value[0] !== "-" && value[0] !== "+") return 0;
  const m = /^\d+/.exec(value.slice(1));
  if (!m || Number(m[0]) > 12) return 0;
  return 1 + m[0].length;
}
function parseTimeZone(value) {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT"))
    return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n3 = 0;
  while (n3 < 6 && n3 < value.length && value[n3] >= "A" && value[n3] <= "Z")
    n3++;
  switch (n3) {
    case 5:
      return value[4] === "T" ? 5 : 0;
    case 4:
      return value[3] === "T" || value.startsWith("WITA") ? 4 : 0;
    case 3:
      return 3;
  }
  return 0;
}
function parseTime(layout0, value0, local) {
  let layout = layout0;
  let value = value0;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z = null;
  let zoneOffset = -1;
  let zoneName = "";
  let amSet = false;
  let pmSet = false;
  const perr = (layoutElem, valueElem, msg) => new FuncError(
    msg === "" ? `parsing time ${goQuoteTime(value0)} as ${goQuoteTime(layout0)}: cannot parse ${goQuoteTime(valueElem)} as ${goQuoteTime(layoutElem)}` : `parsing time ${goQuoteTime(value0)}${msg}`
  );
  for (; ; ) {
    const ch = nextStdChunk(layout);
    const stdstr = layout.slice(ch.prefix.length, layout.length - ch.suffix.length);
    let ok;
    [value, ok] = skip(value, ch.prefix);
    if (!ok) throw perr(ch.prefix, value, "");
    if (ch.std === 0 /* none */) {
      if (value.length !== 0) throw perr("", value, `: extra text: ${goQuoteTime(value)}`);
      break;
    }
    layout = ch.suffix;
    let range = "";
    ok = true;
    switch (ch.std) {
      case 20 /* year */: {
        if (value.length < 2) {
          ok = false;
          break;
        }
        const y = tatoi(value.slice(0, 2));
        if (y === null) {
          ok = false;
          break;
        }
        value = value.slice(2);
        year = y >= 69 ? y + 1900 : y + 2e3;
        break;
      }
      case 19 /* longYear */: {
        if (value.length < 4 || !isDigitAt(value, 0)) {
          ok = false;
          break;
        }
        const y = tatoi(value.slice(0, 4));
        value = value.slice(4);
        if (y === null) ok = false;
        else year = y;
        break;
      }
      case 2 /* month */:
        [month, value, ok] = lookup(
          longMonths.map((m) => m.slice(0, 3)),
          value
        );
        month++;
        break;
      case 1 /* longMonth */:
        [month, value, ok] = lookup(longMonths, value);
        month++;
        break;
      case 3 /* numMonth */:
      case 4 /* zeroMonth */:
        [month, value, ok] = getnum(value, ch.std === 4 /* zeroMonth */);
        if (ok && (month <= 0 || month > 12)) range = "month";
        break;
      case 6 /* weekDay */:
        [, value, ok] = lookup(
          longDays.map((d) => d.slice(0, 3)),
          value
        );
        break;
      case 5 /* longWeekDay */:
        [, value, ok] = lookup(longDays, value);
        break;
      case 7 /* day */:
      case 8 /* underDay */:
      case 9 /* zeroDay */:
        if (ch.std === 8 /* underDay */ && value[0] === " ") value = value.slice(1);
        [day, value, ok] = getnum(value, ch.std === 9 /* zeroDay */);
        break;
      case 10 /* underYearDay */:
      case 11 /* zeroYearDay */:
        for (let k = 0; k < 2; k++)
          if (ch.std === 10 /* underYearDay */ && value[0] === " ") value = value.slice(1);
        [yday, value, ok] = getnum3(value, ch.std === 11 /* zeroYearDay */);
        break;
      case 12 /* hour */:
        [hour, value, ok] = getnum(value, false);
        if (hour < 0 || hour >= 24) range = "hour";
        break;
      case 13 /* hour12 */:
      case 14 /* zeroHour12 */:
        [hour, value, ok] = getnum(value, ch.std === 14 /* zeroHour12 */);
        if (hour < 0 || hour > 12) range = "hour";
        break;
      case 15 /* minute */:
      case 16 /* zeroMinute */:
        [min, value, ok] = getnum(value, ch.std === 16 /* zeroMinute */);
        if (min < 0 || min >= 60) range = "minute";
        break;
      case 17 /* second */:
      case 18 /* zeroSecond */: {
        [sec, value, ok] = getnum(value, ch.std === 18 /* zeroSecond */);
        if (sec < 0 || sec >= 60) {
          range = "second";
          break;
        }
        if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
          const nx = nextStdChunk(layout).std;
          if (nx === 34 /* fracSecond0 */ || nx === 35 /* fracSecond9 */) break;
          let n3 = 2;
          while (n3 < value.length && isDigitAt(value, n3)) n3++;
          [nsec, range, ok] = parseNanos(value, n3);
          value = value.slice(n3);
        }
        break;
      }
      case 22 /* PM */:
      case 21 /* pm */: {
        if (value.length < 2) {
          ok = false;
          break;
        }
        const p = value.slice(0, 2);
        value = value.slice(2);
        const [PM, AM] = ch.std === 22 /* PM */ ? ["PM", "AM"] : ["pm", "am"];
        if (p === PM) pmSet = true;
        else if (p === AM) amSet = true;
        else ok = false;
        break;
      }
      case 24 /* iso8601TZ */:
      case 27 /* iso8601ColonTZ */:
      case 25 /* iso8601SecondsTZ */:
      case 26 /* iso8601ShortTZ */:
      case 28 /* iso8601ColonSecondsTZ */:
      case 29 /* numTZ */:
      case 31 /* numShortTZ */:
      case 32 /* numColonTZ */:
      case 30 /* numSecondsTz */:
      case 33 /* numColonSecondsTZ */: {
        if ((ch.std === 24 /* iso8601TZ */ || ch.std === 26 /* iso8601ShortTZ */ || ch.std === 27 /* iso8601ColonTZ */) && value[0] === "Z") {
          value = value.slice(1);
          z = UTC;
          break;
        }
        let sign;
        let hh;
        let mm;
        let ss = "00";
        if (ch.std === 27 /* iso8601ColonTZ */ || ch.std === 32 /* numColonTZ */) {
          if (value.length < 6 || value[3] !== ":") {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6)];
          value = value.slice(6);
        } else if (ch.std === 31 /* numShortTZ */ || ch.std === 26 /* iso8601ShortTZ */) {
          if (value.length < 3) {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), "00"];
          value = value.slice(3);
        } else if (ch.std === 28 /* iso8601ColonSecondsTZ */ || ch.std === 33 /* numColonSecondsTZ */) {
          if (value.length < 9 || value[3] !== ":" || value[6] !== ":") {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(4, 6),
            value.slice(7, 9)
          ];
          value = value.slice(9);
        } else if (ch.std === 25 /* iso8601SecondsTZ */ || ch.std === 30 /* numSecondsTz */) {
          if (value.length < 7) {
            ok = false;
            break;
          }
          [sign, hh, mm, ss] = [
            value.slice(0, 1),
            value.slice(1, 3),
            value.slice(3, 5),
            value.slice(5, 7)
          ];
          value = value.slice(7);
        } else {
          if (value.length < 5) {
            ok = false;
            break;
          }
          [sign, hh, mm] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5)];
          value = value.slice(5);
        }
        const h = tatoi(hh);
        const m = h === null ? null : tatoi(mm);
        const sx = m === null ? null : tatoi(ss);
        if (h === null || m === null || sx === null) {
          ok = false;
          break;
        }
        zoneOffset = (h * 60 + m) * 60 + sx;
        if (sign === "-") zoneOffset = -zoneOffset;
        else if (sign !== "+") ok = false;
        break;
      }
      case 23 /* tz */: {
        if (value.startsWith("UTC")) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n3 = parseTimeZone(value);
        if (n3 === 0) {
          ok = false;
          break;
        }
        zoneName = value.slice(0, n3);
        value = value.slice(n3);
        break;
      }
      case 34 /* fracSecond0 */: {
        const nd = 1 + ch.digits;
        if (value.length < nd) {
          ok = false;
          break;
        }
        [nsec, range, ok] = parseNanos(value, nd);
        value = value.slice(nd);
        break;
      }
      case 35 /* fracSecond9 */: {
        if (value.length < 2 || value[0] !== "." && value[0] !== "," || !isDigitAt(value, 1))
          break;
        let k = 0;
        while (k < 9 && k + 1 < value.length && isDigitAt(value, k + 1)) k++;
        [nsec, range, ok] = parseNanos(value, 1 + k);
        value = value.slice(1 + k);
        break;
      }
    }
    if (range !== "") throw perr(stdstr, value, `: ${range} out of range`);
    if (!ok) throw perr(stdstr, value, "");
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 60) {
        m = 2;
        d = 29;
      } else if (yday > 60) yday--;
    }
    if (yday < 1 || yday > 365) throw perr("", value, ": day-of-year out of range");
    if (m === 0) {
      const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
      m = Math.floor((yday - 1) / 31) + 1;
      if (before[m] < yday) m++;
      d = yday - before[m - 1];
    }
    if (month >= 0 && month !== m) throw perr("", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) throw perr("", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw perr("", value, ": day out of range");
  if (z) return dateOf(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const ut = new GoTime(t.sec - BigInt(zoneOffset), t.nsec, UTC);
    const li = zoneInfo(local, Number(ut.sec));
    if (li.offset === zoneOffset && (zoneName === "" || li.abbr === zoneName)) return ut.in(local);
    return ut.in({ name: zoneName, fixed: { abbr: zoneName, offset: zoneOffset } });
  }
  if (zoneName !== "") {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const li = zoneInfo(local, Number(t.sec));
    if (li.abbr === zoneName) return new GoTime(t.sec - BigInt(li.offset), t.nsec, local);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT"))
      offset = Number(zoneName.slice(3)) * 3600;
    return new GoTime(t.sec - BigInt(offset), t.nsec, {
      name: zoneName,
      fixed: { abbr: zoneName, offset }
    });
  }
  return dateOf(year, month, day, hour, min, sec, nsec, local);
}

// src/template/sprig/dates.ts
function localLoc(ctx) {
  return loadLocation(ctx.location, UTC) ?? UTC;
}
function now(ctx) {
  return GoTime.fromUnixNano(ctx.now(), localLoc(ctx));
}
function asTime(ctx, v, int32ok) {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && (v.kind === "int" || v.kind === "int64" || int32ok && v.kind === "int32")) {
    return new GoTime(v.value, 0, localLoc(ctx));
  }
  return now(ctx);
}
function dateInZone(ctx, layout, date, zone) {
  const t = asTime(ctx, date, true);
  const loc = loadLocation(zone, localLoc(ctx)) ?? UTC;
  return t.in(loc).format(layout);
}
var timeParam = (v) => {
  if (v instanceof GoTime) return v;
  throw new FuncError("wrong type for value; expected time.Time");
};
function durationRound(ctx, v) {
  let d = 0n;
  if (typeof v === "string") {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === "int64") d = v.value;
  else if (v instanceof GoDuration) d = v.ns;
  else if (v instanceof GoTime) d = ctx.now() - v.unixNano();
  let u2 = BigInt.asUintN(64, d);
  if (d < 0n) u2 = BigInt.asUintN(64, -u2);
  const hour = 3600000000000n;
  const units = [
    [hour * 24n * 365n, "y"],
    [hour * 24n * 30n, "mo"],
    [hour * 24n, "d"],
    [hour, "h"],
    [60000000000n, "m"],
    [1000000000n, "s"]
  ];
  for (const [size, name2] of units) if (u2 > size) return (u2 / size).toString() + name2;
  return "0s";
}
var dateModify = (name2, must) => goFunc(
  name2,
  `func(fmt string, date time.Time) ${must ? "(time.Time, error)" : "time.Time"}`,
  (_c, f, d) => {
    const t = timeParam(d);
    try {
      return t.add(parseDuration(f));
    } catch (e) {
      if (must) throw e;
      return t;
    }
  }
);
var dateFuncs = {
  now: goFunc("now", "func() time.Time", (ctx) => now(ctx)),
  date: goFunc(
    "date",
    "func(fmt string, date interface{}) string",
    (ctx, f, d) => dateInZone(ctx, f, d, "Local")
  ),
  dateInZone: goFunc(
    "dateInZone",
    "func(fmt string, date interface{}, zone string) string",
    (ctx, f, d, z) => dateInZone(ctx, f, d, z)
  ),
  date_in_zone: goFunc(
    "date_in_zone",
    "func(fmt string, date interface{}, zone string) string",
    (ctx, f, d, z) => dateInZone(ctx, f, d, z)
  ),
  htmlDate: goFunc(
    "htmlDate",
    "func(date interface{}) string",
    (ctx, d) => dateInZone(ctx, "2006-01-02", d, "Local")
  ),
  htmlDateInZone: goFunc(
    "htmlDateInZone",
    "func(date interface{}, zone string) string",
    (ctx, d, z) => dateInZone(ctx, "2006-01-02", d, z)
  ),
  dateModify: dateModify("dateModify", false),
  date_modify: dateModify("date_modify", false),
  mustDateModify: dateModify("mustDateModify", true),
  must_date_modify: dateModify("must_date_modify", true),
  ago: goFunc("ago", "func(date interface{}) string", (ctx, d) => {
    const t = asTime(ctx, d, false);
    let since = ctx.now() - t.unixNano();
    const s = 1000000000n;
    const r = since % s;
    since -= r;
    if ((r < 0n ? -r : r) * 2n >= s) since += r < 0n ? -s : s;
    return durationString(since);
  }),
  duration: goFunc("duration", "func(sec interface{}) string", (_c, v) => {
    let n3 = 0n;
    if (typeof v === "string") n3 = /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
    else if (v instanceof GoInt && v.kind === "int64") n3 = v.value;
    return durationString(BigInt.asIntN(64, n3 * 1000000000n));
  }),
  durationRound: goFunc(
    "durationRound",
    "func(duration interface{}) string",
    (ctx, v) => durationRound(ctx, v)
  ),
  toDate: goFunc("toDate", "func(fmt, str string) time.Time", (ctx, f, s) => {
    try {
      return parseTime(f, s, localLoc(ctx));
    } catch (e) {
      if (e instanceof FuncError) return GoTime.zero();
      throw e;
    }
  }),
  mustToDate: goFunc(
    "mustToDate",
    "func(fmt, str string) (time.Time, error)",
    (ctx, f, s) => parseTime(f, s, localLoc(ctx))
  ),
  unixEpoch: goFunc(
    "unixEpoch",
    "func(date time.Time) string",
    (_c, d) => timeParam(d).sec.toString()
  )
};

// src/template/sprig/defaults.ts
var defaultFuncs = {
  default: goFunc(
    "default",
    "func(d interface{}, given ...interface{}) interface{}",
    (_c, d, ...given) => given.length === 0 || isEmpty(given[0]) ? d : given[0]
  ),
  empty: goFunc("empty", "func(given interface{}) bool", (_c, v) => isEmpty(v)),
  coalesce: goFunc("coalesce", "func(v ...interface{}) interface{}", (_c, ...vs) => {
    for (const v of vs) if (!isEmpty(v)) return v;
    return null;
  }),
  all: goFunc(
    "all",
    "func(v ...interface{}) bool",
    (_c, ...vs) => vs.every((v) => !isEmpty(v))
  ),
  any: goFunc(
    "any",
    "func(v ...interface{}) bool",
    (_c, ...vs) => vs.some((v) => !isEmpty(v))
  ),
  ternary: goFunc(
    "ternary",
    "func(vt interface{}, vf interface{}, v bool) interface{}",
    (_c, vt, vf, v) => v ? vt : vf
  )
};

// src/template/sprig/dicts.ts
var has = (m, k) => m !== null && Object.prototype.hasOwnProperty.call(m, k);
var orEmpty = (m) => m ?? {};
var emptyElem = (v) => isEmpty(v);
function mergeInto(ctx, dst, src, overwrite) {
  const srcEmpty = Object.keys(src).length === 0;
  for (const key of sortedKeys(src)) {
    ctx.charge(1);
    const s = src[key];
    const dstValid = has(dst, key);
    const d = dst[key];
    if (s === null) {
      if (overwrite) setKey2(dst, key, null);
      continue;
    }
    const sIsMap = isGoMap(s) || s instanceof GoObject;
    const sIsSlice = Array.isArray(s);
    if (sIsMap) {
      if (isGoMap(s) && dstValid && d !== null && isGoMap(d)) mergeInto(ctx, d, s, overwrite);
    } else if (sIsSlice) {
      const dstEmptyMap = Object.keys(dst).length === 0;
      let dstSlice;
      if (!dstValid || d === null || Array.isArray(d) && isNilSlice(d)) {
        dstSlice = typedSlice([], elemTypeOf(s));
      } else dstSlice = d;
      if (!srcEmpty && (overwrite || dstEmptyMap)) dstSlice = s;
      setKey2(dst, key, dstSlice);
    }
    if (dstValid && !emptyElem(d) && (isGoMap(s) || sIsSlice)) continue;
    if (overwrite || !dstValid || emptyElem(d)) setKey2(dst, key, s);
  }
}
function deepCopy(ctx, v) {
  ctx.charge(1);
  if (Array.isArray(v)) {
    const c = typedSlice(
      v.map((x) => deepCopy(ctx, x)),
      elemTypeOf(v)
    );
    return isNilSlice(v) ? nilSlice(c) : c;
  }
  if (isGoMap(v)) {
    const out = {};
    for (const k of Object.keys(v)) setKey2(out, k, deepCopy(ctx, v[k]));
    return typedMap(out, elemTypeOf(v));
  }
  return v;
}
function asDict(v, want = "map[string]interface {}") {
  if (v !== null && isGoMap(v) && typeOf(v) === want) return v;
  const got = v === null ? "nil" : typeOf(v);
  throw new FuncError(`interface conversion: interface {} is ${got}, not ${want}`);
}
function dig(ps) {
  if (ps.length < 3) throw new FuncError("dig needs at least three arguments");
  const dict = asDict(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map((k) => {
    if (typeof k !== "string") {
      const got = k === null ? "nil" : typeOf(k);
      throw new FuncError(`interface conversion: interface {} is ${got}, not string`);
    }
    return k;
  });
  let cur = dict;
  for (let i = 0; ; i++) {
    const k = ks[i];
    if (!has(cur, k)) return def;
    const step = cur[k];
    if (i === ks.length - 1) return step;
    cur = asDict(step);
  }
}
var merge = (name2, overwrite, must) => goFunc(
  name2,
  `func(dst map[string]interface{}, srcs ...map[string]interface{}) ${must ? "(interface{}, error)" : "interface{}"}`,
  (ctx, dst0, ...srcs) => {
    const dst = dst0 ?? (srcs.some((s) => s !== null) ? {} : nilMap({}));
    for (const s of srcs) if (s !== null) mergeInto(ctx, dst, s, overwrite);
    return dst;
  }
);
var copyFn = (name2, must) => goFunc(
  name2,
  `func(i interface{}) ${must ? "(interface{}, error)" : "interface{}"}`,
  (ctx, v) => {
    if (v === null) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
    return deepCopy(ctx, v);
  }
);
var dictFuncs = {
  dict: goFunc("dict", "func(v ...interface{}) map[string]interface{}", (ctx, ...v) => {
    ctx.charge(v.length);
    const d = {};
    for (let i = 0; i < v.length; i += 2) {
      const key = strval(v[i]);
      setKey2(d, key, i + 1 >= v.length ? "" : v[i + 1]);
    }
    return d;
  }),
  get: goFunc(
    "get",
    "func(d map[string]interface{}, key string) interface{}",
    (_c, d, k) => has(d, k) ? d[k] : ""
  ),
  set: goFunc(
    "set",
    "func(d map[string]interface{}, key string, value interface{}) map[string]interface{}",
    (ctx, d, k, v) => {
      if (d === null) throw new FuncError("assignment to entry in nil map");
      ctx.charge(1);
      setKey2(d, k, v);
      return d;
    }
  ),
  unset: goFunc(
    "unset",
    "func(d map[string]interface{}, key string) map[string]interface{}",
    (_c, d, k) => {
      if (d === null) return nilMap({});
      delete d[k];
      return d;
    }
  ),
  hasKey: goFunc(
    "hasKey",
    "func(d map[string]interface{}, key string) bool",
    (_c, d, k) => has(d, k)
  ),
  pluck: goFunc(
    "pluck",
    "func(key string, d ...map[string]interface{}) []interface{}",
    (ctx, k, ...ds) => {
      ctx.charge(ds.length);
      return ds.filter((d) => has(d, k)).map((d) => d[k]);
    }
  ),
  keys: goFunc(
    "keys",
    "func(dicts ...map[string]interface{}) []string",
    (ctx, ...ds) => {
      const out = [];
      for (const d of ds) {
        const ks = sortedKeys(orEmpty(d));
        ctx.charge(ks.length);
        out.push(...ks);
      }
      return out;
    }
  ),
  pick: goFunc(
    "pick",
    "func(dict map[string]interface{}, keys ...string) map[string]interface{}",
    (ctx, d0, ...ks) => {
      const d = orEmpty(d0);
      ctx.charge(ks.length);
      const out = {};
      for (const k of ks) if (has(d, k)) setKey2(out, k, d[k]);
      return out;
    }
  ),
  omit: goFunc(
    "omit",
    "func(dict map[string]interface{}, keys ...string) map[string]interface{}",
    (ctx, d0, ...ks) => {
      const d = orEmpty(d0);
      const drop = new Set(ks);
      const out = {};
      const all = Object.keys(d);
      ctx.charge(all.length + ks.length);
      for (const k of all) if (!drop.has(k)) setKey2(out, k, d[k]);
      return out;
    }
  ),
  merge: merge("merge", false, false),
  mustMerge: merge("mustMerge", false, true),
  mergeOverwrite: merge("mergeOverwrite", true, false),
  mustMergeOverwrite: merge("mustMergeOverwrite", true, true),
  values: goFunc(
    "values",
    "func(dict map[string]interface{}) []interface{}",
    (ctx, d0) => {
      const d = orEmpty(d0);
      const ks = sortedKeys(d);
      ctx.charge(ks.length);
      return ks.map((k) => d[k]);
    }
  ),
  deepCopy: copyFn("deepCopy", false),
  mustDeepCopy: copyFn("mustDeepCopy", true),
  dig: goFunc(
    "dig",
    "func(ps ...interface{}) (interface{}, error)",
    (_c, ...ps) => dig(ps)
  )
};

// src/template/sprig/json.ts
var hasJSON = (o) => typeof o.jsonValue === "function";
var JSONError = class extends Error {
};
function quote(s, html) {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c < 32 || html && (c === 60 || c === 62 || c === 38) || c === 8232 || c === 8233) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 55296 && c <= 57343) {
      const next = s.charCodeAt(i + 1);
      if (c <= 56319 && next >= 56320 && next <= 57343) {
        out += s[i] + s[i + 1];
        i++;
      } else out += "\\ufffd";
    } else out += s[i];
  }
  return out + '"';
}
function floatJSON(f) {
  if (!Number.isFinite(f)) throw new JSONError(`json: unsupported value: ${formatFloat2(f, "g")}`);
  const a = Math.abs(f);
  let s;
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    s = formatFloat2(f, "e");
    s = s.replace(/e-0(\d)$/, "e-$1");
  } else s = formatFloat2(f, "f");
  return s;
}
function marshal(ctx, v, html, indent2) {
  const nl = indent2 === "" ? "" : "\n";
  const enc = (x, pre) => {
    ctx.charge(1);
    if (x === null || x === void 0) return "null";
    switch (typeof x) {
      case "string":
        return quote(x, html);
      case "number":
        return floatJSON(x);
      case "boolean":
        return x ? "true" : "false";
    }
    if (x instanceof GoInt) return x.value.toString();
    if (Array.isArray(x)) {
      if (isNilSlice(x)) return "null";
      if (elemTypeOf(x) === "uint8") {
        return quote(b64encode(Uint8Array.from(x.map((b) => Number(b.value)))), html);
      }
      if (x.length === 0) return "[]";
      const inner = pre + indent2;
      return "[" + nl + x.map((e) => inner + enc(e, inner)).join("," + nl) + nl + pre + "]";
    }
    if (x instanceof GoObject) {
      if (x.isNil()) return "null";
      if (hasJSON(x)) return enc(x.jsonValue(), pre);
      const obj = {};
      for (const n3 of x.fieldNames()) obj[n3] = x.field(n3) ?? null;
      return encMap(obj, pre, false);
    }
    if (isGoFunc(x)) throw new JSONError(`json: unsupported type: ${x.goType()}`);
    if (isNilMap(x)) return "null";
    return encMap(x, pre, true);
  };
  const encMap = (m, pre, sort) => {
    const keys = sort ? sortedKeys(m) : Object.keys(m);
    if (keys.length === 0) return "{}";
    const inner = pre + indent2;
    const sep = indent2 === "" ? ":" : ": ";
    return "{" + nl + keys.map((k) => inner + quote(k, html) + sep + enc(m[k], inner)).join("," + nl) + nl + pre + "}";
  };
  return enc(v, "");
}
function checkValid(s) {
  const err = goJsonSyntaxError(s);
  if (err !== null) throw new JSONError(err);
}
function unmarshal(ctx, s) {
  ctx.charge(s.length);
  checkValid(s);
  return JSON.parse(s);
}
var wrap = (f) => {
  try {
    return f();
  } catch (e) {
    if (e instanceof JSONError) throw new FuncError(e.message);
    throw e;
  }
};
var quiet = (f) => {
  try {
    return f();
  } catch (e) {
    if (e instanceof JSONError) return "";
    throw e;
  }
};
var jsonFuncs = {
  toJson: goFunc(
    "toJson",
    "func(v interface{}) string",
    (ctx, v) => quiet(() => marshal(ctx, v, true, ""))
  ),
  mustToJson: goFunc(
    "mustToJson",
    "func(v interface{}) (string, error)",
    (ctx, v) => wrap(() => marshal(ctx, v, true, ""))
  ),
  toPrettyJson: goFunc(
    "toPrettyJson",
    "func(v interface{}) string",
    (ctx, v) => quiet(() => marshal(ctx, v, true, "  "))
  ),
  mustToPrettyJson: goFunc(
    "mustToPrettyJson",
    "func(v interface{}) (string, error)",
    (ctx, v) => wrap(() => marshal(ctx, v, true, "  "))
  ),
  toRawJson: goFunc(
    "toRawJson",
    "func(v interface{}) string",
    (ctx, v) => wrap(() => marshal(ctx, v, false, ""))
  ),
  mustToRawJson: goFunc(
    "mustToRawJson",
    "func(v interface{}) (string, error)",
    (ctx, v) => wrap(() => marshal(ctx, v, false, ""))
  ),
  fromJson: goFunc("fromJson", "func(v string) interface{}", (ctx, s) => {
    try {
      return unmarshal(ctx, s);
    } catch (e) {
      if (e instanceof JSONError) return null;
      throw e;
    }
  }),
  mustFromJson: goFunc(
    "mustFromJson",
    "func(v string) (interface{}, error)",
    (ctx, s) => wrap(() => unmarshal(ctx, s))
  )
};

// src/template/sprig/cast.ts
var INT64_MIN = -(1n << 63n);
var INT64_MAX = (1n << 63n) - 1n;
function parseIntBase0(s) {
  return parseInt0(s) ?? null;
}
function atoi(s) {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const v = BigInt(s);
  return v < INT64_MIN ? INT64_MIN : v > INT64_MAX ? INT64_MAX : v;
}
function parseGoFloat(s) {
  return parseFloat64(s) ?? null;
}
function trimZeroDecimal(s) {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") foundZero = true;
    else return s;
  }
  return s;
}
function floatToInt64(f) {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}
function namedInt(v) {
  if (v instanceof GoObject && (v.goType === "time.Month" || v.goType === "time.Weekday")) {
    const f = v.intValue;
    if (f) return f.call(v);
  }
  return null;
}
function toInt64E(v) {
  if (v === null) return 0n;
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  const named = namedInt(v);
  if (named !== null) return BigInt.asIntN(64, named);
  switch (typeof v) {
    case "number":
      return floatToInt64(v);
    case "boolean":
      return v ? 1n : 0n;
    case "string":
      return parseIntBase0(trimZeroDecimal(v));
  }
  return null;
}
function toInt64(v) {
  return toInt64E(v) ?? 0n;
}
var toInt = toInt64;
function toFloat64(v) {
  if (v === null) return 0;
  if (v instanceof GoInt) return Number(v.value);
  const named = namedInt(v);
  if (named !== null) return Number(named);
  switch (typeof v) {
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "string":
      return parseGoFloat(v) ?? 0;
  }
  return 0;
}

// src/template/sprig/lists.ts
var nilDeref = () => runtimeError("invalid memory address or nil pointer dereference");
function asList(v, msg) {
  if (v === null) throw nilDeref();
  if (!Array.isArray(v)) throw new FuncError(msg(kindName(v)));
  return v;
}
function copyOf(ctx, l, extra = 0) {
  ctx.charge(l.length + extra);
  return l.slice();
}
function untilStep(ctx, start2, stop, step) {
  return untilStepBig(ctx, start2, stop, step);
}
var intList = (xs) => xs.map((x) => goInt(x));
function untilStepBig(ctx, start2, stop, step) {
  let count = 0n;
  if (stop < start2) {
    if (step >= 0n) return [];
    count = (start2 - stop + (-step - 1n)) / -step;
  } else {
    if (step <= 0n) return [];
    count = (stop - start2 + (step - 1n)) / step;
  }
  ctx.charge(Number(count));
  const out = [];
  let i = start2;
  for (let k = 0n; k < count; k++, i += step) out.push(i);
  return out;
}
function seq2(ctx, params) {
  const join2 = (xs) => xs.join(" ");
  switch (params.length) {
    case 0:
      return "";
    case 1: {
      const end2 = params[0];
      const inc = end2 < 1n ? -1n : 1n;
      return join2(untilStep(ctx, 1n, end2 + inc, inc));
    }
    case 2: {
      const [start2, end2] = params;
      const step = end2 < start2 ? -1n : 1n;
      return join2(untilStep(ctx, start2, end2 + step, step));
    }
    case 3: {
      const [start2, step, end2] = params;
      let inc = 1n;
      if (end2 < start2) {
        inc = -1n;
        if (step > 0n) return "";
      }
      return join2(untilStep(ctx, start2, end2 + inc, step));
    }
    default:
      return "";
  }
}
var push = (name2) => goFunc(
  name2,
  `func(list interface{}, v interface{}) ([]interface{}, error)`,
  (ctx, l, v) => {
    const nl = copyOf(
      ctx,
      asList(l, (k) => `Cannot push on type ${k}`),
      1
    );
    nl.push(v);
    return nl;
  }
);
var prepend = (name2) => goFunc(
  name2,
  `func(list interface{}, v interface{}) ([]interface{}, error)`,
  (ctx, l, v) => {
    const nl = copyOf(
      ctx,
      asList(l, (k) => `Cannot prepend on type ${k}`),
      1
    );
    nl.unshift(v);
    return nl;
  }
);
var chunk = (name2) => goFunc(
  name2,
  "func(size int, list interface{}) ([][]interface{}, error)",
  (ctx, sz, l) => {
    const list = asList(l, (k) => `Cannot chunk type ${k}`);
    const size = Number(sz);
    const len = list.length;
    const cs = Math.floor((len - 1) / size) + 1;
    if (!Number.isFinite(cs) || cs < 0) throw runtimeError("makeslice: len out of range");
    ctx.charge(len + cs);
    const out = [];
    for (let i = 0; i < cs; i++) {
      let clen = size;
      if (i === cs - 1) {
        clen = Math.floor(len % size);
        if (clen === 0) clen = size;
      }
      if (clen < 0) throw runtimeError("makeslice: len out of range");
      const part = [];
      for (let j = 0; j < clen; j++) {
        const ix = i * size + j;
        if (ix >= len) throw runtimeError(`index out of range [${ix}] with length ${len}`);
        part.push(list[ix]);
      }
      out.push(part);
    }
    return typedSlice(out, "[]interface {}");
  }
);
var getter = (name2, what, pick) => goFunc(name2, "func(list interface{}) (interface{}, error)", (_c, l) => {
  const list = asList(l, (k) => `Cannot find ${what} on type ${k}`);
  return list.length === 0 ? null : pick(list);
});
var sub = (name2, what, from, dropLast) => goFunc(name2, "func(list interface{}) ([]interface{}, error)", (ctx, l) => {
  const list = asList(l, (k) => `Cannot find ${what} on type ${k}`);
  if (list.length === 0) return nilSlice([]);
  ctx.charge(list.length);
  return list.slice(from, dropLast ? list.length - 1 : list.length);
});
var reverse = (name2) => goFunc(
  name2,
  "func(v interface{}) ([]interface{}, error)",
  (ctx, l) => copyOf(
    ctx,
    asList(l, (k) => `Cannot find reverse on type ${k}`)
  ).reverse()
);
var compact = (name2) => goFunc(
  name2,
  "func(list interface{}) ([]interface{}, error)",
  (ctx, l) => copyOf(
    ctx,
    asList(l, (k) => `Cannot compact on type ${k}`)
  ).filter((x) => !isEmpty(x))
);
var uniq = (name2) => goFunc(name2, "func(list interface{}) ([]interface{}, error)", (ctx, l) => {
  const list = asList(l, (k) => `Cannot find uniq on type ${k}`);
  ctx.charge(list.length);
  const out = [];
  for (const x of list) {
    ctx.charge(out.length);
    if (!out.some((y) => deepEqual(x, y))) out.push(x);
  }
  return out;
});
var without = (name2) => goFunc(
  name2,
  "func(list interface{}, omit ...interface{}) ([]interface{}, error)",
  (ctx, l, ...omit) => {
    const list = asList(l, (k) => `Cannot find without on type ${k}`);
    ctx.charge(list.length * (omit.length + 1));
    return list.filter((x) => !omit.some((o) => deepEqual(x, o)));
  }
);
var has2 = (name2) => goFunc(
  name2,
  "func(needle interface{}, haystack interface{}) (bool, error)",
  (ctx, needle, h) => {
    if (h === null) return false;
    const list = asList(h, (k) => `Cannot find has on type ${k}`);
    ctx.charge(list.length);
    return list.some((x) => deepEqual(needle, x));
  }
);
var slice2 = (name2) => goFunc(
  name2,
  "func(list interface{}, indices ...interface{}) (interface{}, error)",
  (ctx, l, ...ix) => {
    const list = asList(l, (k) => `list should be type of slice or array but ${k}`);
    const len = list.length;
    if (len === 0) return null;
    const start2 = ix.length > 0 ? Number(toInt(ix[0])) : 0;
    const end2 = ix.length < 2 ? len : Number(toInt(ix[1]));
    if (start2 < 0 || end2 < start2 || end2 > len) {
      throw new FuncError("reflect.Value.Slice: slice index out of bounds");
    }
    ctx.charge(end2 - start2);
    return typedSlice(list.slice(start2, end2), elemTypeOf(list));
  }
);
var listFuncs = {
  list: goFunc("list", "func(v ...interface{}) []interface{}", (ctx, ...xs) => {
    ctx.charge(xs.length);
    return xs;
  }),
  tuple: goFunc("tuple", "func(v ...interface{}) []interface{}", (ctx, ...xs) => {
    ctx.charge(xs.length);
    return xs;
  }),
  append: push("append"),
  push: push("push"),
  mustAppend: push("mustAppend"),
  mustPush: push("mustPush"),
  prepend: prepend("prepend"),
  mustPrepend: prepend("mustPrepend"),
  chunk: chunk("chunk"),
  mustChunk: chunk("mustChunk"),
  first: getter("first", "first", (l) => l[0]),
  mustFirst: getter("mustFirst", "first", (l) => l[0]),
  last: getter("last", "last", (l) => l[l.length - 1]),
  mustLast: getter("mustLast", "last", (l) => l[l.length - 1]),
  rest: sub("rest", "rest", 1, false),
  mustRest: sub("mustRest", "rest", 1, false),
  initial: sub("initial", "initial", 0, true),
  mustInitial: sub("mustInitial", "initial", 0, true),
  reverse: reverse("reverse"),
  mustReverse: reverse("mustReverse"),
  compact: compact("compact"),
  mustCompact: compact("mustCompact"),
  uniq: uniq("uniq"),
  mustUniq: uniq("mustUniq"),
  without: without("without"),
  mustWithout: without("mustWithout"),
  has: has2("has"),
  mustHas: has2("mustHas"),
  slice: slice2("slice"),
  mustSlice: slice2("mustSlice"),
  concat: goFunc("concat", "func(lists ...interface{}) interface{}", (ctx, ...lists) => {
    const res = [];
    for (const l of lists) {
      if (l === null) throw nilDeref();
      if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${kindName(l)} as list`);
      ctx.charge(l.length);
      res.push(...l);
    }
    return res.length === 0 ? nilSlice(res) : res;
  }),
  until: goFunc(
    "until",
    "func(count int) []int",
    (ctx, count) => intList(untilStep(ctx, 0n, count, count < 0n ? -1n : 1n))
  ),
  untilStep: goFunc(
    "untilStep",
    "func(start, stop, step int) []int",
    (ctx, a, b, s) => intList(untilStep(ctx, a, b, s))
  ),
  seq: goFunc("seq", "func(params ...int) string", (ctx, ...ps) => seq2(ctx, ps))
};

// src/template/sprig/math.ts
var w64 = (v) => BigInt.asIntN(64, v);
function decFromFloat(f) {
  if (!Number.isFinite(f))
    throw new FuncError(`Cannot create a Decimal from ${formatFloat2(f, "g")}`);
  if (f === 0) return { v: 0n, exp: 0 };
  const [m, e] = f.toExponential().split("e");
  const digits = m.replace(".", "").replace("-", "");
  const frac = (m.split(".")[1] ?? "").length;
  const v = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { v, exp: Number(e) - frac };
}
function align(a, b) {
  const e = Math.min(a.exp, b.exp);
  return [a.v * 10n ** BigInt(a.exp - e), b.v * 10n ** BigInt(b.exp - e), e];
}
var add = (a, b) => {
  const [x, y, e] = align(a, b);
  return { v: x + y, exp: e };
};
var subd = (a, b) => {
  const [x, y, e] = align(a, b);
  return { v: x - y, exp: e };
};
var mul = (a, b) => ({ v: a.v * b.v, exp: a.exp + b.exp });
function div(a, b) {
  if (b.v === 0n) throw new FuncError("decimal division by 0");
  const prec = 16;
  const scale = -prec;
  const e = a.exp - b.exp - scale;
  let aa;
  let bb;
  let scalerest;
  if (e < 0) {
    aa = a.v;
    bb = b.v * 10n ** BigInt(-e);
    scalerest = a.exp;
  } else {
    aa = a.v * 10n ** BigInt(e);
    bb = b.v;
    scalerest = scale + b.exp;
  }
  const q = aa / bb;
  const r = aa % bb;
  const r2 = { v: (r < 0n ? -r : r) * 2n, exp: scalerest + prec };
  const babs = { v: b.v < 0n ? -b.v : b.v, exp: b.exp };
  const [x, y] = align(r2, babs);
  const qd = { v: q, exp: scale };
  if (x < y) return qd;
  const one = { v: 1n, exp: -prec };
  const neg = (a.v < 0n ? -1 : a.v > 0n ? 1 : 0) * (b.v < 0n ? -1 : 1) < 0;
  return neg ? subd(qd, one) : add(qd, one);
}
var decToFloat = (d) => Number(`${d.v}e${d.exp}`);
function decOp(a, bs, f) {
  let p = decFromFloat(toFloat64(a));
  for (const b of bs) p = f(p, decFromFloat(toFloat64(b)));
  return decToFloat(p);
}
function goMax(x, y) {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}
function goMin(x, y) {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && x === y) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}
function round2(a, p, rOpt) {
  const roundOn = rOpt.length > 0 ? rOpt[0] : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const div2 = digit - Math.trunc(digit);
  const r = div2 >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}
var maxI = (name2) => goFunc(
  name2,
  "func(a interface{}, i ...interface{}) int64",
  (_c, a, ...xs) => {
    let m = toInt64(a);
    for (const x of xs) {
      const b = toInt64(x);
      if (b > m) m = b;
    }
    return m;
  }
);
var mathFuncs = {
  atoi: goFunc("atoi", "func(a string) int", (_c, s) => atoi(s) ?? 0n),
  int64: goFunc("int64", "func(v interface{}) int64", (_c, v) => toInt64(v)),
  int: goFunc("int", "func(v interface{}) int", (_c, v) => toInt(v)),
  float64: goFunc("float64", "func(v interface{}) float64", (_c, v) => toFloat64(v)),
  toDecimal: goFunc("toDecimal", "func(v interface{}) int64", (_c, v) => {
    const s = sprintV(v);
    if (!/^[+-]?[0-7]+$/.test(s)) return 0n;
    return parseIntBase0(s.replace(/^([+-]?)/, "$10o")) ?? 0n;
  }),
  add1: goFunc("add1", "func(i interface{}) int64", (_c, i) => w64(toInt64(i) + 1n)),
  add: goFunc(
    "add",
    "func(i ...interface{}) int64",
    (_c, ...xs) => xs.reduce((a, x) => w64(a + toInt64(x)), 0n)
  ),
  sub: goFunc(
    "sub",
    "func(a, b interface{}) int64",
    (_c, a, b) => w64(toInt64(a) - toInt64(b))
  ),
  div: goFunc("div", "func(a, b interface{}) int64", (_c, a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw runtimeError("integer divide by zero");
    return w64(toInt64(a) / d);
  }),
  mod: goFunc("mod", "func(a, b interface{}) int64", (_c, a, b) => {
    const d = toInt64(b);
    if (d === 0n) throw runtimeError("integer divide by zero");
    return w64(toInt64(a) % d);
  }),
  mul: goFunc(
    "mul",
    "func(a interface{}, v ...interface{}) int64",
    (_c, a, ...xs) => xs.reduce((acc, x) => w64(acc * toInt64(x)), toInt64(a))
  ),
  randInt: goFunc("randInt", "func(min, max int) int", (ctx, min, max) => {
    const n3 = w64(max - min);
    if (n3 <= 0n) throw new FuncError("invalid argument to Intn");
    if (n3 <= 0xffffffffn) return w64(BigInt(ctx.rand.intn(Number(n3))) + min);
    const r = BigInt(ctx.rand.uint32()) << 32n | BigInt(ctx.rand.uint32());
    return w64(r % n3 + min);
  }),
  add1f: goFunc("add1f", "func(i interface{}) float64", (_c, i) => decOp(i, [1], add)),
  addf: goFunc(
    "addf",
    "func(i ...interface{}) float64",
    (_c, ...xs) => decOp(0, xs, add)
  ),
  subf: goFunc(
    "subf",
    "func(a interface{}, v ...interface{}) float64",
    (_c, a, ...xs) => decOp(a, xs, subd)
  ),
  divf: goFunc(
    "divf",
    "func(a interface{}, v ...interface{}) float64",
    (_c, a, ...xs) => decOp(a, xs, div)
  ),
  mulf: goFunc(
    "mulf",
    "func(a interface{}, v ...interface{}) float64",
    (_c, a, ...xs) => decOp(a, xs, mul)
  ),
  biggest: maxI("biggest"),
  max: maxI("max"),
  min: goFunc(
    "min",
    "func(a interface{}, i ...interface{}) int64",
    (_c, a, ...xs) => {
      let m = toInt64(a);
      for (const x of xs) {
        const b = toInt64(x);
        if (b < m) m = b;
      }
      return m;
    }
  ),
  maxf: goFunc(
    "maxf",
    "func(a interface{}, i ...interface{}) float64",
    (_c, a, ...xs) => xs.reduce((m, x) => goMax(m, toFloat64(x)), toFloat64(a))
  ),
  minf: goFunc(
    "minf",
    "func(a interface{}, i ...interface{}) float64",
    (_c, a, ...xs) => xs.reduce((m, x) => goMin(m, toFloat64(x)), toFloat64(a))
  ),
  ceil: goFunc("ceil", "func(a interface{}) float64", (_c, a) => Math.ceil(toFloat64(a))),
  floor: goFunc(
    "floor",
    "func(a interface{}) float64",
    (_c, a) => Math.floor(toFloat64(a))
  ),
  round: goFunc(
    "round",
    "func(a interface{}, p int, rOpt ...float64) float64",
    (_c, a, p, ...r) => round2(a, p, r)
  )
};

// src/template/sprig/paths.ts
function cleanPath(p) {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(seg);
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}
function base(p) {
  if (p === "") return ".";
  p = p.replace(/\/+$/, "");
  if (p === "") return "/";
  const i = p.lastIndexOf("/");
  return i >= 0 ? p.slice(i + 1) : p;
}
function dir(p) {
  const i = p.lastIndexOf("/");
  return cleanPath(p.slice(0, i + 1));
}
function ext2(p) {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}
var pathFuncs = {
  osBase: goFunc("osBase", "func(path string) string", (_c, p) => base(p)),
  osClean: goFunc("osClean", "func(path string) string", (_c, p) => cleanPath(p)),
  osDir: goFunc("osDir", "func(path string) string", (_c, p) => dir(p)),
  osExt: goFunc("osExt", "func(path string) string", (_c, p) => ext2(p)),
  osIsAbs: goFunc("osIsAbs", "func(path string) bool", (_c, p) => p.startsWith("/"))
};

// src/template/sprig/reflection.ts
var reflectionFuncs = {
  typeOf: goFunc("typeOf", "func(src interface{}) string", (_c, v) => typeOf(v)),
  typeIs: goFunc(
    "typeIs",
    "func(target string, src interface{}) bool",
    (_c, t, v) => t === typeOf(v)
  ),
  typeIsLike: goFunc(
    "typeIsLike",
    "func(target string, src interface{}) bool",
    (_c, t, v) => {
      const ty = typeOf(v);
      return t === ty || "*" + t === ty;
    }
  ),
  kindOf: goFunc("kindOf", "func(src interface{}) string", (_c, v) => kindOf(v)),
  kindIs: goFunc(
    "kindIs",
    "func(target string, src interface{}) bool",
    (_c, t, v) => t === kindOf(v)
  ),
  deepEqual: goFunc(
    "deepEqual",
    "func(x, y interface{}) bool",
    (_c, a, b) => deepEqual(a, b)
  ),
  fail: goFunc("fail", "func(msg string) (string, error)", (_c, msg) => {
    throw new FuncError(msg);
  })
};

// src/template/sprig/re2.ts
var ReError = class extends Error {
};
var propCache = /* @__PURE__ */ new Map();
function propPred(name2) {
  let re = propCache.get(name2);
  if (!re) {
    const body = name2 === "Any" ? "[\\s\\S]" : /^[A-Z][a-z]?$/.test(name2) ? `\\p{${name2}}` : `\\p{Script=${name2}}`;
    try {
      re = new RegExp(`^${body}$`, "u");
    } catch {
      return null;
    }
    propCache.set(name2, re);
  }
  const r = re;
  return (c) => r.test(String.fromCodePoint(c));
}
function inRanges(set2, c) {
  for (const [lo, hi] of set2.ranges) if (c >= lo && c <= hi) return true;
  for (const p of set2.preds) if (p(c)) return true;
  return false;
}
var specialOrbits = [
  [75, 107, 8490],
  [83, 115, 383],
  [197, 229, 8491],
  [181, 924, 956],
  [920, 952, 977, 1012],
  [931, 962, 963]
];
var orbitOf = /* @__PURE__ */ new Map();
for (const o of specialOrbits) for (const c of o) orbitOf.set(c, o);
function orbit(c) {
  const sp = orbitOf.get(c);
  if (sp) return sp;
  const s = String.fromCodePoint(c);
  const out = [c];
  for (const m of [s.toLowerCase(), s.toUpperCase()]) {
    const mc = m.codePointAt(0);
    if (m.length === (mc > 65535 ? 2 : 1) && !out.includes(mc)) out.push(mc);
  }
  return out;
}
function setMatches(set2, c) {
  let hit = inRanges(set2, c);
  if (!hit && set2.fold) {
    for (const o of orbit(c)) if (o !== c && inRanges(set2, o)) hit = true;
  }
  return hit !== set2.negated;
}
var PERL = {
  d: [[48, 57]],
  s: [
    [9, 10],
    [12, 13],
    [32, 32]
  ],
  w: [
    [48, 57],
    [65, 90],
    [95, 95],
    [97, 122]
  ]
};
var POSIX = {
  alnum: [
    [48, 57],
    [65, 90],
    [97, 122]
  ],
  alpha: [
    [65, 90],
    [97, 122]
  ],
  ascii: [[0, 127]],
  blank: [
    [9, 9],
    [32, 32]
  ],
  cntrl: [
    [0, 31],
    [127, 127]
  ],
  digit: [[48, 57]],
  graph: [[33, 126]],
  lower: [[97, 122]],
  print: [[32, 126]],
  punct: [
    [33, 47],
    [58, 64],
    [91, 96],
    [123, 126]
  ],
  space: [
    [9, 13],
    [32, 32]
  ],
  upper: [[65, 90]],
  word: [
    [48, 57],
    [65, 90],
    [97, 122],
    [95, 95]
  ],
  xdigit: [
    [48, 57],
    [65, 70],
    [97, 102]
  ]
};
var MAX = 1114111;
function complement(r) {
  const sorted = [...r].sort((a, b) => a[0] - b[0]);
  const out = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX) out.push([next, MAX]);
  return out;
}
var lit = (c, fold) => ({
  t: "set",
  set: { ranges: [[c, c]], preds: [], negated: false, fold }
});
function parse2(re) {
  const chars2 = Array.from(re);
  let i = 0;
  let flags = { i: false, m: false, s: false, U: false };
  const names = [null];
  const stack = [];
  let frame = { alts: [], cur: [], cap: -1, saved: flags };
  let lastRepeat = "";
  const rest = () => chars2.slice(i).join("");
  const escape2 = (inClass) => {
    const start2 = i;
    i++;
    const c = chars2[i];
    if (c === void 0) throw new ReError("trailing backslash at end of expression: ``");
    i++;
    const simple = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== void 0) return { c: simple[c] };
    if (c === "d" || c === "s" || c === "w" || c === "D" || c === "S" || c === "W") {
      const r = PERL[c.toLowerCase()];
      return {
        set: {
          ranges: c === c.toLowerCase() ? r : complement(r),
          preds: [],
          negated: false,
          fold: false
        }
      };
    }
    if (c === "p" || c === "P") {
      let name2;
      if (chars2[i] === "{") {
        const close = chars2.indexOf("}", i);
        if (close < 0)
          throw new ReError(`invalid character class range: \`${chars2.slice(start2).join("")}\``);
        name2 = chars2.slice(i + 1, close).join("");
        i = close + 1;
      } else {
        name2 = chars2[i] ?? "";
        i++;
      }
      let neg = c === "P";
      if (name2.startsWith("^")) {
        neg = !neg;
        name2 = name2.slice(1);
      }
      const pred = propPred(name2);
      if (!pred)
        throw new ReError(`invalid character class range: \`${chars2.slice(start2, i).join("")}\``);
      return { set: { ranges: [], preds: [pred], negated: neg, fold: false } };
    }
    if (c === "x") {
      let hex3;
      if (chars2[i] === "{") {
        const close = chars2.indexOf("}", i);
        hex3 = close < 0 ? "" : chars2.slice(i + 1, close).join("");
        if (close < 0 || !/^[0-9a-fA-F]+$/.test(hex3) || parseInt(hex3, 16) > MAX) {
          throw new ReError(
            `invalid escape sequence: \`${chars2.slice(start2, close < 0 ? chars2.length : close + 1).join("")}\``
          );
        }
        i = close + 1;
      } else {
        hex3 = chars2.slice(i, i + 2).join("");
        if (!/^[0-9a-fA-F]{2}$/.test(hex3))
          throw new ReError(`invalid escape sequence: \`${chars2.slice(start2, i + 2).join("")}\``);
        i += 2;
      }
      return { c: parseInt(hex3, 16) };
    }
    if (!inClass) {
      if (c === "A") return { assert: "bot" };
      if (c === "z") return { assert: "eot" };
      if (c === "b") return { assert: "wb" };
      if (c === "B") return { assert: "nwb" };
      if (c === "Q") {
        const text2 = [];
        while (i < chars2.length && !(chars2[i] === "\\" && chars2[i + 1] === "E")) {
          text2.push(chars2[i].codePointAt(0));
          i++;
        }
        if (i < chars2.length) i += 2;
        return { text: text2 };
      }
    }
    if (c >= "0" && c <= "7" && (c === "0" || /[0-7]/.test(chars2[i] ?? ""))) {
      let oct = c;
      for (let k = 0; k < 2 && /[0-7]/.test(chars2[i] ?? ""); k++) oct += chars2[i++];
      return { c: parseInt(oct, 8) };
    }
    if (c.length === 1 && c.charCodeAt(0) < 128 && !/[0-9A-Za-z]/.test(c))
      return { c: c.charCodeAt(0) };
    throw new ReError(`invalid escape sequence: \`${chars2.slice(start2, i).join("")}\``);
  };
  const parseClass = () => {
    const start2 = i;
    i++;
    const set2 = { ranges: [], preds: [], negated: false, fold: flags.i };
    if (chars2[i] === "^") {
      set2.negated = true;
      i++;
    }
    let first = true;
    while (i < chars2.length && (chars2[i] !== "]" || first)) {
      first = false;
      if (chars2[i] === "[" && chars2[i + 1] === ":") {
        const text2 = chars2.slice(i).join("");
        const close = text2.indexOf(":]", 2);
        if (close >= 0) {
          const whole = text2.slice(0, close + 2);
          let name2 = text2.slice(2, close);
          let neg = false;
          if (name2.startsWith("^")) {
            neg = true;
            name2 = name2.slice(1);
          }
          const r = POSIX[name2];
          if (!r) throw new ReError(`invalid character class range: \`${whole}\``);
          set2.ranges.push(...neg ? complement(r) : r);
          i += Array.from(whole).length;
          continue;
        }
      }
      const itemStart = i;
      let lo;
      if (chars2[i] === "\\") {
        const e = escape2(true);
        if (e.set) {
          if (e.set.negated) {
            const p = e.set;
            set2.preds.push((c) => !inRanges({ ...p, negated: false }, c));
          } else {
            set2.ranges.push(...e.set.ranges);
            set2.preds.push(...e.set.preds);
          }
          continue;
        }
        lo = e.c;
      } else {
        lo = chars2[i].codePointAt(0);
        i++;
      }
      if (chars2[i] === "-" && chars2[i + 1] !== void 0 && chars2[i + 1] !== "]") {
        i++;
        let hi;
        if (chars2[i] === "\\") {
          const escStart = i;
          const e = escape2(true);
          if (e.c === void 0)
            throw new ReError(`invalid escape sequence: \`${chars2.slice(escStart, i).join("")}\``);
          hi = e.c;
        } else {
          hi = chars2[i].codePointAt(0);
          i++;
        }
        if (hi < lo)
          throw new ReError(
            `invalid character class range: \`${chars2.slice(itemStart, i).join("")}\``
          );
        set2.ranges.push([lo, hi]);
      } else set2.ranges.push([lo, lo]);
    }
    if (i >= chars2.length)
      throw new ReError(`missing closing ]: \`${chars2.slice(start2).join("")}\``);
    i++;
    return set2;
  };
  const repeatOp = () => {
    const c = chars2[i];
    if (c === "*") return { min: 0, max: -1, text: "*" };
    if (c === "+") return { min: 1, max: -1, text: "+" };
    if (c === "?") return { min: 0, max: 1, text: "?" };
    if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest());
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === void 0 ? min : m[3] === "" ? -1 : Number(m[3]);
      if (min > 1e3 || max > 1e3 || max >= 0 && max < min)
        throw new ReError(`invalid repeat count: \`${m[0]}\``);
      return { min, max, text: m[0] };
    }
    return null;
  };
  while (i < chars2.length) {
    const op = repeatOp();
    if (op) {
      let text2 = op.text;
      i += Array.from(op.text).length;
      let greedy = !flags.U;
      if (chars2[i] === "?") {
        text2 += "?";
        i++;
        greedy = !greedy;
      }
      if (lastRepeat !== "")
        throw new ReError(`invalid nested repetition operator: \`${lastRepeat}${text2}\``);
      const prev = frame.cur.pop();
      if (!prev) throw new ReError(`missing argument to repetition operator: \`${text2}\``);
      frame.cur.push({ t: "rep", x: prev, min: op.min, max: op.max, greedy });
      lastRepeat = text2;
      continue;
    }
    lastRepeat = "";
    const c = chars2[i];
    switch (c) {
      case "(": {
        const r = rest();
        if (r.startsWith("(?")) {
          if (r.startsWith("(?P<") && r.length > 4) {
            const end2 = r.indexOf(">");
            if (end2 < 0) throw new ReError(`invalid named capture: \`${r}\``);
            const name2 = r.slice(4, end2);
            if (!/^[A-Za-z0-9_]+$/.test(name2))
              throw new ReError(`invalid named capture: \`${r.slice(0, end2 + 1)}\``);
            names.push(name2);
            stack.push(frame);
            frame = { alts: [], cur: [], cap: names.length - 1, saved: flags };
            i += Array.from(r.slice(0, end2 + 1)).length;
            continue;
          }
          let k = 2;
          const f = { ...flags };
          let sign = 1;
          let saw = false;
          let done = false;
          while (k < r.length) {
            const ch = r[k];
            k++;
            if (ch === "i" || ch === "m" || ch === "s" || ch === "U") {
              f[ch] = sign > 0;
              saw = true;
            } else if (ch === "-" && sign > 0) {
              sign = -1;
              saw = false;
            } else if ((ch === ":" || ch === ")") && !(sign < 0 && !saw)) {
              if (ch === ":") {
                stack.push(frame);
                frame = { alts: [], cur: [], cap: 0, saved: flags };
              }
              flags = f;
              done = true;
              break;
            } else break;
          }
          if (!done) throw new ReError(`invalid or unsupported Perl syntax: \`${r.slice(0, k)}\``);
          i += Array.from(r.slice(0, k)).length;
          continue;
        }
        names.push(null);
        stack.push(frame);
        frame = { alts: [], cur: [], cap: names.length - 1, saved: flags };
        i++;
        continue;
      }
      case ")": {
        if (stack.length === 0) throw new ReError(`unexpected ): \`${re}\``);
        frame.alts.push(frame.cur);
        const body2 = frame.alts.length === 1 ? { t: "cat", xs: frame.alts[0] } : { t: "alt", xs: frame.alts.map((xs) => ({ t: "cat", xs })) };
        const node = frame.cap > 0 ? { t: "cap", n: frame.cap, x: body2 } : body2;
        flags = frame.saved;
        frame = stack.pop();
        frame.cur.push(node);
        i++;
        continue;
      }
      case "|":
        frame.alts.push(frame.cur);
        frame.cur = [];
        i++;
        continue;
      case "[":
        frame.cur.push({ t: "set", set: parseClass() });
        continue;
      case ".":
        frame.cur.push({
          t: "set",
          set: {
            ranges: flags.s ? [[0, MAX]] : [
              [0, 9],
              [11, MAX]
            ],
            preds: [],
            negated: false,
            fold: false
          }
        });
        i++;
        continue;
      case "^":
        frame.cur.push({ t: "assert", kind: flags.m ? "bol" : "bot" });
        i++;
        continue;
      case "$":
        frame.cur.push({ t: "assert", kind: flags.m ? "eol" : "eot" });
        i++;
        continue;
      case "\\": {
        const e = escape2(false);
        if (e.text) {
          for (const t of e.text) frame.cur.push(lit(t, flags.i));
        } else if (e.assert) frame.cur.push({ t: "assert", kind: e.assert });
        else if (e.set) frame.cur.push({ t: "set", set: { ...e.set, fold: false } });
        else frame.cur.push(lit(e.c, flags.i));
        continue;
      }
      default:
        frame.cur.push(lit(c.codePointAt(0), flags.i));
        i++;
    }
  }
  if (stack.length > 0) throw new ReError(`missing closing ): \`${re}\``);
  frame.alts.push(frame.cur);
  const body = frame.alts.length === 1 ? { t: "cat", xs: frame.alts[0] } : { t: "alt", xs: frame.alts.map((xs) => ({ t: "cat", xs })) };
  return { node: body, ncap: names.length, names };
}
var MAX_PROG = 5e4;
function compile(p) {
  const prog = [];
  const emit = (ins) => {
    if (prog.length >= MAX_PROG) throw new ReError("expression too large");
    prog.push(ins);
    return prog.length - 1;
  };
  const gen = (n3) => {
    switch (n3.t) {
      case "set":
        emit({ op: "set", set: n3.set, next: prog.length + 1 });
        return;
      case "assert":
        emit({ op: "assert", kind: n3.kind, next: prog.length + 1 });
        return;
      case "cat":
        for (const x of n3.xs) gen(x);
        return;
      case "cap":
        emit({ op: "save", n: 2 * n3.n, next: prog.length + 1 });
        gen(n3.x);
        emit({ op: "save", n: 2 * n3.n + 1, next: prog.length + 1 });
        return;
      case "alt": {
        const jumps = [];
        n3.xs.forEach((x, k) => {
          if (k < n3.xs.length - 1) {
            const sp = emit({ op: "split", x: 0, y: 0 });
            prog[sp].x = prog.length;
            gen(x);
            jumps.push(emit({ op: "jmp", x: 0 }));
            prog[sp].y = prog.length;
          } else gen(x);
        });
        for (const j of jumps) prog[j].x = prog.length;
        return;
      }
      case "rep": {
        const { x, min, max, greedy } = n3;
        for (let k = 0; k < min; k++) gen(x);
        if (max === -1) {
          const sp = emit({ op: "split", x: 0, y: 0 });
          const body = prog.length;
          gen(x);
          emit({ op: "jmp", x: sp });
          const after = prog.length;
          prog[sp] = greedy ? { op: "split", x: body, y: after } : { op: "split", x: after, y: body };
        } else {
          const splits = [];
          for (let k = min; k < max; k++) {
            splits.push(emit({ op: "split", x: 0, y: 0 }));
            const body = prog.length;
            gen(x);
            prog[splits[splits.length - 1]].x = body;
          }
          const after = prog.length;
          for (const sp of splits) {
            const body = prog[sp].x;
            prog[sp] = greedy ? { op: "split", x: body, y: after } : { op: "split", x: after, y: body };
          }
        }
        return;
      }
    }
  };
  emit({ op: "save", n: 0, next: 1 });
  gen(p.node);
  emit({ op: "save", n: 1, next: prog.length + 1 });
  emit({ op: "match" });
  return prog;
}
var Regexp = class {
  constructor(source) {
    this.source = source;
    const p = parse2(source);
    this.ncap = p.ncap;
    this.names = p.names;
    this.prog = compile(p);
  }
  source;
  prog;
  ncap;
  names;
};
var isWord = (c) => c !== void 0 && (c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 95);
var Input = class {
  constructor(s) {
    this.s = s;
    let o = 0;
    for (const ch of s) {
      this.off.push(o);
      this.cps.push(ch.codePointAt(0));
      o += ch.length;
    }
    this.off.push(o);
  }
  s;
  cps = [];
  off = [];
  /** The text between two code point positions. */
  slice(a, b) {
    return this.s.slice(this.off[a], this.off[b]);
  }
};
function execute(re, input, start2, charge) {
  const prog = re.prog;
  const n3 = input.cps.length;
  const cps = input.cps;
  const ncapSlots = re.ncap * 2;
  let clist = [];
  let nlist = [];
  const mark = new Int32Array(prog.length).fill(-1);
  let gen = 0;
  let matched = null;
  const add2 = (list, pc0, pos, caps0) => {
    const stack = [[pc0, caps0]];
    while (stack.length > 0) {
      const [pc, caps] = stack.pop();
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      const ins = prog[pc];
      switch (ins.op) {
        case "jmp":
          stack.push([ins.x, caps]);
          break;
        case "split":
          stack.push([ins.y, caps], [ins.x, caps]);
          break;
        case "save": {
          const c2 = caps.slice();
          c2[ins.n] = pos;
          stack.push([ins.next, c2]);
          break;
        }
        case "assert": {
          const prev = pos > 0 ? cps[pos - 1] : void 0;
          const next = pos < n3 ? cps[pos] : void 0;
          let ok = false;
          switch (ins.kind) {
            case "bot":
              ok = pos === 0;
              break;
            case "eot":
              ok = pos === n3;
              break;
            case "bol":
              ok = pos === 0 || prev === 10;
              break;
            case "eol":
              ok = pos === n3 || next === 10;
              break;
            case "wb":
              ok = isWord(prev) !== isWord(next);
              break;
            case "nwb":
              ok = isWord(prev) === isWord(next);
              break;
          }
          if (ok) stack.push([ins.next, caps]);
          break;
        }
        default:
          list.push({ pc, caps });
      }
    }
  };
  gen = 1;
  for (let pos = start2; pos <= n3; pos++) {
    if (matched === null) add2(clist, 0, pos, new Int32Array(ncapSlots).fill(-1));
    gen++;
    if (clist.length === 0) {
      if (matched !== null) break;
      continue;
    }
    charge(clist.length);
    for (const t of clist) {
      const ins = prog[t.pc];
      if (ins.op === "match") {
        matched = t.caps;
        break;
      }
      if (ins.op === "set" && pos < n3 && setMatches(ins.set, cps[pos]))
        add2(nlist, ins.next, pos + 1, t.caps);
    }
    [clist, nlist] = [nlist, clist];
    nlist.length = 0;
  }
  return matched;
}

// src/template/sprig/regex.ts
var cache = /* @__PURE__ */ new Map();
function compile2(re) {
  let r = cache.get(re);
  if (r === void 0) {
    try {
      r = new Regexp(re);
    } catch (e) {
      if (!(e instanceof ReError)) throw e;
      r = new ReError(`error parsing regexp: ${e.message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(re, r);
  }
  if (r instanceof ReError) throw r;
  return r;
}
var start = (m) => m.caps[0];
var end = (m) => m.caps[1];
var text = (m, k = 0) => {
  const a = m.caps[2 * k];
  return a < 0 ? "" : m.input.slice(a, m.caps[2 * k + 1]);
};
function find(ctx, re, input, pos) {
  const caps = execute(re, input, pos, (n3) => ctx.charge(n3));
  return caps ? { caps, input, re } : null;
}
function allMatches(ctx, re, input, n3) {
  const len = input.cps.length;
  if (n3 < 0) n3 = len + 1;
  const out = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n3 && pos <= len) {
    const m = find(ctx, re, input, pos);
    if (!m) break;
    let accept = true;
    if (end(m) === pos) {
      if (start(m) === prevEnd) accept = false;
      pos += 1;
    } else pos = end(m);
    prevEnd = end(m);
    if (accept) out.push(m);
  }
  return out;
}
function expand(tpl, m) {
  let out = "";
  let i = 0;
  while (i < tpl.length) {
    const d = tpl.indexOf("$", i);
    if (d < 0) {
      out += tpl.slice(i);
      break;
    }
    out += tpl.slice(i, d);
    i = d + 1;
    if (tpl[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name2 = null;
    if (tpl[i] === "{") {
      const close = tpl.indexOf("}", i);
      const nm = close < 0 ? "" : tpl.slice(i + 1, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(nm)) {
        name2 = nm;
        i = close + 1;
      }
    } else {
      const nm = /^[A-Za-z0-9_]+/.exec(tpl.slice(i));
      if (nm) {
        name2 = nm[0];
        i += nm[0].length;
      }
    }
    if (name2 === null) {
      out += "$";
      continue;
    }
    if (/^\d+$/.test(name2)) {
      const k = Number(name2);
      if (k < m.re.ncap) out += text(m, k);
    } else {
      const k = m.re.names.indexOf(name2);
      if (k > 0) out += text(m, k);
    }
  }
  return out;
}
function replaceAll2(ctx, re, input, repl) {
  const len = input.cps.length;
  let out = "";
  let lastEnd = 0;
  let pos = 0;
  while (pos <= len) {
    const m = find(ctx, re, input, pos);
    if (!m) break;
    out += input.slice(lastEnd, start(m));
    if (end(m) > lastEnd || start(m) === 0) {
      const r = repl(m);
      ctx.charge(r.length);
      out += r;
    }
    lastEnd = end(m);
    const w = pos < len ? 1 : 0;
    if (pos + w > end(m)) pos += w;
    else if (pos + 1 > end(m)) pos++;
    else pos = end(m);
  }
  return out + input.slice(lastEnd, len);
}
function split(ctx, pattern, re, input, n3) {
  if (n3 === 0) return [];
  const len = input.cps.length;
  if (pattern.length > 0 && len === 0) return [""];
  const ms = allMatches(ctx, re, input, n3);
  const out = [];
  let beg = 0;
  let e = 0;
  for (const m of ms) {
    if (n3 > 0 && out.length === n3 - 1) break;
    e = start(m);
    if (end(m) !== 0) out.push(input.slice(beg, e));
    beg = end(m);
  }
  if (e !== len) out.push(input.slice(beg, len));
  return out;
}
function quoteMeta(s) {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
function mustCompile(re) {
  try {
    return compile2(re);
  } catch (e) {
    if (e instanceof ReError)
      throw new FuncError(`regexp: Compile(${goBackquote(re)}): ${e.message}`);
    throw e;
  }
}
function compileErr(re) {
  try {
    return compile2(re);
  } catch (e) {
    if (e instanceof ReError) throw new FuncError(e.message);
    throw e;
  }
}
function goBackquote(s) {
  return /^[^`\p{C}]*$/u.test(s) ? "`" + s + "`" : JSON.stringify(s);
}
var n2 = (b) => Number(BigInt.asIntN(64, b));
var findAll = (name2, must) => goFunc(
  name2,
  `func(regex string, s string, n int) ${must ? "([]string, error)" : "[]string"}`,
  (ctx, re, s, k) => {
    const r = must ? compileErr(re) : mustCompile(re);
    return allMatches(ctx, r, new Input(s), n2(k)).map((m) => text(m));
  }
);
var findOne = (name2, must) => goFunc(
  name2,
  `func(regex string, s string) ${must ? "(string, error)" : "string"}`,
  (_c, re, s) => {
    const r = must ? compileErr(re) : mustCompile(re);
    const m = find(_c, r, new Input(s), 0);
    return m ? text(m) : "";
  }
);
var replace = (name2, must, literal) => goFunc(
  name2,
  `func(regex string, s string, repl string) ${must ? "(string, error)" : "string"}`,
  (ctx, re, s, repl) => {
    const r = must ? compileErr(re) : mustCompile(re);
    return replaceAll2(ctx, r, new Input(s), literal ? () => repl : (m) => expand(repl, m));
  }
);
var splitF = (name2, must) => goFunc(
  name2,
  `func(regex string, s string, n int) ${must ? "([]string, error)" : "[]string"}`,
  (ctx, re, s, k) => {
    const r = must ? compileErr(re) : mustCompile(re);
    return split(ctx, re, r, new Input(s), n2(k));
  }
);
var regexFuncs = {
  regexMatch: goFunc(
    "regexMatch",
    "func(regex string, s string) bool",
    (ctx, re, s) => {
      try {
        return find(ctx, compile2(re), new Input(s), 0) !== null;
      } catch (e) {
        if (e instanceof ReError) return false;
        throw e;
      }
    }
  ),
  mustRegexMatch: goFunc(
    "mustRegexMatch",
    "func(regex string, s string) (bool, error)",
    (ctx, re, s) => find(ctx, compileErr(re), new Input(s), 0) !== null
  ),
  regexFindAll: findAll("regexFindAll", false),
  mustRegexFindAll: findAll("mustRegexFindAll", true),
  regexFind: findOne("regexFind", false),
  mustRegexFind: findOne("mustRegexFind", true),
  regexReplaceAll: replace("regexReplaceAll", false, false),
  mustRegexReplaceAll: replace("mustRegexReplaceAll", true, false),
  regexReplaceAllLiteral: replace("regexReplaceAllLiteral", false, true),
  mustRegexReplaceAllLiteral: replace("mustRegexReplaceAllLiteral", true, true),
  regexSplit: splitF("regexSplit", false),
  mustRegexSplit: splitF("mustRegexSplit", true),
  regexQuoteMeta: goFunc(
    "regexQuoteMeta",
    "func(s string) string",
    (_c, s) => quoteMeta(s)
  )
};

// src/template/sprig/semver.ts
var S = "[\\t\\n\\f\\r ]";
var semVerRegex = "v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
var versionRe = new RegExp("^" + semVerRegex + "$");
var cvRegex = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
var ops = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
var constraintRe = new RegExp(`^${S}*(${ops})${S}*(${cvRegex})${S}*$`);
var rangeRe = new RegExp(`${S}*(${cvRegex})${S}+-${S}+(${cvRegex})${S}*`, "g");
var findRe = new RegExp(`(${ops})${S}*(${cvRegex})`, "g");
var validRe = new RegExp(
  `^(${S}*(${ops})${S}*(${cvRegex})${S}*)((?:${S}+|,${S}*)(${ops})${S}*(${cvRegex})${S}*)*$`
);
var U64 = (1n << 64n) - 1n;
var num = /^[0-9]*$/;
var allowed = /^[0-9A-Za-z-]*$/;
function parseU64(s) {
  const v = BigInt(s);
  if (v > U64)
    throw new FuncError(
      `Error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`
    );
  return v;
}
function validatePrerelease(p) {
  for (const part of p.split(".")) {
    if (num.test(part)) {
      if (part.length > 1 && part[0] === "0") throw new FuncError("Version segment starts with 0");
    } else if (!allowed.test(part)) throw new FuncError("Invalid Prerelease string");
  }
}
var SemverVersion = class _SemverVersion extends GoObject {
  constructor(major, minor, patch, pre, metadata, original, pointer = true) {
    super();
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.pre = pre;
    this.metadata = metadata;
    this.original = original;
    this.pointer = pointer;
    this.goKind = pointer ? "ptr" : "struct";
    this.goType = pointer ? "*semver.Version" : "semver.Version";
  }
  major;
  minor;
  patch;
  pre;
  metadata;
  original;
  pointer;
  goKind;
  goType;
  static parse(v) {
    const m = versionRe.exec(v);
    if (!m) throw new FuncError("Invalid Semantic Version");
    const major = parseU64(m[1]);
    const minor = m[2] ? parseU64(m[2].slice(1)) : 0n;
    const patch = m[3] ? parseU64(m[3].slice(1)) : 0n;
    const pre = m[5] ?? "";
    const meta = m[8] ?? "";
    if (pre !== "") validatePrerelease(pre);
    if (meta !== "") {
      for (const p of meta.split("."))
        if (!allowed.test(p)) throw new FuncError("Invalid Metadata string");
    }
    return new _SemverVersion(major, minor, patch, pre, meta, v);
  }
  str() {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? "-" + this.pre : ""}${this.metadata ? "+" + this.metadata : ""}`;
  }
  goString() {
    return this.str();
  }
  jsonValue() {
    return this.str();
  }
  yamlValue() {
    return this.str();
  }
  goEqual(o) {
    return o instanceof _SemverVersion && o.str() === this.str() && o.original === this.original;
  }
  compare(o) {
    const seg = (a, b) => a < b ? -1 : a > b ? 1 : 0;
    const d = seg(this.major, o.major) || seg(this.minor, o.minor) || seg(this.patch, o.patch);
    if (d !== 0) return d;
    if (this.pre === "" && o.pre === "") return 0;
    if (this.pre === "") return 1;
    if (o.pre === "") return -1;
    return comparePrerelease(this.pre, o.pre);
  }
  vPrefix() {
    return this.original.startsWith("v") ? "v" : "";
  }
  next(major, minor, patch, pre, meta) {
    const s = new _SemverVersion(major, minor, patch, pre, meta, "", false);
    return new _SemverVersion(major, minor, patch, pre, meta, this.vPrefix() + s.str(), false);
  }
  method(name2) {
    const other = (o) => {
      if (o instanceof _SemverVersion) return o;
      throw new FuncError("invalid memory address or nil pointer dereference");
    };
    const m = {
      String: goFunc("String", "func() string", () => this.str()),
      Major: goFunc("Major", "func() uint64", () => this.major),
      Minor: goFunc("Minor", "func() uint64", () => this.minor),
      Patch: goFunc("Patch", "func() uint64", () => this.patch),
      Prerelease: goFunc("Prerelease", "func() string", () => this.pre),
      Metadata: goFunc("Metadata", "func() string", () => this.metadata),
      IncPatch: goFunc(
        "IncPatch",
        "func() semver.Version",
        () => this.pre !== "" ? this.next(this.major, this.minor, this.patch, "", "") : this.next(this.major, this.minor, this.patch + 1n, "", "")
      ),
      IncMinor: goFunc(
        "IncMinor",
        "func() semver.Version",
        () => this.next(this.major, this.minor + 1n, 0n, "", "")
      ),
      IncMajor: goFunc(
        "IncMajor",
        "func() semver.Version",
        () => this.next(this.major + 1n, 0n, 0n, "", "")
      ),
      SetPrerelease: goFunc(
        "SetPrerelease",
        "func(prerelease string) (semver.Version, error)",
        (_c, p) => {
          if (p !== "") validatePrerelease(p);
          return this.next(this.major, this.minor, this.patch, p, this.metadata);
        }
      ),
      SetMetadata: goFunc(
        "SetMetadata",
        "func(metadata string) (semver.Version, error)",
        (_c, p) => {
          if (p !== "") {
            for (const x of p.split("."))
              if (!allowed.test(x)) throw new FuncError("Invalid Metadata string");
          }
          return this.next(this.major, this.minor, this.patch, this.pre, p);
        }
      )
    };
    if (this.pointer) {
      Object.assign(m, {
        Original: goFunc("Original", "func() string", () => this.original),
        LessThan: goFunc(
          "LessThan",
          "func(o *semver.Version) bool",
          (_c, o) => this.compare(other(o)) < 0
        ),
        GreaterThan: goFunc(
          "GreaterThan",
          "func(o *semver.Version) bool",
          (_c, o) => this.compare(other(o)) > 0
        ),
        Equal: goFunc(
          "Equal",
          "func(o *semver.Version) bool",
          (_c, o) => this.compare(other(o)) === 0
        ),
        Compare: goFunc(
          "Compare",
          "func(o *semver.Version) int",
          (_c, o) => this.compare(other(o))
        )
      });
    }
    return m[name2];
  }
};
function comparePrerelease(v, o) {
  const sp = v.split(".");
  const op = o.split(".");
  const l = Math.max(sp.length, op.length);
  for (let i = 0; i < l; i++) {
    const d = comparePrePart(sp[i] ?? "", op[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}
function comparePrePart(s, o) {
  if (s === o) return 0;
  if (s === "") return o !== "" ? -1 : 1;
  if (o === "") return s !== "" ? 1 : -1;
  const isU = (x) => /^[0-9]+$/.test(x) && BigInt(x) <= U64;
  const oi = isU(o);
  const si = isU(s);
  if (!oi && !si) return s > o ? 1 : -1;
  if (!oi) return -1;
  if (!si) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}
var isX = (x) => x === "x" || x === "*" || x === "X";
function parseConstraint(c) {
  if (c.length === 0) {
    return {
      con: SemverVersion.parse("0.0.0"),
      orig: c,
      op: "",
      minorDirty: false,
      patchDirty: false,
      dirty: true
    };
  }
  const m = constraintRe.exec(c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  const m3 = m[3] ?? "";
  const m4 = m[4] ?? "";
  const m5 = m[5] ?? "";
  const m6 = m[6] ?? "";
  let ver = m[2];
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(m3) || m3 === "") {
    ver = `0.0.0${m6}`;
    dirty = true;
  } else if (isX(m4.replace(/^\./, "")) || m4 === "") {
    minorDirty = true;
    dirty = true;
    ver = `${m3}.0.0${m6}`;
  } else if (isX(m5.replace(/^\./, "")) || m5 === "") {
    dirty = true;
    patchDirty = true;
    ver = `${m3}${m4}.0${m6}`;
  }
  let con;
  try {
    con = SemverVersion.parse(ver);
  } catch {
    throw new FuncError("constraint Parser Error");
  }
  return { con, orig: m[2], op: m[1], minorDirty, patchDirty, dirty };
}
function tilde(v, c) {
  if (v.pre !== "" && c.con.pre === "") return false;
  if (v.compare(c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty)
    return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}
function check(v, c) {
  const preBlocked = v.pre !== "" && c.con.pre === "";
  switch (c.op) {
    case "":
    case "=":
      if (preBlocked) return false;
      if (c.dirty) return tilde(v, c);
      return v.compare(c.con) === 0;
    case "!=":
      if (c.dirty) {
        if (preBlocked) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        else if (c.minorDirty) return false;
        else if (c.con.patch !== v.patch && !c.patchDirty) return true;
        else if (c.patchDirty) {
          if (v.pre !== "" || c.con.pre !== "") return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return v.compare(c.con) !== 0;
    case ">":
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return v.compare(c.con) === 1;
    case "<":
      if (preBlocked) return false;
      return v.compare(c.con) < 0;
    case ">=":
    case "=>":
      if (preBlocked) return false;
      return v.compare(c.con) >= 0;
    case "<=":
    case "=<":
      if (preBlocked) return false;
      if (!c.dirty) return v.compare(c.con) <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      if (preBlocked) return false;
      if (v.compare(c.con) < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}
function parseConstraints(c0) {
  let c = c0;
  const ranges = [...c0.matchAll(rangeRe)];
  for (const r of ranges) c = c.replace(r[0], `>= ${r[1]}, <= ${r[11]}`);
  return c.split("||").map((v) => {
    if (!validRe.test(v)) throw new FuncError(`improper constraint: ${v}`);
    const found = [...v.matchAll(findRe)].map((x) => x[0]);
    const cs = found.length === 0 ? [v] : found;
    return cs.map(parseConstraint);
  });
}
var semverFuncs = {
  semver: goFunc(
    "semver",
    "func(version string) (*semver.Version, error)",
    (_c, v) => SemverVersion.parse(v)
  ),
  semverCompare: goFunc(
    "semverCompare",
    "func(constraint, version string) (bool, error)",
    (_c, c, v) => {
      const cs = parseConstraints(c);
      const ver = SemverVersion.parse(v);
      return cs.some((and) => and.every((x) => check(ver, x)));
    }
  )
};

// src/template/sprig/url.ts
function shouldEscape(c, mode) {
  if (c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 2 /* host */ || mode === 3 /* zone */) && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case 0 /* path */:
        return ch === "?";
      case 1 /* pathSegment */:
        return "/;,?".includes(ch);
      case 4 /* userPassword */:
        return "@/?:".includes(ch);
      case 5 /* queryComponent */:
        return true;
      case 6 /* fragment */:
        return false;
    }
  }
  if (mode === 6 /* fragment */ && "!()*".includes(ch)) return false;
  return true;
}
function escape(s, mode) {
  let out = "";
  for (const b of utf8(s)) {
    if (b === 32 && mode === 5 /* queryComponent */) out += "+";
    else if (shouldEscape(b, mode)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    else out += String.fromCharCode(b);
  }
  return out;
}
var ishex = (c) => c !== void 0 && (c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70);
function unescape(s, mode) {
  const b = utf8(s);
  const out = [];
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c === 37) {
      if (i + 2 >= b.length || !ishex(b[i + 1]) || !ishex(b[i + 2])) {
        throw new FuncError(`invalid URL escape ${goQuoteBytes(b.subarray(i, i + 3))}`);
      }
      const v = parseInt(String.fromCharCode(b[i + 1], b[i + 2]), 16);
      const esc = fromUtf8(b.subarray(i, i + 3));
      if (mode === 2 /* host */ && parseInt(String.fromCharCode(b[i + 1]), 16) < 8 && esc !== "%25") {
        throw new FuncError(`invalid URL escape ${goQuoteBytes(b.subarray(i, i + 3))}`);
      }
      out.push(v);
      i += 3;
    } else if (c === 43) {
      out.push(mode === 5 /* queryComponent */ ? 32 : 43);
      i++;
    } else {
      if ((mode === 2 /* host */ || mode === 3 /* zone */) && c < 128 && shouldEscape(c, mode)) {
        throw new FuncError(`invalid character ${goQuote2(String.fromCharCode(c))} in host name`);
      }
      out.push(c);
      i++;
    }
  }
  return fromUtf8(Uint8Array.from(out));
}
var validOptionalPort = (p) => p === "" || /^:[0-9]*$/.test(p);
function parseHost(host) {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new FuncError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new FuncError(`invalid port ${goQuote2(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1 && !validOptionalPort(host.slice(i))) {
      throw new FuncError(`invalid port ${goQuote2(host.slice(i))} after host`);
    }
  }
  return unescape(host, 2 /* host */);
}
function parseURL(raw) {
  const u2 = {
    scheme: "",
    opaque: "",
    user: null,
    host: "",
    path: "",
    rawPath: "",
    rawQuery: "",
    forceQuery: false,
    fragment: "",
    rawFragment: "",
    omitHost: false
  };
  const hash = raw.indexOf("#");
  const main = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? "" : raw.slice(hash + 1);
  const fail2 = (url, msg) => new FuncError(`parse ${goQuote2(url)}: ${msg}`);
  const wrap2 = (url, f) => {
    try {
      return f();
    } catch (e) {
      if (e instanceof FuncError) throw fail2(url, e.message);
      throw e;
    }
  };
  wrap2(main, () => {
    if (Array.from(main).some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127))
      throw new FuncError("net/url: invalid control character in URL");
    if (main === "*") {
      u2.path = "*";
      return;
    }
    let rest = main;
    for (let i = 0; i < main.length; i++) {
      const c = main[i];
      if (/[a-zA-Z]/.test(c)) continue;
      if (/[0-9+\-.]/.test(c)) {
        if (i === 0) break;
        continue;
      }
      if (c === ":") {
        if (i === 0) throw new FuncError("missing protocol scheme");
        u2.scheme = main.slice(0, i).toLowerCase();
        rest = main.slice(i + 1);
      }
      break;
    }
    if (rest.endsWith("?") && rest.split("?").length === 2) {
      u2.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf("?");
      if (q >= 0) {
        u2.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (u2.scheme !== "") {
        u2.opaque = rest;
        return;
      }
      if (rest.split("/")[0].includes(":"))
        throw new FuncError("first path segment in URL cannot contain colon");
    }
    if ((u2.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
      let authority = rest.slice(2);
      rest = "";
      const slash = authority.indexOf("/");
      if (slash >= 0) {
        rest = authority.slice(slash);
        authority = authority.slice(0, slash);
      }
      const at = authority.lastIndexOf("@");
      u2.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
      if (at >= 0) {
        const userinfo = authority.slice(0, at);
        if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo))
          throw new FuncError("net/url: invalid userinfo");
        const colon = userinfo.indexOf(":");
        u2.user = colon < 0 ? { username: unescape(userinfo, 4 /* userPassword */) } : {
          username: unescape(userinfo.slice(0, colon), 4 /* userPassword */),
          password: unescape(userinfo.slice(colon + 1), 4 /* userPassword */)
        };
      }
    } else if (u2.scheme !== "" && rest.startsWith("/")) u2.omitHost = true;
    u2.path = unescape(rest, 0 /* path */);
    u2.rawPath = escape(u2.path, 0 /* path */) === rest ? "" : rest;
  });
  if (frag !== "") {
    wrap2(raw, () => {
      u2.fragment = unescape(frag, 6 /* fragment */);
      u2.rawFragment = escape(u2.fragment, 6 /* fragment */) === frag ? "" : frag;
    });
  }
  return u2;
}
var userString = (u2) => escape(u2.username, 4 /* userPassword */) + (u2.password !== void 0 ? ":" + escape(u2.password, 4 /* userPassword */) : "");
function validEncoded(s, mode) {
  for (const b of utf8(s)) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(b))) continue;
    if (shouldEscape(b, mode)) return false;
  }
  return true;
}
function urlString(u2) {
  let buf = "";
  if (u2.scheme !== "") buf += u2.scheme + ":";
  if (u2.opaque !== "") buf += u2.opaque;
  else {
    if (u2.scheme !== "" || u2.host !== "" || u2.user !== null) {
      if (!(u2.omitHost && u2.host === "" && u2.user === null)) {
        if (u2.host !== "" || u2.path !== "" || u2.user !== null) buf += "//";
        if (u2.user) buf += userString(u2.user) + "@";
        if (u2.host !== "") buf += escape(u2.host, 2 /* host */);
      }
    }
    let path;
    if (u2.rawPath !== "" && validEncoded(u2.rawPath, 0 /* path */) && safeUnescape(u2.rawPath, 0 /* path */) === u2.path)
      path = u2.rawPath;
    else if (u2.path === "*") path = "*";
    else path = escape(u2.path, 0 /* path */);
    if (path !== "" && path[0] !== "/" && u2.host !== "") buf += "/";
    if (buf === "" && path.split("/")[0].includes(":")) buf += "./";
    buf += path;
  }
  if (u2.forceQuery || u2.rawQuery !== "") buf += "?" + u2.rawQuery;
  if (u2.fragment !== "") {
    let f;
    if (u2.rawFragment !== "" && validEncoded(u2.rawFragment, 6 /* fragment */) && safeUnescape(u2.rawFragment, 6 /* fragment */) === u2.fragment)
      f = u2.rawFragment;
    else f = escape(u2.fragment, 6 /* fragment */);
    buf += "#" + f;
  }
  return buf;
}
function safeUnescape(s, m) {
  try {
    return unescape(s, m);
  } catch {
    return null;
  }
}
function hostname(host) {
  let h = host;
  const colon = h.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return h;
}
function dictGetOrEmpty(d, key) {
  if (d === null || !Object.prototype.hasOwnProperty.call(d, key)) return "";
  const v = d[key];
  if (typeof v !== "string") {
    if (v === null) throw new FuncError("invalid memory address or nil pointer dereference");
    throw new FuncError(
      `unable to parse ${key} key, must be of type string, but ${kindOf(v)} found`
    );
  }
  return v;
}
var urlFuncs = {
  urlParse: goFunc("urlParse", "func(v string) map[string]interface{}", (_c, s) => {
    let u2;
    try {
      u2 = parseURL(s);
    } catch (e) {
      if (e instanceof FuncError) throw new FuncError(`unable to parse url: ${e.message}`);
      throw e;
    }
    return {
      scheme: u2.scheme,
      host: u2.host,
      hostname: hostname(u2.host),
      path: u2.path,
      query: u2.rawQuery,
      opaque: u2.opaque,
      fragment: u2.fragment,
      userinfo: u2.user ? userString(u2.user) : ""
    };
  }),
  urlJoin: goFunc("urlJoin", "func(d map[string]interface{}) string", (_c, d) => {
    const u2 = {
      scheme: dictGetOrEmpty(d, "scheme"),
      host: dictGetOrEmpty(d, "host"),
      path: dictGetOrEmpty(d, "path"),
      rawQuery: dictGetOrEmpty(d, "query"),
      opaque: dictGetOrEmpty(d, "opaque"),
      fragment: dictGetOrEmpty(d, "fragment"),
      user: null,
      rawPath: "",
      rawFragment: "",
      forceQuery: false,
      omitHost: false
    };
    const userinfo = dictGetOrEmpty(d, "userinfo");
    if (userinfo !== "") {
      try {
        u2.user = parseURL(`proto://${userinfo}@host`).user;
      } catch (e) {
        if (e instanceof FuncError)
          throw new FuncError(`unable to parse userinfo in dict: ${e.message}`);
        throw e;
      }
    }
    return urlString(u2);
  })
};

// src/template/sprig/yaml.ts
var hasYAML = (o) => typeof o.yamlValue === "function";
var boolNull = /* @__PURE__ */ new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "true",
  "True",
  "TRUE",
  "on",
  "On",
  "ON",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "false",
  "False",
  "FALSE",
  "off",
  "Off",
  "OFF",
  "",
  "~",
  "null",
  "Null",
  "NULL",
  ".nan",
  ".NaN",
  ".NAN",
  ".inf",
  ".Inf",
  ".INF",
  "+.inf",
  "+.Inf",
  "+.INF",
  "-.inf",
  "-.Inf",
  "-.INF",
  "<<"
]);
var yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
var base60float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
var timestamp = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;
function resolvesNonString(s) {
  const c = s[0];
  const hint = s === "" ? "N" : c === "+" || c === "-" ? "S" : c !== void 0 && c >= "0" && c <= "9" ? "D" : c !== void 0 && "yYnNtTfFoO~".includes(c) ? "M" : c === "." ? "." : "";
  if (hint === "") return false;
  if (boolNull.has(s)) return true;
  if (hint === "M") return false;
  if (hint === ".") return parseGoFloat(s) !== null;
  if (timestamp.test(s)) {
    const m = timestamp.exec(s);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && m[2].length <= 2) return true;
  }
  const plain = s.replace(/_/g, "");
  if (parseIntBase0(plain) !== null) return true;
  if (parseUint(plain)) return true;
  if (yamlStyleFloat.test(plain) && parseGoFloat(plain) !== null) return true;
  if (plain.startsWith("0b") && /^[01]+$/.test(plain.slice(2))) return true;
  if (plain.startsWith("-0b") && /^[01]+$/.test(plain.slice(3))) return true;
  return false;
}
function parseUint(s) {
  if (s.startsWith("-") || s.startsWith("+")) return false;
  const v = parseIntBase0("-" + s);
  return v !== null;
}
function keyLess(a, b) {
  const ar = Array.from(a, (c) => c.codePointAt(0));
  const br = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i];
    const y = br[i];
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++)
      an = an * 10n + BigInt(ar[ai] - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++)
      bn = bn * 10n + BigInt(br[bi] - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}
var isBreak = (c) => c === 10 || c === 13 || c === 133 || c === 8232 || c === 8233;
var isPrintable = (c) => c === 10 || c >= 32 && c <= 126 || c >= 160 && c <= 55295 || c >= 57344 && c <= 65533 && c !== 65279;
function analyze(cs) {
  if (cs.length === 0)
    return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const s = String.fromCodePoint(...cs.slice(0, 3));
  if (s === "---" || s === "...") {
    blockInd = true;
    flowInd = true;
  }
  let preceded = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    const next = cs[i + 1];
    const followed = next === void 0 || next === 32 || next === 9;
    const ch = String.fromCodePoint(c);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) {
        flowInd = true;
        blockInd = true;
      } else if (ch === "?" || ch === ":") {
        flowInd = true;
        if (followed) blockInd = true;
      } else if (ch === "-" && followed) {
        flowInd = true;
        blockInd = true;
      }
    } else if (",?[]{}".includes(ch)) flowInd = true;
    else if (ch === ":") {
      flowInd = true;
      if (followed) blockInd = true;
    } else if (ch === "#" && preceded) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    preceded = c === 32 || c === 9 || isBreak(c) || c === 0;
  }
  const a = {
    multiline: lineBreaks,
    flowPlain: true,
    blockPlain: true,
    single: true,
    block: true
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
    a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.single = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.single = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}
var Emitter = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  out = [];
  column = 0;
  indent = -1;
  indents = [];
  whitespace = true;
  indention = true;
  put(s) {
    this.out.push(s);
    this.column += s.length;
  }
  putCp(c) {
    this.out.push(String.fromCodePoint(c));
    this.column += 1;
  }
  putBreak() {
    this.out.push("\n");
    this.column = 0;
    this.ctx.charge(1);
  }
  writeIndent() {
    const indent2 = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent2 || this.column === indent2 && !this.whitespace)
      this.putBreak();
    while (this.column < indent2) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }
  indicator(ind2, needWs, isWs, isInd) {
    if (needWs && !this.whitespace) this.put(" ");
    this.put(ind2);
    this.whitespace = isWs;
    this.indention = this.indention && isInd;
  }
  increase(flow, indentless) {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? 2 : 0;
    else if (!indentless) this.indent += 2;
  }
  pop() {
    this.indent = this.indents.pop();
  }
  scalar(s, requested, simpleKey) {
    const cs = Array.from(s, (c) => c.codePointAt(0));
    const an = analyze(cs);
    let style = requested;
    if (simpleKey && an.multiline) style = "double";
    if (style === "plain") {
      if (!an.blockPlain) style = "single";
      if (cs.length === 0 && simpleKey) style = "single";
    }
    if (style === "single" && !an.single) style = "double";
    if (style === "literal" && (!an.block || simpleKey)) style = "double";
    this.increase(true, false);
    const breaks = !simpleKey;
    switch (style) {
      case "plain":
        this.writePlain(cs, breaks);
        break;
      case "single":
        this.writeSingle(cs, breaks);
        break;
      case "double":
        this.writeDouble(cs, breaks);
        break;
      case "literal":
        this.writeLiteral(cs);
        break;
    }
    this.pop();
  }
  writePlain(cs, allowBreaks) {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > 80 && cs[i + 1] !== 32) this.writeIndent();
        else this.putCp(c);
        spaces = true;
      } else {
        this.putCp(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }
  writeSingle(cs, allowBreaks) {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > 80 && i > 0 && i < cs.length - 1 && cs[i + 1] !== 32) {
          this.writeIndent();
        } else this.putCp(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 10) this.putBreak();
        if (c === 10) this.putBreak();
        else {
          this.out.push(String.fromCodePoint(c));
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 39) this.put("'");
        this.putCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
  writeDouble(cs, allowBreaks) {
    this.indicator('"', true, false, false);
    let spaces = false;
    const esc = {
      0: "0",
      7: "a",
      8: "b",
      9: "t",
      10: "n",
      11: "v",
      12: "f",
      13: "r",
      27: "e",
      34: '"',
      92: "\\",
      133: "N",
      160: "_",
      8232: "L",
      8233: "P"
    };
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (!isPrintable(c) || c === 65279 || isBreak(c) || c === 34 || c === 92) {
        this.put("\\");
        const e = esc[c];
        if (e !== void 0) this.put(e);
        else if (c <= 255) this.put("x" + c.toString(16).toUpperCase().padStart(2, "0"));
        else if (c <= 65535) this.put("u" + c.toString(16).toUpperCase().padStart(4, "0"));
        else this.put("U" + c.toString(16).toUpperCase().padStart(8, "0"));
        spaces = false;
      } else if (c === 32) {
        if (allowBreaks && !spaces && this.column > 80 && i > 0 && i < cs.length - 1) {
          this.writeIndent();
          if (cs[i + 1] === 32) this.put("\\");
        } else this.putCp(c);
        spaces = true;
      } else {
        this.putCp(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
  writeLiteral(cs) {
    this.indicator("|", true, false, false);
    let hints = "";
    if (cs[0] === 32 || isBreak(cs[0])) hints += "2";
    const last = cs[cs.length - 1];
    if (!isBreak(last)) hints += "-";
    else if (cs.length === 1 || isBreak(cs[cs.length - 2])) hints += "+";
    if (hints) this.indicator(hints, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cs) {
      if (isBreak(c)) {
        if (c === 10) this.putBreak();
        else {
          this.out.push(String.fromCodePoint(c));
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.putCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
  // A string scalar, styled as yaml.v2's encoder asks.
  str(s, simpleKey) {
    if (/(?<![\ud800-\udbff])[\udc80-\udcff]/.test(s)) {
      this.indicator("!!binary", true, false, false);
      this.scalar(b64encode(utf8(s)), "plain", simpleKey);
      return;
    }
    const canPlain = !resolvesNonString(s) && !(base60float.test(s) && /^[-+0-9]/.test(s));
    const style = s.includes("\n") ? "literal" : canPlain ? "plain" : "double";
    this.scalar(s, style, simpleKey);
  }
  node(v, ctx) {
    this.ctx.charge(1);
    if (v === null || v === void 0) return this.scalar("null", "plain", false);
    switch (typeof v) {
      case "string":
        return this.str(v, false);
      case "number": {
        let s = formatFloat2(v, "g");
        if (s === "+Inf") s = ".inf";
        else if (s === "-Inf") s = "-.inf";
        else if (s === "NaN") s = ".nan";
        return this.scalar(s, "plain", false);
      }
      case "boolean":
        return this.scalar(v ? "true" : "false", "plain", false);
    }
    if (v instanceof GoInt) return this.scalar(v.value.toString(), "plain", false);
    if (Array.isArray(v)) return this.seq(v, ctx.mapping);
    if (v instanceof GoObject) {
      if (v.isNil()) return this.scalar("null", "plain", false);
      const plain = v.yamlPlainScalar;
      if (plain) return this.scalar(plain.call(v), "plain", false);
      if (hasYAML(v)) return this.node(v.yamlValue(), ctx);
      const entries = v.fieldNames().map((n3) => [n3.toLowerCase(), v.field(n3) ?? null]);
      return this.map(entries);
    }
    if (isGoFunc(v)) return this.scalar("null", "plain", false);
    const m = v;
    const keys = Object.keys(m).sort((a, b) => keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0);
    return this.map(keys.map((k) => [k, m[k]]));
  }
  seq(items, mappingContext) {
    if (items.length === 0) {
      this.increase(true, false);
      this.indicator("[", true, true, false);
      this.indicator("]", false, false, false);
      this.pop();
      return;
    }
    this.increase(false, mappingContext && !this.indention);
    for (const it of items) {
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(it, { mapping: false });
    }
    this.pop();
  }
  map(entries) {
    if (entries.length === 0) {
      this.increase(true, false);
      this.indicator("{", true, true, false);
      this.indicator("}", false, false, false);
      this.pop();
      return;
    }
    this.increase(false, false);
    for (const [k, v] of entries) {
      this.writeIndent();
      if (/[\n\r\u0085\u2028\u2029]/.test(k) || byteLen(k) > 128) {
        this.indicator("?", true, false, true);
        this.str(k, false);
        this.writeIndent();
        this.indicator(":", true, false, true);
      } else {
        this.str(k, true);
        this.indicator(":", false, false, false);
      }
      this.node(v, { mapping: true });
    }
    this.pop();
  }
};
function toYaml(ctx, v) {
  const e = new Emitter(ctx);
  e.node(v, { mapping: false });
  e.indent = -1;
  if (e.column > 0) e.putBreak();
  return e.out.join("");
}
var yamlFuncs = {
  toYaml: goFunc("toYaml", "func(v interface{}) string", (ctx, v) => toYaml(ctx, v))
};

// src/template/sprig/index.ts
var cached = null;
function sprigFuncMap() {
  cached ??= Object.freeze({
    ...stringFuncs,
    ...mathFuncs,
    ...listFuncs,
    ...dictFuncs,
    ...defaultFuncs,
    ...jsonFuncs,
    ...yamlFuncs,
    ...reflectionFuncs,
    ...pathFuncs,
    ...encodingFuncs,
    ...cryptoFuncs,
    ...certFuncs,
    ...semverFuncs,
    ...regexFuncs,
    ...urlFuncs,
    ...dateFuncs
  });
  return cached;
}

// ../../../tmp/prof.ts
var pkg = process.env.PKG === "corpus" ? void 0 : process.env.PKG ?? "kafka";
var cases = corpusCases(pkg).map((c) => decodeCase(c.line));
var engine = createEngine({ funcs: sprigFuncMap(), missingkey: "error", seed: "0" });
var N = Number(process.env.N ?? 300);
for (const c of cases) for (let k = 0; k < 20; k++) engine.tryRender("t", c.template, c.data);
var u0 = process.cpuUsage();
for (const c of cases) for (let k = 0; k < N; k++) engine.tryRender("t", c.template, c.data);
var u = process.cpuUsage(u0);
console.log("cpu us per pass", Math.round((u.user + u.system) / N));
