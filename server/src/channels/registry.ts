import { type ChannelConfigMap, channelConfigSchemas } from './configs.ts';
import { EmailSender, type EmailSenderOptions } from './email/sender.ts';
import { DEFAULT_HTTP_TIMEOUT_MS } from './http.ts';
import { SlackSender } from './slack/sender.ts';
import { SmsSender } from './sms/sender.ts';
import { TelegramSender } from './telegram/sender.ts';
import { TwilioMessages } from './twilio.ts';
import {
  CHANNEL_KINDS,
  type ChannelKind,
  type ChannelSender,
  type OutboundMessage,
  SendError,
  type SendResult,
} from './types.ts';
import { WebhookSender } from './webhook/sender.ts';
import { WhatsappSender } from './whatsapp/sender.ts';

/** One sender per kind, typed with that kind's configuration. */
export type ChannelSenders = { [K in ChannelKind]: ChannelSender<ChannelConfigMap[K]> };

export interface ChannelRegistryOptions {
  /** Replace some senders (fakes in tests, another implementation); the rest are built. */
  senders?: Partial<ChannelSenders>;
  /** Time each HTTP provider gets to answer. */
  timeoutMs?: number;
  email?: EmailSenderOptions;
}

/** Holds the sender of each kind and sends with a stored (unvalidated) configuration. */
export interface ChannelRegistry {
  readonly kinds: readonly ChannelKind[];
  get<K extends ChannelKind>(kind: K): ChannelSender<ChannelConfigMap[K]>;
  /**
   * Validates `config` against the kind's schema, then sends. An invalid configuration is a
   * permanent `INVALID_CONFIG` error (it names the fields, never their values).
   */
  send(kind: ChannelKind, message: OutboundMessage, address: string, config: unknown): Promise<SendResult>;
  /** Closes SMTP pools and the like; call on shutdown. */
  close(): Promise<void>;
}

/** Builds the registry with the real senders, or with the ones given. */
export function createChannelRegistry(options: ChannelRegistryOptions = {}): ChannelRegistry {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const twilio = new TwilioMessages(timeoutMs);
  const given = options.senders ?? {};
  const senders: ChannelSenders = {
    email: given.email ?? new EmailSender(options.email),
    whatsapp: given.whatsapp ?? new WhatsappSender({ timeoutMs, twilio }),
    telegram: given.telegram ?? new TelegramSender(timeoutMs),
    sms: given.sms ?? new SmsSender(twilio),
    slack: given.slack ?? new SlackSender(timeoutMs),
    webhook: given.webhook ?? new WebhookSender({ timeoutMs }),
  };
  return {
    kinds: CHANNEL_KINDS,
    get: (kind) => senders[kind],
    async send(kind, message, address, config) {
      const parsed = channelConfigSchemas[kind].safeParse(config);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
        throw new SendError('INVALID_CONFIG', `the ${kind} channel's configuration is invalid: ${fields}`, {
          retryable: false,
        });
      }
      const sender = senders[kind] as ChannelSender<unknown>;
      return sender.send(message, address, parsed.data);
    },
    async close() {
      await Promise.all(Object.values(senders).map((s) => s.close?.()));
    },
  };
}
