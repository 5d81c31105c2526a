// A real `maestro serve` process with the test surfaces added, configured by
// the same flags and environment as the command. Run it with
// `node --import tsx test/support/test-server.ts [serve flags]`.
import { parseArgs } from 'node:util';
import { resolveServeConfig, type ServeFlags } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';
import { allTestSurfaces } from './test-surfaces.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: Object.fromEntries(
    [
      'host',
      'port',
      'tls-cert',
      'tls-key',
      'body-limit',
      'log-level',
      'shutdown-timeout',
      'drain-delay',
      'request-timeout',
      'max-in-flight',
    ].map((name) => [name, { type: 'string' as const }]),
  ),
});
const config = resolveServeConfig(values as ServeFlags, process.env);
const server = await startServer(config, {
  surfaces: allTestSurfaces,
  env: process.env,
  handleSignals: true,
});
server.app.log.info({ url: server.url }, 'maestro serving');
const { timedOut } = await server.closed;
if (timedOut) process.exit(1);
