// Maestro's admission and conversion surfaces over HTTPS, with the kafka
// OperatorVersion served from memory (the lookup's cache hit, without a
// cluster), for bench/webhooks.bench.ts. TLS files come from the environment.
import { resolveServeConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/start.ts';
import { admissionSurface } from '../../src/server/plugins/admission.ts';
import { conversionSurface } from '../../src/server/plugins/conversion.ts';
import { kafka } from '../webhooks/bodies.ts';

const { ov } = kafka();
const config = resolveServeConfig(
  {
    port: '0',
    'log-level': 'warn',
    'drain-delay': '0',
    'tls-cert': process.env.BENCH_TLS_CERT!,
    'tls-key': process.env.BENCH_TLS_KEY!,
  },
  process.env,
);
const server = await startServer(config, {
  surfaces: [admissionSurface(async () => ({ ok: true, operatorVersion: ov })), conversionSurface],
  env: process.env,
  handleSignals: true,
});
console.log(JSON.stringify({ url: server.url }));
await server.closed;
process.exit(0);
