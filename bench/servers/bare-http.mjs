// The cold-start baseline: a bare node:http server that answers 200 on every
// path. Plain JavaScript so that nothing (no tsx, no bundle) is loaded that
// `maestro serve` does not also pay for. Port from argv[2].
import http from 'node:http';

http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  })
  .listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
