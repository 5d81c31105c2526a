// A deep copy of JSON data. Request bodies are parsed JSON (no Dates, Maps or
// cycles), so a plain recursive copy is all that is needed, and it is an order
// of magnitude faster than structuredClone, which conversion and sync call for
// every object of every request. A "__proto__" key is copied as an own
// property, as JSON.parse creates it, never as the copy's prototype.
export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    setOwn(out, key, copy((value as Record<string, unknown>)[key]));
  return out;
}

/**
 * `target[key] = value` for JSON data, where every key is data: a "__proto__"
 * key becomes an own property, as JSON.parse makes it. Plain assignment would
 * set the target's prototype instead (or do nothing, for a string value), and
 * the key would be lost. Use it wherever a key comes from a request.
 */
export function setOwn(target: object, key: string, value: unknown): void {
  // defineProperty on every key is slow and can turn objects into dictionaries;
  // only "__proto__" needs it.
  if (key !== '__proto__') {
    (target as Record<string, unknown>)[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
