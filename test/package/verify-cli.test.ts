// `maestro package verify`: output formats and exit codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../../src/cli/commands/package.ts';
import { corpusPackages } from './corpus.ts';
import { collectingIO } from './cli-io.ts';

const broken = new URL('../fixtures/packages-broken/deploy-plan-missing', import.meta.url).pathname;

test('-o json prints {valid, errors, warnings} and exits 1 on errors', async () => {
  const c = collectingIO();
  const code = await run(['verify', broken, '-o', 'json'], c.io);
  assert.equal(code, 1);
  const out = JSON.parse(c.stdout()) as { valid: boolean; errors: string[]; warnings: string[] };
  assert.equal(out.valid, false);
  assert.deepStrictEqual(out.errors, [
    "operator.yaml: an operator is required to have 'deploy' plan",
  ]);
  assert.ok(Array.isArray(out.warnings));
});

test('a valid package prints "package is valid" and exits 0', async () => {
  const [, dir] = corpusPackages().find(([n]) => n.startsWith('cowsay'))!;
  const c = collectingIO();
  assert.equal(await run(['verify', dir], c.io), 0);
  assert.match(c.stdout(), /package is valid\n$/);
});

test('a missing directory exits 1 with the path in the message', async () => {
  const c = collectingIO();
  assert.equal(await run(['verify', '/no/such/package'], c.io), 1);
  assert.match(c.stderr(), /\/no\/such\/package/);
});

test('a wrong subcommand or output is a usage error', async () => {
  const c = collectingIO();
  await assert.rejects(run(['check', broken], c.io), /unknown subcommand/);
  await assert.rejects(run(['verify', broken, '-o', 'xml'], c.io), /-o must be/);
});
