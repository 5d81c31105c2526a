// fast-check arbitraries generated from the model's own JSON Schemas, so the
// property tests cover every declared field, including ones added later.
import fc from 'fast-check';
import { CONVERSION_ANNOTATION } from '../../src/model/names.ts';
import type { JsonSchema } from '../../src/model/schema-type.ts';
import { setOwn } from '../../src/model/conversion/wrap.ts';

const text = fc.string({ unit: 'binary', maxLength: 12 });
const key = fc.oneof(fc.constantFrom('a', 'b', 'deploy', '__proto__'), text);
const dateTime = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
const duration = fc.constantFrom('1s', '90s', '10m', '1h30m', '250ms');

export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const arb = base(schema, depth);
  return schema.nullable ? fc.option(arb, { nil: null }) : arb;
}

function base(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return dateTime;
      if (schema.pattern !== undefined) return duration;
      return text;
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: 100000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, depth + 1), { maxLength: depth > 3 ? 1 : 3 });
    case 'object': {
      const parts: fc.Arbitrary<Record<string, unknown>>[] = [];
      if (schema.properties !== undefined) {
        const model = Object.fromEntries(
          Object.entries(schema.properties).map(([k, s]) => [k, fromSchema(s, depth + 1)]),
        );
        parts.push(
          fc.record(model, { requiredKeys: [...(schema.required ?? [])], noNullPrototype: true }),
        );
      }
      if (typeof schema.additionalProperties === 'object') {
        parts.push(
          fc.dictionary(key, fromSchema(schema.additionalProperties, depth + 1), {
            maxKeys: depth > 3 ? 1 : 3,
            noNullPrototype: true,
          }),
        );
      } else if (schema['x-kubernetes-preserve-unknown-fields']) {
        parts.push(
          fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3, noNullPrototype: true }),
        );
      }
      if (parts.length === 0) return fc.constant({});
      if (parts.length === 1) return parts[0]!;
      return fc.tuple(...parts).map((objs) => {
        // Not Object.assign: it would turn a `__proto__` key into a prototype.
        const out: Record<string, unknown> = {};
        for (const obj of objs) for (const [k, v] of Object.entries(obj)) setOwn(out, k, v);
        return out;
      });
    }
    default:
      if (schema['x-kubernetes-preserve-unknown-fields']) return fc.jsonValue({ maxDepth: 2 });
      return fc.constant(null);
  }
}

const labelMap = fc.dictionary(
  text.filter((k) => k !== CONVERSION_ANNOTATION),
  text,
  { maxKeys: 3, noNullPrototype: true },
);

export const metadata = fc.record(
  {
    name: text,
    namespace: text,
    uid: text,
    labels: labelMap,
    annotations: labelMap,
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** A whole object of one kind and version, with spec and status from the schema. */
export function objectOf(
  apiVersion: string,
  kind: string,
  schema: { properties: { spec: JsonSchema; status: JsonSchema } },
) {
  return fc.record(
    {
      apiVersion: fc.constant(apiVersion),
      kind: fc.constant(kind),
      metadata,
      spec: fromSchema(schema.properties.spec),
      status: fromSchema(schema.properties.status),
    },
    { requiredKeys: ['apiVersion', 'kind', 'metadata'], noNullPrototype: true },
  );
}
