// ETags for the sync and finalize hooks (contracts.md §1.9). Metacontroller
// sends If-None-Match with the ETag of the answer it cached for this parent;
// when the request is the same, the answer is the same, and a 304 saves the
// work. The answer also depends on `now` through deadlines (scenario 12b), so
// the tag includes how many of the request's deadlines have passed: there is
// never a 304 across a deadline.

import { createHash } from 'node:crypto';
import { getPath, isRecord } from '../../engine/kobject.ts';

/** Deadlines recorded in the parent's status (execution and steps), in ms. */
function deadlines(body: unknown): number[] {
  const exec = getPath(body, 'parent', 'status', 'maestro', 'execution');
  if (!isRecord(exec)) return [];
  const out: string[] = [];
  if (typeof exec.deadline === 'string') out.push(exec.deadline);
  for (const s of Array.isArray(exec.steps) ? exec.steps : [])
    if (isRecord(s) && typeof s.deadline === 'string') out.push(s.deadline);
  return out.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t));
}

/** A strong ETag of (hook, build, request, deadlines passed at `now`). */
export function hookEtag(hook: string, build: string, body: unknown, now: number): string {
  const passed = deadlines(body).filter((d) => d <= now).length;
  const digest = createHash('sha256')
    .update(`${hook}\u0000${build}\u0000${passed}\u0000`)
    .update(JSON.stringify(body))
    .digest('base64url')
    .slice(0, 32);
  return `"${digest}"`;
}
