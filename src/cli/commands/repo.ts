// `maestro repo index DIR`: a KUDO-format index.yaml over a folder of package tarballs.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { MaestroError } from '../../errors.ts';
import { readTarball } from '../../package/loader/index.ts';
import { parsePackageOrThrow } from '../../package/parse.ts';
import { buildIndex, indexYaml, parseIndex, type RepoIndex } from '../../package/repo-index.ts';

export const help = `Usage: maestro repo index DIR [--url URL] [--merge FILE] [-w]

Writes DIR/index.yaml for the package tarballs (*.tgz) in DIR, in the format
KUDO's \`kubectl kudo repo index\` writes and \`install --repo\` reads: every
package version with its description, maintainers, the URL of its tarball
(URL + file name) and the tarball's sha256 digest, newest version first.
Serve DIR as a static site (any web server or bucket), then
\`maestro install NAME --repo URL\`.

Options:
      --url URL      base URL the tarballs are served from (default http://localhost/)
      --merge FILE   keep the entries of an existing index (the new ones win)
  -w, --overwrite    replace an existing DIR/index.yaml
      --time RFC3339 the "generated" time to write (default now; for reproducible indexes)

Example:
  maestro package create ./zookeeper -d ./repo
  maestro repo index ./repo --url https://operators.example.com/ -w

Exit codes: 0 written, 1 no packages or an unreadable package, 2 usage error.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    url: { type: 'string', default: 'http://localhost/' },
    merge: { type: 'string' },
    overwrite: { type: 'boolean', short: 'w', default: false },
    time: { type: 'string' },
  });
  const [sub, dir, ...rest] = positionals;
  if (sub !== 'index')
    throw new UsageError(`unknown subcommand ${JSON.stringify(sub ?? '')}: expected index`);
  if (dir === undefined || rest.length > 0) throw new UsageError('expected exactly one DIR');
  const generated = values.time ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(generated)))
    throw new UsageError(`--time ${generated}: not an RFC 3339 time`);
  const target = join(dir, 'index.yaml');
  if (existsSync(target) && !values.overwrite) {
    println(
      io.stderr,
      `maestro repo index: ${target} already exists; give -w/--overwrite to replace it`,
    );
    return ExitCode.failed;
  }
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.tgz'))
      .sort();
  } catch (err) {
    println(io.stderr, `maestro repo index: ${(err as Error).message}`);
    return ExitCode.failed;
  }
  if (names.length === 0) {
    println(io.stderr, `maestro repo index: no packages discovered in ${dir} (no *.tgz)`);
    return ExitCode.failed;
  }
  const packages = [];
  for (const name of names) {
    const bytes = readFileSync(join(dir, name));
    try {
      const pkg = parsePackageOrThrow(readTarball(name, bytes));
      packages.push({
        name: pkg.operator.name ?? '',
        operatorVersion: pkg.operator.operatorVersion ?? '',
        appVersion: pkg.operator.appVersion,
        description: pkg.operator.description,
        maintainers: pkg.operator.maintainers,
        digest: createHash('sha256').update(bytes).digest('hex'),
      });
    } catch (err) {
      if (!(err instanceof MaestroError)) throw err;
      println(io.stderr, `maestro repo index: ${name}: ${err.message} [${err.code}]`);
      return ExitCode.failed;
    }
  }
  const { index, problems } = buildIndex(packages, values.url, generated);
  for (const p of problems) println(io.stderr, `Warning: ${p}`);
  let out: RepoIndex = index;
  if (values.merge) {
    let old: RepoIndex;
    try {
      old = parseIndex(readFileSync(values.merge, 'utf8'), values.merge);
    } catch (err) {
      println(io.stderr, `maestro repo index: --merge ${(err as Error).message}`);
      return ExitCode.failed;
    }
    const entries = { ...old.entries };
    for (const [name, list] of Object.entries(index.entries)) {
      const kept = (entries[name] ?? []).filter(
        (e) =>
          !list.some(
            (n) =>
              n.operatorVersion === e.operatorVersion &&
              (n.appVersion ?? '') === (e.appVersion ?? ''),
          ),
      );
      entries[name] = [...list, ...kept];
    }
    out = buildIndexFromEntries(entries, generated);
  }
  writeFileSync(target, indexYaml(out));
  const count = Object.values(out.entries).reduce((n, l) => n + l.length, 0);
  println(io.stdout, `index written: ${target} (${count} package versions)`);
  return ExitCode.ok;
}

function buildIndexFromEntries(entries: RepoIndex['entries'], generated: string): RepoIndex {
  const sorted: RepoIndex['entries'] = {};
  for (const name of Object.keys(entries).sort()) sorted[name] = entries[name]!;
  // Re-parse to get KUDO's newest-first order.
  return parseIndex(indexYaml({ apiVersion: 'v1', entries: sorted, generated }), 'merged index');
}
