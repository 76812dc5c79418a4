import { z } from 'zod';
import { CATEGORIES, EVENT_TYPE_PATTERN } from './catalog.ts';
import { ChannelKindSchema } from './rules.ts';

/**
 * What every masked secret starts with on read. A secret sent back exactly as it was read keeps
 * its stored value, so a form can be saved without retyping passwords.
 */
export const SECRET_MASK = '••••';

/** A channel's configuration; its shape depends on `kind` and is checked by the server. */
export const ChannelConfigSchema = z.record(z.string(), z.unknown());

const name = z.string().min(1).max(200);
const priority = z.number().int().min(0).max(1000);
const categories = z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).nullable();
const types = z
  .array(z.string().regex(EVENT_TYPE_PATTERN, 'an event type such as PRODUCTO_STOCK_BAJO'))
  .max(200)
  .nullable();
const ratePerMinute = z.number().int().min(1).max(100_000).nullable();

/**
 * A new channel: one provider of one kind. `priority` orders providers of the same kind (lower
 * first, for failover); `categories` and `types` limit what goes through it (null or absent = all).
 */
export const ChannelInputSchema = z
  .object({
    kind: ChannelKindSchema,
    name,
    config: ChannelConfigSchema,
    enabled: z.boolean().optional(),
    priority: priority.optional(),
    categories: categories.optional(),
    types: types.optional(),
    ratePerMinute: ratePerMinute.optional(),
  })
  .strict();
export type ChannelInput = z.infer<typeof ChannelInputSchema>;

/** A change to a channel; `config` replaces the whole configuration (masked secrets keep their value). */
export const ChannelPatchSchema = z
  .object({
    name,
    config: ChannelConfigSchema,
    enabled: z.boolean(),
    priority,
    categories,
    types,
    ratePerMinute,
  })
  .partial()
  .strict();
export type ChannelPatch = z.infer<typeof ChannelPatchSchema>;

/** A channel as the API returns it: every secret field of its configuration is masked. */
export const ChannelSchema = z.object({
  id: z.string(),
  kind: ChannelKindSchema,
  name: z.string(),
  config: ChannelConfigSchema,
  enabled: z.boolean(),
  priority: z.number(),
  categories: z.array(z.string()).nullable(),
  types: z.array(z.string()).nullable(),
  ratePerMinute: z.number().nullable(),
  /** Why Aviso disabled it by itself (an endpoint answered 410 Gone), or null. */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof ChannelSchema>;

/** `to`: the address to test with, for kinds that send to a person (email, phone, chat id). */
export const ChannelTestInputSchema = z.object({ to: z.string().min(1).max(320).optional() }).strict();

/** The outcome of a test send; a provider's refusal is `ok: false`, not an HTTP error. */
export const ChannelTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    deliveryId: z.string(),
    providerMessageId: z.string().optional(),
    durationMs: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    deliveryId: z.string(),
    durationMs: z.number(),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }),
  }),
]);
export type ChannelTestResult = z.infer<typeof ChannelTestResultSchema>;
