import { CHANNEL_KINDS, type ChannelKind, type Severity, type TemplateParameters } from '@aviso/protocol';

export { CHANNEL_KINDS, type ChannelKind };

/** The recipient field a kind sends to; `null` for kinds that post to the channel's own endpoint. */
export type AddressField = 'email' | 'phone' | 'whatsapp' | 'telegramChatId';

/** A rendered notification as a channel sees it: text already templated, link already absolute. */
export interface OutboundMessage {
  notificationId: string;
  /** Catalog type, e.g. `PRODUCTO_STOCK_BAJO`. */
  type: string;
  tenantName: string;
  title: string | null;
  text: string;
  /** Absolute URL of the deep link (built with the tenant's `appUrl`), or null. */
  link: string | null;
  severity: Severity;
  actions?: { id: string; label: string }[];
  /** BCP 47 tag of the recipient (`es`, `en-US`); picks the few words a sender adds itself. */
  locale: string;
  /** Stable per delivery (not per attempt): a retry reuses it, so providers that honour one send once. */
  idempotencyKey: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
  /** ISO time the notification was created. */
  createdAt?: string;
  /** WhatsApp only: the 24-hour window with this business number, and the template for outside it. */
  whatsapp?: WhatsappSession;
  /** The tenant's look in emails (logo and colour); absent: the hub's default. */
  brand?: { logoUrl: string | null; color: string | null };
  /** Email only: the type's own subject and body, already rendered for this person. */
  email?: { subject?: string; body?: string };
}

/**
 * Where a WhatsApp message stands with the providers' 24-hour rule. Absent (a channel's test
 * message), text is sent as is.
 */
export interface WhatsappSession {
  /** The person wrote to this business number within the last 24 hours: free text is allowed. */
  windowOpen: boolean;
  /** The event type's mapped template, its parameters filled in; absent when none is mapped. */
  template?: ResolvedTemplate;
}

/** A template mapping with its parameters filled in for one notification. */
export interface ResolvedTemplate {
  /** Meta's template name and language code. */
  name?: string;
  language?: string;
  /** Twilio's Content SID. */
  contentSid?: string;
  parameters: TemplateParameters;
}

/** What a provider told us about an accepted message. */
export interface SendResult {
  /** The provider's id (Twilio SID, Meta `wamid…`, Telegram message id, SMTP Message-ID). */
  providerMessageId?: string;
  /** The HTTP status or SMTP reply code of the accepted request. */
  providerStatus?: number;
}

/** Stable error codes a sender reports; the queue and the delivery log rely on them. */
export type SendErrorCode =
  | 'INVALID_ADDRESS'
  | 'INVALID_CONFIG'
  | 'AUTH_FAILED'
  | 'RECIPIENT_BLOCKED'
  | 'RECIPIENT_REJECTED'
  | 'ENDPOINT_GONE'
  | 'SMTP_REJECTED'
  | 'SMTP_TEMPORARY'
  | 'CONNECTION_FAILED'
  | 'TIMEOUT'
  | 'PROVIDER_ERROR'
  | 'DESTINATION_NOT_ALLOWED'
  /** Outside the 24-hour window with no template mapped (or the provider said the window is closed). */
  | 'TEMPLATE_REQUIRED'
  /** The provider does not know the template in that language, or it is not approved. */
  | 'TEMPLATE_NOT_FOUND'
  /** The parameters do not fit the approved template (count, format, length). */
  | 'TEMPLATE_PARAMS'
  /** The template is paused or disabled for low quality. */
  | 'TEMPLATE_PAUSED'
  /** The provider refused the template's content. */
  | 'TEMPLATE_REJECTED'
  | `HTTP_${number}`;

export interface SendErrorOptions {
  retryable: boolean;
  /** How long the provider asked us to wait (from `Retry-After` or its body). */
  retryAfterMs?: number;
  /** The provider's HTTP status or SMTP reply code. */
  providerStatus?: number;
  /** The provider's own error code (Twilio `21211`, Meta `131026`, …), as text. */
  providerCode?: string;
  cause?: unknown;
}

/**
 * The one error a sender throws. `retryable` tells the queue whether to try again (or fail over to
 * the next provider); a permanent error ends the chain. Messages never contain secrets.
 */
export class SendError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly providerStatus?: number;
  readonly providerCode?: string;

  constructor(
    readonly code: SendErrorCode,
    message: string,
    options: SendErrorOptions,
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SendError';
    this.retryable = options.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.providerStatus !== undefined) this.providerStatus = options.providerStatus;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
  }

  /** What the delivery log stores. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      providerStatus: this.providerStatus,
      providerCode: this.providerCode,
    };
  }
}

/** One provider behind one interface; `C` is the channel's validated configuration. */
export interface ChannelSender<C> {
  kind: ChannelKind;
  /** The recipient field `address` comes from, or null when the channel's config holds the endpoint. */
  addressField: AddressField | null;
  /** Sends one message; resolves with what the provider returned or throws a `SendError`. */
  send(message: OutboundMessage, address: string, config: C): Promise<SendResult>;
  /** Releases pooled connections (SMTP pools, keep-alive agents). */
  close?(): Promise<void>;
}
