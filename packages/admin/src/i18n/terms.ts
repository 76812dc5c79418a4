import type {
  Category,
  ChannelKind,
  Delivery,
  DeliveryStatus,
  ErrorCode,
  IconName,
  Role,
  Severity,
  WebhookEventType,
} from '@aviso/protocol';

export type Step = Delivery['step'];
export type Condition = NonNullable<Delivery['condition']>;

/** Why a delivery was cancelled, skipped or deferred; see `reasons.ts` for the server's wording. */
export type ReasonKey =
  | 'notificationGone'
  | 'recipientRemoved'
  | 'seenByTarget'
  | 'readByTarget'
  | 'seenBefore'
  | 'readBefore'
  | 'readOrSeenBefore'
  | 'optedOut'
  | 'quietHours'
  | 'online'
  | 'presenceUnknown'
  | 'inDigest'
  | 'sentInDigest'
  | 'noAddress'
  | 'hookGone'
  | 'noChannelCouldSend';

/** Codes a channel reports when a send fails (the hub's `SendErrorCode`). */
export const SEND_ERROR_CODES = [
  'INVALID_ADDRESS',
  'INVALID_CONFIG',
  'AUTH_FAILED',
  'RECIPIENT_BLOCKED',
  'RECIPIENT_REJECTED',
  'ENDPOINT_GONE',
  'SMTP_REJECTED',
  'SMTP_TEMPORARY',
  'CONNECTION_FAILED',
  'TIMEOUT',
  'PROVIDER_ERROR',
  'DESTINATION_NOT_ALLOWED',
  'TEMPLATE_REQUIRED',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_PARAMS',
  'TEMPLATE_PAUSED',
  'TEMPLATE_REJECTED',
  'NO_CHANNEL',
] as const;
export type SendErrorCode = (typeof SEND_ERROR_CODES)[number];

/** The product's vocabulary in one language: every value the API returns that people read. */
export interface Terms {
  status: Record<DeliveryStatus, string>;
  step: Record<Step, string>;
  condition: Record<Condition, string>;
  category: Record<Category, string>;
  severity: Record<Severity, string>;
  role: Record<Role, string>;
  kind: Record<ChannelKind, string>;
  icon: Record<IconName, string>;
  webhookEvent: Record<WebhookEventType, string>;
  /** `{n}` is the HTTP status for `HTTP_nnn` codes. */
  sendError: Record<SendErrorCode | 'HTTP', string>;
  reason: Record<ReasonKey, string>;
  /**
   * The API's error messages by code. A template may use the values the hub put in its English
   * message (`{id}`, `{type}`, `{retryAfter}`…); `{status}` and `{kind}` arrive translated.
   */
  error: Partial<Record<ErrorCode, string>>;
  /** Channel configuration fields, by `key` or, where a kind means something else, `kind.key`. */
  field: Record<string, string>;
  /** A line under a field, by `key` or `kind.key`. */
  fieldHelp: Record<string, string>;
  /** Choices of a select field, by `key.value`. */
  option: Record<string, string>;
}

/** Channel kinds named by their brand, the same in every language (only email is translated). */
export const BRANDS: Omit<Record<ChannelKind, string>, 'email'> = {
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  sms: 'SMS',
  slack: 'Slack',
  webhook: 'Webhook',
};
