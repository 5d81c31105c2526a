// `maestro package new NAME [--dir DIR] [--schema-base PATH|URL]`: writes a
// package scaffold (src/package/scaffold.ts) into a new or empty folder.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, UsageError, parseCommandArgs, println, type CommandIO } from '../command.ts';
import { packageNamePattern, scaffoldPackage } from '../../package/scaffold.ts';

/** The schemas/ folder of this Maestro installation (dist/ or src/ sit next to it). */
function installedSchemas(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'schemas', 'operator.json'))) return join(dir, 'schemas');
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    dir: { type: 'string' },
    'schema-base': { type: 'string' },
  });
  const [name, ...rest] = positionals;
  if (name === undefined || rest.length > 0) throw new UsageError('expected `package new NAME`');
  if (!packageNamePattern.test(name)) {
    throw new UsageError(
      `package name ${JSON.stringify(name)} must be lower-case letters, digits and - (a DNS-1123 label)`,
    );
  }
  const target = resolve(values.dir ?? name);
  if (existsSync(target) && readdirSync(target).length > 0) {
    println(io.stderr, `maestro package new: ${target} exists and is not empty`);
    return ExitCode.failed;
  }
  let schemaBase = values['schema-base'];
  if (schemaBase === undefined) {
    const schemas = installedSchemas();
    if (schemas !== undefined) schemaBase = relative(target, schemas).split(sep).join('/');
  }
  const files = scaffoldPackage(name, { ...(schemaBase !== undefined && { schemaBase }) });
  for (const [path, text] of Object.entries(files)) {
    const full = join(target, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  println(io.stdout, `created ${target}: ${Object.keys(files).join(', ')}`);
  println(io.stdout, `next: maestro package verify ${values.dir ?? name}`);
  return ExitCode.ok;
}
