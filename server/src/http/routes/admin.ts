import { TenantCreatedSchema, TenantCreateSchema } from '@aviso/protocol';
import { createRoute } from '@hono/zod-openapi';
import { newSecret } from '../../db/ids.ts';
import type { Store } from '../../db/store.ts';
import { type SecretBox, widgetSecretAt } from '../../lib/secrets.ts';
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
  return app;
}
