import type { EgressPolicy } from '../lib/egress.ts';
import type { ChannelKind } from './types.ts';

/**
 * Fields that say where a channel's messages, and with them its secrets, go, or whose account they
 * are: a host, a URL, an account or bot identity. When one changes, every secret of the channel
 * must be typed again, so a stored secret never follows a changed destination. (`provider` is one:
 * switching WhatsApp from Meta to a gateway sends a different account's secrets elsewhere.)
 */
export const channelDestinationFields: { readonly [K in ChannelKind]: readonly string[] } = {
  email: ['host', 'port', 'secure', 'requireTls', 'user'],
  whatsapp: ['provider', 'url', 'apiRoot', 'apiBase', 'region', 'edge', 'accountSid', 'phoneNumberId'],
  telegram: ['apiRoot', 'botUsername'],
  sms: ['apiBase', 'region', 'edge', 'accountSid'],
  slack: ['url'],
  webhook: ['url'],
};

// Fields holding a URL the hub calls, and the SMTP host and port.
const URL_FIELDS = ['url', 'apiRoot', 'apiBase'] as const;

/** A network endpoint a configuration names, and the field it comes from. */
export interface Endpoint {
  field: string;
  host: string;
  port: number;
}

/** The hosts a (validated) configuration makes the hub connect to, where the configuration names them. */
export function endpointsOf(kind: ChannelKind, config: Record<string, unknown>): Endpoint[] {
  if (kind === 'email') {
    const { host, port, secure } = config as { host?: unknown; port?: unknown; secure?: unknown };
    if (typeof host !== 'string') return [];
    return [{ field: 'host', host, port: typeof port === 'number' ? port : secure ? 465 : 587 }];
  }
  const out: Endpoint[] = [];
  for (const field of URL_FIELDS) {
    const value = config[field];
    if (typeof value !== 'string') continue;
    try {
      const u = new URL(value);
      out.push({ field, host: u.hostname, port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80) });
    } catch {
      // Not a URL: the schema reports it.
    }
  }
  return out;
}

/**
 * The fields whose host the policy refuses without a lookup (an address in any notation, or a
 * loopback name). A name that resolves to a refused address is caught when the hub connects.
 */
export function refusedDestinations(
  egress: EgressPolicy,
  kind: ChannelKind,
  config: Record<string, unknown>,
): string[] {
  return endpointsOf(kind, config)
    .filter((e) => !egress.allowsLiteral(e.host, e.port))
    .map((e) => e.field);
}

/** The destination fields whose value differs between a stored configuration and a new one. */
export function changedDestinations(
  kind: ChannelKind,
  stored: Record<string, unknown>,
  next: Record<string, unknown>,
): string[] {
  return channelDestinationFields[kind].filter(
    (field) => JSON.stringify(stored[field] ?? null) !== JSON.stringify(next[field] ?? null),
  );
}

/**
 * A hub's allow-list: the operator's `AVISO_EGRESS_ALLOW` plus the host and port of its own default
 * SMTP server (`SMTP_URL`), which the operator chose and which may well be on their own network.
 */
export function hubEgressAllow(allow: readonly string[] = [], smtpUrl?: string | null): string[] {
  if (!smtpUrl) return [...allow];
  const u = new URL(smtpUrl);
  const port = u.port || (u.protocol === 'smtps:' ? '465' : '587');
  return [...allow, `${u.hostname}:${port}`];
}
