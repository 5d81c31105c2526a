// Runs one loaded command module the way `maestro <name>` does: --help, usage
// errors with exit code 2, anything else reported with exit code 70. Shared
// by the command table (main.ts) and the serve bundle (serve-entry.ts).
import { ExitCode, UsageError, println, type CommandIO, type CommandModule } from './command.ts';

export async function runCommand(
  name: string,
  command: CommandModule,
  rest: string[],
  io: CommandIO,
): Promise<number> {
  if (rest.includes('--help') || rest.includes('-h')) {
    println(io.stdout, command.help);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      println(io.stderr, `maestro ${name}: ${err.message}\n\n${command.help}`);
      return ExitCode.usage;
    }
    println(io.stderr, `maestro ${name}: ${(err as Error).stack ?? String(err)}`);
    return ExitCode.internal;
  }
}
