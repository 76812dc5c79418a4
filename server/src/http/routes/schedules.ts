import {
  CancelKeySchema,
  RecurringScheduleCreatedSchema,
  RecurringScheduleInputSchema,
  ScheduleListQuerySchema,
  SchedulePageSchema,
  SchedulesCancelledSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { newId } from '../../db/ids.ts';
import type { ScheduleRow } from '../../db/repos/schedules.ts';
import { resolveEventType } from '../../ingest/catalog.ts';
import { type IngestHooks, requestHash } from '../../ingest/events.ts';
import { fail } from '../../lib/errors.ts';
import { planRecurring, scheduleOut } from '../../scheduling/recurring.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';
import { IdempotencyHeader } from './events.ts';

const item = (r: Pick<ScheduleRow, 'id' | 'label' | 'dueAt'>) => ({
  id: r.id,
  label: r.label,
  dueAt: r.dueAt.toISOString(),
});

/** Recurring schedules, the listing of what is scheduled, and cancelling by the host's cancel key. */
export function scheduleRoutes(deps: { guard: Guard; now?: () => Date; hooks?: IngestHooks }) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security, tags: ['Schedules'] };
  const now = () => deps.now?.() ?? new Date();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/schedules',
      operationId: 'createRecurringSchedule',
      summary: 'Publish an event on a cron pattern (payment cycles, maintenance, subscription checks)',
      ...secured,
      request: { headers: IdempotencyHeader, body: jsonBody(RecurringScheduleInputSchema) },
      responses: {
        201: jsonContent(
          RecurringScheduleCreatedSchema,
          'Scheduled: the first rows and the next occurrences',
        ),
        200: jsonContent(RecurringScheduleCreatedSchema, 'Already scheduled under this Idempotency-Key'),
        ...errors,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'] ?? input.idempotencyKey;
      const store = c.var.store;
      // Refused now what every occurrence would refuse later.
      if (!resolveEventType(input.event.type, await store.settings.eventTypeOverrides())) {
        fail('UNKNOWN_EVENT_TYPE', { type: input.event.type });
      }
      const tenant = await store.settings.get();
      const at = now();
      const seriesId = newId();
      const plan = planRecurring(input, tenant, at, seriesId);
      const hash = requestHash({ ...input, type: 'RECURRING' } as never);
      const result = await store.schedules.insert(
        plan.rows,
        key ? { key, hash, groupId: seriesId } : undefined,
      );
      if (result.status === 'conflict') fail('IDEMPOTENCY_CONFLICT', {}, { details: { id: result.id } });
      if (result.status === 'duplicate') {
        const rows = await store.schedules.ofSeries(result.id);
        return c.json(
          {
            id: result.id,
            status: 'scheduled' as const,
            scheduled: rows.map(item),
            nextOccurrences: plan.next,
          },
          200,
        );
      }
      deps.hooks?.onScheduled?.(plan.rows[0]!.dueAt);
      return c.json(
        {
          id: seriesId,
          status: 'scheduled' as const,
          scheduled: plan.rows.map(item),
          nextOccurrences: plan.next,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/schedules',
      operationId: 'listSchedules',
      summary:
        'What is scheduled (pending by default), soonest first: one-off, reminders, recurring, SLA checks',
      ...secured,
      request: { query: ScheduleListQuerySchema },
      responses: { 200: jsonContent(SchedulePageSchema, 'A page of schedules'), ...errors },
    }),
    async (c) => {
      const page = await c.var.store.schedules.list(c.req.valid('query'));
      return c.json({ items: page.items.map(scheduleOut), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/schedules/{cancelKey}',
      operationId: 'cancelSchedules',
      summary:
        'Cancel every pending reminder, scheduled notification and recurring schedule with this cancelKey',
      ...secured,
      tags: ['Events', 'Schedules'],
      request: { params: z.object({ cancelKey: CancelKeySchema }) },
      responses: { 200: jsonContent(SchedulesCancelledSchema, 'How many were cancelled'), ...errors },
    }),
    async (c) => {
      const { cancelKey } = c.req.valid('param');
      const cancelled = await c.var.store.schedules.cancel(cancelKey, now());
      if (!cancelled) fail('SCHEDULE_NOT_FOUND', { cancelKey });
      return c.json({ cancelled }, 200);
    },
  );
  return app;
}
