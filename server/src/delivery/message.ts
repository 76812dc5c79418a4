import type { Branding } from '@aviso/protocol';
import type { OutboundMessage } from '../channels/index.ts';
import type { NotificationRow, TenantRow } from '../db/rows.ts';

/** Turns a stored deep link into one a phone can open: relative links hang off the tenant's app URL. */
export function absoluteLink(link: string | null, appUrl: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link)) return link;
  if (!appUrl) return null;
  const base = new URL(appUrl);
  if (link.startsWith('#')) return `${base.origin}${base.pathname}${base.search}${link}`;
  return new URL(link, base).toString();
}

/** The message a channel sends for one notification to one person (or endpoint). */
export function outboundMessage(
  n: NotificationRow,
  tenant: TenantRow,
  deliveryId: string,
  locale: string | null,
): OutboundMessage {
  return {
    notificationId: n.id,
    type: n.type,
    tenantName: tenant.name,
    title: n.title,
    text: n.message,
    link: absoluteLink(n.link, tenant.appUrl),
    severity: n.severity,
    actions: n.actions?.map(({ id, label }) => ({ id, label })),
    locale: locale ?? tenant.locale,
    idempotencyKey: deliveryId,
    entityId: n.entityId,
    data: n.data,
    createdAt: n.createdAt.toISOString(),
    brand: brandOf(tenant),
  };
}

/** The tenant's email look, from `settings.branding`. */
export function brandOf(tenant: Pick<TenantRow, 'settings'>): {
  logoUrl: string | null;
  color: string | null;
} {
  const b = (tenant.settings as { branding?: Branding }).branding;
  return { logoUrl: b?.logoUrl ?? null, color: b?.color ?? null };
}
