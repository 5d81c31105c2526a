// What bench/template-exec.bench.ts measures, bundled as dist/ is (esbuild,
// minified, node20), so that the figure is the shipped engine's and not tsx's
// on-the-fly transform of the sources.
export { createEngine } from '../src/template/engine.ts';
export { decodeCase } from '../src/template/protocol.ts';
export { sprigFuncMap } from '../src/template/sprig/index.ts';
