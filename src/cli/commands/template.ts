// `maestro template`: renders Go templates with the oracle's JSON-lines
// protocol (../shared/oracle/README.md), so the same input file runs through
// both: one case a line on stdin, one result a line on stdout, nothing else.
import { ExitCode, UsageError, parseCommandArgs, type CommandIO } from '../command.ts';
import { createEngine, type Engine } from '../../template/engine.ts';
import type { MissingKey } from '../../template/exec.ts';
import { decodeCase, encodeResult, type Result } from '../../template/protocol.ts';
import { sprigFuncMap } from '../../template/sprig/index.ts';

export const help = `Usage: maestro template [options] < cases.jsonl > results.jsonl

Renders Go text/template + sprig cases, speaking the reference renderer's protocol:
each non-empty stdin line is {"template": "...", "data": ..., "missingkey": "error",
"numbers": "float64"}; each produces one stdout line {"ok": true, "out": "..."} or
{"ok": false, "phase": "parse"|"exec"|"input", "err": "...", "out": "partial output"}.

Options:
  --seed SEED   seed of the random source of sprig's rand* and gen* functions (default 0)
  --now TIME    the clock of sprig's now and date functions: an RFC 3339 time, or
                "wall" for the system clock (default: the Unix epoch)
  --zone ZONE   the time zone of those functions (default UTC)

Example:
  echo '{"template":"{{ upper .x }}","data":{"x":"a"}}' | maestro template   # {"ok":true,"out":"A"}`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      seed: { type: 'string' },
      now: { type: 'string' },
      zone: { type: 'string' },
    },
    false,
  );
  const now = clock(values.now);
  const engines = new Map<string, Engine>();
  const engineFor = (mk: MissingKey): Engine => {
    let e = engines.get(mk);
    if (e === undefined) {
      e = createEngine({
        funcs: sprigFuncMap(),
        missingkey: mk,
        seed: values.seed ?? '0',
        now,
        location: values.zone ?? 'UTC',
      });
      engines.set(mk, e);
    }
    return e;
  };

  const renderLine = (line: string): string => {
    let r: Result;
    try {
      const c = decodeCase(line);
      const mk = c.missingkey === '' ? 'error' : c.missingkey;
      if (mk !== 'error' && mk !== 'default' && mk !== 'zero') {
        r = { ok: false, out: '', phase: 'input', err: `unrecognized option: missingkey=${mk}` };
      } else {
        const res = engineFor(mk).tryRender('t', c.template, c.data);
        r = res.ok ? res : { ok: false, out: res.out, phase: res.phase, err: res.err };
      }
    } catch (e) {
      r = { ok: false, out: '', phase: 'input', err: (e as Error).message };
    }
    return encodeResult(r) + '\n';
  };

  let pending = '';
  const processChunk = (chunk: string, final: boolean): string => {
    pending += chunk;
    let out = '';
    let start = 0;
    for (;;) {
      const nl = pending.indexOf('\n', start);
      if (nl < 0) break;
      const line = goTrimSpace(pending.slice(start, nl));
      if (line !== '') out += renderLine(line);
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (final) {
      const line = goTrimSpace(pending);
      if (line !== '') out += renderLine(line);
      pending = '';
    }
    return out;
  };

  io.stdin.setEncoding('utf8');
  for await (const chunk of io.stdin) {
    const out = processChunk(chunk as string, false);
    if (out !== '' && !io.stdout.write(out)) {
      await new Promise((resolve) => io.stdout.once('drain', resolve));
    }
  }
  const rest = processChunk('', true);
  if (rest !== '') io.stdout.write(rest);
  return ExitCode.ok;
}

/** unicode.IsSpace, as Go's strings.TrimSpace uses it. */
function isGoSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function goTrimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

function clock(spec: string | undefined): () => bigint {
  if (spec === undefined) return () => 0n;
  if (spec === 'wall') return () => BigInt(Date.now()) * 1_000_000n;
  const ms = Date.parse(spec);
  if (Number.isNaN(ms)) throw new UsageError(`--now: not an RFC 3339 time: ${spec}`);
  const fixed = BigInt(ms) * 1_000_000n;
  return () => fixed;
}
