// `maestro serve`: the HTTP service (placeholder until the server lands).
import { ExitCode, parseCommandArgs, type CommandIO } from '../command.ts';

export const help = `Usage: maestro serve [options]

Serves the Metacontroller hooks and the admission and conversion webhooks.`;

export async function run(args: string[], _io: CommandIO): Promise<number> {
  parseCommandArgs(args, {}, false);
  return ExitCode.ok;
}
