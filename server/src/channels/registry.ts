import { EgressPolicy } from '../lib/egress.ts';
import { type ChannelConfigMap, channelConfigSchemas } from './configs.ts';
import { refusedDestinations } from './destinations.ts';
import { EmailSender, type EmailSenderOptions } from './email/sender.ts';
import { ProviderHttp } from './http.ts';
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
  /** `AVISO_EGRESS_ALLOW`: internal hosts, `host:port`s, IPs and CIDRs providers may be reached at. */
  egressAllow?: readonly string[];
  /** The whole policy, when a test needs its own resolver (`egressAllow` is then ignored). */
  egress?: EgressPolicy;
  email?: Omit<EmailSenderOptions, 'egress'>;
}

/** Holds the sender of each kind and sends with a stored (unvalidated) configuration. */
export interface ChannelRegistry {
  readonly kinds: readonly ChannelKind[];
  /** Where provider connections may go; checked on every connection. */
  readonly egress: EgressPolicy;
  /** The provider HTTP client, for the few calls outside `send` (the Telegram bot, WhatsApp replies). */
  readonly http: ProviderHttp;
  /** The configuration fields whose literal host the egress policy refuses (checked when a channel is saved). */
  refusedDestinations(kind: ChannelKind, config: Record<string, unknown>): string[];
  get<K extends ChannelKind>(kind: K): ChannelSender<ChannelConfigMap[K]>;
  /**
   * Validates `config` against the kind's schema, then sends. An invalid configuration is a
   * permanent `INVALID_CONFIG` error (it names the fields, never their values).
   */
  send(kind: ChannelKind, message: OutboundMessage, address: string, config: unknown): Promise<SendResult>;
  /** Closes SMTP pools and kept-alive HTTP connections; call on shutdown. */
  close(): Promise<void>;
}

/** Builds the registry with the real senders, or with the ones given. */
export function createChannelRegistry(options: ChannelRegistryOptions = {}): ChannelRegistry {
  const egress = options.egress ?? new EgressPolicy({ allow: options.egressAllow ?? [] });
  const http = new ProviderHttp({ egress, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const twilio = new TwilioMessages(http);
  const given = options.senders ?? {};
  const senders: ChannelSenders = {
    email: given.email ?? new EmailSender({ ...options.email, egress }),
    whatsapp: given.whatsapp ?? new WhatsappSender({ http, twilio }),
    telegram: given.telegram ?? new TelegramSender(http),
    sms: given.sms ?? new SmsSender(twilio),
    slack: given.slack ?? new SlackSender(http),
    webhook: given.webhook ?? new WebhookSender({ http }),
  };
  return {
    kinds: CHANNEL_KINDS,
    egress,
    http,
    refusedDestinations: (kind, config) => refusedDestinations(egress, kind, config),
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
      http.close();
    },
  };
}
