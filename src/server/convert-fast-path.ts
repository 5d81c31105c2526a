// POST /convert outside fastify's request path. kube-apiserver 1.20 converts
// a LIST read from etcd with one ConversionReview per object, one after
// another over one kept-alive HTTP/1.1 connection, so the per-request cost of
// the framework is paid once per object: `BENCH_LIST_FLOOR=1 npm run bench --
// realapi-list` measured fastify's request path at 0.12-0.18 ms of CPU per
// review, more than Maestro's conversion itself (docs/serve.md, "Measured").
//
// The plain case is answered here, straight from the server's 'request'
// event: POST /convert (any query, kube-apiserver adds ?timeout=), content
// type application/json, a declared Content-Length within the body limit,
// while the app is neither draining nor closing. It runs what the fastify
// route runs (the same parser, conversion, serializer and error answers,
// plugins/conversion.ts) and counts in the same metrics. Everything else goes
// to fastify as before; the fast path is not installed at all with a path
// token, client certificates or tracing (app.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { parseJsonBody } from './json-body.ts';
import { parseJsonExact, stringifyJsonExact } from '../model/json.ts';
import { answerConversion, conversionErrorAnswer } from './plugins/conversion.ts';

const JSON_TYPE = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i;
const DIGITS = /^\d+$/;

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Whether a request takes the fast path. */
export function isPlainConvert(req: IncomingMessage, bodyLimit: number): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  if (url !== '/convert' && !url.startsWith('/convert?')) return false;
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) return false;
  const length = req.headers['content-length'];
  return length !== undefined && DIGITS.test(length) && Number(length) <= bodyLimit;
}

/**
 * Puts the fast path in front of fastify's handler on `app.server`. Returns
 * false (and changes nothing) when the server's request listener is not the
 * single one fastify installed.
 */
export function installConvertFastPath(app: FastifyInstance, bodyLimit: number): boolean {
  const server = app.server;
  const listeners = server.listeners('request') as Listener[];
  if (listeners.length !== 1) return false;
  const fastify = listeners[0]!;
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  const record = app.requestSeries('POST', '/convert', 200);
  server.removeListener('request', fastify);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closing || app.readiness.draining || !isPlainConvert(req, bodyLimit)) {
      fastify(req, res);
      return;
    }
    const started = performance.now();
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    // A request cut off before its end is never answered, as in fastify; Node
    // emits no 'error' on a request without a listener for it.
    req.on('end', () => {
      answer(text)
        .then((payload) => {
          res.on('finish', () => record((performance.now() - started) / 1000));
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(payload),
          });
          res.end(payload);
        })
        .catch((err: unknown) => {
          app.log.error({ err }, 'conversion answer failed');
          res.destroy();
        });
    });
  });
  const answer = async (text: string): Promise<string> => {
    let body: unknown;
    try {
      body = parseJsonBody(text, parseJsonExact);
      return stringifyJsonExact(await answerConversion(body));
    } catch (err) {
      return stringifyJsonExact(conversionErrorAnswer(err, body, app.log));
    }
  };
  return true;
}
