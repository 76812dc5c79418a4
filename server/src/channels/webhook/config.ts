import { z } from 'zod';

/** The events a webhook endpoint can receive (SPEC section 7). */
export const WEBHOOK_EVENT_TYPES = [
  'notification.created',
  'notification.read',
  'notification.action',
  'delivery.sent',
  'delivery.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'a secret of the form whsec_<base64>')
  .refine((s) => {
    const n = Buffer.from(s.slice(6), 'base64').length;
    return n >= 24 && n <= 64;
  }, 'the key must be 24 to 64 bytes');

/**
 * A signed webhook endpoint. During a rotation `secrets` holds the new and the old secret and every
 * request carries one signature per secret. `events` limits what the endpoint receives (all if absent).
 */
export const WebhookConfigSchema = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }),
    secret: WebhookSecretSchema.optional(),
    secrets: z.array(WebhookSecretSchema).min(1).max(5).optional(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).optional(),
    /** Extra static headers (e.g. a key the receiver's gateway wants). */
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string()).optional(),
  })
  .refine((c) => c.secret !== undefined || (c.secrets?.length ?? 0) > 0, {
    message: 'give `secret` or `secrets`',
    path: ['secrets'],
  });
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

/** Every secret a request is signed with, newest first, without duplicates. */
export function signingSecrets(config: Pick<WebhookConfig, 'secret' | 'secrets'>): string[] {
  return [...new Set([...(config.secrets ?? []), ...(config.secret ? [config.secret] : [])])];
}
