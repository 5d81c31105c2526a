// The real KUDO packages of ../shared/corpus/kudo-operators, for tests.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const sharedDir =
  process.env.MAESTRO_SHARED ?? resolve(import.meta.dirname, '..', '..', '..', 'shared');
export const corpusDir = join(sharedDir, 'corpus', 'kudo-operators');

/** [name, directory] of every corpus package (operator/version folders). */
export function corpusPackages(): [string, string][] {
  const out: [string, string][] = [];
  for (const op of readdirSync(corpusDir).sort()) {
    for (const version of readdirSync(join(corpusDir, op)).sort()) {
      out.push([`${op}/${version}`, join(corpusDir, op, version)]);
    }
  }
  return out;
}
