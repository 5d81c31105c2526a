// A small Kubernetes API client for the end-to-end tests: JSON over HTTPS
// with the admin client certificate that ../shared/realapi/up.sh makes.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';

export interface KubeResponse {
  status: number;
  body: any;
}

export class Kube {
  readonly #url: URL;
  readonly #ca: Buffer;
  readonly #cert: Buffer;
  readonly #key: Buffer;

  constructor(server: string, pki: string) {
    this.#url = new URL(server);
    this.#ca = readFileSync(`${pki}/ca.crt`);
    this.#cert = readFileSync(`${pki}/admin.crt`);
    this.#key = readFileSync(`${pki}/admin.key`);
  }

  req(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<KubeResponse> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const r = request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          path,
          method,
          ca: this.#ca,
          cert: this.#cert,
          key: this.#key,
          headers: {
            accept: 'application/json',
            ...(data !== undefined && {
              'content-type': contentType,
              'content-length': Buffer.byteLength(data),
            }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              /* not JSON: keep the text */
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      r.on('error', reject);
      r.setTimeout(30_000, () => r.destroy(new Error(`${method} ${path}: timeout`)));
      if (data !== undefined) r.write(data);
      r.end();
    });
  }

  /** GET; undefined on 404. */
  async get(path: string): Promise<any> {
    const r = await this.req('GET', path);
    if (r.status === 404) return undefined;
    if (r.status >= 300) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async list(path: string): Promise<any[]> {
    const body = await this.get(path);
    return (body?.items ?? []) as any[];
  }

  async must(method: string, path: string, body?: unknown, contentType?: string): Promise<any> {
    const r = await this.req(method, path, body, contentType);
    if (r.status >= 300)
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 600)}`);
    return r.body;
  }

  mergePatch(path: string, patch: unknown): Promise<any> {
    return this.must('PATCH', path, patch, 'application/merge-patch+json');
  }
}

/** The REST path of a collection or object. */
export function resourcePath(
  apiVersion: string,
  plural: string,
  namespace?: string,
  name?: string,
): string {
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return `${base}${namespace ? `/namespaces/${namespace}` : ''}/${plural}${name ? `/${name}` : ''}`;
}
