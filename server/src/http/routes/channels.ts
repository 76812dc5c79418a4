import {
  ChannelInputSchema,
  ChannelPatchSchema,
  ChannelSchema,
  ChannelTestInputSchema,
  ChannelTestResultSchema,
} from '@aviso/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { type ChannelRegistry, SendError } from '../../channels/index.ts';
import { newId } from '../../db/ids.ts';
import type { ChannelRow } from '../../db/repos/channels.ts';
import type { TenantStore } from '../../db/store.ts';
import { testMessage } from '../../delivery/channel-test.ts';
import { errorText } from '../../delivery/context.ts';
import { fail } from '../../lib/errors.ts';
import { errors, type Guard, jsonBody, jsonContent, router } from '../openapi.ts';
import { acceptConfig, maskConfig } from './channel-config.ts';

const iso = (d: Date) => d.toISOString();

/** A channel as the API shows it: never a secret. */
export const channelOut = (row: ChannelRow) => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  config: maskConfig(row.kind, row.config),
  enabled: row.enabled,
  priority: row.priority,
  categories: row.categories,
  types: row.types,
  ratePerMinute: row.ratePerMinute,
  disabledReason: row.disabledReason,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

async function mustGet(store: TenantStore, id: string): Promise<ChannelRow> {
  const row = await store.channels.get(id);
  if (!row) fail('CHANNEL_NOT_FOUND', { id });
  return row;
}

export interface ChannelRoutesOptions {
  guard: Guard;
  registry: ChannelRegistry;
  log: Logger;
  now?: () => Date;
}

const IdParam = z.object({ id: z.string().min(1).max(64) });

/** The tenant's channels: providers per kind, their filters, and a test send through each. */
export function channelRoutes({ guard, registry, log, now = () => new Date() }: ChannelRoutesOptions) {
  const app = router();
  const secured = { tags: ['Channels'], middleware: guard.middleware, security: guard.security };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/channels',
      operationId: 'listChannels',
      summary: 'Every channel of the tenant, by kind and failover order (secrets masked)',
      ...secured,
      responses: { 200: jsonContent(z.object({ items: z.array(ChannelSchema) }), 'Channels'), ...errors },
    }),
    async (c) => c.json({ items: (await c.var.store.channels.list()).map(channelOut) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/channels',
      operationId: 'createChannel',
      summary: 'Add a channel; its configuration is validated for its kind and encrypted at rest',
      ...secured,
      request: { body: jsonBody(ChannelInputSchema) },
      responses: { 201: jsonContent(ChannelSchema, 'Created'), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const config = acceptConfig(registry, body.kind, body.config);
      return c.json(channelOut(await c.var.store.channels.create({ ...body, config })), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/channels/{id}',
      operationId: 'getChannel',
      summary: 'One channel (secrets masked)',
      ...secured,
      request: { params: IdParam },
      responses: { 200: jsonContent(ChannelSchema, 'The channel'), ...errors },
    }),
    async (c) => c.json(channelOut(await mustGet(c.var.store, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/channels/{id}',
      operationId: 'updateChannel',
      summary: 'Rename, enable or disable, reorder, filter or reconfigure a channel',
      description:
        '`config` replaces the whole configuration; a secret sent back exactly as it was read (masked) keeps its stored value, ' +
        'unless a destination or identity field (URL, API root or base, SMTP host, port or user, account or phone number id, bot username) changed: ' +
        'then every secret must be typed again (422 `SECRET_REQUIRED`). A host that is a loopback, private, link-local or reserved address is refused (400 `DESTINATION_NOT_ALLOWED`).',
      ...secured,
      request: { params: IdParam, body: jsonBody(ChannelPatchSchema) },
      responses: { 200: jsonContent(ChannelSchema, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { config, ...rest } = c.req.valid('json');
      const row = await mustGet(c.var.store, id);
      const patch = config ? { ...rest, config: acceptConfig(registry, row.kind, config, row.config) } : rest;
      const updated = await c.var.store.channels.update(id, patch);
      if (!updated) fail('CHANNEL_NOT_FOUND', { id });
      return c.json(channelOut(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/channels/{id}',
      operationId: 'deleteChannel',
      summary: 'Delete a channel',
      ...secured,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await c.var.store.channels.remove(id))) fail('CHANNEL_NOT_FOUND', { id });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/channels/{id}/test',
      operationId: 'testChannel',
      summary: 'Send a test notification through this channel now, and log it',
      description:
        '`to` is the address for email, WhatsApp, SMS and Telegram channels (required there); Slack and webhooks ignore it. ' +
        'A provider refusing the message is `ok: false` with its error; a webhook answering 410 disables the channel.',
      ...secured,
      request: { params: IdParam, body: jsonBody(ChannelTestInputSchema) },
      responses: { 200: jsonContent(ChannelTestResultSchema, 'What the provider said'), ...errors },
    }),
    async (c) => {
      const channel = await mustGet(c.var.store, c.req.valid('param').id);
      const { to } = c.req.valid('json');
      const { addressField } = registry.get(channel.kind);
      if (addressField && !to) {
        fail(
          'ADDRESS_REQUIRED',
          { kind: channel.kind },
          { details: [{ path: 'to', message: `the ${addressField} to send the test to` }] },
        );
      }
      const tenant = c.var.tenant;
      const deliveryId = newId();
      const startedAt = now();
      const message = testMessage(tenant, deliveryId, startedAt);
      const address = addressField ? to! : '';
      const clock = performance.now();
      let outcome: { ok: true; providerMessageId?: string } | { ok: false; error: SendError };
      try {
        const sent = await registry.send(channel.kind, message, address, channel.config);
        outcome = {
          ok: true,
          ...(sent.providerMessageId ? { providerMessageId: sent.providerMessageId } : {}),
        };
      } catch (err) {
        if (!(err instanceof SendError)) {
          log.warn(
            { channelId: channel.id, kind: channel.kind, error: (err as Error)?.name },
            'channel test crashed',
          );
        }
        outcome = {
          ok: false,
          error:
            err instanceof SendError
              ? err
              : new SendError('PROVIDER_ERROR', 'the sender failed unexpectedly', { retryable: false }),
        };
      }
      const durationMs = Math.round(performance.now() - clock);
      await c.var.store.deliveries.insert([
        {
          id: deliveryId,
          notificationId: null,
          type: 'PRUEBA',
          recipientId: null,
          step: 'test',
          // The address is kept so that retrying a failed test sends it to the same place.
          plan: { channels: [channel.kind], mode: 'first-available', address },
          kind: channel.kind,
          channelId: channel.id,
          status: outcome.ok ? 'sent' : 'failed',
          attempts: 1,
          dueAt: startedAt,
          durationMs,
          ...(outcome.ok
            ? { providerMessageId: outcome.providerMessageId ?? null, sentAt: now() }
            : { lastError: outcome.error.message, errorCode: outcome.error.code }),
        },
      ]);
      await c.var.store.deliveries.addAttempts(deliveryId, [
        {
          at: now(),
          kind: channel.kind,
          channelId: channel.id,
          outcome: outcome.ok ? 'sent' : outcome.error.code === 'RECIPIENT_REJECTED' ? 'bounced' : 'failed',
          durationMs,
          ...(outcome.ok
            ? { providerMessageId: outcome.providerMessageId ?? null }
            : { errorCode: outcome.error.code, error: errorText(outcome.error.message) }),
        },
      ]);
      if (!outcome.ok && outcome.error.code === 'ENDPOINT_GONE') {
        await c.var.store.channels.update(channel.id, {
          enabled: false,
          disabledReason: `the endpoint answered 410 Gone to a test at ${startedAt.toISOString()}`,
        });
      }
      log.info(
        { tenantId: tenant.id, channelId: channel.id, kind: channel.kind, ok: outcome.ok, durationMs },
        'channel test',
      );
      if (outcome.ok) return c.json({ ...outcome, deliveryId, durationMs }, 200);
      const { code, message: text, retryable } = outcome.error;
      return c.json(
        { ok: false as const, deliveryId, durationMs, error: { code, message: text, retryable } },
        200,
      );
    },
  );
  return app;
}
