// Runs the built `maestro` CLI as a user would (asynchronously: the kubelet
// stand-in runs in this process) and records each command with its exact
// output, stdout and stderr in the order they arrived. With
// MAESTRO_WRITE_TRANSCRIPT=1 the recorded session replaces the block between
// the transcript markers in docs/cli.md. Only what differs from run to run and
// says nothing about Maestro is normalised: loopback ports (replacements are
// given by the test) and the temporary folder's path.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAESTRO_BIN, REPO } from './stack.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export const BEGIN = '<!-- transcript:journey:begin (test/e2e/journey.test.ts writes it) -->';
export const END = '<!-- transcript:journey:end -->';

export class Transcript {
  readonly entries: { command: string; output: string; code: number }[] = [];
  /** [pattern, replacement] applied to commands and output, in order. */
  readonly normalise: [RegExp | string, string][] = [];

  constructor(
    readonly cwd: string,
    readonly env: Record<string, string>,
  ) {}

  #norm(text: string): string {
    let t = text;
    for (const [from, to] of this.normalise) t = t.split(from as string).join(to);
    return t;
  }

  /** Runs `maestro ARGS` in the work folder; records it unless `record` is false. */
  run(
    args: string[],
    o: { record?: boolean; env?: Record<string, string>; tty?: boolean } = {},
  ): Promise<CliRun> {
    // `tty`: under a pseudo-terminal (util-linux `script`), as in a shell;
    // that pty has no size, so the CLI sees 0 columns.
    const [cmd, argv] = o.tty
      ? [
          'script',
          ['-qec', [process.execPath, MAESTRO_BIN, ...args].map(quote).join(' '), '/dev/null'],
        ]
      : [process.execPath, [MAESTRO_BIN, ...args]];
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, argv, {
        cwd: this.cwd,
        env: { ...process.env, ...this.env, ...o.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      const both: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => (out.push(c), both.push(c)));
      child.stderr.on('data', (c: Buffer) => (err.push(c), both.push(c)));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        const r: CliRun = {
          code: code ?? (signal ? 128 : -1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          output: Buffer.concat(both).toString('utf8'),
        };
        if (o.record !== false)
          this.entries.push({
            command: this.#norm(`maestro ${args.map(quote).join(' ')}`),
            output: this.#norm(r.output),
            code: r.code,
          });
        resolve(r);
      });
    });
  }

  /** A line of the session that is not a maestro command (a comment, a kubectl call). */
  note(command: string, output = ''): void {
    this.entries.push({ command: this.#norm(command), output: this.#norm(output), code: 0 });
  }

  text(): string {
    return this.entries
      .map(
        (e) =>
          `$ ${e.command}\n${e.output}${e.output === '' || e.output.endsWith('\n') ? '' : '\n'}${e.code === 0 ? '' : `# exit code ${e.code}\n`}`,
      )
      .join('\n');
  }

  /** Replaces the journey block of docs/cli.md with this session. */
  writeDoc(file = join(REPO, 'docs/cli.md')): void {
    const doc = readFileSync(file, 'utf8');
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${file}: no ${BEGIN} ... ${END} block`);
    const block = `${BEGIN}\n\n\`\`\`console\n${this.text()}\`\`\`\n\n`;
    writeFileSync(file, doc.slice(0, a) + block + doc.slice(b));
  }
}

function quote(a: string): string {
  return /^[-\w./:=@,+]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
