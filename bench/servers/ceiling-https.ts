// The HTTPS ceiling for the webhook benchmark: bare fastify over the same TLS
// material, with routes that parse the same JSON bodies and answer a small
// object (/small, as admission does) or the parsed body (/echo, as conversion
// answers with as much as it got). Nothing of Maestro is loaded.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({
  logger: false,
  bodyLimit: 16 * 1024 * 1024,
  https: {
    cert: readFileSync(process.env.BENCH_TLS_CERT!),
    key: readFileSync(process.env.BENCH_TLS_KEY!),
  },
});
app.post('/small', async (request) => ({
  uid: (request.body as { request?: { uid?: string } }).request?.uid,
  allowed: true,
}));
app.post('/echo', async (request) => request.body);
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
console.log(JSON.stringify({ url: `https://127.0.0.1:${port}` }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
