// --field-manager / MAESTRO_FIELD_MANAGER: under server-side apply the engine
// reads applied bodies from the managedFields entry of Metacontroller's field
// manager, which Metacontroller's --apply-strategy-ssa-field-manager can rename.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveServeConfig } from '../../src/server/config.ts';
import { MaestroError } from '../../src/errors.ts';
import { buildApp } from '../../src/server/app.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import type { KObject } from '../../src/engine/kobject.ts';
import { loadPackage, simulate } from '../engine/plan/support.ts';
import { demoFiles } from '../engine/plan/demo-package.ts';
import { resync } from '../simulator/scenarios/helpers.ts';

test('field manager: unset by default; the flag beats MAESTRO_FIELD_MANAGER, which is used alone', () => {
  assert.equal(resolveServeConfig({}, {}).fieldManager, undefined);
  assert.equal(
    resolveServeConfig({ 'field-manager': 'a' }, { MAESTRO_FIELD_MANAGER: 'b' }).fieldManager,
    'a',
  );
  assert.equal(resolveServeConfig({}, { MAESTRO_FIELD_MANAGER: 'b' }).fieldManager, 'b');
});

test('field manager: a name with whitespace is refused, naming its source', () => {
  assert.throws(
    () => resolveServeConfig({ 'field-manager': 'meta controller' }, {}),
    (err: unknown) =>
      err instanceof MaestroError &&
      err.code === 'MAESTRO_CONFIG_INVALID' &&
      /--field-manager/.test(err.message),
  );
});

test('the metacontroller surface reads applied bodies under its configured field manager', async () => {
  // Metacontroller applied every child server-side as "mc-custom".
  const s = simulate(loadPackage(demoFiles()), {
    metacontroller: { applyStrategy: 'server-side-apply', fieldManager: 'mc-custom' },
  });
  s.runUntilSettled();
  resync(s);
  const body = s.sim.records.at(-1)!.request;
  const deploymentIn = async (fieldManager?: string) => {
    const a = await buildApp(resolveServeConfig({ 'log-level': 'silent' }, {}), {
      surfaces: [metacontrollerSurface({ now: () => 0, ...(fieldManager && { fieldManager }) })],
    });
    await a.ready();
    const res = await a.inject({ method: 'POST', url: '/sync', payload: body as object });
    await a.close();
    assert.equal(res.statusCode, 200, res.body);
    const children = (res.json() as { children: KObject[] }).children;
    return { etag: res.headers.etag, spec: children.find((c) => c.kind === 'Deployment')!.spec };
  };
  const configured = await deploymentIn('mc-custom');
  const unconfigured = await deploymentIn();
  // The server defaulted revisionHistoryLimit. Read through the right manager,
  // the echo is what was applied; through the wrong one, the fallback claims it.
  assert.equal((configured.spec as Record<string, unknown>).revisionHistoryLimit, undefined);
  assert.equal((unconfigured.spec as Record<string, unknown>).revisionHistoryLimit, 10);
  assert.notEqual(configured.etag, unconfigured.etag);
});
