// The cold-start baseline as CommonJS: bare-http.mjs without Node's ES module
// loader, which `maestro serve` no longer starts either (bin/ is CommonJS).
// cold-start.bench.ts reports the ratio to both. Port from argv[2].
'use strict';
const http = require('node:http');

http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  })
  .listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
