// The JSON body parser of every route. fastify's default (secure-json-parse
// with onProtoPoisoning 'error') answers 400 to any body with a "__proto__"
// key, but such a key is legitimate data in Kubernetes objects: a map
// parameter's key, a label or annotation key, a ConfigMap data key. A 400
// would keep an Instance stuck in /sync and fail the user's API call in
// admission and conversion. JSON.parse defines every key, "__proto__"
// included, as an own data property and never touches a prototype; the code
// behind the routes treats such keys as data (docs/serve.md, "JSON bodies").
// It is also the fastest parser there is, which /convert of a large list
// needs: the body is most of its cost.
import type { FastifyInstance } from 'fastify';
import { MaestroError } from '../errors.ts';
import { parseJsonExact, stringifyJsonExact } from '../model/json.ts';

const BOM = 0xfeff;

/** Parses a request body as JSON; a byte-order mark is allowed, as fastify's parser allows it. */
export function parseJsonBody(
  text: string,
  parse: (text: string) => unknown = JSON.parse,
): unknown {
  if (text.length === 0) {
    throw new MaestroError('MAESTRO_BAD_JSON', 'The request body is empty; send a JSON object.');
  }
  try {
    return parse(text.charCodeAt(0) === BOM ? text.slice(1) : text);
  } catch (err) {
    throw new MaestroError(
      'MAESTRO_BAD_JSON',
      `The request body is not valid JSON: ${(err as Error).message}`,
    );
  }
}

/**
 * The parser and serializer of the admission and conversion contexts: an
 * integer beyond 2^53 is read and written back exactly (src/model/json.ts),
 * so a round trip through kube-apiserver never changes a stored int64.
 */
export function useExactJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, parseJsonExact));
    } catch (err) {
      done(err as MaestroError, undefined);
    }
  });
  app.setReplySerializer((payload) => stringifyJsonExact(payload));
}

/** Replaces fastify's application/json parser on `app` (and every context registered after). */
export function useJsonBodyParser(app: FastifyInstance): void {
  // Every route takes JSON only: anything else is 415 (docs/errors.md), not a
  // string that fails later as "not a review".
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (err) {
      done(err as MaestroError, undefined);
    }
  });
}
