import type { ChannelKind } from '@aviso/protocol';

/** One field of a channel kind's configuration, as the form shows it. */
export interface FieldSpec {
  key: string;
  input: 'text' | 'number' | 'checkbox' | 'secret' | 'url' | 'select' | 'events';
  required?: boolean;
  placeholder?: string;
  options?: readonly string[];
  /** Only shown (and sent) when this returns true for the current values. */
  when?: (config: Record<string, unknown>) => boolean;
  /** A button that fills the field (a new Standard Webhooks secret). */
  generate?: () => string;
}

const twilio = (c: Record<string, unknown>) => c.provider === 'twilio' || c.provider === undefined;

/** A new `whsec_` secret: the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** The webhook events a channel of kind `webhook` may subscribe to (SPEC section 7). */
export const WEBHOOK_EVENTS = [
  'notification.created',
  'notification.read',
  'notification.action',
  'delivery.sent',
  'delivery.failed',
] as const;

/**
 * The form of each kind: the fields of `server/src/channels/<kind>/config.ts`. Secret fields come
 * back masked and are sent back as they were to keep the stored value.
 */
export const KIND_FIELDS: Readonly<Record<ChannelKind, readonly FieldSpec[]>> = {
  email: [
    { key: 'host', input: 'text', required: true, placeholder: 'smtp.example.com' },
    { key: 'port', input: 'number', placeholder: '587' },
    { key: 'secure', input: 'checkbox' },
    { key: 'requireTls', input: 'checkbox' },
    { key: 'user', input: 'text' },
    { key: 'pass', input: 'secret' },
    { key: 'from', input: 'text', required: true, placeholder: 'Aviso <alerts@example.com>' },
    { key: 'replyTo', input: 'text' },
  ],
  whatsapp: [
    { key: 'provider', input: 'select', required: true, options: ['twilio', 'meta', 'http'] },
    { key: 'accountSid', input: 'text', required: true, placeholder: 'AC…', when: twilio },
    { key: 'authToken', input: 'secret', required: true, when: twilio },
    { key: 'from', input: 'text', required: true, placeholder: '+5215512345678', when: twilio },
    { key: 'phoneNumberId', input: 'text', required: true, when: (c) => c.provider === 'meta' },
    { key: 'accessToken', input: 'secret', required: true, when: (c) => c.provider === 'meta' },
    { key: 'apiVersion', input: 'text', placeholder: 'v21.0', when: (c) => c.provider === 'meta' },
    { key: 'appSecret', input: 'secret', when: (c) => c.provider === 'meta' },
    { key: 'verifyToken', input: 'secret', when: (c) => c.provider === 'meta' },
    { key: 'url', input: 'url', required: true, when: (c) => c.provider === 'http' },
    { key: 'apiKey', input: 'secret', required: true, when: (c) => c.provider === 'http' },
    { key: 'apiKeyHeader', input: 'text', placeholder: 'X-API-Key', when: (c) => c.provider === 'http' },
  ],
  telegram: [
    { key: 'botToken', input: 'secret', required: true, placeholder: '123456:ABC…' },
    { key: 'botUsername', input: 'text', placeholder: 'MyStoreBot' },
    { key: 'webhookSecret', input: 'secret' },
    { key: 'apiRoot', input: 'url', placeholder: 'https://api.telegram.org' },
  ],
  sms: [
    { key: 'accountSid', input: 'text', required: true, placeholder: 'AC…' },
    { key: 'authToken', input: 'secret', required: true },
    { key: 'from', input: 'text', required: true, placeholder: '+15005550006' },
  ],
  slack: [{ key: 'url', input: 'secret', required: true, placeholder: 'https://hooks.slack.com/services/…' }],
  webhook: [
    { key: 'url', input: 'url', required: true, placeholder: 'https://example.com/hooks/aviso' },
    { key: 'secret', input: 'secret', required: true, generate: newWebhookSecret },
    { key: 'events', input: 'events' },
  ],
};

/** Kinds whose test needs an address (`to`). */
export const PERSONAL_KINDS: readonly ChannelKind[] = ['email', 'whatsapp', 'telegram', 'sms'];

/** The config to send: empty fields dropped, numbers parsed, hidden fields left out. */
export function configFromForm(kind: ChannelKind, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of KIND_FIELDS[kind]) {
    if (f.when && !f.when(values)) continue;
    const v = values[f.key];
    if (f.input === 'checkbox') {
      if (v === true) out[f.key] = true;
    } else if (f.input === 'number') {
      if (v !== undefined && v !== '') out[f.key] = Number(v);
    } else if (f.input === 'events') {
      if (Array.isArray(v) && v.length) out[f.key] = v;
    } else if (typeof v === 'string' && v.trim() !== '') {
      out[f.key] = v.trim();
    }
  }
  return out;
}
