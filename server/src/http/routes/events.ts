import {
  EventAcceptedSchema,
  EventBatchResultSchema,
  EventBatchSchema,
  EventInputSchema,
  EventTypeNameSchema,
  EventTypeOverrideSchema,
  safeText,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { listEventTypes } from '../../ingest/catalog.ts';
import { type IngestHooks, ingestBatch, ingestEvent } from '../../ingest/events.ts';
import { templateProblem } from '../../ingest/templates.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';

/** The `Idempotency-Key` header of publishing (events, and schedules that publish them later). */
export const IdempotencyHeader = z.object({
  'idempotency-key': safeText(255, 1)
    .optional()
    .openapi({ description: 'Same key and body within 24 h returns the first result; another body, 409' }),
});

/** Publishing events, and the tenant's event-type catalog. */
export function eventRoutes(deps: { guard: Guard; hooks: IngestHooks }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/events',
      operationId: 'publishEvent',
      tags: ['Events'],
      summary: 'Publish a business event; it becomes a branch-scoped notification',
      ...secured,
      request: { headers: IdempotencyHeader, body: jsonBody(EventInputSchema) },
      responses: {
        202: jsonContent(
          EventAcceptedSchema,
          'Stored (`created`), already stored (`duplicate`), or stored for later (`scheduled`: deliverAt, reminders)',
        ),
        409: jsonContent(z.object({ error: z.object({ code: z.string() }) }), 'Key reused with another body'),
        ...errors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      if (key) input.idempotencyKey = key;
      // `c.get`, not `c.var`, on this path: `c.var` copies every variable into a new object.
      const store = c.get('store');
      const overrides = await store.settings.eventTypeOverrides();
      const accepted = await ingestEvent(store, c.get('tenant'), overrides, input, deps.hooks);
      return c.json(accepted, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/events/batch',
      operationId: 'publishEventBatch',
      tags: ['Events'],
      summary: 'Publish up to 1,000 events; each gets its own result, in order',
      ...secured,
      request: { headers: IdempotencyHeader, body: jsonBody(EventBatchSchema) },
      responses: { 202: jsonContent(EventBatchResultSchema, 'One result per event'), ...errors },
    }),
    async (c) => {
      const { events } = c.req.valid('json');
      const prefix = c.req.valid('header')['idempotency-key'];
      const results = await ingestBatch(c.get('store'), c.get('tenant'), events, prefix, deps.hooks);
      return c.json({ results }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/event-types',
      operationId: 'listEventTypes',
      tags: ['Event types'],
      summary: 'The catalog as this tenant has it: the pos-erp preset with overrides and added types',
      ...secured,
      responses: {
        200: jsonContent(
          z.object({
            items: z.array(
              z.object({ type: z.string(), custom: z.boolean(), definition: z.record(z.string(), z.any()) }),
            ),
          }),
          'Event types',
        ),
        ...errors,
      },
    }),
    async (c) => c.json({ items: listEventTypes(await c.var.store.settings.eventTypeOverrides()) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/event-types/{type}',
      operationId: 'upsertEventType',
      tags: ['Event types'],
      summary: 'Add a type or override fields of a catalog entry (templates per locale, icon, link, target)',
      ...secured,
      request: { params: z.object({ type: EventTypeNameSchema }), body: jsonBody(EventTypeOverrideSchema) },
      responses: {
        200: jsonContent(z.object({ type: z.string(), definition: z.record(z.string(), z.any()) }), 'Saved'),
        ...errors,
      },
    }),
    async (c) => {
      const { type } = c.req.valid('param');
      const override = c.req.valid('json');
      for (const [field, texts] of [
        ['title', override.title],
        ['message', override.message],
        ['email.subject', override.email?.subject],
        ['email.body', override.email?.body],
      ] as const) {
        // Refused now what could not be rendered within the budget later (nested loops, huge ranges…).
        for (const [locale, source] of Object.entries(texts ?? {})) {
          const problem = templateProblem(source);
          if (problem) fail(problem.code, { template: `${field}.${locale}`, problem: problem.reason });
        }
      }
      await c.var.store.settings.putEventType(type, override);
      const item = listEventTypes(await c.var.store.settings.eventTypeOverrides()).find(
        (t) => t.type === type,
      );
      if (!item) fail('MESSAGE_REQUIRED', { type });
      return c.json({ type, definition: item.definition }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/event-types/{type}',
      operationId: 'resetEventType',
      tags: ['Event types'],
      summary:
        'Remove the tenant’s override: a catalog type is reset to the catalog, an added type is deleted',
      ...secured,
      request: { params: z.object({ type: EventTypeNameSchema }) },
      responses: { 204: { description: 'Reset (or deleted)' }, ...errors },
    }),
    async (c) => {
      const { type } = c.req.valid('param');
      if (!(await c.var.store.settings.deleteEventType(type))) {
        fail('NOT_FOUND', { what: `override of the event type ${type}` });
      }
      return c.body(null, 204);
    },
  );
  return app;
}
