// The Metacontroller hook wire: types, schemas and codecs. Pure.
export * from './types.ts';
export { hookWireErrors, HookWireError } from './errors.ts';
export type { HookWireErrorCode } from './errors.ts';
export { formatTypeKey, objectKey, parseTypeKey } from './keys.ts';
export { decodeHookRequest, encodeHookRequest, hookVersion } from './request-codec.ts';
export type { DecodeOptions, EncodeRequestInput } from './request-codec.ts';
export { decodeHookResponse, encodeHookResponse, responseMode } from './response-codec.ts';
export type { DecodedHookResponse } from './response-codec.ts';
export { decodeCustomizeRequest, encodeCustomizeResponse } from './customize-codec.ts';
export { compositeControllerSchema, validator } from './schemas.ts';
export { childRule, inspectController, resourceOf, updateMethod } from './controller.ts';
export type { ControllerProblem } from './controller.ts';
