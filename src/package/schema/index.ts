// Checks operator.yaml and params.yaml against their published JSON Schemas
// (src/model/package-files.ts) and says where each problem is, as
// file:line:column. Pure: takes the files' text.
//
// Errors come from the values as KUDO's decoder reads them (a number where a
// string is expected is its text, unknown keys are dropped), so they agree
// with what Maestro runs. Unknown keys, which KUDO silently ignores, are found
// in the raw YAML and reported as warnings: they are usually typos.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { operatorFileSchema, paramsFileSchema } from '../../model/package-files.ts';
import { goYaml } from '../../model/go-yaml.ts';

export type SchemaFile = 'operator.yaml' | 'params.yaml';

export interface SchemaFinding {
  severity: 'error' | 'warning';
  file: SchemaFile;
  line?: number;
  column?: number;
  /** `plans.deploy.phases[0].strategy must be one of serial, parallel, canary` */
  message: string;
  /** The `package verify` check that reports the same mistake, if one does. */
  check?: string;
}

let validators: Record<SchemaFile, ValidateFunction> | undefined;

function validator(file: SchemaFile): ValidateFunction {
  if (validators === undefined) {
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    validators = {
      'operator.yaml': ajv.compile(operatorFileSchema),
      'params.yaml': ajv.compile(paramsFileSchema),
    };
  }
  return validators[file];
}

const segments = (pointer: string): string[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

/** `plans.deploy.phases[0]` */
export function fieldPath(path: string[]): string {
  let out = '';
  for (const s of path) out += /^[0-9]+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

/** Errors inside an anyOf/oneOf branch only explain the branch; the anyOf error itself is kept. */
const inBranch = (e: ErrorObject) => /\/(anyOf|oneOf)\/[0-9]+\//.test(e.schemaPath);

function describe(
  e: ErrorObject,
  path: string[],
): { path: string[]; key?: boolean; message: string } {
  const parent = e.parentSchema as { errorMessage?: unknown } | undefined;
  const custom = typeof parent?.errorMessage === 'string' ? parent.errorMessage : undefined;
  const where = (p: string[]) => fieldPath(p) || 'the file';
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path, message: `${where(path)}: ${JSON.stringify(missing)} is required` };
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return {
        path: [...path, extra],
        key: true,
        message: `${where(path)}: unknown field ${JSON.stringify(extra)} is ignored`,
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return {
        path,
        message: `${where(path)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(e.data)}`,
      };
    }
    case 'minItems':
      if ((e.params as { limit: number }).limit === 1 && custom === undefined)
        return { path, message: `${where(path)} must not be empty` };
      return { path, message: `${where(path)} ${e.message ?? 'is too short'}` };
    default:
      return { path, message: `${where(path)} ${custom ?? e.message ?? 'is invalid'}` };
  }
}

type Annotated = { 'x-verify-check'?: string; properties?: Record<string, Annotated> };

/** The verify check of an error: of its schema, or for a missing field, of that field. */
function verifyCheck(e: ErrorObject): string | undefined {
  const parent = e.parentSchema as Annotated | undefined;
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return parent?.properties?.[missing]?.['x-verify-check'] ?? parent?.['x-verify-check'];
  }
  return parent?.['x-verify-check'];
}

function locate(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...goYaml, lineCounter });
  return (path: string[], key = false): { line?: number; column?: number } => {
    // An unknown field: its key.
    if (key && path.length > 0) {
      const parent = (path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true)) as
        Node | null | undefined;
      if (isMap(parent)) {
        const pair = parent.items.find(
          (p) => isScalar(p.key) && String(p.key.value) === path[path.length - 1],
        );
        const offset = (pair?.key as Node | undefined)?.range?.[0];
        if (offset !== undefined) {
          const pos = lineCounter.linePos(offset);
          return { line: pos.line, column: pos.col };
        }
      }
    }
    // The deepest node that exists on the path (a missing field: its parent).
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as
        Node | null | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
      }
    }
    return {};
  };
}

function findings(
  file: SchemaFile,
  data: unknown,
  at: ReturnType<typeof locate>,
  keep: (e: ErrorObject) => boolean,
  severity: SchemaFinding['severity'],
): SchemaFinding[] {
  const validate = validator(file);
  if (validate(data)) return [];
  const out: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || inBranch(e) || !keep(e)) continue;
    const d = describe(e, segments(e.instancePath));
    if (seen.has(d.message)) continue;
    seen.add(d.message);
    const check = verifyCheck(e);
    out.push({
      severity,
      file,
      ...at(d.path, d.key),
      message: d.message,
      ...(check && { check }),
    });
  }
  return out;
}

/**
 * Schema problems of one file. `decoded` is the file as the package decoder
 * read it (src/package/decode.ts); `text` gives positions and unknown keys.
 */
export function schemaProblems(file: SchemaFile, text: string, decoded: unknown): SchemaFinding[] {
  const at = locate(text);
  const errors = findings(file, decoded, at, (e) => e.keyword !== 'additionalProperties', 'error');
  let raw: unknown;
  try {
    raw = parseDocument(text, goYaml).toJSON();
  } catch {
    raw = undefined;
  }
  const unknown =
    raw === undefined || raw === null
      ? []
      : findings(file, raw, at, (e) => e.keyword === 'additionalProperties', 'warning');
  return [...errors, ...unknown].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** `operator.yaml:12:7` */
export function findingWhere(f: SchemaFinding): string {
  return f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 1}`;
}
