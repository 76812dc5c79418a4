/**
 * Valid values for a JSON Schema, as fast-check arbitraries: the request schemas of
 * `/openapi.json` (generated from the protocol's zod schemas) and the channel configs, turned into
 * bodies, queries and path parameters. Only what those documents use is supported: types (and
 * type lists), enums, consts, anyOf/oneOf/allOf, objects, records, arrays, string formats,
 * patterns, lengths and bounds. `hint` lets a suite swap in values it knows (ids of seeded rows).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Values a suite prefers for a named property or parameter (`undefined`: derive from the schema). */
export type Hint = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

const MAX_ITEMS = 4;
const MAX_STRING = 24;

/** A pattern as written in the document (with `/flags` appended, as some generators do) as a RegExp. */
function regex(pattern: string): RegExp | undefined {
  const flagged = /^(.*)\/([a-z]+)$/.exec(pattern);
  for (const [source, flags] of [flagged ? [flagged[1]!, flagged[2]!] : [pattern, ''], [pattern, '']]) {
    for (const f of [flags, `${flags}u`]) {
      try {
        return new RegExp(source!, f);
      } catch {}
    }
  }
  return undefined;
}

/** Strings matching `re` when fast-check can generate them; any short string otherwise (a fuzzer may miss). */
function matching(re: RegExp): fc.Arbitrary<string> {
  for (const candidate of [re, new RegExp(re.source)]) {
    try {
      const arb = fc.stringMatching(candidate);
      // stringMatching does not know every construct (\p{…}, flags): a sample tells at once.
      fc.sample(arb, { numRuns: 1, seed: 1 });
      return arb;
    } catch {}
  }
  return fc.string({ maxLength: MAX_STRING });
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] });
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
  }
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? MAX_STRING, MAX_STRING));
  if (s.pattern) {
    const re = regex(s.pattern);
    if (re) return matching(re);
  }
  return fc.string({ minLength, maxLength });
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6);
  if (integer)
    return fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArb(s: JsonSchema, hint: Hint | undefined): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const record = fc.record(
    Object.fromEntries(Object.entries(props).map(([k, v]) => [k, schemaArbitrary(v, hint, k)])),
    { requiredKeys: Object.keys(props).filter((k) => required.has(k)) },
  );
  const extra = s.additionalProperties;
  if (!extra || Object.keys(props).length) return record as fc.Arbitrary<Record<string, unknown>>;
  // A record (`data`, headers, preferences maps): a few keys of the given value schema.
  const value = extra === true ? fc.jsonValue({ maxDepth: 2 }) : schemaArbitrary(extra, hint);
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), value, { maxKeys: MAX_ITEMS });
}

/** An arbitrary of values valid for `schema` (`name`: the property or parameter it is for, for hints). */
export function schemaArbitrary(schema: JsonSchema, hint?: Hint, name = ''): fc.Arbitrary<unknown> {
  const hinted = name ? hint?.(name, schema) : undefined;
  if (hinted) return hinted;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => schemaArbitrary(b, hint, name)));
  if (schema.allOf) return schemaArbitrary(Object.assign({}, ...schema.allOf), hint, name);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => schemaArbitrary({ ...schema, type }, hint, name)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArb(schema, true);
    case 'number':
      return numberArb(schema, false);
    case 'string':
      return stringArb(schema);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(schemaArbitrary(schema.items ?? {}, hint, name), { minLength, maxLength });
    }
    case 'object':
      return objectArb(schema, hint);
    default:
      return schema.properties ? objectArb(schema, hint) : fc.jsonValue({ maxDepth: 2 });
  }
}
