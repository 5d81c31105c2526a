// `maestro plan graph DIR|FILE.tgz`: a picture of a package's plans.
import { writeFileSync } from 'node:fs';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import {
  layoutGraph,
  planGraph,
  renderDot,
  renderMermaid,
  renderSvg,
  selectPlan,
} from '../../package/graph/index.ts';

export const graphHelp = `Usage: maestro plan graph DIR|FILE.tgz [--plan P] [-o svg|mermaid|dot] [--out FILE]

Draws an operator package's plans: one row per plan with the parameters that
trigger it, its phases in order with their strategy, the steps of each phase
with their tasks and the templates those apply, the operators KudoOperator
tasks install, and onFailure edges to other plans. The SVG is laid out by
Maestro itself (deterministic, self-contained: no fonts, scripts or links to
fetch); Mermaid and DOT are for docs.

Options:
      --plan P          only plan P (and the plans its onFailure edges lead to)
  -o, --output FORMAT   svg (default), mermaid or dot
      --out FILE        write to FILE instead of standard output

Exit codes: 0 drawn, 1 the package cannot be read or has no such plan, 2 usage error.`;

export async function runGraph(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    plan: { type: 'string' },
    output: { type: 'string', short: 'o', default: 'svg' },
    out: { type: 'string' },
  });
  const [sub, dir, ...rest] = positionals;
  if (sub !== 'graph')
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}: expected graph`);
  if (dir === undefined || rest.length > 0)
    throw new UsageError('expected exactly one package DIR or .tgz');
  const output = values.output;
  if (output !== 'svg' && output !== 'mermaid' && output !== 'dot')
    throw new UsageError(`-o must be svg, mermaid or dot, not ${JSON.stringify(output)}`);
  let graph;
  try {
    graph = planGraph(parsePackageOrThrow(loadPackageFiles(dir)));
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro plan graph: ${err.message}`);
      return ExitCode.failed;
    }
    throw err;
  }
  if (values.plan !== undefined) {
    const one = selectPlan(graph, values.plan);
    if (one === undefined) {
      println(
        io.stderr,
        `maestro plan graph: no plan ${JSON.stringify(values.plan)}; the package has ${graph.plans.map((p) => p.name).join(', ')}`,
      );
      return ExitCode.failed;
    }
    graph = one;
  }
  const text =
    output === 'svg'
      ? renderSvg(layoutGraph(graph))
      : output === 'mermaid'
        ? renderMermaid(graph)
        : renderDot(graph);
  if (values.out !== undefined) writeFileSync(values.out, text);
  else io.stdout.write(text);
  return ExitCode.ok;
}
