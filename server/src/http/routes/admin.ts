import {
  ScheduleListQuerySchema,
  ScheduleSchema,
  TenantCreatedSchema,
  TenantCreateSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { newSecret } from '../../db/ids.ts';
import type { Store } from '../../db/store.ts';
import { type SecretBox, widgetSecretAt } from '../../lib/secrets.ts';
import { scheduleOut } from '../../scheduling/recurring.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';
import { tenantOut } from '../serialize.ts';

const createTenant = createRoute({
  method: 'post',
  path: '/v1/admin/tenants',
  operationId: 'createTenant',
  tags: ['Operator'],
  summary: 'Create a tenant; its API key and widget secret are shown once',
  request: { body: jsonBody(TenantCreateSchema) },
  responses: { 201: jsonContent(TenantCreatedSchema, 'The tenant with its secrets'), ...errors },
});

const AdminScheduleQuerySchema = ScheduleListQuerySchema.pick({
  status: true,
  cursor: true,
  limit: true,
}).extend({
  /** Only the schedules of this tenant. */
  tenantId: z.uuid().optional(),
});

const AdminSchedulePageSchema = z.object({
  items: z.array(ScheduleSchema.extend({ tenant: z.object({ id: z.string(), name: z.string() }) })),
  nextCursor: z.string().nullable(),
});

const listSchedules = createRoute({
  method: 'get',
  path: '/v1/admin/schedules',
  operationId: 'listAllSchedules',
  tags: ['Operator'],
  summary: 'What is scheduled across tenants (pending by default), soonest first, with each tenant',
  request: { query: AdminScheduleQuerySchema },
  responses: { 200: jsonContent(AdminSchedulePageSchema, 'A page of schedules'), ...errors },
});

/** Operator routes, guarded by `AVISO_ADMIN_TOKEN`. */
export function adminRoutes(deps: { store: Store; box: SecretBox; guard: Guard }) {
  const app = router();
  app.openapi(
    { ...createTenant, middleware: deps.guard.middleware, security: deps.guard.security },
    async (c) => {
      const input = c.req.valid('json');
      const widgetSecret = newSecret('wsec', 32);
      const { tenant, apiKey } = await deps.store.tenants.create(input, (id) =>
        deps.box.encrypt(widgetSecret, widgetSecretAt(id)),
      );
      return c.json({ ...tenantOut(tenant), apiKey, widgetSecret }, 201);
    },
  );

  app.openapi(
    { ...listSchedules, middleware: deps.guard.middleware, security: deps.guard.security },
    async (c) => {
      const page = await deps.store.scheduleQueue.listAll(c.req.valid('query'));
      const items = page.items.map((r) => ({
        ...scheduleOut(r),
        tenant: { id: r.tenantId, name: r.tenantName },
      }));
      return c.json({ items, nextCursor: page.nextCursor }, 200);
    },
  );
  return app;
}
