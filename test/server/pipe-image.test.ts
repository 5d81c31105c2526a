// --pipe-image / MAESTRO_PIPE_IMAGE: the publisher image reaches the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveServeConfig } from '../../src/server/config.ts';
import { MaestroError } from '../../src/errors.ts';
import { buildApp } from '../../src/server/app.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { DEFAULT_PIPE_IMAGE } from '../../src/engine/pipe/index.ts';
import { getPath } from '../../src/engine/kobject.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { corpusDir, loadPackage, simulate } from '../engine/plan/support.ts';

test('pipe image: unset by default (the engine uses its own default)', () => {
  assert.equal(resolveServeConfig({}, {}).pipeImage, undefined);
});

test('pipe image: the flag beats MAESTRO_PIPE_IMAGE, which is used alone', () => {
  assert.equal(
    resolveServeConfig({ 'pipe-image': 'a/m:1' }, { MAESTRO_PIPE_IMAGE: 'b/m:2' }).pipeImage,
    'a/m:1',
  );
  assert.equal(resolveServeConfig({}, { MAESTRO_PIPE_IMAGE: 'b/m:2' }).pipeImage, 'b/m:2');
});

test('pipe image: a value with whitespace is refused, naming its source', () => {
  assert.throws(
    () => resolveServeConfig({}, { MAESTRO_PIPE_IMAGE: 'a b' }),
    (err: unknown) =>
      err instanceof MaestroError &&
      err.code === 'MAESTRO_CONFIG_INVALID' &&
      /MAESTRO_PIPE_IMAGE/.test(err.message),
  );
});

test('the metacontroller surface passes its pipe image to the engine, and the ETag tells images apart', async () => {
  // A real sync request: the first one the simulator sends for cowsay.
  const s = simulate(loadPackage(corpusDir('cowsay')));
  s.sim.run({ maxSyncs: 1 });
  const body = s.sim.records[0]!.request;
  const answer = async (pipeImage?: string) => {
    const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
      surfaces: [metacontrollerSurface({ now: () => 0, ...(pipeImage && { pipeImage }) })],
    });
    await a.ready();
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    await a.close();
    assert.equal(res.statusCode, 200, res.body);
    const children = (res.json() as { children: KObject[] }).children;
    const job = children.find((c) => c.kind === 'Job');
    return {
      etag: res.headers.etag,
      image: getPath(job!, 'spec', 'template', 'spec', 'containers', 0, 'image'),
    };
  };
  const plain = await answer();
  const custom = await answer('registry.example/maestro:7');
  assert.equal(plain.image, DEFAULT_PIPE_IMAGE);
  assert.equal(custom.image, 'registry.example/maestro:7');
  assert.notEqual(plain.etag, custom.etag);
});
