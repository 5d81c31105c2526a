// `maestro render DIR`: the children a plan emits, post-processed as KUDO
// does, or (--raw) every template's output before post-processing.
import { stringify } from 'yaml';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { CLUSTER_INSTANCE, defaultInstanceName } from '../../model/names.ts';
import {
  clusterScopedTemplateKinds,
  clusterScopedTemplates,
} from '../../package/cluster-scoped.ts';
import { parseParentFlag } from '../parent-kind.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { renderRaw } from '../../package/render/index.ts';
import { packageResources } from '../../package/resources.ts';
import { renderPlan } from '../../engine/plan/render-plan.ts';
import type { PlanRender, PlanRenderOptions } from '../../engine/plan/render-plan.ts';
import type { Package } from '../../package/types.ts';
import { childKinds } from '../manifests/child-kinds.ts';
import { parameterArgs } from '../parameter-args.ts';
import { templateSupport } from '../../package/template-engine.ts';

export const help = `Usage: maestro render DIR|FILE.tgz [options]

Renders an operator package (KUDO format) with no cluster.

By default prints the children that --plan would emit once every one of its
steps has run: the Apply and Toggle-on resources after KUDO's post-processing
(labels heritage, kudo.dev/operator, kudo.dev/instance and Maestro's own, plan
annotations, namespace forced to the instance's), a KudoOperator task's child
Instance, and Maestro's own guards (vetted apiVersion aliases, dependency
hashes on pod templates). It is the renderer /sync runs: each step's objects
are what the first sync of that step emits, without the maestro.dev/execution,
task and hash annotations that only a running execution has.

With --raw -o json prints the raw output of every file under templates/:
{"<path>": {"ok": true, "out": "..."} | {"ok": false, "err": "..."}}.

Options:
  -p, --parameter K=V      a parameter value (repeatable)
  -P, --parameter-file F   a YAML map of parameter values (repeatable; -p wins)
      --instance NAME      instance name (default <operator>-instance)
      --namespace NS       the namespace of namespaced children: the Instance's, or a
                           ClusterInstance's spec.namespace (default "default")
      --parent KIND        auto (default), Instance or ClusterInstance: the parent kind to
                           render for. auto picks ClusterInstance when a template renders a
                           cluster-scoped kind (a CRD, a ClusterRole, a webhook configuration,
                           a custom kind whose CRD says scope: Cluster); under an Instance
                           such a step fails, as in /sync
      --plan P             .PlanName, and the plan to render (default deploy)
      --phase PH           .PhaseName for --raw (default: the plan's first phase)
      --step ST            .StepName for --raw (default: that phase's first step)
      --raw                print every template's raw output
  -o, --output FORMAT      yaml (default) or json

Example:
  maestro render ./zookeeper -p NODE_COUNT=5 --plan deploy

Exit codes: 0 rendered, 1 render errors, 2 usage error.`;

/**
 * A plan of a package through the engine's renderer, as /sync runs it, with
 * the child types `maestro manifests` declares: what this gives for a step is
 * what the first sync of that step emits.
 */
export function renderPackagePlan(
  pkg: Package,
  o: Omit<PlanRenderOptions, 'declared'> & { declared?: PlanRenderOptions['declared'] },
): PlanRender {
  const ov = packageResources(pkg, o.instance).v1.operatorVersion;
  return renderPlan(ov as unknown as Record<string, unknown>, {
    ...o,
    declared: o.declared ?? childKinds(pkg),
  });
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    parameter: { type: 'string', short: 'p', multiple: true },
    'parameter-file': { type: 'string', short: 'P', multiple: true },
    instance: { type: 'string' },
    namespace: { type: 'string', default: 'default' },
    plan: { type: 'string', default: 'deploy' },
    phase: { type: 'string' },
    step: { type: 'string' },
    raw: { type: 'boolean', default: false },
    output: { type: 'string', short: 'o', default: 'yaml' },
    parent: { type: 'string', default: 'auto' },
  });
  const parent = parseParentFlag(values.parent);
  if (positionals.length !== 1) throw new UsageError('expected exactly one package DIR or .tgz');
  const output = values.output;
  if (output !== 'yaml' && output !== 'json')
    throw new UsageError(`-o must be yaml or json, not ${JSON.stringify(output)}`);
  const params = parameterArgs(values['parameter-file'], values.parameter);
  const support = templateSupport();
  if (support === undefined) {
    println(io.stderr, 'maestro render: this build has no template engine');
    return ExitCode.internal;
  }
  let pkg;
  try {
    pkg = parsePackageOrThrow(loadPackageFiles(positionals[0]!));
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro render: ${err.message} [${err.code}]`);
      return ExitCode.failed;
    }
    throw err;
  }
  const plan = pkg.operator.plans?.[values.plan];
  const phase = values.phase ?? plan?.phases?.[0]?.name ?? '';
  const step = values.step ?? plan?.phases?.find((p) => p.name === phase)?.steps?.[0]?.name ?? '';
  const clusterParent =
    parent === 'auto'
      ? clusterScopedTemplates(pkg.templates).length > 0
      : parent === CLUSTER_INSTANCE;
  const options = {
    ...(clusterParent && {
      clusterParent: true,
      clusterKinds: clusterScopedTemplateKinds(pkg.templates),
    }),
    instance: values.instance ?? defaultInstanceName(pkg.operator.name ?? ''),
    namespace: values.namespace,
    plan: values.plan,
    phase,
    step,
    values: params,
  };
  if (values.raw) {
    const raw = renderRaw(pkg, support, options);
    if ('error' in raw && typeof raw.error === 'string') {
      println(io.stderr, `maestro render: ${raw.error}`);
      return ExitCode.failed;
    }
    if (output === 'json') println(io.stdout, JSON.stringify(raw, null, 2));
    else io.stdout.write(stringify(raw));
    return ExitCode.ok;
  }
  const result = renderPackagePlan(pkg, options);
  const code = result.invalidParameters ? ' [MAESTRO_PACKAGE_PARAMS_INVALID]' : '';
  for (const e of result.errors) println(io.stderr, `maestro render: ${e}${code}`);
  if (output === 'json') {
    println(
      io.stdout,
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: result.objects }, null, 2),
    );
  } else {
    io.stdout.write(result.objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join(''));
  }
  return result.errors.length > 0 ? ExitCode.failed : ExitCode.ok;
}
