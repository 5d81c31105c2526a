// The ceiling: a bare fastify route that parses a JSON body and echoes it.
// Nothing of Maestro is loaded. Every Maestro route reports its throughput as
// a ratio to this, measured in the same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
app.post('/echo', async (request) => request.body);
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
