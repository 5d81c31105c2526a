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

export const help = `Usage: maestro package verify DIR|FILE.tgz [-o text|json|yaml] [--param-checks LIST]
       maestro package create DIR [-d DESTINATION] [-w]
       maestro package list parameters|plans|tasks DIR|FILE.tgz|NAME [--repo URL] [options]
       maestro package schema operator|params
       maestro package new NAME [--dir DIR]

create: verifies the package, then writes <name>-<operatorVersion>.tgz (or
<name>-<appVersion>_<operatorVersion>.tgz) into DESTINATION (default .), in
the layout \`kubectl kudo package create\` writes and reads: files at the
root, owner root, mtime 0 (the same files give the same bytes).
  -d, --destination DIR   where to write the tarball (default .)
  -w, --overwrite         replace an existing tarball

list: what a package declares, from a directory, a tarball or a repository.
  parameters: NAME, DEFAULT, REQUIRED (-d/--descriptions adds DESCRIPTION,
              -r/--required lists the required ones only, --names names only)
  plans:      the plan tree with strategies (-t/--with-tasks adds each step's tasks)
  tasks:      NAME, KIND, RESOURCES
  --repo URL, --operator-version V, --app-version V  as for install

Examples:
  maestro package verify ./zookeeper
  maestro package create ./zookeeper -d ./repo && maestro repo index ./repo --url https://ops.example.com/
  maestro package list parameters zookeeper --repo https://ops.example.com/ --required

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

new: writes a package scaffold into DIR (default ./NAME, which must be new or
empty) that verifies, renders and simulates as created: a deploy plan of two
phases, typed parameters, templates, a README, and \`# yaml-language-server\`
lines pointing editors at the schemas.
  --dir DIR               where to write (default ./NAME)
  --schema-base PATH|URL  where editors find operator.json and params.json
                          (default: this Maestro's schemas/, as a relative path)

Exit codes: 0 valid, 1 verification errors, 2 usage error.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  if (args[0] === 'create') return (await import('./package-create.ts')).create(args.slice(1), io);
  if (args[0] === 'list') return (await import('./package-create.ts')).list(args.slice(1), io);
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
      `unknown subcommand ${JSON.stringify(sub ?? '')}: expected verify, create, list, schema or new`,
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
