import type { ChannelKind, DeliveryRules, EventInput } from '@aviso/protocol';
import type { StockAlertRow } from '../db/repos/stock.ts';
import { resolveEventType } from '../ingest/catalog.ts';

export const SUMMARY_TYPE = 'MULTIPLE_PRODUCTOS_STOCK_BAJO';
const LISTED = 30;
const DEFAULT_CHANNELS: ChannelKind[] = ['telegram', 'whatsapp', 'email'];

const fmt = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

/**
 * The owners' summary of the alerts one sweep opened for a tenant: one notification seen by owners
 * only (`branchIds: []`), whose message lists the products.
 */
export function ownersSummary(alerts: readonly StockAlertRow[], locale: string): EventInput {
  const es = !locale.toLowerCase().startsWith('en');
  const lines = alerts.slice(0, LISTED).map((a) => {
    const name = a.name ?? a.sku ?? a.productId;
    const sku = a.sku && a.sku !== name ? ` (${a.sku})` : '';
    return es
      ? `• ${name}${sku}: ${fmt(a.level, locale)} (mínimo ${fmt(a.min, locale)}) en sucursal ${a.branchId}`
      : `• ${name}${sku}: ${fmt(a.level, locale)} (minimum ${fmt(a.min, locale)}) at branch ${a.branchId}`;
  });
  const more = alerts.length - LISTED;
  if (more > 0) lines.push(es ? `… y ${more} más.` : `… and ${more} more.`);
  const head = es
    ? `${alerts.length} ${alerts.length === 1 ? 'producto' : 'productos'} con stock bajo:`
    : `${alerts.length} ${alerts.length === 1 ? 'product' : 'products'} low on stock:`;
  return {
    type: SUMMARY_TYPE,
    branchIds: [],
    title: es ? 'Resumen de stock bajo' : 'Low stock summary',
    message: `${head}\n${lines.join('\n')}`.slice(0, 4000),
    data: {
      reference: es ? 'resumen' : 'summary',
      count: alerts.length,
      branchIds: [...new Set(alerts.map((a) => a.branchId))].slice(0, 100),
      products: alerts.slice(0, 50).map((a) => ({
        productId: a.productId,
        branchId: a.branchId,
        name: a.name ?? a.sku ?? a.productId,
        sku: a.sku,
        qty: a.level,
        min: a.min,
      })),
    },
  };
}

/**
 * The tenant's overrides with the summary sent at once to owners through the channels the type's
 * own rules name: the sweep runs hourly, so nobody waits for an unseen-after-2-minutes step.
 */
export function summaryOverrides(
  overrides: ReadonlyMap<string, Record<string, unknown>>,
): Map<string, Record<string, unknown>> {
  const rules = resolveEventType(SUMMARY_TYPE, overrides)?.rules;
  const channels = rules?.fallback?.channels ?? rules?.escalate?.channels ?? DEFAULT_CHANNELS;
  const immediate: DeliveryRules = {
    fallback: { after: '0s', if: 'unread', to: ['owner'], channels: [...channels], mode: 'first-available' },
  };
  const out = new Map(overrides);
  out.set(SUMMARY_TYPE, { ...overrides.get(SUMMARY_TYPE), rules: immediate });
  return out;
}
