import type { WebhookConfig } from '@aviso/protocol';

// The shape and the event names are part of the protocol: the console draws its form from them.
export {
  WEBHOOK_EVENT_TYPES,
  type WebhookConfig,
  WebhookConfigSchema,
  type WebhookEventType,
  WebhookSecretSchema,
} from '@aviso/protocol';

/** Every secret a request is signed with, newest first, without duplicates. */
export function signingSecrets(config: Pick<WebhookConfig, 'secret' | 'secrets'>): string[] {
  return [...new Set([...(config.secrets ?? []), ...(config.secret ? [config.secret] : [])])];
}
