export { artifactName, pipeJobName, MAX_JOB_NAME } from './names.ts';
export type { PipeTaskRef } from './names.ts';
export { validatePipePod, readPipeFiles } from './validate.ts';
export type { PipeFileSpec } from './validate.ts';
export {
  renderPipe,
  publishArgs,
  DEFAULT_PIPE_IMAGE,
  PIPE_JOB_ANNOTATION,
  PIPE_EXECUTION_ANNOTATION,
  PIPE_PUBLISHED_ANNOTATION,
} from './render.ts';
export type { PipeArtifact, PipeRender } from './render.ts';
export { pipeVerdict, artifactPublished } from './progress.ts';
export type { PipeVerdict } from './progress.ts';
export { pipesOfPlan } from './pipes.ts';
export { renderPipeTask } from './task.ts';
export { pipeChildTypes } from './types.ts';
export { staleRunners, PIPE_RUNNER_ANNOTATION } from './cleanup.ts';
export { pipeStep } from './step.ts';
