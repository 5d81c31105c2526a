// Maestro's conversion without the framework, for bench/realapi-list.bench.ts
// (BENCH_LIST_FLOOR=1): node:https as in floor-convert.mjs, but the body goes
// through what /convert runs (parseJsonExact, convertReview,
// stringifyJsonExact). Its CRD is a copy of Maestro's in a group of its own,
// so apiVersions are mapped to maestro.dev before the conversion and back
// after. Against Maestro's LIST it shows what fastify's request path costs.
// GET /stats reports reviews, the TLS connections that carried them and the
// HTTP versions seen.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { convertReview } from '../../src/webhooks/conversion/index.ts';
import { parseJsonExact, stringifyJsonExact } from '../../src/model/json.ts';

const stats = { reviews: 0, connections: 0, httpVersions: {} as Record<string, number> };
const sockets = new WeakSet<object>();
const server = https.createServer(
  {
    cert: readFileSync(process.env.BENCH_TLS_CERT!),
    key: readFileSync(process.env.BENCH_TLS_KEY!),
    keepAliveTimeout: 75_000,
  },
  (req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stats));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const review = parseJsonExact(Buffer.concat(chunks).toString('utf8')) as {
        request: { desiredAPIVersion: string; objects: { apiVersion: string }[] };
      };
      const group = review.request.desiredAPIVersion.split('/')[0]!;
      const toMaestro = (v: string) => v.replace(group, 'maestro.dev');
      review.request.desiredAPIVersion = toMaestro(review.request.desiredAPIVersion);
      for (const o of review.request.objects) o.apiVersion = toMaestro(o.apiVersion);
      const answer = convertReview(review);
      for (const o of answer.response.convertedObjects as { apiVersion: string }[])
        o.apiVersion = o.apiVersion.replace('maestro.dev', group);
      stats.reviews += 1;
      if (!sockets.has(req.socket)) {
        sockets.add(req.socket);
        stats.connections += 1;
      }
      stats.httpVersions[req.httpVersion] = (stats.httpVersions[req.httpVersion] ?? 0) + 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(stringifyJsonExact(answer));
    });
  },
);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ url: `https://127.0.0.1:${port}` }));
});
process.once('SIGTERM', () => process.exit(0));
