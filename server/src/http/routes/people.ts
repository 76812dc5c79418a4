import {
  BranchInputSchema,
  BranchSchema,
  HostIdSchema,
  RecipientInputSchema,
  RecipientSchema,
  TokensRevokedSchema,
  WidgetTokenInputSchema,
  WidgetTokenSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { WidgetTokens } from '../../identity/widget-tokens.ts';
import type { Broadcaster } from '../../inbox/broadcaster.ts';
import { fail } from '../../lib/errors.ts';
import type { Presence } from '../../presence/presence.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';
import { branchOut, recipientOut } from '../serialize.ts';

const BranchParam = z.object({ branchId: HostIdSchema });
const RecipientParam = z.object({ recipientId: HostIdSchema });

/** Branches, recipients and widget tokens: the host keeps Aviso's copy of its people in sync. */
export function peopleRoutes(deps: {
  guard: Guard;
  tokens: WidgetTokens;
  broadcaster: Broadcaster;
  presence: Presence;
}) {
  const app = router();
  const secured = { middleware: deps.guard.middleware, security: deps.guard.security };

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/branches/{branchId}',
      operationId: 'upsertBranch',
      tags: ['Branches'],
      summary: 'Create or rename a branch (the id is the host’s own), and set its group chats',
      description:
        '`addresses` are the branch’s group chats (`{"telegram": "-100…", "whatsapp": "+52…"}`): rules ' +
        'with `groups: true` send its notifications there once. Given keys replace, `null` removes, ' +
        'keys left out (and a body without `addresses`) keep what is stored.',
      ...secured,
      request: { params: BranchParam, body: jsonBody(BranchInputSchema) },
      responses: {
        200: jsonContent(BranchSchema, 'Updated'),
        201: jsonContent(BranchSchema, 'Created'),
        ...errors,
      },
    }),
    async (c) => {
      const { name, addresses } = c.req.valid('json');
      const { row, created } = await c.var.store.branches.upsert(
        c.req.valid('param').branchId,
        name,
        addresses,
      );
      return c.json(branchOut(row), created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/branches',
      operationId: 'listBranches',
      tags: ['Branches'],
      summary: 'Every branch of the tenant',
      ...secured,
      responses: { 200: jsonContent(z.object({ items: z.array(BranchSchema) }), 'Branches'), ...errors },
    }),
    async (c) => c.json({ items: (await c.var.store.branches.list()).map(branchOut) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/branches/{branchId}',
      operationId: 'deleteBranch',
      tags: ['Branches'],
      summary: 'Delete a branch',
      ...secured,
      request: { params: BranchParam },
      responses: { 204: { description: 'Deleted' }, ...errors },
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      if (!(await c.var.store.branches.remove(branchId))) fail('BRANCH_NOT_FOUND', { id: branchId });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/recipients/{recipientId}',
      operationId: 'upsertRecipient',
      tags: ['Recipients'],
      summary: 'Create or replace a recipient (the id is the host’s user id)',
      ...secured,
      request: { params: RecipientParam, body: jsonBody(RecipientInputSchema) },
      responses: {
        200: jsonContent(RecipientSchema, 'Updated'),
        201: jsonContent(RecipientSchema, 'Created'),
        ...errors,
      },
    }),
    async (c) => {
      const id = c.req.valid('param').recipientId;
      const before = await c.var.store.recipients.get(id);
      const { row, created } = await c.var.store.recipients.upsert(id, c.req.valid('json'));
      deps.broadcaster.recipientChanged(c.var.tenant.id, before, row);
      return c.json(recipientOut(row), created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/recipients',
      operationId: 'listRecipients',
      tags: ['Recipients'],
      summary: 'Recipients, by id, a page at a time',
      ...secured,
      request: {
        query: z.object({
          cursor: HostIdSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: jsonContent(
          z.object({ items: z.array(RecipientSchema), nextCursor: z.string().nullable() }),
          'A page of recipients',
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const rows = await c.var.store.recipients.list({ after: cursor, limit: limit + 1 });
      const items = rows.slice(0, limit);
      return c.json(
        { items: items.map(recipientOut), nextCursor: rows.length > limit ? items.at(-1)!.id : null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/recipients/{recipientId}',
      operationId: 'getRecipient',
      tags: ['Recipients'],
      summary: 'One recipient',
      ...secured,
      request: { params: RecipientParam },
      responses: { 200: jsonContent(RecipientSchema, 'The recipient'), ...errors },
    }),
    async (c) => {
      const { recipientId } = c.req.valid('param');
      const row = await c.var.store.recipients.get(recipientId);
      if (!row) fail('RECIPIENT_NOT_FOUND', { id: recipientId });
      return c.json(recipientOut(row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/recipients/{recipientId}',
      operationId: 'deleteRecipient',
      tags: ['Recipients'],
      summary: 'Delete a recipient; their live sockets are closed',
      ...secured,
      request: { params: RecipientParam },
      responses: { 204: { description: 'Deleted' }, ...errors },
    }),
    async (c) => {
      const id = c.req.valid('param').recipientId;
      const before = await c.var.store.recipients.get(id);
      if (!before || !(await c.var.store.recipients.remove(id))) fail('RECIPIENT_NOT_FOUND', { id });
      deps.broadcaster.recipientChanged(c.var.tenant.id, before, undefined);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/presence',
      operationId: 'getPresence',
      tags: ['Recipients'],
      summary: 'Which of these recipients have a live widget right now, on any node',
      ...secured,
      request: {
        query: z.object({
          recipientIds: z
            .string()
            .min(1)
            .transform((s) => s.split(','))
            .pipe(z.array(HostIdSchema).max(200))
            .openapi({ description: 'Comma-separated recipient ids (at most 200)' }),
        }),
      },
      responses: {
        200: jsonContent(z.object({ online: z.array(z.string()) }), 'The online ones'),
        ...errors,
      },
    }),
    async (c) => {
      const ids = [...new Set(c.req.valid('query').recipientIds)];
      const online = await deps.presence.online(c.var.tenant.id, ids);
      return c.json({ online: ids.filter((id) => online.has(id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/widget-tokens',
      operationId: 'createWidgetToken',
      tags: ['Recipients'],
      summary: 'Mint a widget token for a recipient (HS256 JWT signed with the widget secret)',
      ...secured,
      request: { body: jsonBody(WidgetTokenInputSchema) },
      responses: { 201: jsonContent(WidgetTokenSchema, 'The token'), ...errors },
    }),
    async (c) => {
      const { recipientId, expiresIn } = c.req.valid('json');
      if (!(await c.var.store.recipients.get(recipientId))) {
        fail('RECIPIENT_NOT_FOUND', { id: recipientId });
      }
      // The tenant row is read again: the API key's copy may predate a widget secret rotation.
      const tenant = await c.var.store.settings.get();
      return c.json(await deps.tokens.mint(tenant, recipientId, expiresIn), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/recipients/{recipientId}/revoke-tokens',
      operationId: 'revokeWidgetTokens',
      tags: ['Recipients'],
      summary:
        'Refuse every widget token of this recipient issued before now (to the second) and close their live sockets',
      ...secured,
      request: { params: RecipientParam },
      responses: { 200: jsonContent(TokensRevokedSchema, 'Revoked'), ...errors },
    }),
    async (c) => {
      const id = c.req.valid('param').recipientId;
      const row = await c.var.store.recipients.revokeTokens(id, new Date());
      if (!row) fail('RECIPIENT_NOT_FOUND', { id });
      deps.broadcaster.disconnect(c.var.tenant.id, id);
      return c.json({ id, tokensValidAfter: row.tokensValidAfter!.toISOString() }, 200);
    },
  );
  return app;
}
