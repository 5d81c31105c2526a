// Derives TypeScript types from the JSON Schemas in this folder, so that the
// schema stays the single source of truth: a field added to a schema appears
// in the type, and a field missing from it cannot be used. Only the subset of
// JSON Schema that Kubernetes structural schemas allow is understood.

/** Any JSON value: what a field with `x-kubernetes-preserve-unknown-fields` holds. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The schema subset used by the model (structural OpenAPI v3, as CRDs require). */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly description?: string;
  readonly properties?: { readonly [key: string]: JsonSchema };
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maxLength?: number;
  readonly nullable?: boolean;
  readonly default?: unknown;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Props<S> = S extends { properties: infer P }
  ? S extends { required: readonly (infer R)[] }
    ? Simplify<
        { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & {
          -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]>;
        }
      >
    : { -readonly [K in keyof P]?: FromSchema<P[K]> }
  : unknown;

type Extra<S> = S extends { additionalProperties: infer A }
  ? A extends JsonSchema
    ? { [key: string]: FromSchema<A> }
    : unknown
  : S extends { 'x-kubernetes-preserve-unknown-fields': true }
    ? { [key: string]: JsonValue | undefined }
    : unknown;

type Base<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { 'x-kubernetes-int-or-string': true }
    ? string | number
    : S extends { type: 'string' }
      ? string
      : S extends { type: 'integer' | 'number' }
        ? number
        : S extends { type: 'boolean' }
          ? boolean
          : S extends { type: 'array'; items: infer I }
            ? FromSchema<I>[]
            : S extends { type: 'object' }
              ? Simplify<Props<S> & Extra<S>>
              : S extends { 'x-kubernetes-preserve-unknown-fields': true }
                ? JsonValue
                : unknown;

/** The TypeScript type of values that a schema accepts. */
export type FromSchema<S> = S extends { nullable: true } ? Base<S> | null : Base<S>;
