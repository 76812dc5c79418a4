import type { ChannelKind, DeliveryRules, EventInput } from '@aviso/protocol';
import type { StockAlertRow } from '../db/repos/stock.ts';
import { resolveEventType } from '../ingest/catalog.ts';

export const SUMMARY_TYPE = 'MULTIPLE_PRODUCTOS_STOCK_BAJO';
const LISTED = 30;
const DEFAULT_CHANNELS: ChannelKind[] = ['telegram', 'whatsapp', 'email'];

const fmt = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);

/** The summary's words per language (Spanish unless English or Portuguese); counts take Intl plurals. */
const WORDS = {
  es: {
    title: 'Resumen de stock bajo',
    head: ['producto con stock bajo', 'productos con stock bajo'],
    line: (name: string, level: string, min: string, branch: string) =>
      `• ${name}: ${level} (mínimo ${min}) en ${branch}`,
    more: (n: string) => `… y ${n} más.`,
    reference: 'resumen',
  },
  en: {
    title: 'Low stock summary',
    head: ['product low on stock', 'products low on stock'],
    line: (name: string, level: string, min: string, branch: string) =>
      `• ${name}: ${level} (minimum ${min}) at ${branch}`,
    more: (n: string) => `… and ${n} more.`,
    reference: 'summary',
  },
  pt: {
    title: 'Resumo de estoque baixo',
    head: ['produto com estoque baixo', 'produtos com estoque baixo'],
    line: (name: string, level: string, min: string, branch: string) =>
      `• ${name}: ${level} (mínimo ${min}) em ${branch}`,
    more: (n: string) => `… e mais ${n}.`,
    reference: 'resumo',
  },
};

/**
 * The owners' summary of the alerts one sweep opened for a tenant: one notification seen by owners
 * only (`branchIds: []`), whose message lists the products and their branches by name.
 */
export function ownersSummary(
  alerts: readonly StockAlertRow[],
  locale: string,
  branchNames: ReadonlyMap<string, string> = new Map(),
): EventInput {
  const language = locale.toLowerCase().split('-')[0];
  const w = language === 'en' ? WORDS.en : language === 'pt' ? WORDS.pt : WORDS.es;
  const lines = alerts.slice(0, LISTED).map((a) => {
    const name = a.name ?? a.sku ?? a.productId;
    const sku = a.sku && a.sku !== name ? ` (${a.sku})` : '';
    const branch = branchNames.get(a.branchId) ?? a.branchId;
    return w.line(`${name}${sku}`, fmt(a.level, locale), fmt(a.min, locale), `“${branch}”`);
  });
  const more = alerts.length - LISTED;
  if (more > 0) lines.push(w.more(fmt(more, locale)));
  const one = new Intl.PluralRules(locale).select(alerts.length) === 'one';
  const head = `${fmt(alerts.length, locale)} ${one ? w.head[0] : w.head[1]}:`;
  return {
    type: SUMMARY_TYPE,
    branchIds: [],
    title: w.title,
    message: `${head}\n${lines.join('\n')}`.slice(0, 4000),
    data: {
      reference: w.reference,
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
