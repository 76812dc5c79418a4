import { z } from 'zod';
import { ROLES } from './notification.ts';

/** Channel kinds a tenant can configure. */
export const CHANNEL_KINDS = ['email', 'whatsapp', 'telegram', 'sms', 'slack', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const ChannelKindSchema = z.enum(CHANNEL_KINDS);

/** `30s`, `2m`, `1h`, `1d`, optionally signed (`-24h` for reminders before a due date). */
export const DURATION_PATTERN = /^([+-]?)(\d{1,6})(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of a duration such as `2m` or `-24h`; undefined when it does not parse. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3] as keyof typeof UNIT_MS];
}

export const DurationSchema = z.string().regex(DURATION_PATTERN, 'a duration such as 30s, 2m, 1h, 1d');
const Channels = z.array(ChannelKindSchema).min(1).max(6);
const Mode = z.enum(['first-available', 'all']);
/**
 * Also send the step, once, to the group chat of each branch of the notification (the tenant's own
 * group for a global one, or when none of its branches has a group), through the first of the
 * step's Telegram/WhatsApp channels the group has an address for. Never for personal notifications.
 */
const Groups = z.boolean().optional();

/**
 * Fallback: when a person targeted by the notification is `offline` at creation, has not `seen` it
 * on a screen, or has not read it (`unread`) after `after`, send it through `channels`.
 */
export const FallbackRuleSchema = z
  .object({
    after: DurationSchema,
    if: z.enum(['offline', 'unseen', 'unread']),
    to: z.union([z.literal('targets'), z.array(z.enum(ROLES)).min(1)]),
    channels: Channels,
    mode: Mode.default('first-available'),
    groups: Groups,
  })
  .strict();

/** Escalation: nobody of the targets read it in time → tell these roles through these channels. */
export const EscalateRuleSchema = z
  .object({
    after: DurationSchema,
    if: z.enum(['unseen', 'unread']),
    to: z.array(z.enum(ROLES)).min(1),
    channels: Channels,
    mode: Mode.default('first-available'),
    groups: Groups,
  })
  .strict();

/** Digest: non-urgent notifications batched per person per window, one message for N. */
export const DigestRuleSchema = z
  .object({
    window: DurationSchema,
    channels: Channels,
    to: z.union([z.literal('targets'), z.array(z.enum(ROLES)).min(1)]).default('targets'),
  })
  .strict();

export const DeliveryRulesSchema = z
  .object({
    fallback: FallbackRuleSchema.optional(),
    escalate: EscalateRuleSchema.optional(),
    digest: DigestRuleSchema.optional(),
  })
  .strict();
export type DeliveryRules = z.input<typeof DeliveryRulesSchema>;
export type FallbackRule = z.infer<typeof FallbackRuleSchema>;
export type EscalateRule = z.infer<typeof EscalateRuleSchema>;
export type DigestRule = z.infer<typeof DigestRuleSchema>;
