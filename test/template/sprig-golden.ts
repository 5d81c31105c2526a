// Shared by the sprig golden tests: loads test/golden/sprig/golden.json and
// renders one case through Maestro's engine with sprig, as `maestro template` would.
import { readFileSync } from 'node:fs';
import { createEngine, type Engine } from '../../src/template/engine.ts';
import { decodeCase, encodeString } from '../../src/template/protocol.ts';
import { sprigFuncMap } from '../../src/template/sprig/index.ts';
import type { GoValue } from '../../src/template/value.ts';

export interface GoldenCase {
  id: string;
  fn: string;
  template: string;
  data?: GoValue;
  numbers: string;
  unstable?: boolean;
  result: { ok: boolean; out: string; phase?: string; err?: string };
}

export function loadGolden(): { D: unknown; cases: GoldenCase[] } {
  const url = new URL('../golden/sprig/golden.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as { D: unknown; cases: GoldenCase[] };
}

/** A fixed clock (2020-09-13T12:26:40Z) and seed: renders are reproducible. */
export function sprigEngine(seed: string | number = 'golden'): Engine {
  return createEngine({
    funcs: sprigFuncMap(),
    missingkey: 'error',
    seed,
    now: () => 1600000000_000000000n,
    location: 'UTC',
  });
}

/** A string as `maestro template` writes it (raw bytes become U+FFFD, as in Go's JSON). */
export const wire = (s: string): string => JSON.parse(encodeString(s)) as string;

export function renderCase(engine: Engine, c: GoldenCase, D: unknown) {
  const line = JSON.stringify({ template: c.template, data: c.data ?? D, numbers: c.numbers });
  const k = decodeCase(line);
  const r = engine.tryRender('t', k.template, k.data);
  return r.ok ? { ...r, out: wire(r.out) } : { ...r, out: wire(r.out), err: wire(r.err) };
}
