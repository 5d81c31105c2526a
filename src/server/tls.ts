// TLS material that follows the files on disk. cert-manager and the kubelet
// rotate a mounted Secret by swapping a symlink, so the files change under a
// running process. New handshakes get the new certificate through
// Server.setSecureContext; connections already open keep theirs.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Server as TlsServer } from 'node:tls';
import { MaestroError } from '../errors.ts';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** CA bundle that client certificates must chain to (--client-ca). */
  caFile?: string;
}

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
}

/** Reads and checks a certificate and key; throws MAESTRO_TLS_LOAD_FAILED naming the file. */
export async function loadTlsPair(files: TlsFiles): Promise<TlsPair> {
  const pair = await readTlsPair(files);
  checkTlsPair(files, pair);
  return pair;
}

/** Reads a certificate and key; throws MAESTRO_TLS_LOAD_FAILED naming the file. */
async function readTlsPair(files: TlsFiles): Promise<TlsPair> {
  const read = async (path: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(path);
    } catch (cause) {
      throw new MaestroError(
        'MAESTRO_TLS_LOAD_FAILED',
        `cannot read TLS ${what} ${path}: ${(cause as Error).message}`,
        { cause, details: { file: path } },
      );
    }
  };
  return {
    cert: await read(files.certFile, 'certificate'),
    key: await read(files.keyFile, 'key'),
    ...(files.caFile !== undefined && { ca: await read(files.caFile, 'client CA bundle') }),
  };
}

/** Throws MAESTRO_TLS_LOAD_FAILED when the PEM is malformed or the key does not match the certificate. */
function checkTlsPair(files: TlsFiles, pair: TlsPair): void {
  try {
    // Throws when the PEM is malformed or the key does not match the certificate.
    createSecureContext(pair);
  } catch (cause) {
    throw new MaestroError(
      'MAESTRO_TLS_LOAD_FAILED',
      `TLS certificate ${files.certFile} and key ${files.keyFile} are not a usable pair: ${(cause as Error).message}`,
      { cause, details: { file: files.certFile } },
    );
  }
}

function fingerprint(pair: TlsPair): string {
  const h = createHash('sha256').update(pair.cert).update(pair.key);
  if (pair.ca !== undefined) h.update(pair.ca);
  return h.digest('hex');
}

export interface TlsReloaderOptions {
  files: TlsFiles;
  initial: TlsPair;
  /** Polling period: a safety net for file systems where watch events are lost. */
  intervalMs: number;
  onReload: (info: { fingerprint: string }) => void;
  onError: (err: Error) => void;
}

/**
 * Watches the certificate's and key's directories and polls them; when their
 * content changes and still forms a valid pair, installs it on the server.
 * A half-written or mismatched pair is reported and the old one is kept.
 */
export class TlsReloader {
  #current: string;
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #pending: Promise<void> | undefined;
  #again = false;
  #settle: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(
    private readonly server: TlsServer,
    private readonly options: TlsReloaderOptions,
  ) {
    this.#current = fingerprint(options.initial);
  }

  start(): void {
    const dirs = new Set([
      dirname(this.options.files.certFile),
      dirname(this.options.files.keyFile),
    ]);
    for (const dir of dirs) {
      try {
        const watcher = watch(dir, { persistent: false }, () => this.#changed());
        watcher.on('error', () => undefined);
        this.#watchers.push(watcher);
      } catch {
        // Polling below still notices the change.
      }
    }
    this.#timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.#timer.unref();
  }

  /**
   * A watch event: check now, and once more a moment later, for writers that
   * replace the certificate and the key one after the other (the first event
   * may find a new certificate with the old key, which is kept back).
   */
  #changed(): void {
    void this.check();
    if (this.#settle !== undefined) clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.check(), 250);
    this.#settle.unref();
  }

  /**
   * Re-reads the files now; resolves once any resulting swap is done. One
   * read at a time: a check asked for during a read is not merged into it (the
   * read may already have passed the file that changed) but runs right after.
   */
  check(): Promise<void> {
    if (this.#pending !== undefined) {
      this.#again = true;
      return this.#pending;
    }
    this.#pending = (async () => {
      do {
        this.#again = false;
        await this.#reload();
      } while (this.#again && !this.#closed);
    })().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #reload(): Promise<void> {
    if (this.#closed) return;
    let pair: TlsPair;
    let next: string;
    try {
      pair = await readTlsPair(this.options.files);
      // Unchanged files (every poll but a rotation's) are not checked again:
      // the check builds a TLS context, about a millisecond on the event loop.
      next = fingerprint(pair);
      if (next === this.#current || this.#closed) return;
      checkTlsPair(this.options.files, pair);
    } catch (err) {
      this.options.onError(err as Error);
      return;
    }
    this.server.setSecureContext(pair);
    this.#current = next;
    this.options.onReload({ fingerprint: next });
  }

  close(): void {
    this.#closed = true;
    for (const w of this.#watchers) w.close();
    this.#watchers = [];
    if (this.#timer !== undefined) clearInterval(this.#timer);
    if (this.#settle !== undefined) clearTimeout(this.#settle);
  }
}
