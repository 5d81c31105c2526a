// Entry point of the `maestro` command: dispatches to a lazily loaded command.
import { ExitCode, println, type CommandIO } from './command.ts';
import { runCommand } from './run-command.ts';
import { commands } from './commands.ts';

const VERSION = '0.1.0';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`,
  );
  return [
    'Usage: maestro <command> [options]',
    '',
    'A universal declarative Kubernetes operator, served as stateless HTTP hooks.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `maestro <command> --help` for the options of a command.',
    'Exit codes: 0 success, 1 the command found problems, 2 usage error, 70 internal error.',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    println(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    println(io.stdout, VERSION);
    return ExitCode.ok;
  }
  const entry = commands[name];
  if (entry === undefined) {
    println(io.stderr, `maestro: unknown command "${name}"\n\n${usage()}`);
    return ExitCode.usage;
  }
  return runCommand(name, await entry.load(), rest, io);
}

const io: CommandIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
};
const code = await main(process.argv.slice(2), io);
// Long-running commands (serve) resolve only when they are done; the others
// set the exit code and let pending output drain.
process.exitCode = code;
