// Hub-and-spoke conversion between the served versions (DESIGN.md, "API").
// v1 is the hub; v1beta1 has toHub and fromHub for each kind. Pure: the
// conversion webhook decodes a ConversionReview and calls `convertObject`.
// No function here changes its argument; a result may share the parts that
// conversion leaves as they are with its input (copy on write), which is what
// makes a 100-object ConversionReview cheap. Copy the result before editing it.
import { MaestroError } from '../../errors.ts';
import { V1, V1BETA1 } from '../names.ts';
import type { AnyV1, AnyV1beta1, v1, v1beta1 } from '../types.ts';
import { instanceFromHub, instanceToHub } from './instance.ts';
import { operatorVersionFromHub, operatorVersionToHub } from './operator-version.ts';

// An Operator is the same in both versions.
function operatorToHub(op: v1beta1.Operator): v1.Operator {
  return { ...op, apiVersion: V1 };
}
function operatorFromHub(op: v1.Operator): v1beta1.Operator {
  return { ...op, apiVersion: V1BETA1 };
}

/** v1beta1 -> v1. */
export function toHub(obj: AnyV1beta1): AnyV1 {
  switch (obj.kind) {
    case 'Operator':
      return operatorToHub(obj);
    case 'OperatorVersion':
      return operatorVersionToHub(obj);
    case 'Instance':
      return instanceToHub(obj);
  }
}

/** v1 -> v1beta1. */
export function fromHub(obj: AnyV1): AnyV1beta1 {
  switch (obj.kind) {
    case 'Operator':
      return operatorFromHub(obj);
    case 'OperatorVersion':
      return operatorVersionFromHub(obj);
    case 'Instance':
      return instanceFromHub(obj);
  }
}

const served = new Set<string>([V1, V1BETA1]);
const kinds = new Set(['Operator', 'OperatorVersion', 'Instance']);

/**
 * Converts one object of any served version to `desiredAPIVersion`, through the hub.
 * Throws MAESTRO_CONVERSION_UNSUPPORTED for a version or kind Maestro does not serve.
 */
export function convertObject(obj: unknown, desiredAPIVersion: string): AnyV1 | AnyV1beta1 {
  const o = obj as { apiVersion?: unknown; kind?: unknown; metadata?: unknown };
  if (o === null || typeof o !== 'object' || typeof o.apiVersion !== 'string') {
    throw new MaestroError('MAESTRO_CONVERSION_UNSUPPORTED', 'object has no apiVersion');
  }
  if (!served.has(o.apiVersion) || !served.has(desiredAPIVersion)) {
    throw new MaestroError(
      'MAESTRO_CONVERSION_UNSUPPORTED',
      `cannot convert ${o.apiVersion} to ${desiredAPIVersion}: served versions are ${V1} and ${V1BETA1}`,
    );
  }
  if (typeof o.kind !== 'string' || !kinds.has(o.kind)) {
    throw new MaestroError(
      'MAESTRO_CONVERSION_UNSUPPORTED',
      `cannot convert kind ${String(o.kind)}: Maestro converts Operator, OperatorVersion and Instance`,
    );
  }
  const typed = { ...o, metadata: o.metadata ?? {} } as AnyV1 | AnyV1beta1;
  if (typed.apiVersion === desiredAPIVersion) return typed;
  const hub = typed.apiVersion === V1 ? (typed as AnyV1) : toHub(typed as AnyV1beta1);
  return desiredAPIVersion === V1 ? hub : fromHub(hub);
}
