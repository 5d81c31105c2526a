// No Docker engine runs here, so the Dockerfile is checked structurally:
// stages, base images, what it copies, the user and the command it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parse } from 'yaml';

const root = new URL('../', import.meta.url);
const dockerfile = DockerfileParser.parse(readFileSync(new URL('Dockerfile', root), 'utf8'));
const stages = dockerfile.getFROMs();
const instructions = dockerfile.getInstructions();
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const fromStage = (i: Instruction) => i instanceof Copy && i.getFromFlag() !== null;
const finalStageStart = stages.at(-1)!.getRange().start.line;
const inFinalStage = (i: Instruction) => i.getRange().start.line >= finalStageStart;
const ignored = readFileSync(new URL('.dockerignore', root), 'utf8').split('\n').filter(Boolean);

test('the Dockerfile parses and every instruction is known', () => {
  const known = new Set([
    'FROM',
    'WORKDIR',
    'COPY',
    'RUN',
    'ENV',
    'USER',
    'EXPOSE',
    'ENTRYPOINT',
    'CMD',
    'ARG',
    'LABEL',
  ]);
  for (const i of instructions)
    assert.ok(known.has(i.getKeyword()), `unexpected ${i.getKeyword()}`);
});

test('it is multi-stage on a Node slim base whose version is a build argument defaulting to 20', () => {
  assert.ok(stages.length >= 2, 'a build stage and a runtime stage');
  for (const from of stages) assert.equal(from.getImage(), 'node:${NODE_VERSION}-slim');
  const arg = instructions.find((i) => i.getKeyword() === 'ARG');
  assert.ok(arg, 'an ARG');
  assert.ok(arg.getRange().start.line < stages[0]!.getRange().start.line, 'declared before FROM');
  assert.deepEqual(args(arg), ['NODE_VERSION=20']);
});

test('every path it copies from the build context exists and is not excluded by .dockerignore', () => {
  const copies = instructions.filter((i) => i.getKeyword() === 'COPY');
  assert.ok(copies.length > 0);
  for (const copy of copies) {
    if (fromStage(copy)) continue;
    const sources = args(copy).slice(0, -1);
    for (const source of sources) {
      assert.ok(existsSync(new URL(source, root)), `COPY source ${source} exists`);
      const top = source.replace(/\/$/, '').split('/')[0]!;
      assert.ok(!ignored.includes(top), `COPY source ${source} is not in .dockerignore`);
    }
  }
});

test('the runtime stage copies only what the build stage produces, with production dependencies', () => {
  const run = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => args(i).join(' '));
  assert.ok(
    run.some((r) => /npm ci\b/.test(r)),
    'installs from the lockfile',
  );
  assert.ok(
    run.some((r) => /npm prune --omit=dev/.test(r)),
    'drops dev dependencies',
  );
  const fromBuild = instructions.filter((i) => fromStage(i) && inFinalStage(i));
  assert.ok(fromBuild.every((i) => (i as Copy).getFromFlag()?.getValue() === 'build'));
  const copied = fromBuild.map((i) => args(i)[0]);
  assert.deepEqual(copied.sort(), ['/src/dist/', '/src/node_modules/']);
});

test('the runtime stage runs as a numeric non-root user, the one the chart sets', () => {
  const users = instructions.filter((i) => i.getKeyword() === 'USER' && inFinalStage(i));
  assert.equal(users.length, 1);
  const user = args(users[0]!)[0] ?? '';
  // A name cannot be checked by the kubelet against runAsNonRoot: the uid must be a number.
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  assert.ok(m, `USER ${user} is numeric (uid[:gid])`);
  assert.notEqual(Number(m[1]), 0, 'not root');
  const values = parse(readFileSync(new URL('charts/maestro/values.yaml', root), 'utf8')) as {
    securityContext: { runAsUser: number };
    podSecurityContext: { runAsUser: number; runAsGroup: number };
  };
  assert.equal(values.securityContext.runAsUser, Number(m[1]));
  assert.equal(values.podSecurityContext.runAsUser, Number(m[1]));
  if (m[2] !== undefined) assert.equal(values.podSecurityContext.runAsGroup, Number(m[2]));
});

test('it exposes the HTTPS port of the chart and the Knative port', () => {
  const exposed = instructions
    .filter((i) => i.getKeyword() === 'EXPOSE' && inFinalStage(i))
    .flatMap((i) => args(i));
  const values = parse(readFileSync(new URL('charts/maestro/values.yaml', root), 'utf8')) as {
    service: { targetPort: number };
  };
  assert.deepEqual(exposed.sort(), [String(values.service.targetPort), '8080'].sort());
});

test('it runs `maestro serve --host 0.0.0.0` and leaves the port to PORT', () => {
  const entry = instructions.find((i) => i.getKeyword() === 'ENTRYPOINT' && inFinalStage(i));
  const cmd = instructions.find((i) => i.getKeyword() === 'CMD' && inFinalStage(i));
  assert.ok(entry && cmd);
  const argv = [
    ...JSON.parse(args(entry).join(' ')),
    ...JSON.parse(args(cmd).join(' ')),
  ] as string[];
  assert.deepEqual(argv, ['node', '/app/bin/maestro.js', 'serve', '--host', '0.0.0.0']);
  assert.ok(!argv.includes('--port'), 'no fixed port: PORT from the environment applies');
  assert.ok(existsSync(new URL('bin/maestro.js', root)));
});

test('the bundle entry that bin/maestro.js loads is what scripts/build.mjs writes', () => {
  const bin = readFileSync(new URL('bin/maestro.js', root), 'utf8');
  const build = readFileSync(new URL('scripts/build.mjs', root), 'utf8');
  assert.match(bin, /new URL\('\.\.\/dist\/', pathToFileURL\(__filename\)\)/);
  assert.match(bin, /new URL\('main\.js', dist\)/);
  // `serve` runs its own bundle (with a V8 code cache, bin/serve-bundle.js).
  assert.match(bin, /new URL\('serve\.cjs', dist\)/);
  assert.match(build, /entryPoints: \{ serve: 'src\/cli\/serve-entry\.ts' \}/);
  assert.match(build, /outExtension: \{ '\.js': '\.cjs' \}/);
  assert.match(build, /entryPoints: \{ main: 'src\/cli\/main\.ts'[,}]/);
  // The render worker is bundled beside it (piscina loads dist/render-worker.js by name).
  assert.match(build, /'render-worker': 'src\/server\/render-worker\.ts'/);
  // dist/ unless MAESTRO_BUILD_OUTDIR says otherwise (test/hostile builds a private copy).
  assert.match(build, /const outdir = process\.env\.MAESTRO_BUILD_OUTDIR \?\? 'dist';/);
});
