// The contract every `maestro <command>` module fulfils, and the argument
// parsing they share. Commands are loaded lazily, so `maestro serve` never
// loads the code of `maestro render` and the other way round.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes that scripts can rely on (docs/cli.md). */
export const ExitCode = {
  ok: 0,
  /** The command ran and found problems: verification errors, a failed plan. */
  failed: 1,
  /** The command line was wrong: unknown flag, missing argument. */
  usage: 2,
  /** --wait reached --timeout before the plan or deletion finished. */
  timeout: 3,
  /** No cluster configured, or the API server could not be reached. */
  unreachable: 4,
  /** Maestro itself failed. */
  internal: 70,
} as const;

export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface CommandModule {
  /** Full help text, printed by `maestro <command> --help`. */
  help: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** A command-line mistake: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with errors turned into UsageError and `--help` always known. */
export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = true,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Writes a line to a stream. */
export function println(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
