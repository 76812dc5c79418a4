import { createHmac, timingSafeEqual } from 'node:crypto';
import { AvisoError } from './errors.ts';

/** The events the hub signs and posts to a webhook endpoint. */
export type WebhookEventType =
  | 'notification.created'
  | 'notification.read'
  | 'notification.action'
  | 'delivery.sent'
  | 'delivery.failed';

/** The body of a webhook: what happened, when, and its data. */
export interface WebhookEvent<Data = Record<string, unknown>> {
  type: WebhookEventType;
  /** ISO 8601. */
  timestamp: string;
  data: Data;
}

/** A request that is not a genuine, fresh webhook of the hub: answer it 400 and drop it. */
export class WebhookVerificationError extends AvisoError {
  override readonly name = 'WebhookVerificationError';
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way (replays and clock skew). */
  toleranceSeconds?: number;
  /** The clock, for tests. */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

const refuse = (code: string, message: string) => new WebhookVerificationError(code, message);

/**
 * Verifies a webhook of the hub per Standard Webhooks and returns its parsed body. `body` must be
 * the raw bytes as received (not re-serialised JSON); `secret` is the endpoint's `whsec_…` secret,
 * or several while rotating. Throws `WebhookVerificationError` when a header is missing, the
 * timestamp is more than 5 minutes away, or no signature matches.
 */
export function verifyWebhook<Data = Record<string, unknown>>(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  body: string | Uint8Array,
  { toleranceSeconds = 300, now = new Date() }: VerifyWebhookOptions = {},
): WebhookEvent<Data> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw refuse('MISSING_HEADERS', 'webhook-id, webhook-timestamp and webhook-signature are required');
  }
  const sentAt = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - sentAt) > toleranceSeconds) {
    throw refuse('STALE_TIMESTAMP', 'webhook-timestamp is missing, malformed or too far from now');
  }
  const raw =
    typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.length);
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), raw]);
  const given = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => Buffer.from(s.slice(3), 'base64'));
  const matches = (typeof secret === 'string' ? [secret] : secret).some((s) => {
    const expected = createHmac('sha256', Buffer.from(s.replace(/^whsec_/, ''), 'base64'))
      .update(signed)
      .digest();
    // Each comparison takes the same time whatever the bytes: no oracle for forging a signature.
    return given.some((g) => g.length === expected.length && timingSafeEqual(g, expected));
  });
  if (!matches) throw refuse('INVALID_SIGNATURE', 'no webhook-signature matches the secret');
  try {
    return JSON.parse(raw.toString('utf8')) as WebhookEvent<Data>;
  } catch {
    throw refuse('INVALID_PAYLOAD', 'the signed body is not JSON');
  }
}
