// The --parent flag of `render` and `simulate`: which parent kind to run a
// package under. `auto` picks ClusterInstance when a template renders a
// cluster-scoped kind (src/package/cluster-scoped.ts), Instance otherwise.
import { CLUSTER_INSTANCE } from '../model/names.ts';
import { UsageError } from './command.ts';

export type ParentChoice = 'auto' | 'Instance' | typeof CLUSTER_INSTANCE;

export function parseParentFlag(value: string | undefined): ParentChoice {
  const v = value ?? 'auto';
  if (v === 'auto' || v === 'Instance' || v === CLUSTER_INSTANCE) return v;
  throw new UsageError(
    `--parent must be auto, Instance or ClusterInstance, not ${JSON.stringify(v)}`,
  );
}
