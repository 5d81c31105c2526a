// `maestro package create` and `maestro package list`.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { loadPackageFiles } from '../../package/loader/index.ts';
import { writeTarball } from '../../package/loader/tarball.ts';
import { parsePackage } from '../../package/parse.ts';
import { tarballName } from '../../package/repo-index.ts';
import { templateSupport } from '../../package/template-engine.ts';
import { findingText, verifyPackage } from '../../package/verify/index.ts';
import { formatProblem } from '../../package/decode.ts';
import { table } from '../cluster/table.ts';
import { renderTree, type TreeNode } from '../plan-tree.ts';
import { kudoWrap } from '../../package/resources.ts';

export async function create(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    destination: { type: 'string', short: 'd', default: '.' },
    overwrite: { type: 'boolean', short: 'w', default: false },
  });
  if (positionals.length !== 1) throw new UsageError('expected exactly one package DIR');
  let files;
  try {
    files = loadPackageFiles(positionals[0]!);
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro package create: ${err.message} [${err.code}]`);
      return ExitCode.failed;
    }
    throw err;
  }
  const parsed = parsePackage(files);
  if (!parsed.ok) {
    for (const p of parsed.problems) println(io.stderr, `Error: ${formatProblem(p)}`);
    println(io.stderr, 'maestro package create: the package does not parse; nothing written');
    return ExitCode.failed;
  }
  const result = verifyPackage(parsed.pkg, templateSupport(), {});
  for (const w of result.warnings) println(io.stderr, `Warning: ${findingText(w)}`);
  if (result.errors.length > 0) {
    for (const e of result.errors) println(io.stderr, `Error: ${findingText(e)}`);
    println(
      io.stderr,
      `maestro package create: found ${result.errors.length} package verification errors; nothing written`,
    );
    return ExitCode.failed;
  }
  const op = parsed.pkg.operator;
  const target = join(
    values.destination,
    tarballName(op.name ?? '', op.operatorVersion ?? '', op.appVersion),
  );
  if (existsSync(target) && !values.overwrite) {
    println(
      io.stderr,
      `maestro package create: ${target} already exists; give -w/--overwrite to replace it`,
    );
    return ExitCode.failed;
  }
  mkdirSync(values.destination, { recursive: true });
  writeFileSync(target, writeTarball(files));
  println(io.stdout, `package created: ${target}`);
  return ExitCode.ok;
}

export async function list(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    repo: { type: 'string' },
    'operator-version': { type: 'string' },
    'app-version': { type: 'string' },
    descriptions: { type: 'boolean', short: 'd', default: false },
    required: { type: 'boolean', short: 'r', default: false },
    names: { type: 'boolean', default: false },
    'with-tasks': { type: 'boolean', short: 't', default: false },
  });
  const [what, ref, ...rest] = positionals;
  if (what !== 'parameters' && what !== 'plans' && what !== 'tasks')
    throw new UsageError(
      `unknown list ${JSON.stringify(what ?? '')}: expected parameters, plans or tasks`,
    );
  if (ref === undefined || rest.length > 0)
    throw new UsageError('expected exactly one package DIR, .tgz, URL or NAME');
  const { resolvePackage } = await import('../cluster/resolve.ts');
  let pkg;
  try {
    pkg = (
      await resolvePackage(ref, {
        repo: values.repo ?? io.env.MAESTRO_REPO,
        operatorVersion: values['operator-version'],
        appVersion: values['app-version'],
      })
    ).pkg;
  } catch (err) {
    if (err instanceof MaestroError) {
      println(io.stderr, `maestro package list: ${err.message} [${err.code}]`);
      return ExitCode.failed;
    }
    throw err;
  }
  if (what === 'parameters') {
    const params = (pkg.params.parameters ?? []).filter(
      (p) => !values.required || (p.required !== false && p.default === undefined),
    );
    if (values.names) {
      for (const p of params) println(io.stdout, p.name ?? '');
      return ExitCode.ok;
    }
    const head = ['NAME', 'DEFAULT', 'REQUIRED', ...(values.descriptions ? ['DESCRIPTION'] : [])];
    const rows = [...params]
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
      .map((p) => [
        p.name ?? '',
        (kudoWrap(p.default, p.type) ?? '<none>').replace(/\n$/, '').replaceAll('\n', '\\n'),
        String(p.required !== false),
        ...(values.descriptions ? [(p.description ?? '').trim().replaceAll('\n', ' ')] : []),
      ]);
    println(io.stdout, table(head, rows).join('\n'));
    return ExitCode.ok;
  }
  if (what === 'tasks') {
    const rows = (pkg.operator.tasks ?? []).map((t) => [
      t.name ?? '',
      t.kind ?? '',
      (t.spec?.resources ?? (t.spec?.package ? [t.spec.package] : [])).join(','),
    ]);
    println(io.stdout, table(['NAME', 'KIND', 'RESOURCES'], rows).join('\n'));
    return ExitCode.ok;
  }
  const tasks = new Map((pkg.operator.tasks ?? []).map((t) => [t.name, t]));
  const nodes: TreeNode[] = Object.entries(pkg.operator.plans ?? {}).map(([name, plan]) => ({
    label: `${name} (${plan.strategy ?? 'serial'})`,
    children: (plan.phases ?? []).map((ph) => ({
      label: `[phase] ${ph.name ?? ''} (${ph.strategy ?? 'serial'})`,
      children: (ph.steps ?? []).map((st) => ({
        label: `[step] ${st.name ?? ''}`,
        children: values['with-tasks']
          ? (st.tasks ?? []).map((tn) => {
              const t = tasks.get(tn);
              const res = t?.spec?.resources ?? (t?.spec?.package ? [t.spec.package] : []);
              return {
                label: `${tn} [${t?.kind ?? '?'}]`,
                children: res.map((r) => ({ label: r, children: [] })),
              };
            })
          : [],
      })),
    })),
  }));
  println(io.stdout, renderTree([{ label: 'plans', children: nodes }], '.').join('\n'));
  return ExitCode.ok;
}
