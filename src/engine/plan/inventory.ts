// Inventory items: what the engine records of each child it applied.

import { identityOf } from '../identity.ts';
import type { KObject } from '../kobject.ts';
import { readProvenance } from '../provenance.ts';
import type { InventoryItem } from './types.ts';

/** The inventory item of a child body that carries provenance. */
export function inventoryFrom(
  body: KObject,
  apiVersion: string,
  template: string | undefined,
): InventoryItem {
  const id = identityOf(body);
  const prov = readProvenance(body)!;
  return {
    ...id,
    apiVersion,
    hash: prov.hash,
    execution: prov.execution,
    plan: prov.plan,
    phase: prov.phase,
    step: prov.step,
    task: prov.task,
    ...(template !== undefined && template !== '' && { template }),
  };
}
