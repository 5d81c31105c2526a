// The API model: schemas of both versions, the types derived from them,
// names and labels, conversion, and the CRDs built from the schemas.
export * from './names.ts';
export type * from './types.ts';
export type { JsonSchema, JsonValue, FromSchema } from './schema-type.ts';
export * as v1Schemas from './v1/schema.ts';
export * as v1beta1Schemas from './v1beta1/schema.ts';
export { convertObject, toHub, fromHub } from './conversion/index.ts';
export { wrapValue } from './conversion/wrap.ts';
export { customResourceDefinition, conversionService } from './crd.ts';
