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

/**
 * What names the request's content: every object's uid and resourceVersion
 * (the API server changes the resourceVersion on every write), or, when an
 * object has none, its whole JSON. Much cheaper than hashing the body.
 */
function contentKey(body: unknown): string {
  if (!isRecord(body)) return JSON.stringify(body);
  const parts: string[] = [body.finalizing === true ? 'finalizing' : 'sync'];
  const add = (obj: unknown) => {
    const meta = isRecord(obj) ? obj.metadata : undefined;
    const rv = isRecord(meta) ? meta.resourceVersion : undefined;
    const uid = isRecord(meta) ? meta.uid : undefined;
    if (typeof rv === 'string' && rv !== '' && typeof uid === 'string' && uid !== '')
      parts.push(`${uid}@${rv}`);
    else parts.push(JSON.stringify(obj));
  };
  add(body.controller);
  add(body.parent);
  for (const field of ['children', 'related'] as const) {
    const map = body[field];
    if (!isRecord(map)) continue;
    for (const type of Object.keys(map).sort()) {
      parts.push(type);
      const group = map[type];
      if (!isRecord(group)) continue;
      for (const key of Object.keys(group).sort()) add(group[key]);
    }
  }
  return parts.join('\u0000');
}

/** A strong ETag of (hook, build, request content, deadlines passed at `now`). */
export function hookEtag(hook: string, build: string, body: unknown, now: number): string {
  const passed = deadlines(body).filter((d) => d <= now).length;
  const digest = createHash('sha256')
    .update(`${hook}\u0000${build}\u0000${passed}\u0000`)
    .update(contentKey(body))
    .digest('base64url')
    .slice(0, 32);
  return `"${digest}"`;
}
