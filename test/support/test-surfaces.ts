// Surfaces for testing the server's cross-cutting behaviour before the real
// hooks exist: they exercise exactly the plug points the real ones use.
import type { Surface } from '../../src/server/surfaces.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /test/echo echoes the JSON body; POST /test/slow?ms=N answers after N ms. */
export function testSurface(kind: Surface['kind'], prefix = `/test/${kind}`): Surface {
  return {
    name: `test-${kind}`,
    kind,
    plugin: async (app) => {
      app.post(`${prefix}/echo`, async (request) => {
        request.log.info({ probe: true }, 'echo handler ran');
        return request.body;
      });
      app.post<{ Querystring: { ms?: string } }>(`${prefix}/slow`, async (request) => {
        request.log.info({ url: request.url }, 'slow handler started');
        await sleep(Number(request.query.ms ?? '500'));
        return { slept: Number(request.query.ms ?? '500') };
      });
    },
  };
}

export const allTestSurfaces: Surface[] = [
  testSurface('metacontroller'),
  testSurface('admission'),
  testSurface('conversion'),
];
