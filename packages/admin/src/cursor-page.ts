import { html, nothing } from 'lit';
import { query } from './api.ts';
import type { StringKey } from './i18n.ts';
import { loadNames, type Names } from './lookups.ts';
import { AdminPage } from './page.ts';

/** A page of a cursor-paginated list, as every list endpoint of the hub answers. */
export interface CursorPageOf<Item> {
  items: Item[];
  nextCursor: string | null;
}

/**
 * A console page over one cursor-paginated list with a filter form: the first page with the
 * filters, "load more", and the form's fields (named like the filters) applied.
 */
export abstract class CursorListPage<
  Item,
  Filters extends Record<string, string> & { days: string },
> extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    cursor: { state: true },
    names: { state: true },
  };

  items: Item[] = [];
  cursor: string | null = null;
  /** Names of people, channels and types, to show rows in words (loaded once). */
  names: Names | null = null;
  /** The list's endpoint, e.g. `/v1/deliveries`. */
  protected abstract readonly endpoint: string;
  protected abstract filters: Filters;

  protected path(cursor?: string) {
    return `${this.endpoint}${query({ ...this.filters, cursor, limit: 50 })}`;
  }

  /** The first page with the current filters, shown once the names are loaded too. */
  protected async load() {
    const [page, names] = await Promise.all([
      this.api.get<CursorPageOf<Item>>(this.path()),
      this.names ? Promise.resolve(this.names) : loadNames(this.api),
    ]);
    this.names = names;
    this.items = page.items;
    this.cursor = page.nextCursor;
  }

  protected async more() {
    await this.run(async () => {
      const page = await this.api.get<CursorPageOf<Item>>(this.path(this.cursor!));
      this.items = [...this.items, ...page.items];
      this.cursor = page.nextCursor;
    });
  }

  /** The filter form's submit: each filter from the field of its name. */
  protected apply(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.filters = Object.fromEntries(
      Object.keys(this.filters).map((name) => [name, String(form.get(name) ?? '')]),
    ) as Filters;
    this.filtersApplied();
    void this.refresh();
  }

  /** What a page clears when its filters change (a notice, an open row). */
  protected filtersApplied() {}

  /** A filter of the form: a select named like the filter, "all" (`all`) first unless it has none. */
  protected filterSelect(
    id: string,
    name: keyof Filters & string,
    label: string,
    options: readonly (readonly [value: string, text: string])[],
    all?: string,
  ) {
    const chosen = this.filters[name];
    return html`<div class="field"><label for=${id}>${label}</label>
      <select id=${id} name=${name}>
        ${all === undefined ? nothing : html`<option value="">${all}</option>`}
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${value === chosen}>${text}</option>`)}
      </select></div>`;
  }

  /** The filter form: the page's own filters, the days to look back (`<idPrefix>-days`), and "apply". */
  protected renderFilterForm(idPrefix: string, filters: unknown) {
    const t = this.t;
    const days = ['1', '7', '30', '90'].map((d) => [d, t('lastDays', { n: d })] as const);
    return html`<form class="card row" @submit=${this.apply} aria-label=${t('filters')}>
      ${filters} ${this.filterSelect(`${idPrefix}-days`, 'days', t('days'), days)}
      <button class="primary" type="submit">${t('apply')}</button>
    </form>`;
  }

  /** The list (see `renderTable`), "loading" while a page loads, and "load more" while the hub has more. */
  protected renderList(columns: readonly StringKey[], row: (item: Item) => unknown, label?: string) {
    const t = this.t;
    return html`${this.renderTable(columns, this.items, row, {
      label,
      after: this.loading ? html`<p>${t('loading')}</p>` : nothing,
    })}
      ${this.cursor ? html`<p><button @click=${this.more}>${t('loadMore')}</button></p>` : nothing}`;
  }
}
