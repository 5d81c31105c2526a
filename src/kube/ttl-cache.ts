// A small cache with a time-to-live and a bound on its size, for
// OperatorVersion lookups. Admission must see a just-created OperatorVersion
// soon (KUDO read them uncached for that reason), so the TTL is short and
// only successful reads are kept. Concurrent reads of one key share a request.

export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    // Oldest first: Map keeps insertion order, so the first key is the oldest.
    while (this.entries.size >= this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
  }

  /** The cached value, or `load()`'s; kept only when `keep` says so. */
  async getOrLoad(key: string, load: () => Promise<V>, keep: (v: V) => boolean): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const inFlight = this.pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const promise = load()
      .then((value) => {
        if (keep(value)) this.set(key, value);
        return value;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }
}
