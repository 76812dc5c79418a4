import type { MyBranches } from '@aviso/protocol';
import { CATEGORY_NAMES } from '@aviso/protocol/category-names';
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { AvisoClient } from './client.ts';
import type { InboxController } from './inbox-controller.ts';
import type { FilterStrings } from './strings.ts';

// Loaded with `import()` when the panel first opens: the category names of three languages stay
// out of the bundle a page loads up front (its size budget). It imports nothing at run time: the
// bell hands it Lit's `html` and `nothing`, so that the build need not split Lit into a chunk of
// its own shared by both (which costs the up-front bundle a module of its own).

/** The selects' labels, the "every …" options and the archive-read button, by language. */
const LABELS: Record<string, FilterStrings> = {
  es: {
    categoryFilter: 'Categoría',
    allCategories: 'Todas las categorías',
    branchFilter: 'Sucursal',
    allBranches: 'Todas las sucursales',
    archiveRead: 'Archivar las leídas',
  },
  en: {
    categoryFilter: 'Category',
    allCategories: 'All categories',
    branchFilter: 'Branch',
    allBranches: 'All branches',
    archiveRead: 'Archive read ones',
  },
  pt: {
    categoryFilter: 'Categoria',
    allCategories: 'Todas as categorias',
    branchFilter: 'Filial',
    allBranches: 'Todas as filiais',
    archiveRead: 'Arquivar as lidas',
  },
};

/** The branches each client's person sees, by name, asked of the hub once (empty until it answers). */
const branchesOf = new WeakMap<AvisoClient, MyBranches['items']>();

const value = (e: Event) => (e.target as HTMLSelectElement).value || undefined;

/**
 * A category select and, when the person sees more than one branch (owners and managers), a
 * branch select by name, over the bell's inbox list. Both are native selects: labelled, and
 * reachable and usable by keyboard. `lang` is `es`, `en` or `pt`; `strings` may override the labels.
 */
export function filterBar(
  { html, nothing }: { html: typeof litHtml; nothing: typeof litNothing },
  inbox: InboxController,
  lang: 'es' | 'en' | 'pt',
  strings: Partial<FilterStrings>,
  host: { requestUpdate(): void },
  client?: AvisoClient,
): TemplateResult {
  const t = { ...LABELS[lang]!, ...strings };
  const names = { '': t.allCategories, ...CATEGORY_NAMES[lang] };
  let branches = client && branchesOf.get(client);
  if (client && !branches) {
    branches = [];
    branchesOf.set(client, branches);
    // Asked again the next time the panel renders when it failed (the hub was restarting, say).
    client.request<MyBranches>('GET', '/v1/me/branches').then(
      (r) => {
        branchesOf.set(client, r.items);
        host.requestUpdate();
      },
      () => branchesOf.delete(client),
    );
  }
  const query = inbox.query;
  const pick = (next: InboxController['query']) => {
    inbox.query = next;
    inbox.reset();
    void inbox.load(true);
  };
  return html`<style>
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        padding: 8px 14px 0;
      }
      .sweep {
        color: var(--_accent);
        white-space: nowrap;
      }
      .filters select {
        min-width: 0;
        flex: 1 1 9em;
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
        aria-label=${t.categoryFilter}
        part="filter"
        @change=${(e: Event) => pick({ ...query, category: value(e) })}
      >
        ${Object.entries(names).map(
          ([key, name]) =>
            html`<option value=${key} ?selected=${key === (query.category ?? '')}>${name}</option>`,
        )}
      </select>
      ${
        branches && branches.length > 1
          ? html`<select
              aria-label=${t.branchFilter}
              part="filter"
              @change=${(e: Event) => pick({ ...query, branchId: value(e) })}
            >
              <option value="">${t.allBranches}</option>
              ${branches.map((b) => html`<option value=${b.id} ?selected=${b.id === query.branchId}>${b.name}</option>`)}
            </select>`
          : nothing
      }
      ${
        inbox.tab === 'archived'
          ? nothing
          : html`<button class="sweep" part="archive-read" @click=${() => void client?.archiveRead().catch(() => {})}>
              ${t.archiveRead}
            </button>`
      }
    </div>`;
}
