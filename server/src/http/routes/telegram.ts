import {
  ErrorBodySchema,
  HostIdSchema,
  TELEGRAM_LINK_TTL_MS,
  TelegramLinkInputSchema,
  TelegramLinkSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { TelegramConfig } from '../../channels/telegram/config.ts';
import { TelegramRepo } from '../../db/repos/telegram.ts';
import type { TenantStore } from '../../db/store.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';

const Params = z.object({ id: z.string().min(1).max(64) });
const BranchParams = z.object({ branchId: HostIdSchema });

/** The bot links go through: the one named, else the first enabled; with its username. */
async function linkBot(store: TenantStore, channelId: string | undefined) {
  const bots = await store.channels.list('telegram');
  const channel = channelId ? bots.find((b) => b.id === channelId) : bots.find((b) => b.enabled);
  if (channelId && !channel) fail('CHANNEL_NOT_FOUND', { id: channelId });
  if (!channel) fail('TELEGRAM_NOT_CONFIGURED');
  const bot = (channel.config as TelegramConfig).botUsername;
  if (!bot) fail('TELEGRAM_BOT_USERNAME_MISSING', {}, { details: { channelId: channel.id } });
  return { channel, bot };
}

const groupLinkDescription =
  'Open the link on a phone and pick the group: Telegram adds the bot to it and sends ' +
  '`/start <token>` there, which makes the group chat the address of this {what} (`addresses.telegram`). ' +
  'The bot may also be added by hand and sent `/start <token>` in the group. Single use, 24 hours.';

/** `POST /v1/recipients/:id/telegram-link`: a single-use link that ties a Telegram chat to a recipient. */
export function telegramRoutes(deps: { guard: Guard; now?: () => Date }) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/recipients/{id}/telegram-link',
      operationId: 'createTelegramLink',
      tags: ['Recipients'],
      summary: 'A t.me link that links the chat which opens it to this recipient (single use, 24 h)',
      middleware: deps.guard.middleware,
      security: deps.guard.security,
      request: {
        params: Params,
        body: { required: false, content: { 'application/json': { schema: TelegramLinkInputSchema } } },
      },
      responses: {
        201: jsonContent(TelegramLinkSchema, 'The link and when it expires'),
        409: jsonContent(ErrorBodySchema, 'No Telegram channel (`TELEGRAM_NOT_CONFIGURED`)'),
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { channelId } = (c.req.valid('json') ?? {}) as { channelId?: string };
      const store = c.var.store;
      if (!(await store.recipients.get(id))) fail('RECIPIENT_NOT_FOUND', { id });
      const { channel, bot } = await linkBot(store, channelId);
      const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + TELEGRAM_LINK_TTL_MS);
      const token = await new TelegramRepo(store.db, store.tenantId).issueLink(id, channel.id, expiresAt);
      return c.json({ url: `https://t.me/${bot}?start=${token}`, expiresAt: expiresAt.toISOString() }, 201);
    },
  );

  /** A `startgroup` link that makes a group chat the Telegram address of a branch, or of the tenant. */
  async function groupLink(store: TenantStore, branchId: string | null, channelId: string | undefined) {
    const { channel, bot } = await linkBot(store, channelId);
    const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + TELEGRAM_LINK_TTL_MS);
    const token = await new TelegramRepo(store.db, store.tenantId).issueGroupLink(
      branchId,
      channel.id,
      expiresAt,
    );
    return { url: `https://t.me/${bot}?startgroup=${token}`, expiresAt: expiresAt.toISOString() };
  }

  const groupResponses = {
    201: jsonContent(TelegramLinkSchema, 'The link and when it expires'),
    409: jsonContent(ErrorBodySchema, 'No Telegram channel (`TELEGRAM_NOT_CONFIGURED`)'),
    ...errors,
  };
  const linkBody = {
    required: false,
    content: { 'application/json': { schema: TelegramLinkInputSchema } },
  } as const;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/branches/{branchId}/telegram-link',
      operationId: 'createBranchTelegramLink',
      tags: ['Branches'],
      summary: 'A t.me link that makes a Telegram group the branch’s group chat',
      description: groupLinkDescription.replace('{what}', 'branch'),
      middleware: deps.guard.middleware,
      security: deps.guard.security,
      request: { params: BranchParams, body: linkBody },
      responses: groupResponses,
    }),
    async (c) => {
      const { branchId } = c.req.valid('param');
      const { channelId } = (c.req.valid('json') ?? {}) as { channelId?: string };
      if (!(await c.var.store.branches.get(branchId))) fail('BRANCH_NOT_FOUND', { id: branchId });
      return c.json(await groupLink(c.var.store, branchId, channelId), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/tenant/telegram-link',
      operationId: 'createTenantTelegramLink',
      tags: ['Tenant'],
      summary: 'A t.me link that makes a Telegram group the tenant’s own group chat (its default recipient)',
      description: groupLinkDescription.replace('{what}', 'tenant'),
      middleware: deps.guard.middleware,
      security: deps.guard.security,
      request: { body: linkBody },
      responses: groupResponses,
    }),
    async (c) => {
      const { channelId } = (c.req.valid('json') ?? {}) as { channelId?: string };
      return c.json(await groupLink(c.var.store, null, channelId), 201);
    },
  );

  return app;
}
