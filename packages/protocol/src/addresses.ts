import { z } from 'zod';

/** A Telegram chat id: a person (positive) or a group or supergroup (negative, `-100…`). */
export const TelegramChatIdSchema = z.string().regex(/^-?\d{1,20}$/, 'a Telegram chat id');

/**
 * A WhatsApp destination of a branch or tenant: a number in E.164 form, or a group id
 * (`120363025246125486@g.us`), which only a generic HTTP gateway can send to.
 */
export const WhatsappDestinationSchema = z
  .string()
  .regex(
    /^(\+[1-9]\d{6,14}|\d{5,30}(-\d{1,20})?@g\.us)$/,
    'an E.164 number (+5215512345678) or a gateway group id (…@g.us)',
  );

/**
 * The channel addresses of a branch or of the tenant itself (its "default recipients"): a group
 * chat that gets, once, the notifications whose rule says `groups: true`. In a PUT or PATCH, a
 * key that is given replaces that address (`null` removes it) and a key left out keeps it.
 */
export const ChannelAddressesSchema = z.strictObject({
  telegram: TelegramChatIdSchema.nullable().optional(),
  whatsapp: WhatsappDestinationSchema.nullable().optional(),
});
export type ChannelAddressesInput = z.infer<typeof ChannelAddressesSchema>;

/** The stored addresses: only the kinds that have one. */
export const StoredAddressesSchema = z.object({
  telegram: z.string().optional(),
  whatsapp: z.string().optional(),
});
export type ChannelAddresses = z.infer<typeof StoredAddressesSchema>;

/** The kinds a group address can be given for. */
export const GROUP_KINDS = ['telegram', 'whatsapp'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** Applies a PUT/PATCH's addresses to the stored ones: given keys replace, `null` removes. */
export function mergeAddresses(
  stored: ChannelAddresses | null | undefined,
  patch: ChannelAddressesInput | undefined,
): ChannelAddresses {
  const out: ChannelAddresses = { ...(stored ?? {}) };
  for (const kind of GROUP_KINDS) {
    const value = patch?.[kind];
    if (value === undefined) continue;
    if (value === null) delete out[kind];
    else out[kind] = value;
  }
  return out;
}
