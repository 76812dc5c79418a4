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
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** Bytes encoded by base64 text (padding aside); the same count as Node's decoder gives, without Buffer. */
function base64Bytes(text: string): number {
  return Math.floor((text.replace(/=+$/, '').length * 3) / 4);
}

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const WebhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'a secret of the form whsec_<base64>')
  .refine((s) => {
    const n = base64Bytes(s.slice(6));
    return n >= 24 && n <= 64;
  }, 'the key must be 24 to 64 bytes');

/** A new Standard Webhooks secret (`whsec_` + base64 of 32 random bytes), in browsers and Node alike. */
export function newWebhookSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * The `data` of a `notification.read` webhook: the first time a person read a notification (in the
 * widget, by archiving it, or by answering one of its actions). A read-all sends one event naming
 * the newest notification it covers, with `all: true`.
 */
export const ReadEventDataSchema = z.object({
  notificationId: z.string(),
  type: z.string(),
  recipientId: z.string(),
  readAt: z.string(),
  all: z.literal(true).optional(),
});
export type ReadEventData = z.infer<typeof ReadEventDataSchema>;
