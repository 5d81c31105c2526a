// --pipe-image / MAESTRO_PIPE_IMAGE: the publisher image reaches the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveServeConfig } from '../../src/server/config.ts';
import { MaestroError } from '../../src/errors.ts';

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
