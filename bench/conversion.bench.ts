// Conversion cost on a real object: the kafka OperatorVersion (28 templates,
// 200 parameters) v1 -> v1beta1 -> v1, per object. Baseline in the same run:
// structuredClone of the same object, which conversion used to pay once per
// direction; it now copies only what it changes (copy on write), so the
// ratio is below 1. Prints one JSON line; bounded to about a second.
import { join, resolve } from 'node:path';
import { convertObject } from '../src/model/conversion/index.ts';
import { V1, V1BETA1 } from '../src/model/names.ts';
import { loadPackageFiles } from '../src/package/loader/index.ts';
import { parsePackageOrThrow } from '../src/package/parse.ts';
import { packageResources } from '../src/package/resources.ts';

const shared = process.env.MAESTRO_SHARED ?? resolve(import.meta.dirname, '..', '..', 'shared');
const dir = join(shared, 'corpus', 'kudo-operators', 'kafka', '2.5.1-1.3.2');
const ov = packageResources(parsePackageOrThrow(loadPackageFiles(dir))).v1.operatorVersion;

function timeIt(fn: () => void, budgetMs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < budgetMs && runs < 5000) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const clone = timeIt(() => structuredClone(ov), 300);
const round = timeIt(() => convertObject(convertObject(ov, V1BETA1), V1), 600);
console.log(
  JSON.stringify({
    bench: 'conversion-kafka-ov',
    bytes: JSON.stringify(ov).length,
    roundTripMs: Number(round.toFixed(3)),
    structuredCloneMs: Number(clone.toFixed(3)),
    ratio: Number((round / clone).toFixed(2)),
  }),
);
