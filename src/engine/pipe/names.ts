// Names of what a Pipe task renders. Artifacts keep KUDO's name, so
// `.Pipes.<key>` means the same object as in KUDO. The Job (and the
// ServiceAccount, Role and RoleBinding that share its name) gets a name
// unique to one execution of one task, so a re-run of the plan runs a new
// Job while a re-sync of the same execution names the same one.

import { createHash } from 'node:crypto';
import { pipeArtifactName } from '../../model/names.ts';

export interface PipeTaskRef {
  instance: string;
  plan: string;
  phase: string;
  step: string;
  task: string;
}

/** KUDO's `<inst>.<plan>.<phase>.<step>.<task>.<key>`, each part sanitised. */
export function artifactName(ref: PipeTaskRef, key: string): string {
  return pipeArtifactName(ref, key);
}

/** The most a Job name may have: its pods carry it in the 63-character `job-name` label. */
export const MAX_JOB_NAME = 63;
const HASH_HEX = 10;

function labelPart(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `<instance>-<task>-pipe-<10 hex>`: the readable prefix is cut so the whole
 * stays within 63 characters; the hash is over (instance, plan, phase, step,
 * task, execution), so it alone keeps names of different runs apart.
 */
export function pipeJobName(ref: PipeTaskRef, execution: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([ref.instance, ref.plan, ref.phase, ref.step, ref.task, execution]))
    .digest('hex')
    .slice(0, HASH_HEX);
  const readable = [labelPart(ref.instance), labelPart(ref.task), 'pipe']
    .filter((p) => p !== '')
    .join('-');
  const prefix = readable
    .slice(0, MAX_JOB_NAME - HASH_HEX - 1)
    .replace(/-+$/g, '')
    .replace(/^[^a-z0-9]+/, '');
  return prefix === '' ? `pipe-${hash}` : `${prefix}-${hash}`;
}
