// Each scenario's wall time and sync count, printed and appended to
// $E2E_RESULTS (default /tmp/maestro-e2e-results.jsonl) for docs/e2e.md.
import { appendFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Stack } from './stack.ts';

export const RESULTS = process.env.E2E_RESULTS ?? '/tmp/maestro-e2e-results.jsonl';
export const CORPUS =
  process.env.MAESTRO_CORPUS ??
  new URL('../../../../shared/corpus/kudo-operators', import.meta.url).pathname;
export const FIXTURES = new URL('../fixtures', import.meta.url).pathname;
/** The repository's test/fixtures (packages shared with the unit tests). */
export const REPO_FIXTURES = new URL('../../fixtures', import.meta.url).pathname;
export const ZOOKEEPER = `${CORPUS}/zookeeper/3.6.2-0.3.3`;
export const KAFKA = `${CORPUS}/kafka/2.5.1-1.3.2`;

export interface ScenarioContext {
  /** Counts the sync calls of these parents (ns/name) for the report. */
  parents: string[];
}

/** A node:test test that records its wall time and the sync calls of its parents. */
export function scenario(
  stack: () => Stack,
  name: string,
  fn: (ctx: ScenarioContext) => Promise<void>,
  timeout = 300_000,
): void {
  test(name, { timeout }, async () => {
    const s = stack();
    const since = s.recorder.calls.length;
    const ctx: ScenarioContext = { parents: [] };
    const t0 = Date.now();
    s.note(`--- scenario ${name}`);
    let ok = false;
    try {
      await fn(ctx);
      ok = true;
    } finally {
      const seconds = (Date.now() - t0) / 1000;
      const syncs = ctx.parents.reduce((n, p) => n + s.recorder.syncs(p, since), 0);
      const finalizes = ctx.parents.reduce(
        (n, p) => n + s.recorder.syncs(p, since, '/finalize'),
        0,
      );
      const row = {
        stack: s.o.name,
        metacontroller: s.o.mc,
        apply: s.o.apply ?? 'dynamic-apply',
        install: s.installedWith,
        scenario: name,
        ok,
        seconds: Math.round(seconds * 10) / 10,
        syncs,
        finalizes,
      };
      appendFileSync(RESULTS, `${JSON.stringify(row)}\n`);
      console.log(
        `e2e: ${row.ok ? 'ok  ' : 'FAIL'} ${row.seconds.toFixed(1).padStart(6)} s ${String(syncs).padStart(4)} syncs${finalizes > 0 ? ` (+${finalizes} finalize)` : ''}  [${row.metacontroller} ${row.apply}] ${name}`,
      );
    }
  });
}
