import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeySchema,
  TenantPatchSchema,
  TenantSchema,
  WidgetSecretRotatedSchema,
  WidgetSecretRotateSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import { newSecret } from '../../db/ids.ts';
import type { Broadcaster } from '../../inbox/broadcaster.ts';
import { fail } from '../../lib/errors.ts';
import { type SecretBox, widgetSecretAt } from '../../lib/secrets.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';
import { apiKeyOut, tenantOut } from '../serialize.ts';

const tags = ['Tenant'];

/** The tenant's own settings, API keys and widget secret. */
export function tenantRoutes({
  guard,
  box,
  broadcaster,
}: {
  guard: Guard;
  box: SecretBox;
  broadcaster: Pick<Broadcaster, 'disconnect'>;
}) {
  const app = router();
  const secured = { middleware: guard.middleware, security: guard.security };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tenant',
      operationId: 'getTenant',
      tags,
      summary: 'The tenant of this API key',
      ...secured,
      responses: { 200: jsonContent(TenantSchema, 'The tenant'), ...errors },
    }),
    async (c) => c.json(tenantOut(await c.var.store.settings.get()), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/tenant',
      operationId: 'updateTenant',
      tags,
      summary: 'Change name, currency, locale, time zone or app URL',
      ...secured,
      request: { body: jsonBody(TenantPatchSchema) },
      responses: { 200: jsonContent(TenantSchema, 'The tenant'), ...errors },
    }),
    async (c) => c.json(tenantOut(await c.var.store.settings.update(c.req.valid('json'))), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/api-keys',
      operationId: 'listApiKeys',
      tags,
      summary: 'The active API keys (never the keys themselves)',
      ...secured,
      responses: { 200: jsonContent(z.object({ items: z.array(ApiKeySchema) }), 'Keys'), ...errors },
    }),
    async (c) => c.json({ items: (await c.var.store.settings.listApiKeys()).map(apiKeyOut) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/api-keys',
      operationId: 'createApiKey',
      tags,
      summary: 'Create an API key; the key is shown once',
      ...secured,
      request: { body: jsonBody(ApiKeyCreateSchema) },
      responses: { 201: jsonContent(ApiKeyCreatedSchema, 'The new key'), ...errors },
    }),
    async (c) => {
      const { row, key } = await c.var.store.settings.createApiKey(c.req.valid('json').name ?? null);
      return c.json({ ...apiKeyOut(row), key }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/api-keys/{id}',
      operationId: 'revokeApiKey',
      tags,
      summary: 'Revoke an API key',
      ...secured,
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 204: { description: 'Revoked' }, ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await c.var.store.settings.revokeApiKey(id))) fail('NOT_FOUND', { what: `API key ${id}` });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/widget-secret/rotate',
      operationId: 'rotateWidgetSecret',
      tags,
      summary:
        'Replace the widget secret (shown once); tokens signed with the old one stop working, after an optional grace period',
      ...secured,
      request: {
        body: { required: false, content: { 'application/json': { schema: WidgetSecretRotateSchema } } },
      },
      responses: { 200: jsonContent(WidgetSecretRotatedSchema, 'The new secret'), ...errors },
    }),
    async (c) => {
      const { graceSeconds = 0 } = c.req.valid('json') ?? {};
      const widgetSecret = newSecret('wsec', 32);
      const until = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
      const tenantId = c.var.tenant.id;
      await c.var.store.settings.rotateWidgetSecret(
        box.encrypt(widgetSecret, widgetSecretAt(tenantId)),
        until,
      );
      // Without a grace period the live sockets re-authenticate at once (the widget asks its host
      // for a new token); with one, they stay until they reconnect.
      if (!until) broadcaster.disconnect(tenantId);
      return c.json({ widgetSecret, previousValidUntil: until?.toISOString() ?? null }, 200);
    },
  );
  return app;
}
