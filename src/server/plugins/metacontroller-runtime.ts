// Everything /customize needs to answer, in one module that the surface
// imports on its first request (the wire codecs pull in the model, which
// `serve` must not pay for at start-up). /sync and /finalize run in the
// render runner (render-pool.ts) instead.
export { handleCustomize } from '../../webhooks/metacontroller/handlers.ts';
export {
  HookWireError,
  decodeCustomizeRequest,
  encodeCustomizeResponse,
} from '../../webhooks/metacontroller/wire/index.ts';
