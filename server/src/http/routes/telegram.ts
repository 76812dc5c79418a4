import {
  ErrorBodySchema,
  TELEGRAM_LINK_TTL_MS,
  TelegramLinkInputSchema,
  TelegramLinkSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { TelegramConfig } from '../../channels/telegram/config.ts';
import { TelegramRepo } from '../../db/repos/telegram.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonContent, router } from '../openapi.ts';

const Params = z.object({ id: z.string().min(1).max(64) });

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
      const bots = await store.channels.list('telegram');
      const channel = channelId ? bots.find((b) => b.id === channelId) : bots.find((b) => b.enabled);
      if (channelId && !channel) fail('CHANNEL_NOT_FOUND', { id: channelId });
      if (!channel) fail('TELEGRAM_NOT_CONFIGURED');
      const bot = (channel.config as TelegramConfig).botUsername;
      if (!bot) {
        fail('TELEGRAM_BOT_USERNAME_MISSING', {}, { details: { channelId: channel.id } });
      }
      const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + TELEGRAM_LINK_TTL_MS);
      const token = await new TelegramRepo(store.db, store.tenantId).issueLink(id, channel.id, expiresAt);
      return c.json({ url: `https://t.me/${bot}?start=${token}`, expiresAt: expiresAt.toISOString() }, 201);
    },
  );

  return app;
}
