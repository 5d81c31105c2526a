// The plan engine: a pure function from a sync request to desired children and status.
export { sync, executionId, SKIP_CLEANUP_ANNOTATION } from './sync.ts';
export { PlanEngineError, planEngineErrors } from './errors.ts';
export type { PlanEngineErrorCode } from './errors.ts';
export { viewOperatorVersion, parseDuration } from './ov.ts';
export type { OperatorVersionView } from './ov.ts';
export * from './types.ts';
