/**
 * Requests for every route of the hub, as fast-check arbitraries: the operations of `/openapi.json`
 * (parameters and bodies from their JSON Schemas, valid, with one hostile spot, or not JSON at
 * all) and the routes the document does not describe (operations, docs, widget, console), each
 * with any credential. Values the world knows (seeded ids, event types) are mixed in by name.
 */
import { CATALOG_EVENT_TYPES, channelConfigSchemas } from '@aviso/protocol';
import fc from 'fast-check';
import { z } from 'zod';
import {
  encodeValue,
  HOSTILE_STRINGS,
  hostileValue,
  mutated,
  RAW_BODIES,
  RAW_URL_PIECES,
} from './hostile.ts';
import type { RawRequest } from './http.ts';
import { type Hint, type JsonSchema, schemaArbitrary } from './schema.ts';
import { type Credential, type FuzzWorld, SHARED_IDS } from './world.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

/** One route to fuzz: an OpenAPI operation, or a route the document does not describe. */
export interface Operation {
  label: string;
  method: string;
  /** The path with `{name}` for parameters and `*` for a wildcard. */
  path: string;
  parameters: Parameter[];
  body?: { type: string; schema: JsonSchema };
  /** The credential kind the route takes (`none` for hooks and public routes). */
  security: 'apiKey' | 'widgetToken' | 'adminToken' | 'none';
}

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        security?: Record<string, unknown>[];
      }
    >
  >;
};

/** The operations of the OpenAPI document. */
export function openApiOperations(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      return {
        label: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(type && content ? { body: { type, schema: content.schema } } : {}),
        security: (Object.keys(op.security?.[0] ?? {})[0] ?? 'none') as Operation['security'],
      };
    }),
  );
}

/** Hono's routes that the document does not describe, as operations with free-form paths. */
export function otherOperations(
  routes: { method: string; path: string }[],
  described: Operation[],
): Operation[] {
  const known = new Set(described.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
  const seen = new Set<string>();
  const ops: Operation[] = [];
  for (const { method, path } of routes) {
    const key = `${method} ${path}`;
    if (method === 'ALL' || known.has(key) || seen.has(key)) continue;
    seen.add(key);
    ops.push({ label: key, method, path, parameters: [], security: 'none' });
  }
  // And what no route matches: unknown paths and methods, under /v1 and elsewhere.
  ops.push({ label: 'unknown routes', method: '*', path: '/v1/*', parameters: [], security: 'none' });
  ops.push({ label: 'unknown routes', method: '*', path: '/*', parameters: [], security: 'none' });
  return ops;
}

const ID_NAMES = new Set(['id', 'ids', 'channelId', 'notificationId', 'since', 'actionId']);
const HOST_NAMES = new Set([
  'recipientId',
  'recipientIds',
  'branchId',
  'branchIds',
  'originBranchId',
  'destinationBranchId',
  'cancelKey',
  'sub',
]);
const REFINED: Record<string, string[]> = {
  locale: ['es', 'en', 'es-MX', 'pt-BR'],
  timezone: ['UTC', 'America/Mexico_City', 'America/Bogota'],
  email: ['ana@example.com', 'caja.1@example.mx'],
  link: ['#/ventas/1', '/inventarios?search=a', 'https://pos.example.com/#/x'],
  appUrl: ['https://pos.example.com', 'http://localhost:5173'],
  reminders: ['-24h', '-2h', '-30m'],
  after: ['2m', '10m', '1h'],
  window: ['15m', '1h'],
  deliverAt: ['2030-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
  dueAt: ['2030-01-01T00:00:00.000Z'],
  // Destinations inside the network, in the notations the egress policy must see through.
  url: [
    'http://127.0.0.1:6379/',
    'http://169.254.169.254/latest/meta-data',
    'http://2130706433/',
    'https://[::1]/x',
  ],
  apiRoot: ['http://localhost:8080', 'http://0x7f.1/', 'http://[::ffff:10.0.0.1]/'],
  apiBase: ['http://10.0.0.1', 'http://100.64.0.1'],
  host: ['127.0.0.1', 'localhost', '0177.0.0.1', 'smtp.example.com'],
};
const isString = (s: JsonSchema) =>
  s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));

/** Values the world knows, by property name: seeded rows of either tenant, shared host ids, event types. */
export function worldHint(world: FuzzWorld): Hint {
  const configs = Object.values(channelConfigSchemas).map((s) =>
    schemaArbitrary(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema),
  );
  return (name, schema) => {
    if (name === 'config' && !isString(schema)) return fc.oneof(...configs);
    if (!isString(schema) || schema.enum) return undefined;
    const own = schemaArbitrary(schema);
    // Checks the JSON Schema cannot say (refinements): values that pass them, and what the schema allows.
    const refined = REFINED[name];
    if (refined) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...refined) }, own);
    const uuidLike = !schema.pattern || schema.pattern.includes('0-9a-f');
    if (ID_NAMES.has(name) && uuidLike) return fc.oneof(fc.constantFrom(...world.serverIds), fc.uuid(), own);
    if (HOST_NAMES.has(name)) return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SHARED_IDS) }, own);
    if (name === 'type')
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CATALOG_EVENT_TYPES, 'FZ_CUSTOM') }, own);
    return undefined;
  };
}

/** A value for a path segment or a query value: schema-valid, hostile (encoded), or raw malformed text. */
function urlValue(schema: JsonSchema, hint: Hint, name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: schemaArbitrary(schema, hint, name).map((v) => encodeValue(String(v))) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(encodeValue) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
  );
}

const freePath = fc
  .array(
    fc.oneof(
      fc.constantFrom(...RAW_URL_PIECES),
      fc.constantFrom(...HOSTILE_STRINGS).map(encodeValue),
      fc.stringMatching(/^[a-z0-9._-]{1,12}$/),
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join('/'));

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The body of a request: valid, valid with one hostile spot, raw non-JSON text, or none. */
function bodyArb(op: Operation, hint: Hint): fc.Arbitrary<{ body?: string; type?: string }> {
  if (op.body?.type === 'application/x-www-form-urlencoded') {
    return fc
      .dictionary(
        fc.oneof(fc.constantFrom('From', 'Body', 'MessageSid', '%zz'), fc.string({ maxLength: 8 })),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_STRINGS)),
        { maxKeys: 4 },
      )
      .map((d) => ({
        body: Object.entries(d)
          .map(([k, v]) => `${encodeValue(k)}=${encodeValue(v)}`)
          .join('&'),
        type: op.body!.type,
      }));
  }
  const valid = op.body ? schemaArbitrary(op.body.schema, hint) : fc.constant({});
  const json = fc
    .oneof(
      { weight: op.body ? 4 : 0, arbitrary: valid },
      { weight: op.body ? 3 : 1, arbitrary: mutated(valid) },
      { weight: 1, arbitrary: hostileValue },
    )
    .map((v) => JSON.stringify(v));
  const type = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data; boundary=x',
      ),
    },
  );
  return fc.oneof(
    { weight: 8, arbitrary: fc.record({ body: json, type }) },
    { weight: 1, arbitrary: fc.record({ body: fc.constantFrom(...RAW_BODIES), type }) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

/**
 * A request for `op`, with a credential: mostly the kind the route takes, any other now and then.
 * A `tame` request keeps the route's method and schema-valid path values (it reaches the route).
 */
export function requestArb(
  op: Operation,
  world: FuzzWorld,
  hint: Hint,
  { tame = false } = {},
): fc.Arbitrary<{ cred: Credential; req: RawRequest }> {
  // A hook route is reached with a channel of its own kind (either tenant's).
  const hookChannels = world.hookChannelIds(/\/hooks\/(\w+)\//.exec(op.path)?.[1] ?? '');
  const proper = world.credentials.filter((c) => {
    if (op.security === 'apiKey') return c.name.startsWith('API key of');
    if (op.security === 'widgetToken') return c.name.startsWith('widget token of');
    if (op.security === 'adminToken') return c.name === 'admin token';
    return c.name === 'none' || !!c.hookHeaders;
  });
  const cred = fc.oneof(
    { weight: hookChannels.length ? 6 : 3, arbitrary: fc.constantFrom(...proper) },
    { weight: 2, arbitrary: fc.constantFrom(...world.credentials) },
  );
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(
      ...pathParams.map((p) =>
        hookChannels.length && p.name === 'channelId'
          ? fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...hookChannels) },
              urlValue(p.schema, hint, p.name),
            )
          : tame
            ? schemaArbitrary(p.schema, hint, p.name).map((v) => encodeValue(String(v)) || 'x')
            : urlValue(p.schema, hint, p.name),
      ),
      freePath,
    )
    .map((values) => {
      let i = 0;
      const wild = values.at(-1)!;
      return op.path.replace(/\{\w+\}|:\w+/g, () => values[i++]!).replace('*', wild);
    });
  const query = fc
    .tuple(
      ...op.parameters
        .filter((p) => p.in === 'query')
        .map((p) =>
          fc.option(urlValue(p.schema, hint, p.name).map((v) => `${encodeURIComponent(p.name)}=${v}`)),
        ),
      fc.option(fc.constantFrom('%zz=%', 'a=%E0%A4%A', 'limit=-1&limit=99999', 'cursor=%00')),
    )
    .map((parts) => parts.filter((p) => p !== null).join('&'));
  const headers = fc.tuple(
    ...op.parameters
      .filter((p) => p.in === 'header')
      .map((p) =>
        fc.option(
          fc
            .oneof(
              fc.stringMatching(/^[!-~]{1,60}$/),
              fc.constantFrom('x'.repeat(300), "' OR 1=1 --", 'sha256=00'),
            )
            .map((v) => [p.name, v] as const),
        ),
      ),
  );
  const method =
    op.method === '*'
      ? fc.constantFrom(...METHODS)
      : fc.oneof(
          { weight: 9, arbitrary: fc.constant(op.method) },
          { weight: tame ? 0 : 1, arbitrary: fc.constantFrom(...METHODS) },
        );
  return fc
    .record({ cred, path, query, headers, method, body: bodyArb(op, hint) })
    .map(({ cred, path, query, headers, method, body }) => ({
      cred,
      req: {
        method,
        path: query ? `${path}?${query}` : path,
        headers: {
          ...(cred.authorization ? { authorization: cred.authorization } : {}),
          ...(body.type ? { 'content-type': body.type } : {}),
          ...cred.hookHeaders?.(method === 'GET' ? '' : (body.body ?? '')),
          ...Object.fromEntries(headers.filter((h) => h !== null)),
        },
        ...(body.body !== undefined && method !== 'GET' ? { body: body.body } : {}),
      },
    }));
}
