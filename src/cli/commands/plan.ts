// `maestro plan status|history|trigger|pause|resume|abort|retry|continue|force-complete INSTANCE`.
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { instanceOperand, parseStepPath } from '../cluster/args.ts';
import {
  clusterFlags,
  clusterFlagsHelp,
  openCluster,
  printWarnings,
  runCluster,
} from '../cluster/common.ts';
import {
  clusterScopeFlags,
  clusterScopeHelp,
  lookupScope,
  waitFlags,
  waitOptions,
} from '../cluster/flags.ts';
import type { WaitTarget } from '../cluster/progress.ts';
import { graphHelp, runGraph } from './plan-graph.ts';

export const help = `Usage: maestro plan SUBCOMMAND INSTANCE [options]
       maestro plan graph DIR|FILE.tgz [--plan P] [-o svg|mermaid|dot] [--out FILE]

Subcommands:
  graph           draw a package's plans (no cluster): see the end of this help
  status          the plan tree, as \`kubectl kudo plan status\`: every plan of the
                  OperatorVersion with its strategy; the last executed plan with the
                  status and message of each phase and step, the others NOT ACTIVE
  history         one line per plan: when it last ran and how it ended
  trigger         run a plan (--plan P): writes spec.planExecution {planName, uid}
  pause, resume   stop starting new steps / go on (spec.planControl.paused)
  abort           end the running plan as FATAL_ERROR "aborted" (spec.planControl.abort)
  retry           run a failed plan again from its first unfinished step (spec.planControl.retry)
  continue        let a canary phase go past its pause (spec.planControl.continue)
  force-complete  mark a step COMPLETE (--step PHASE/STEP, --plan P; spec.planControl.forceComplete)

Maestro admission checks every control (docs/webhooks.md); when it refuses,
its answer is printed and the exit code is 1.

Options:
      --plan P            the plan (trigger; force-complete when it is not the running one)
      --step PHASE/STEP   the step to force-complete (or PLAN/PHASE/STEP)
  -o, --output FORMAT     status: tree (default), json or yaml (the Instance's status)
  -w, --wait              status, trigger, retry: wait for the plan to finish, redrawing the
                          tree on a terminal, one line per step change when piped
      --timeout DURATION  how long --wait waits (default 5m)
${clusterScopeHelp}
${clusterFlagsHelp}

Examples:
  maestro plan status zk --wait
  maestro plan trigger zk --plan validation --wait
  maestro plan pause zk && maestro plan resume zk
  maestro plan force-complete zk --step validation/validation

Exit codes: 0 done (with --wait: the plan completed), 1 refused, not found or the
plan failed, 2 usage error, 3 --wait timed out, 4 no cluster or unreachable.

${graphHelp}`;

const SUBCOMMANDS = [
  'status',
  'history',
  'trigger',
  'pause',
  'resume',
  'abort',
  'retry',
  'continue',
  'force-complete',
] as const;
type Sub = (typeof SUBCOMMANDS)[number];

export async function run(args: string[], io: CommandIO): Promise<number> {
  if (args[0] === 'graph') return runGraph(args, io);
  const { values, positionals } = parseCommandArgs(args, {
    ...clusterFlags,
    ...waitFlags,
    ...clusterScopeFlags,
    plan: { type: 'string' },
    name: { type: 'string' },
    step: { type: 'string' },
    instance: { type: 'string' },
    output: { type: 'string', short: 'o', default: 'tree' },
  });
  const sub = positionals[0] as Sub | undefined;
  if (sub === undefined || !SUBCOMMANDS.includes(sub))
    throw new UsageError(
      `unknown subcommand ${JSON.stringify(sub ?? '')}: expected graph, ${SUBCOMMANDS.join(', ')}`,
    );
  const name = instanceOperand(positionals, 1, values.instance);
  const output = values.output;
  if (output !== 'tree' && output !== 'json' && output !== 'yaml')
    throw new UsageError(`-o must be tree, json or yaml, not ${JSON.stringify(output)}`);
  const plan = values.plan ?? values.name;
  if (sub === 'trigger' && !plan) throw new UsageError('trigger needs --plan P');
  if (sub === 'force-complete' && !values.step)
    throw new UsageError('force-complete needs --step PHASE/STEP');
  const step = values.step ? parseStepPath(values.step) : undefined;
  const wait = waitOptions(values, io);
  return runCluster(`plan ${sub}`, io, async () => {
    const cluster = await openCluster(values, io);
    const lc = await import('../cluster/lifecycle.ts');
    const found = await lc.findInstance(cluster, name, cluster.namespace, lookupScope(values));
    const inst = found.object;
    const ns = found.target.namespace;
    const ref = lc.targetRef(found.target);
    const who = lc.describeTarget(found.target);
    if (sub === 'status') {
      if (output !== 'tree') {
        const status = inst.status ?? {};
        if (output === 'json') println(io.stdout, JSON.stringify(status, null, 2));
        else io.stdout.write(stringify(status, { lineWidth: 0 }));
        return ExitCode.ok;
      }
      const { treeLines, planOutcome, statusOf } = await import('../cluster/progress.ts');
      const { lastExecutedPlan } = await import('../plan-tree.ts');
      const ov = await lc.operatorVersionOf(cluster, inst);
      if (ov === undefined) {
        println(
          io.stderr,
          `Warning: OperatorVersion ${String((inst.spec as { operatorVersion?: { name?: string } })?.operatorVersion?.name ?? '')} of ${who} does not exist; strategies and plans that never ran are not shown`,
        );
      }
      const { planStatus, maestro } = statusOf(inst);
      const active = lastExecutedPlan(planStatus, maestro.execution);
      if (!wait.wait || active === undefined || planOutcome(inst, { plan: active }) !== undefined) {
        println(io.stdout, treeLines(inst, ov).join('\n'));
        return ExitCode.ok;
      }
      // Piped, the tree as it is first; then one line per change, and the tree at the end.
      if (!(io.stdout as { isTTY?: boolean }).isTTY)
        println(io.stdout, treeLines(inst, ov).join('\n'));
      return lc.waitForPlan(cluster, found.target, { plan: active }, wait, io, inst);
    }
    if (sub === 'history') {
      const { statusOf } = await import('../cluster/progress.ts');
      const { kudoTime } = await import('../plan-tree.ts');
      const { planStatus } = statusOf(inst);
      const history =
        (inst.status as { maestro?: { history?: Record<string, string>[] } } | undefined)?.maestro
          ?.history ?? [];
      println(
        io.stdout,
        found.target.kind === 'Instance'
          ? `History of plan-executions for "${name}" in namespace "${ns}":`
          : `History of plan-executions for ClusterInstance "${name}":`,
      );
      for (const plan of Object.keys(planStatus).sort()) {
        const p = planStatus[plan]!;
        const line =
          !p.status || p.status === 'NEVER_RUN'
            ? 'never run'
            : ['PENDING', 'IN_PROGRESS', 'ERROR'].includes(p.status)
              ? `is running (${p.status})`
              : `last finished run at ${kudoTime(p.lastUpdatedTimestamp) ?? 'unknown'} (${p.status})`;
        println(io.stdout, `  ${plan}: ${line}`);
      }
      if (history.length > 0) {
        println(io.stdout, 'Executions (oldest first):');
        for (const h of history)
          println(
            io.stdout,
            `  ${h.startTime ?? ''} ${h.plan ?? ''} ${h.status ?? ''}${h.reason ? ` (${h.reason})` : ''}${h.message ? `: ${h.message}` : ''}`,
          );
      }
      return ExitCode.ok;
    }
    const uid = lc.newUid();
    let patch: Record<string, unknown>;
    let said: string;
    let target: WaitTarget | undefined;
    switch (sub) {
      case 'trigger':
        patch = { planExecution: { planName: plan, uid } };
        said = `plan ${plan} triggered on ${who}`;
        target = { plan, planExecutionUid: uid };
        break;
      case 'pause':
        patch = { planControl: { paused: true } };
        said = `${who} paused: no new step starts until \`maestro plan resume ${name}\``;
        break;
      case 'resume':
        patch = { planControl: { paused: false } };
        said = `${who} resumed`;
        break;
      case 'abort':
        patch = { planControl: { abort: { uid } } };
        said = `abort requested for ${who}`;
        break;
      case 'retry':
        patch = { planControl: { retry: { uid } } };
        said = `retry requested for ${who}`;
        target = { controlUid: uid };
        break;
      case 'continue':
        patch = { planControl: { continue: { uid } } };
        said = `continue requested for ${who}`;
        break;
      case 'force-complete':
        patch = {
          planControl: {
            forceComplete: {
              uid,
              ...((step?.plan ?? plan) && { plan: step?.plan ?? plan }),
              phase: step!.phase,
              step: step!.step,
            },
          },
        };
        said = `step ${step!.phase}/${step!.step} of ${who} marked for completion`;
        break;
    }
    await cluster.mergePatch(ref, { spec: patch });
    printWarnings(cluster, io);
    println(io.stdout, said);
    if (!wait.wait || target === undefined) return ExitCode.ok;
    return lc.waitForPlan(cluster, found.target, target, wait, io, inst);
  });
}
