// Metadata that the API server sets and a client never applies: the engine
// drops it from an observed child to recover what was applied, and the
// simulated API server keeps the observed values over whatever an update sends.

/** Read-only metadata the API server owns (it ignores or rejects client values). */
export const serverSetMetadata: readonly string[] = [
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/**
 * Metadata an apply by Maestro never carries: the server's own, plus what the
 * API server and Metacontroller manage on a child (managed fields, the
 * controller reference, finalizers).
 */
export const systemMetadata: readonly string[] = [
  ...serverSetMetadata,
  'managedFields',
  'ownerReferences',
  'finalizers',
];
