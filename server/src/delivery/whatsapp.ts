import {
  dataValue,
  type EventTypeDefinition,
  type TemplateSource,
  templateParameters,
  WhatsappTemplateSchema,
} from '@aviso/protocol';
import type { ResolvedTemplate, WhatsappSession } from '../channels/index.ts';
import type { ChannelRow } from '../db/repos/channels.ts';
import { WhatsappSessionRepo } from '../db/repos/whatsapp.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import { resolveEventType } from '../ingest/catalog.ts';
import { formatValue } from '../ingest/templates.ts';
import { absoluteLink } from './message.ts';

/** How long after a person's last message the providers still take free text. */
export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

/** A number as the hooks record it: E.164 without spaces; null for anything else (a group id). */
export function sessionNumber(address: string): string | null {
  const compact = address.replace(/^whatsapp:/, '').replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  if (/^[1-9]\d{6,14}$/.test(compact)) return `+${compact}`;
  return null;
}

/** Fills the event type's template for one notification, formatting `data` values as its messages do. */
export function resolveTemplate(
  def: EventTypeDefinition,
  n: Pick<NotificationRow, 'title' | 'message' | 'link' | 'entityId' | 'type' | 'data'>,
  tenant: TenantRow,
): ResolvedTemplate | undefined {
  const parsed = WhatsappTemplateSchema.safeParse(def.whatsappTemplate);
  if (!parsed.success) return undefined;
  const t = parsed.data;
  const ctx = { locale: tenant.locale, currency: tenant.currency, timezone: tenant.timezone };
  const read = (source: TemplateSource): unknown => {
    switch (source) {
      case 'title':
        return n.title;
      case 'message':
        return n.message;
      case 'tenant':
        return tenant.name;
      case 'link':
        return absoluteLink(n.link, tenant.appUrl);
      case 'entityId':
        return n.entityId;
      case 'type':
        return n.type;
    }
    const value = dataValue(n.data, source);
    const key = source.split('.')[1]!;
    const format = source.split('.').length === 2 ? def.formats?.[key] : undefined;
    return format ? formatValue(value, format, ctx) : value;
  };
  return {
    ...(t.name ? { name: t.name } : {}),
    ...(t.language ? { language: t.language } : {}),
    ...(t.contentSid ? { contentSid: t.contentSid } : {}),
    parameters: templateParameters(t, read),
  };
}

/**
 * Where one WhatsApp send stands with the 24-hour rule of this provider (its business number):
 * open when the person wrote to it within 24 hours, and the type's template for when it is not.
 */
export async function whatsappSession(
  store: TenantStore,
  provider: ChannelRow,
  address: string,
  n: NotificationRow,
  tenant: TenantRow,
  now: Date,
): Promise<WhatsappSession> {
  const number = sessionNumber(address);
  const last = number
    ? await new WhatsappSessionRepo(store.db, store.tenantId).lastInbound(provider.id, number)
    : undefined;
  const windowOpen = !!last && now.getTime() - last.getTime() < WHATSAPP_WINDOW_MS;
  if (windowOpen) return { windowOpen };
  const def = resolveEventType(n.type, await store.settings.eventTypeOverrides());
  const template = def ? resolveTemplate(def, n, tenant) : undefined;
  return { windowOpen, ...(template ? { template } : {}) };
}
