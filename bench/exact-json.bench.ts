// What exact integers cost /convert and admission (src/model/json.ts): a
// ConversionReview body of 100 Instances with 50 parameters each, parsed and
// written back. Baseline in the same run: JSON.parse and JSON.stringify.
// - fast: the body has no run of 16 digits (nearly every real body), so
//   parseJsonExact is a regex scan plus JSON.parse;
// - exact: one parameter is 9007199254740993, so the body goes through
//   lossless-json and the answer through its stringify.
// Prints one JSON line of ratios; bounded to a few seconds.
import { parseJsonExact, stringifyJsonExact } from '../src/model/json.ts';

function review(big: boolean): string {
  const objects = [];
  for (let i = 0; i < 100; i++) {
    const parameters: Record<string, unknown> = {};
    for (let p = 0; p < 50; p++)
      parameters[`PARAM_${p}`] = p % 3 === 0 ? p * 1000 : `value-${i}-${p}`;
    objects.push({
      apiVersion: 'maestro.dev/v1',
      kind: 'Instance',
      metadata: { name: `i${i}`, namespace: 'ns', uid: `u-${i}`, resourceVersion: `${1000 + i}` },
      spec: { operatorVersion: { name: 'ov' }, parameters },
    });
  }
  const text = JSON.stringify({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'ConversionReview',
    request: { uid: 'c', desiredAPIVersion: 'maestro.dev/v1beta1', objects },
  });
  return big ? text.replace('"PARAM_0":0', '"PARAM_0":9007199254740993') : text;
}

function timeIt(fn: () => void, budgetMs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < budgetMs && runs < 2000) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const plain = review(false);
const big = review(true);
const parsedPlain = JSON.parse(plain) as unknown;
const parsedBig = parseJsonExact(big);
const baseParse = timeIt(() => JSON.parse(plain), 500);
const fastParse = timeIt(() => parseJsonExact(plain), 500);
const exactParse = timeIt(() => parseJsonExact(big), 800);
const baseWrite = timeIt(() => JSON.stringify(parsedPlain), 500);
const fastWrite = timeIt(() => stringifyJsonExact(parsedPlain), 500);
const exactWrite = timeIt(() => stringifyJsonExact(parsedBig), 800);
console.log(
  JSON.stringify({
    bench: 'exact-json-convert-body',
    bytes: plain.length,
    parseFastRatio: Number((fastParse / baseParse).toFixed(2)),
    parseExactRatio: Number((exactParse / baseParse).toFixed(2)),
    writeFastRatio: Number((fastWrite / baseWrite).toFixed(2)),
    writeExactRatio: Number((exactWrite / baseWrite).toFixed(2)),
  }),
);
