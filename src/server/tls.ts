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
}

export interface TlsPair {
  cert: Buffer;
  key: Buffer;
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
  return createHash('sha256').update(pair.cert).update(pair.key).digest('hex');
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
        const watcher = watch(dir, { persistent: false }, () => void this.check());
        watcher.on('error', () => undefined);
        this.#watchers.push(watcher);
      } catch {
        // Polling below still notices the change.
      }
    }
    this.#timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.#timer.unref();
  }

  /** Re-reads the files now; resolves once any resulting swap is done. */
  check(): Promise<void> {
    // One check at a time; a burst of watch events collapses into one read.
    this.#pending ??= this.#reload().finally(() => {
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
  }
}
