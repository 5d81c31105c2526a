// `maestro serve`'s stack with the real Metacontroller surface (/sync,
// /finalize, /customize), for bench/sync.bench.ts.
import { resolveServeConfig } from '../../src/server/config.ts';
import { metacontrollerSurface } from '../../src/server/plugins/metacontroller.ts';
import { startServer } from '../../src/server/start.ts';

const config = resolveServeConfig(
  { port: '0', 'log-level': 'warn', 'drain-delay': '0', 'max-in-flight': '1000' },
  process.env,
);
const server = await startServer(config, {
  surfaces: [metacontrollerSurface()],
  env: process.env,
  handleSignals: true,
});
console.log(JSON.stringify({ url: server.url }));
await server.closed;
process.exit(0);
