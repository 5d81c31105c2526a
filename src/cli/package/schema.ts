// `maestro package schema operator|params`: the JSON Schema an editor uses for
// operator.yaml or params.yaml (the same text as schemas/*.json).
import { ExitCode, UsageError, parseCommandArgs, type CommandIO } from '../command.ts';
import { renderSchemaFiles } from '../../model/schema-files.ts';

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const [which, ...rest] = positionals;
  if ((which !== 'operator' && which !== 'params') || rest.length > 0) {
    throw new UsageError('expected `package schema operator` or `package schema params`');
  }
  io.stdout.write(renderSchemaFiles()[`${which}.json`]!);
  return ExitCode.ok;
}
