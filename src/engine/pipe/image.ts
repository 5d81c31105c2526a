// The default image of a Pipe task's publish container. A module of its own so
// that `maestro serve` can print it in --help without loading the pipe engine
// (and node:crypto, which the engine's names need) at start-up.
export const DEFAULT_PIPE_IMAGE = 'maestro:latest';
