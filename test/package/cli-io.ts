// A CommandIO that collects what a command writes, for in-process CLI tests.
import { PassThrough, Writable } from 'node:stream';
import type { CommandIO } from '../../src/cli/command.ts';

export function collectingIO(): { io: CommandIO; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.push(chunk.toString('utf8'));
        done();
      },
    });
  return {
    io: { stdout: sink(out), stderr: sink(err), stdin: new PassThrough(), env: {} },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
