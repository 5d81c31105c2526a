// Binds package verify and render to Maestro's template engine (src/template)
// with KUDO's settings: sprig (3.2.3, the oracle's) plus toYaml, and
// missingkey=error. Data are plain JS values: strings, float64 numbers,
// booleans, arrays and plain objects, which is how KUDO's variables look
// to Go (map[string]interface{}, []interface{}, float64 from YAML).
import { createEngine, ParseError } from '../template/engine.ts';
import { sprigFuncMap } from '../template/sprig/index.ts';
import type { GoValue } from '../template/value.ts';
import type { TemplateSupport, TplNode } from './verify/template-support.ts';

export function templateSupport(): TemplateSupport {
  // Nothing random or dated in a package render: a fixed seed and clock keep it deterministic.
  const engine = createEngine({
    funcs: sprigFuncMap(),
    missingkey: 'error',
    seed: 0,
    now: () => 0n,
  });
  return {
    parse(name, text) {
      try {
        const set = engine.parse(name, text);
        const tree = set.trees.get(name);
        return {
          ok: true,
          root: (tree?.root ?? { type: 'list', nodes: [] }) as unknown as TplNode,
        };
      } catch (err) {
        if (err instanceof ParseError) return { ok: false, error: err.message };
        throw err;
      }
    },
    render(name, text, data) {
      const r = engine.tryRender(name, text, data as GoValue);
      return r.ok ? { ok: true, out: r.out } : { ok: false, error: r.err };
    },
  };
}
