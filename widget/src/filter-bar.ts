import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { AvisoClient } from './client.ts';
import type { InboxController } from './inbox-controller.ts';

// Loaded with `import()` when the panel first opens: the category names of three languages stay
// out of the bundle a page loads up front (its size budget). It imports nothing at run time: the
// bell hands it Lit's `html` and `nothing`, so that the build need not split Lit into a chunk of
// its own shared by both (which costs the up-front bundle a module of its own).

/** The catalog's categories by language; the empty key is "every category". */
export const CATEGORY_NAMES: Record<string, Record<string, string>> = {
  es: {
    '': 'Todas las categorías',
    sales: 'Ventas',
    expenses: 'Gastos',
    inventory: 'Inventario',
    purchases: 'Compras',
    catalog: 'Catálogo',
    orders: 'Pedidos',
    billing: 'Facturación',
    subscription: 'Suscripción',
    maintenance: 'Mantenimiento',
    reservations: 'Reservas',
    support: 'Atención',
    system: 'Sistema',
    promotions: 'Promociones',
  },
  en: {
    '': 'All categories',
    sales: 'Sales',
    expenses: 'Expenses',
    inventory: 'Inventory',
    purchases: 'Purchases',
    catalog: 'Catalog',
    orders: 'Orders',
    billing: 'Billing',
    subscription: 'Subscription',
    maintenance: 'Maintenance',
    reservations: 'Reservations',
    support: 'Support',
    system: 'System',
    promotions: 'Promotions',
  },
  pt: {
    '': 'Todas as categorias',
    sales: 'Vendas',
    expenses: 'Despesas',
    inventory: 'Estoque',
    purchases: 'Compras',
    catalog: 'Catálogo',
    orders: 'Pedidos',
    billing: 'Faturamento',
    subscription: 'Assinatura',
    maintenance: 'Manutenção',
    reservations: 'Reservas',
    support: 'Atendimento',
    system: 'Sistema',
    promotions: 'Promoções',
  },
};

/** The selects' labels, the "every branch" option and the archive-read button, by language. */
const LABELS: Record<string, [category: string, branch: string, allBranches: string, archiveRead: string]> = {
  es: ['Categoría', 'Sucursal', 'Todas las sucursales', 'Archivar las leídas'],
  en: ['Category', 'Branch', 'All branches', 'Archive read ones'],
  pt: ['Categoria', 'Filial', 'Todas as filiais', 'Arquivar as lidas'],
};

/** Branches seen in each inbox, kept while one is picked (the list then shows only it). */
const seen = new WeakMap<InboxController, Set<string>>();

const value = (e: Event) => (e.target as HTMLSelectElement).value || undefined;

/**
 * A category select and, when the inbox spans more than one branch (owners and managers), a
 * branch select, over the bell's inbox list. Both are native selects: labelled, and reachable
 * and usable by keyboard. `lang` is `es`, `en` or `pt`.
 */
export function filterBar(
  { html, nothing }: { html: typeof litHtml; nothing: typeof litNothing },
  inbox: InboxController,
  lang: string,
  client?: AvisoClient,
): TemplateResult {
  const names = CATEGORY_NAMES[lang]!;
  const [categoryLabel, branchLabel, allBranches, archiveRead] = LABELS[lang]!;
  const branches = seen.get(inbox) ?? new Set<string>();
  seen.set(inbox, branches);
  for (const n of inbox.items) for (const b of n.branchIds ?? []) branches.add(b);
  const query = inbox.query;
  const pick = (next: InboxController['query']) => {
    inbox.query = next;
    inbox.reset();
    void inbox.load(true);
  };
  return html`<style>
      .filters {
        display: flex;
        gap: 6px;
        padding: 8px 14px 0;
      }
      .sweep {
        color: var(--_accent);
        white-space: nowrap;
      }
      .filters select {
        min-width: 0;
        flex: 1;
        padding: 4px;
        border: 1px solid var(--_border);
        border-radius: 6px;
        background: var(--_bg);
        color: inherit;
        font: inherit;
      }
    </style>
    <div class="filters" part="filters">
      <select
        aria-label=${categoryLabel}
        part="filter"
        @change=${(e: Event) => pick({ ...query, category: value(e) })}
      >
        ${Object.entries(names).map(
          ([key, name]) =>
            html`<option value=${key} ?selected=${key === (query.category ?? '')}>${name}</option>`,
        )}
      </select>
      ${
        branches.size > 1
          ? html`<select
              aria-label=${branchLabel}
              part="filter"
              @change=${(e: Event) => pick({ ...query, branchId: value(e) })}
            >
              <option value="">${allBranches}</option>
              ${[...branches]
                .sort()
                .map((b) => html`<option value=${b} ?selected=${b === query.branchId}>${b}</option>`)}
            </select>`
          : nothing
      }
      ${
        inbox.tab === 'archived'
          ? nothing
          : html`<button class="sweep" part="archive-read" @click=${() => void client?.archiveRead().catch(() => {})}>
              ${archiveRead}
            </button>`
      }
    </div>`;
}
