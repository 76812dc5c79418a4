import type { StockAlert } from '@aviso/protocol';
import { html, nothing } from 'lit';
import { query } from '../api.ts';
import { AdminPage } from '../page.ts';

/** Stock alerts (SPEC section 8), active or resolved, with a manual resolve. */
export class AdminStock extends AdminPage {
  static override properties = { ...AdminPage.properties, items: { state: true }, status: { state: true } };

  items: StockAlert[] = [];
  status: 'active' | 'resolved' | '' = 'active';

  protected async load() {
    this.items = (
      await this.api.get<{ items: StockAlert[] }>(`/v1/stock/alerts${query({ status: this.status })}`)
    ).items;
  }

  private async resolve(a: StockAlert) {
    if (await this.run(() => this.api.post(`/v1/stock/alerts/${a.id}/resolve`))) await this.refresh();
  }

  override render() {
    const t = this.t;
    const f = this.formats;
    return html`<h2>${t('stock')}</h2>
      <div class="row" style="margin-bottom:12px">
        <label for="stock-status">${t('status')}</label>
        <select id="stock-status"
            @change=${(e: Event) => {
              this.status = (e.target as HTMLSelectElement).value as 'active';
              void this.refresh();
            }}
          >
            <option value="active" ?selected=${this.status === 'active'}>${t('active')}</option>
            <option value="resolved" ?selected=${this.status === 'resolved'}>${t('resolved')}</option>
            <option value="" ?selected=${this.status === ''}>${t('allAlerts')}</option>
          </select>
      </div>
      ${this.renderError('stock')}
      ${this.renderTable(
        ['product', 'branch', 'level', 'minimum', 'difference', 'opened', 'status', 'actions'],
        this.items,
        (a) => html`<tr>
                <td>${a.name ?? a.productId} ${a.sku ? html`<div class="hint mono">${a.sku}</div>` : nothing}</td>
                <td>${a.branchId}</td>
                <td>${f.number(a.level)}</td>
                <td>${f.number(a.min)}</td>
                <td>${f.number(a.difference)}</td>
                <td>${f.dateTime(a.openedAt)}</td>
                <td><span class="pill ${a.status === 'active' ? 'warning' : 'ok'}">${a.status === 'active' ? t('active') : t('resolved')}</span></td>
                <td class="actions">
                  ${a.status === 'active' ? html`<button @click=${() => this.resolve(a)}>${t('resolve')}</button>` : nothing}
                </td>
              </tr>`,
      )}`;
  }
}

customElements.define('admin-stock', AdminStock);
declare global {
  interface HTMLElementTagNameMap {
    'admin-stock': AdminStock;
  }
}
