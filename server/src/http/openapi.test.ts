import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { jsonBody, router } from './openapi.ts';

/** A router with one route of each kind of input, answering what it validated. */
function app() {
  const r = router();
  r.onError((e, c) => {
    if (!(e instanceof AppError)) throw e;
    return c.json({ code: e.code, details: e.details ?? null }, e.status);
  });
  r.openapi(
    createRoute({
      method: 'post',
      path: '/things/{id}',
      request: {
        query: z.object({ n: z.coerce.number().int().optional(), tag: z.array(z.string()).optional() }),
        params: z.object({ id: z.string().regex(/^T-\d+$/) }),
        headers: z.object({ 'Idempotency-Key': z.string().max(8).optional() }),
        body: jsonBody(z.object({ name: z.string().min(1) })),
      },
      responses: { 200: { description: 'what was validated' } },
    }),
    (c) =>
      c.json({
        query: c.req.valid('query'),
        param: c.req.valid('param'),
        header: c.req.valid('header'),
        json: c.req.valid('json'),
      }),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/optional',
      request: {
        body: {
          required: false,
          content: { 'application/json': { schema: z.object({ days: z.number() }) } },
        },
      },
      responses: { 200: { description: 'what was validated' } },
    }),
    (c) => c.json({ json: c.req.valid('json') }),
  );
  return r;
}

const post = async (path: string, body?: string, headers: Record<string, string> = {}) => {
  const res = await app().request(path, { method: 'POST', body, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const json = { 'content-type': 'application/json' };

describe('one validation per route', () => {
  it('hands the route every part as its schema made it', async () => {
    const res = await post('/things/T-1?n=3&tag=a&tag=b', '{"name":"x","extra":1}', {
      ...json,
      'idempotency-key': 'k1',
      'x-other': 'not declared',
    });
    expect(res).toEqual({
      status: 200,
      body: {
        query: { n: 3, tag: ['a', 'b'] },
        param: { id: 'T-1' },
        header: { 'Idempotency-Key': 'k1' },
        json: { name: 'x' },
      },
    });
    const vendor = await post('/things/T-2', '{"name":"y"}', {
      'content-type': 'application/vnd.aviso+json; charset=utf-8',
    });
    expect(vendor.body.json).toEqual({ name: 'y' });
  });

  it('refuses the first part that is wrong, in the order query, path, headers, body', async () => {
    const codeAt = async (path: string, body: string, headers: Record<string, string>) => {
      const res = await post(path, body, headers);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return (res.body.details as { path: string }[]).map((d) => d.path);
    };
    const tooLong = { ...json, 'idempotency-key': 'much too long' };
    expect(await codeAt('/things/nope?n=x', '{}', tooLong)).toEqual(['n']);
    expect(await codeAt('/things/nope', '{}', tooLong)).toEqual(['id']);
    expect(await codeAt('/things/T-1', '{}', tooLong)).toEqual(['Idempotency-Key']);
    expect(await codeAt('/things/T-1', '{}', json)).toEqual(['name']);
  });

  it('answers 415 for a body of another type, or one without a type, and 400 for broken JSON', async () => {
    expect(await post('/things/T-1', 'name=x', { 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(await post('/things/T-1', '{"name":"x"}')).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
    expect(await post('/things/T-1', '{"name":', json)).toMatchObject({
      status: 400,
      body: { code: 'INVALID_JSON' },
    });
    // Nothing sent at all: the required body is judged as `{}`.
    expect(await post('/things/T-1')).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });

  it('validates an optional body when it says it is JSON, and takes none as {}', async () => {
    expect(await post('/optional', '{"days":2}', json)).toEqual({ status: 200, body: { json: { days: 2 } } });
    expect(await post('/optional', '{"days":"2"}', json)).toMatchObject({ status: 400 });
    expect(await post('/optional')).toEqual({ status: 200, body: { json: {} } });
    expect(await post('/optional', 'x', { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
  });

  it('refuses, when registered, a route with input it would not validate', () => {
    const declare = (request: Record<string, unknown>) => () =>
      router().openapi(
        createRoute({ method: 'post', path: '/x', request, responses: { 200: { description: 'x' } } }),
        (c) => c.json({}),
      );
    expect(declare({ cookies: z.object({ session: z.string() }) })).toThrow(/cookies/);
    const form = { content: { 'application/x-www-form-urlencoded': { schema: z.object({}) } } };
    expect(declare({ body: form })).toThrow(/JSON only/);
    expect(declare({ body: jsonBody(z.object({})) })).not.toThrow();
  });

  it('documents the route from the same schemas', () => {
    const doc = app().getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const op = doc.paths?.['/things/{id}']?.post;
    const names = op?.parameters?.map((p) => ('name' in p ? `${p.in}:${p.name}` : ''));
    expect(names?.sort()).toEqual(['header:Idempotency-Key', 'path:id', 'query:n', 'query:tag']);
    expect(op?.requestBody).toMatchObject({ required: true, content: { 'application/json': {} } });
  });
});
