// The floor of a conversion webhook for bench/realapi-list.bench.ts
// (BENCH_LIST_FLOOR=1): node:https, no framework, and the least work that
// answers kube-apiserver: parse the ConversionReview, set each
// object's apiVersion to the desired one, answer. Correct only for objects
// whose versions differ in nothing but apiVersion, as the bench's floor CRDs
// do. GET /stats reports reviews, the TLS connections that carried them and
// the HTTP versions seen.
import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import https from 'node:https';

const tls = {
  cert: readFileSync(process.env.BENCH_TLS_CERT),
  key: readFileSync(process.env.BENCH_TLS_KEY),
};
const stats = { reviews: 0, connections: 0, httpVersions: {} };
const sockets = new WeakSet();

function handle(req, res) {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const review = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const { uid, desiredAPIVersion, objects } = review.request;
    for (const o of objects) o.apiVersion = desiredAPIVersion;
    stats.reviews += 1;
    if (!sockets.has(req.socket)) {
      sockets.add(req.socket);
      stats.connections += 1;
    }
    stats.httpVersions[req.httpVersion] = (stats.httpVersions[req.httpVersion] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        apiVersion: review.apiVersion,
        kind: 'ConversionReview',
        response: { uid, convertedObjects: objects, result: { status: 'Success' } },
      }),
    );
  });
}

const server = https.createServer({ ...tls, keepAliveTimeout: 75_000 }, handle);
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ url: `https://127.0.0.1:${server.address().port}` }));
});
process.once('SIGTERM', () => process.exit(0));
