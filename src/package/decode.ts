// Decodes a YAML file into a typed value as Go's sigs.k8s.io/yaml does for
// KUDO's package structs (YAML 1.1; unknown keys ignored; a number or boolean
// where a string is expected becomes its text), and reports every problem with
// the file, line and column.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { goFloat32 } from '../model/go-format.ts';
import { goYaml } from '../model/go-yaml.ts';

export interface Problem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${p.message}`;
}

/** The shape of a field: what KUDO's Go struct declares. */
export type Shape =
  | { kind: 'string' }
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'any' }
  | { kind: 'list'; of: Shape }
  | { kind: 'map'; of: Shape }
  | { kind: 'struct'; fields: Record<string, Shape> };

export const S = {
  string: { kind: 'string' } as const,
  bool: { kind: 'bool' } as const,
  int: { kind: 'int' } as const,
  any: { kind: 'any' } as const,
  list: (of: Shape): Shape => ({ kind: 'list', of }),
  map: (of: Shape): Shape => ({ kind: 'map', of }),
  struct: (fields: Record<string, Shape>): Shape => ({ kind: 'struct', fields }),
};

const floatText = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/;

/** The string Go gets for a scalar decoded into a string field (sigs.k8s.io/yaml: floats as float32 %g). */
function scalarText(value: unknown, source: string | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    const isFloat =
      source !== undefined &&
      floatText.test(source) &&
      /[.eE]/.test(source) &&
      !/^0x/i.test(source);
    return isFloat || !Number.isInteger(value) ? goFloat32(value) : String(value);
  }
  return String(value);
}

export interface Decoded<T> {
  value: T | undefined;
  problems: Problem[];
  /** Line and column of the node at a dotted path such as `tasks.2.spec`. */
  position(path: (string | number)[]): { line: number; column: number } | undefined;
}

export function decodeYaml<T>(file: string, text: string, shape: Shape): Decoded<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...goYaml, lineCounter });
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const pos = err.linePos?.[0];
    problems.push({
      file,
      line: pos?.line,
      column: pos?.col,
      message: err.message.split('\n')[0]!,
    });
  }
  const at = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const problem = (node: Node | null | undefined, message: string) =>
    problems.push({ file, ...at(node), message });

  const decode = (node: Node | null | undefined, s: Shape, path: string): unknown => {
    if (node === null || node === undefined) return undefined;
    if (isScalar(node) && node.value === null) return undefined;
    switch (s.kind) {
      case 'any':
        return node.toJSON();
      case 'string':
        if (!isScalar(node)) return (problem(node, `${path} must be a string`), undefined);
        return scalarText(node.value, node.source);
      case 'bool':
        if (!isScalar(node) || typeof node.value !== 'boolean') {
          return (problem(node, `${path} must be true or false`), undefined);
        }
        return node.value;
      case 'int':
        if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
          return (problem(node, `${path} must be an integer`), undefined);
        }
        return node.value;
      case 'list':
        if (!isSeq(node)) return (problem(node, `${path} must be a list`), undefined);
        return node.items.map((item, i) => decode(item as Node, s.of, `${path}[${i}]`));
      case 'map': {
        if (!isMap(node)) return (problem(node, `${path} must be a map`), undefined);
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const key = isScalar(pair.key)
            ? scalarText(pair.key.value, pair.key.source)
            : String(pair.key);
          const value = decode(pair.value as Node, s.of, `${path}.${key}`);
          if (value !== undefined)
            Object.defineProperty(out, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        return out;
      }
      case 'struct': {
        if (!isMap(node)) return (problem(node, `${path || 'the file'} must be a map`), undefined);
        const out: Record<string, unknown> = {};
        for (const pair of node.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
          if (key === undefined || !Object.hasOwn(s.fields, key)) continue; // unknown keys are ignored, as in KUDO
          const value = decode(pair.value as Node, s.fields[key]!, path ? `${path}.${key}` : key);
          if (value !== undefined) out[key] = value;
        }
        return out;
      }
    }
  };

  const value = problems.length > 0 ? undefined : (decode(doc.contents as Node, shape, '') as T);
  return {
    value,
    problems,
    position(path) {
      const node = doc.getIn(path, true) as Node | undefined;
      const pos = at(node);
      return pos.line === undefined ? undefined : { line: pos.line, column: pos.column! };
    },
  };
}
