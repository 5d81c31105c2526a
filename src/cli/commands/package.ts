// `maestro package verify DIR`: KUDO's package verifier plus Maestro's checks.
// `package schema` and `package new` live in their own modules.
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackage } from '../../package/parse.ts';
import { formatProblem } from '../../package/decode.ts';
import { findingText, resultJson, verifyPackage } from '../../package/verify/index.ts';
import { templateSupport } from '../../package/template-engine.ts';
import { parseParamChecks } from '../../package/verify/extended-checks.ts';

export const help = `Usage: maestro package verify DIR|FILE.tgz [-o text|json|yaml]
       maestro package schema operator|params
       maestro package new NAME [--dir DIR]

verify:

Checks an operator package in KUDO's format (operator.yaml, params.yaml,
templates/) with every check of KUDO's verifier, plus Maestro's own: template
parse errors and unknown task kinds are errors; a hard-coded foreign
metadata.namespace, cluster-scoped kinds and plans that no parameter triggers
are warnings. operator.yaml and params.yaml are checked against their JSON
Schemas (\`package schema\`), each problem with its file:line:column; unknown
fields, which KUDO ignores, are warnings.

Options:
  -o, --output FORMAT   text (default), json or yaml: {valid, errors, warnings}
      --param-checks LIST KUDO's optional parameter style warnings, comma-separated:
                        display, hint, desc, type, hasgroup, groups, all

schema: prints the JSON Schema (draft-07) of operator.yaml or params.yaml, the
one published in the npm package under schemas/ for editors.

new: writes a package scaffold into DIR (default ./NAME) that verifies,
renders and simulates as created (\`maestro package new --help\`).

Exit codes: 0 valid, 1 verification errors, 2 usage error.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  if (args[0] === 'schema') return (await import('../package/schema.ts')).run(args.slice(1), io);
  if (args[0] === 'new') return (await import('../package/new.ts')).run(args.slice(1), io);
  const { values, positionals } = parseCommandArgs(args, {
    output: { type: 'string', short: 'o', default: 'text' },
    'param-checks': { type: 'string', multiple: true },
  });
  const paramChecks = parseParamChecks((values['param-checks'] ?? []).flatMap((v) => v.split(',')));
  if (typeof paramChecks === 'string') throw new UsageError(paramChecks);
  const [sub, dir, ...rest] = positionals;
  if (sub !== 'verify')
    throw new UsageError(
      `unknown subcommand ${JSON.stringify(sub ?? '')}: expected verify, schema or new`,
    );
  if (dir === undefined || rest.length > 0)
    throw new UsageError('expected exactly one package DIR or .tgz');
  const output = values.output;
  if (output !== 'text' && output !== 'json' && output !== 'yaml') {
    throw new UsageError(`-o must be text, json or yaml, not ${JSON.stringify(output)}`);
  }
  let files;
  try {
    files = loadPackageFiles(dir);
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro package verify: ${err.message}`);
      return ExitCode.failed;
    }
    throw err;
  }
  const parsed = parsePackage(files);
  const result = parsed.ok
    ? verifyPackage(parsed.pkg, templateSupport(), { paramChecks })
    : {
        errors: parsed.problems.map((p) => ({ check: 'package-read', message: formatProblem(p) })),
        warnings: [],
      };
  const json = resultJson(result);
  if (output === 'json') println(io.stdout, JSON.stringify(json, null, 2));
  else if (output === 'yaml') io.stdout.write(stringify(json));
  else {
    for (const w of result.warnings) println(io.stdout, `Warning: ${findingText(w)}`);
    for (const e of result.errors) println(io.stdout, `Error: ${findingText(e)}`);
    if (json.valid) println(io.stdout, 'package is valid');
    else println(io.stderr, `found ${result.errors.length} package verification errors`);
  }
  return json.valid ? ExitCode.ok : ExitCode.failed;
}
