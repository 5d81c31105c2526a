// Everything a Metacontroller hook needs to answer, in one module that the
// surface imports on its first request: the plan engine, the handlers and the
// wire codecs pull in the template engine and YAML, which `serve` must not pay
// for at start-up (cold start under 300 ms).
export { PlanEngineError } from '../../engine/plan/index.ts';
export {
  handleCustomize,
  runSync,
  toHookResponse,
} from '../../webhooks/metacontroller/handlers.ts';
export {
  HookWireError,
  decodeCustomizeRequest,
  decodeHookRequest,
  encodeCustomizeResponse,
  encodeHookResponse,
} from '../../webhooks/metacontroller/wire/index.ts';
export { hookEtag } from '../../webhooks/metacontroller/etag.ts';
