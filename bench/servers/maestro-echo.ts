// Maestro's full server stack (errors, metrics, health, load shedding, the
// surface plug point) with one echo route on a Metacontroller surface: what a
// hook costs before its handler does any work.
import { resolveServeConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';
import type { Surface } from '../../src/server/surfaces.ts';

const echo: Surface = {
  name: 'bench-echo',
  kind: 'metacontroller',
  plugin: async (app) => {
    app.post('/bench/echo', async (request) => request.body);
  },
};
const config = resolveServeConfig(
  { port: '0', 'log-level': 'warn', 'drain-delay': '0', 'max-in-flight': '1000' },
  process.env,
);
const server = await startServer(config, {
  surfaces: [echo],
  env: process.env,
  handleSignals: true,
});
console.log(JSON.stringify({ url: server.url }));
await server.closed;
process.exit(0);
