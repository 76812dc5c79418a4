import { CancelKeySchema, SchedulesCancelledSchema } from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';

/** Cancelling reminders and scheduled notifications by the host's cancel key. */
export function scheduleRoutes(deps: { guard: Guard; now?: () => Date }) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/schedules/{cancelKey}',
      operationId: 'cancelSchedules',
      tags: ['Events'],
      summary: 'Cancel every pending reminder and scheduled notification with this cancelKey',
      middleware: deps.guard.middleware,
      security: deps.guard.security,
      request: { params: z.object({ cancelKey: CancelKeySchema }) },
      responses: { 200: jsonContent(SchedulesCancelledSchema, 'How many were cancelled'), ...errors },
    }),
    async (c) => {
      const { cancelKey } = c.req.valid('param');
      const cancelled = await c.var.store.schedules.cancel(cancelKey, deps.now?.() ?? new Date());
      if (!cancelled) fail('SCHEDULE_NOT_FOUND', { cancelKey });
      return c.json({ cancelled }, 200);
    },
  );
  return app;
}
