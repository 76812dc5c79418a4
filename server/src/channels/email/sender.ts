import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { type EgressPolicy, isEgressRefused } from '../../lib/egress.ts';
import { emailAddress } from '../address.ts';
import { destinationRefused } from '../http.ts';
import { type ChannelSender, type OutboundMessage, SendError, type SendResult } from '../types.ts';
import type { EmailConfig } from './config.ts';
import { renderEmail } from './render.ts';

export interface EmailSenderOptions {
  /** Which SMTP hosts may be reached; every connection is checked after the host is resolved. */
  egress: EgressPolicy;
  /** Open SMTP connections per account. */
  maxConnections?: number;
  /** Accounts whose pools are kept; the least recently used one is closed beyond that. */
  maxPools?: number;
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** For tests and private relays with their own CA. */
  tlsRejectUnauthorized?: boolean;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** Classifies a nodemailer failure: 4xx and network trouble retryable, 5xx permanent. */
export function classifySmtpError(err: unknown): SendError {
  if (isEgressRefused(err)) return destinationRefused();
  const e = (err ?? {}) as SmtpError;
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  // The reply's enhanced status code (`5.1.1`) says what went wrong; its free text is not kept.
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(e.response ?? '')?.[1];
  const reply = enhanced ? ` ${enhanced}` : '';
  const base = {
    cause: err,
    ...(status === undefined ? {} : { providerStatus: status }),
    ...(enhanced ? { providerCode: enhanced } : {}),
  };
  if (status !== undefined && status >= 500) {
    if (e.code === 'EAUTH' || status === 535 || status === 534 || status === 530) {
      return new SendError('AUTH_FAILED', `SMTP authentication failed (${status})`, {
        ...base,
        retryable: false,
      });
    }
    const rcpt = e.command?.toUpperCase().startsWith('RCPT');
    return new SendError(
      rcpt ? 'RECIPIENT_REJECTED' : 'SMTP_REJECTED',
      `the SMTP server rejected the ${rcpt ? 'recipient' : 'message'} (${status}${reply})`,
      { ...base, retryable: false },
    );
  }
  if (status !== undefined && status >= 400) {
    return new SendError('SMTP_TEMPORARY', `the SMTP server deferred the message (${status}${reply})`, {
      ...base,
      retryable: true,
    });
  }
  switch (e.code) {
    case 'ETIMEDOUT':
      return new SendError('TIMEOUT', 'the SMTP server did not answer in time', { ...base, retryable: true });
    case 'EAUTH':
    case 'ENOAUTH':
      return new SendError('AUTH_FAILED', 'SMTP authentication failed', { ...base, retryable: false });
    case 'EENVELOPE':
      return new SendError('INVALID_ADDRESS', 'the SMTP envelope has no valid recipient', {
        ...base,
        retryable: false,
      });
    case 'EMESSAGE':
      return new SendError('SMTP_REJECTED', 'the message could not be built', { ...base, retryable: false });
    default:
      return new SendError(
        'CONNECTION_FAILED',
        `could not talk to the SMTP server${e.code ? ` (${e.code})` : ''}`,
        {
          ...base,
          retryable: true,
        },
      );
  }
}

/** A Message-ID derived from the delivery's idempotency key, so a resend is recognisably the same mail. */
function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'aviso.local';
  const local = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${local}.aviso@${domain}>`;
}

/**
 * Opens the TCP connection of one SMTP session to an address the egress policy allows. nodemailer
 * then speaks SMTP (and TLS, verified against `host`, not the address) over it.
 */
function checkedSocket(egress: EgressPolicy, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return egress.resolve(host, port).then(
    ([first]) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connect({ host: first!.address, port, family: first!.family });
        const timer = setTimeout(() => {
          socket.destroy();
          reject(Object.assign(new Error('SMTP connection timed out'), { code: 'ETIMEDOUT' }));
        }, timeoutMs);
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          resolve(socket);
        });
        socket.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      }),
  );
}

/** Email over SMTP with one pooled nodemailer transport per account. */
export class EmailSender implements ChannelSender<EmailConfig> {
  readonly kind = 'email' as const;
  readonly addressField = 'email' as const;
  private readonly pools = new Map<string, Transporter>();

  constructor(private readonly options: EmailSenderOptions) {}

  async send(message: OutboundMessage, address: string, config: EmailConfig): Promise<SendResult> {
    const to = emailAddress(address);
    const mail = renderEmail(message);
    const messageId = messageIdFor(message.idempotencyKey, config.from);
    try {
      const info = await this.transport(config).sendMail({
        from: config.from,
        to,
        ...(config.replyTo ? { replyTo: config.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: {
          'X-Aviso-Notification-Id': message.notificationId,
          'X-Aviso-Type': message.type,
          'Auto-Submitted': 'auto-generated',
        },
      });
      if (info.rejected?.length) {
        throw new SendError('RECIPIENT_REJECTED', 'the SMTP server rejected the recipient', {
          retryable: false,
        });
      }
      const status = Number.parseInt(String(info.response ?? ''), 10);
      return {
        providerMessageId: info.messageId ?? messageId,
        ...(Number.isFinite(status) ? { providerStatus: status } : {}),
      };
    } catch (err) {
      throw err instanceof SendError ? err : classifySmtpError(err);
    }
  }

  async close(): Promise<void> {
    for (const t of this.pools.values()) t.close();
    this.pools.clear();
  }

  private transport(config: EmailConfig): Transporter {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          config.host,
          config.port,
          config.secure,
          config.requireTls,
          config.user,
          config.pass,
        ]),
      )
      .digest('hex');
    const existing = this.pools.get(key);
    if (existing) {
      // Re-insert to mark it most recently used.
      this.pools.delete(key);
      this.pools.set(key, existing);
      return existing;
    }
    const o = this.options;
    const connectionTimeout = o.connectionTimeoutMs ?? 10_000;
    const transport = nodemailer.createTransport({
      pool: true,
      // Each connection of the pool is opened here, to a resolved and checked address.
      getSocket: (
        _options: unknown,
        callback: (err: Error | null, socket?: { connection: Socket }) => void,
      ) => {
        checkedSocket(o.egress, config.host, config.port, connectionTimeout).then(
          (connection) => callback(null, { connection }),
          (err: Error) => callback(err),
        );
      },
      maxConnections: o.maxConnections ?? 3,
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls,
      ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
      connectionTimeout,
      greetingTimeout: connectionTimeout,
      socketTimeout: o.socketTimeoutMs ?? 30_000,
      ...(o.tlsRejectUnauthorized === false ? { tls: { rejectUnauthorized: false } } : {}),
    });
    this.pools.set(key, transport);
    const max = o.maxPools ?? 100;
    while (this.pools.size > max) {
      const [oldestKey, oldest] = this.pools.entries().next().value as [string, Transporter];
      oldest.close();
      this.pools.delete(oldestKey);
    }
    return transport;
  }
}
