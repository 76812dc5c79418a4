import { codesWithStatus, ErrorBodySchema, type ErrorStatus } from '@aviso/protocol';
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { fail, zodDetails } from '../lib/errors.ts';
import type { AppEnv } from './context.ts';

/** The schema's output, or the SPEC's 400 `VALIDATION_FAILED` with what was wrong where. */
function check(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (!result.success)
    fail('VALIDATION_FAILED', { what: 'request' }, { details: zodDetails(result.error.issues) });
  return result.data;
}

// A JSON media type, and a Content-Type that names one, as `@hono/zod-openapi` tells them.
const JSON_MEDIA_TYPE = /^application\/([a-z-.]+\+)?json/i;
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/** Whether a request without a Content-Type has a body all the same (then it is refused 415). */
async function hasBody(c: Context): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const reader = raw.clone().body?.getReader();
  if (!reader) return false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The Content-Type of a request to a route with a JSON body: 415 when it names another. */
async function jsonContentType(c: Context): Promise<string | undefined> {
  const type = c.req.header('content-type');
  if (type ? !JSON_CONTENT_TYPE.test(type) : await hasBody(c)) fail('UNSUPPORTED_MEDIA_TYPE');
  return type;
}

async function parsedJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    fail('INVALID_JSON');
  }
}

/**
 * One middleware that validates all of a route's request (query, path, headers, JSON body, in
 * that order) against the schemas its OpenAPI document is generated from. `@hono/zod-openapi`
 * mounts a middleware per part, and one more for the media type, each parsing asynchronously;
 * its header validator copies every header of the request into a web `Headers` and out again,
 * where this reads only the headers the route declares (BENCHMARKS.md, item 28).
 */
function validation(route: RouteConfig): MiddlewareHandler<AppEnv> | undefined {
  const { query, params, headers, body, cookies } = route.request ?? {};
  if (cookies) throw new Error(`${route.path}: cookies are not validated here`);
  const headerSchema = headers as z.ZodObject | undefined;
  if (headerSchema && !('shape' in headerSchema))
    throw new Error(`${route.path}: headers must be one z.object`);
  const headerNames = headerSchema ? Object.keys(headerSchema.shape) : [];
  const media = Object.keys(body?.content ?? {});
  if (media.some((m) => !JSON_MEDIA_TYPE.test(m))) throw new Error(`${route.path}: bodies are JSON only`);
  const bodySchema = media.length
    ? ((body?.content[media[0]!] as { schema?: z.ZodType } | undefined)?.schema as z.ZodType | undefined)
    : undefined;
  const required = body?.required === true;
  if (!query && !params && !headerSchema && !bodySchema) return undefined;
  return async function validateRequest(c, next) {
    if (query) {
      const queries = Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]);
      c.req.addValidatedData('query', check(query as z.ZodType, Object.fromEntries(queries)) as object);
    }
    if (params) c.req.addValidatedData('param', check(params as z.ZodType, c.req.param()) as object);
    if (headerSchema) {
      const given: Record<string, string> = {};
      for (const name of headerNames) {
        const value = c.req.header(name);
        if (value !== undefined) given[name] = value;
      }
      c.req.addValidatedData('header', check(headerSchema, given) as object);
    }
    if (bodySchema) {
      const type = await jsonContentType(c);
      // Without a Content-Type (and so without a body), `{}`: judged by the schema when the body is
      // required, taken as it is when it is optional.
      const value = type || required ? check(bodySchema, type ? await parsedJson(c) : {}) : {};
      c.req.addValidatedData('json', value as object);
    }
    await next();
  };
}

/**
 * A router whose routes are documented by, and validated against, the same schemas, with one
 * validation middleware each (`validation`); a failure is the SPEC's 400 `VALIDATION_FAILED`.
 */
class Router extends OpenAPIHono<AppEnv> {
  override openapi = (({ middleware, hide, ...route }: RouteConfig, handler: MiddlewareHandler<AppEnv>) => {
    if (!hide) this.openAPIRegistry.registerPath(route);
    const validate = validation(route);
    const handlers = [
      ...(Array.isArray(middleware) ? middleware : middleware ? [middleware] : []),
      ...(validate ? [validate] : []),
      handler,
    ];
    const path = route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
    (this as unknown as Hono<AppEnv>).on(
      [route.method],
      [path],
      ...(handlers as [MiddlewareHandler<AppEnv>]),
    );
    return this;
  }) as unknown as OpenAPIHono<AppEnv>['openapi'];
}

export function router(): OpenAPIHono<AppEnv> {
  return new Router();
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** An error answer documented with the catalog's codes of its status. */
const err = (status: ErrorStatus, description: string) =>
  jsonContent(
    ErrorBodySchema,
    `${description} (${codesWithStatus(status)
      .map((c) => `\`${c}\``)
      .join(', ')})`,
  );

/** The error answers every authenticated route can give. */
export const errors = {
  400: err(400, 'Invalid input'),
  401: err(401, 'Missing or invalid credentials'),
  404: err(404, 'Not found'),
  422: err(422, 'Valid JSON that cannot be processed'),
} as const;

/** The middleware and OpenAPI security of one kind of credential. */
export interface Guard {
  middleware: MiddlewareHandler<AppEnv>;
  security: Record<string, string[]>[];
}
