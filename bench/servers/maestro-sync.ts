// `maestro serve`'s stack with the real Metacontroller surface (/sync,
// /finalize, /customize), rendering in the worker pool as `serve` does, for
// bench/sync.bench.ts.
import { resolveServeConfig } from '../../src/server/config.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { RenderPool } from '../../src/server/render-pool.ts';
import { startServer } from '../../src/server/start.ts';

const config = resolveServeConfig(
  { port: '0', 'log-level': 'warn', 'drain-delay': '0', 'max-in-flight': '1000' },
  process.env,
);
const renderer = new RenderPool(config.render);
const server = await startServer(config, {
  surfaces: [metacontrollerSurface({ renderer })],
  env: process.env,
  handleSignals: true,
  renderer,
});
console.log(JSON.stringify({ url: server.url }));
await server.closed;
process.exit(0);
