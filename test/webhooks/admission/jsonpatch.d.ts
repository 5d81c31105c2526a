// Types for the `jsonpatch` package (no types published): the independent
// RFC 6902 applier the tests use to check Maestro's patches.
declare module 'jsonpatch' {
  export function apply_patch<T = unknown>(doc: unknown, patch: unknown[]): T;
  const jsonpatch: { apply_patch: typeof apply_patch };
  export default jsonpatch;
}
