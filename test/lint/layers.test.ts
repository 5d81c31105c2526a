// The layering is a lint rule (eslint.config.js): a probe file in each layer
// that imports upwards, or reads the clock or the environment in the pure
// core, is rejected, and one that imports downwards is accepted.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

// [probe file, code, the rule that must reject it]
const rejected: [string, string, string][] = [
  ['src/template/probe.ts', `import '../model/names.ts';`, 'boundaries/dependencies'],
  ['src/model/probe.ts', `import '../package/types.ts';`, 'boundaries/dependencies'],
  ['src/model/probe.ts', `import '../engine/kobject.ts';`, 'boundaries/dependencies'],
  ['src/package/probe.ts', `import '../engine/kobject.ts';`, 'boundaries/dependencies'],
  ['src/engine/probe.ts', `import '../webhooks/admission/index.ts';`, 'boundaries/dependencies'],
  ['src/engine/probe.ts', `import '../simulator/index.ts';`, 'boundaries/dependencies'],
  ['src/engine/probe.ts', `import '../package/loader/index.ts';`, 'boundaries/dependencies'],
  ['src/webhooks/probe.ts', `import '../simulator/index.ts';`, 'boundaries/dependencies'],
  ['src/webhooks/probe.ts', `import '../server/config.ts';`, 'boundaries/dependencies'],
  ['src/webhooks/probe.ts', `import '../kube/ttl-cache.ts';`, 'boundaries/dependencies'],
  ['src/server/probe.ts', `import '../cli/command.ts';`, 'boundaries/dependencies'],
  ['src/server/probe.ts', `import '../simulator/index.ts';`, 'boundaries/dependencies'],
  ['src/simulator/probe.ts', `import '../cli/command.ts';`, 'boundaries/dependencies'],
  ['src/simulator/probe.ts', `import '../server/config.ts';`, 'boundaries/dependencies'],
  ['src/kube/probe.ts', `import '../server/config.ts';`, 'boundaries/dependencies'],
  ['src/errors.ts', `import './engine/kobject.ts';`, 'boundaries/dependencies'],
  ['src/engine/probe.ts', `import 'node:fs';`, 'no-restricted-imports'],
  ['src/template/probe.ts', `import 'fastify';`, 'no-restricted-imports'],
  ['src/engine/probe.ts', `export const t = Date.now();`, 'no-restricted-syntax'],
  ['src/model/probe.ts', `export const t = new Date();`, 'no-restricted-syntax'],
  ['src/webhooks/probe.ts', `export const e = process.env.HOME;`, 'no-restricted-syntax'],
  ['src/package/probe.ts', `export const e = process.env['HOME'];`, 'no-restricted-syntax'],
  ['src/template/probe.ts', `export const t = performance.now();`, 'no-restricted-syntax'],
];

// Imports that flow down, and clocks outside the pure core: accepted.
const accepted: [string, string][] = [
  ['src/cli/probe.ts', `import '../simulator/index.ts';\nimport '../server/config.ts';`],
  [
    'src/simulator/probe.ts',
    `import '../webhooks/admission/index.ts';\nimport '../engine/kobject.ts';`,
  ],
  [
    'src/server/probe.ts',
    `import '../webhooks/admission/index.ts';\nimport '../kube/ttl-cache.ts';`,
  ],
  ['src/webhooks/probe.ts', `import '../engine/kobject.ts';\nimport '../errors.ts';`],
  ['src/engine/probe.ts', `import '../package/types.ts';\nimport '../model/names.ts';`],
  ['src/package/probe.ts', `import '../model/names.ts';\nimport '../template/engine.ts';`],
  ['src/model/probe.ts', `import '../template/quote.ts';\nimport '../errors.ts';`],
  ['src/server/probe.ts', `export const t = Date.now() + Number(process.env.X);`],
  ['src/simulator/probe.ts', `export const t = new Date(0);`],
];

describe('lint: layers', () => {
  for (const [file, code, rule] of rejected) {
    it(`rejects ${file}: ${code}`, async () => {
      const found = await problems(file, `${code}\n`);
      assert.ok(
        found.some((p) => p.startsWith(`${rule}:`)),
        `expected ${rule}, got ${JSON.stringify(found)}`,
      );
    });
  }
  for (const [file, code] of accepted) {
    it(`accepts ${file}: ${code.replace(/\n/g, ' ')}`, async () => {
      assert.deepEqual(await problems(file, `${code}\n`), []);
    });
  }
});
