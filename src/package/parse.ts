// Reads a package from a map of path to text (pure; src/package/loader reads
// disk and .tgz files into such a map). Follows KUDO's reader: operator.yaml
// and params.yaml are required, every file under templates/ whose name
// contains `.yaml` is a template keyed by its path under templates/, other
// files are ignored, and `required` defaults to true.
import { MaestroError } from '../errors.ts';
import { decodeYaml, formatProblem, type Problem } from './decode.ts';
import {
  operatorFileShape,
  packageApiVersions,
  paramsFileShape,
  type OperatorFile,
  type Package,
  type ParamsFile,
} from './types.ts';

export const OPERATOR_FILE = 'operator.yaml';
export const PARAMS_FILE = 'params.yaml';
const TEMPLATES = 'templates/';

export type ParseResult = { ok: true; pkg: Package } | { ok: false; problems: Problem[] };

/** A template file, as KUDO's reader tells them apart (regex `.*\.yaml`, unanchored). */
export function isTemplatePath(path: string): boolean {
  return path.startsWith(TEMPLATES) && /\.yaml/.test(path.slice(path.lastIndexOf('/') + 1));
}

export function parsePackage(files: ReadonlyMap<string, string>): ParseResult {
  const problems: Problem[] = [];
  const operatorText = files.get(OPERATOR_FILE);
  const paramsText = files.get(PARAMS_FILE);
  if (operatorText === undefined) {
    problems.push({ file: OPERATOR_FILE, message: 'operator package missing operator.yaml' });
  }
  if (paramsText === undefined) {
    problems.push({ file: PARAMS_FILE, message: 'operator package missing params.yaml' });
  }
  const op = decodeYaml<OperatorFile>(OPERATOR_FILE, operatorText ?? '', operatorFileShape);
  const params = decodeYaml<ParamsFile>(PARAMS_FILE, paramsText ?? '', paramsFileShape);
  if (operatorText !== undefined) problems.push(...op.problems);
  if (paramsText !== undefined) problems.push(...params.problems);
  const operator = op.value ?? {};
  const paramsFile = params.value ?? {};
  for (const [file, apiVersion, decoded] of [
    [OPERATOR_FILE, operator.apiVersion, op],
    [PARAMS_FILE, paramsFile.apiVersion, params],
  ] as const) {
    if (apiVersion !== undefined && !packageApiVersions.includes(apiVersion)) {
      problems.push({
        file,
        ...decoded.position(['apiVersion']),
        message: `expecting supported API version ${packageApiVersions.join(', ')} but got ${apiVersion}`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  for (const p of paramsFile.parameters ?? []) {
    if (p.required === undefined) p.required = true;
  }
  const templates: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) {
    if (isTemplatePath(path)) templates[path.slice(TEMPLATES.length)] = files.get(path)!;
  }
  const loc = (file: string, decoded: typeof op | typeof params, path: (string | number)[]) => {
    const pos = decoded.position(path);
    return pos === undefined ? file : `${file}:${pos.line}`;
  };
  return {
    ok: true,
    pkg: {
      operator,
      params: paramsFile,
      templates,
      where: {
        task: (i) => loc(OPERATOR_FILE, op, ['tasks', i]),
        parameter: (i) => loc(PARAMS_FILE, params, ['parameters', i]),
        plan: (name) => loc(OPERATOR_FILE, op, ['plans', name]),
      },
      sources: { operator: operatorText ?? '', params: paramsText ?? '' },
    },
  };
}

/** parsePackage, throwing MAESTRO_PACKAGE_INVALID with every problem in the message. */
export function parsePackageOrThrow(files: ReadonlyMap<string, string>): Package {
  const result = parsePackage(files);
  if (result.ok) return result.pkg;
  throw new MaestroError('MAESTRO_PACKAGE_INVALID', result.problems.map(formatProblem).join('\n'), {
    details: { problems: result.problems },
  });
}
