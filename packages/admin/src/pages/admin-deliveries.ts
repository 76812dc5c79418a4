import {
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryPage,
  type DeliveryStatus,
  RETRYABLE_DELIVERY_STATUSES,
} from '@aviso/protocol';
import { html, nothing } from 'lit';
import { query } from '../api.ts';
import { formatDateTime } from '../i18n.ts';
import { AdminPage } from '../page.ts';

const retryable = (status: DeliveryStatus) =>
  (RETRYABLE_DELIVERY_STATUSES as readonly string[]).includes(status);

interface Filters {
  status: string;
  channel: string;
  type: string;
  days: string;
}

/** The delivery log: filters, details of a row, and retry of failed or bounced deliveries. */
export class AdminDeliveries extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    cursor: { state: true },
    open: { state: true },
    notice: { state: true },
  };

  items: Delivery[] = [];
  cursor: string | null = null;
  open: string | null = null;
  notice = '';
  private filters: Filters = { status: '', channel: '', type: '', days: '7' };

  private path(cursor?: string) {
    return `/v1/deliveries${query({ ...this.filters, cursor, limit: 50 })}`;
  }

  protected async load() {
    const page = await this.api.get<DeliveryPage>(this.path());
    this.items = page.items;
    this.cursor = page.nextCursor;
  }

  private async more() {
    await this.run(async () => {
      const page = await this.api.get<DeliveryPage>(this.path(this.cursor!));
      this.items = [...this.items, ...page.items];
      this.cursor = page.nextCursor;
    });
  }

  private apply(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    this.filters = {
      status: String(form.get('status') ?? ''),
      channel: String(form.get('channel') ?? ''),
      type: String(form.get('type') ?? '')
        .trim()
        .toUpperCase(),
      days: String(form.get('days') ?? ''),
    };
    this.notice = '';
    void this.refresh();
  }

  private async retry(d: Delivery) {
    if (await this.run(() => this.api.post(`/v1/deliveries/${d.id}/retry`))) {
      this.notice = this.t('retried');
      await this.refresh();
    }
  }

  private renderDetails(d: Delivery) {
    return html`<tr class="details">
      <td colspan="7">
        <dl class="grid">
          ${Object.entries(d).map(
            ([k, v]) =>
              html`<div><dt class="hint">${k}</dt><dd class="mono" style="margin:0">${v === null ? '—' : String(v)}</dd></div>`,
          )}
        </dl>
      </td>
    </tr>`;
  }

  override render() {
    const t = this.t;
    const f = this.filters;
    return html`<h2>${t('deliveries')}</h2>
      <form class="card row" @submit=${this.apply} aria-label=${t('filters')}>
        <label
          >${t('status')}<select name="status">
            <option value="">${t('all')}</option>
            ${DELIVERY_STATUSES.map((s) => html`<option ?selected=${s === f.status}>${s}</option>`)}
          </select></label
        >
        <label
          >${t('channel')}<select name="channel">
            <option value="">${t('all')}</option>
            ${CHANNEL_KINDS.map((k) => html`<option ?selected=${k === f.channel}>${k}</option>`)}
          </select></label
        >
        <label>${t('type')}<input name="type" .value=${f.type} placeholder="PRODUCTO_STOCK_BAJO" /></label>
        <label
          >${t('days')}<select name="days">
            ${['1', '7', '30', '90'].map((d) => html`<option ?selected=${d === f.days} value=${d}>${t('lastDays', { n: d })}</option>`)}
          </select></label
        >
        <button class="primary" type="submit">${t('apply')}</button>
      </form>
      ${this.renderError()} ${this.notice ? html`<p class="notice success" role="status">${this.notice}</p>` : nothing}
      <div class="table">
        <table>
          <thead>
            <tr>
              <th>${t('created')}</th><th>${t('type')}</th><th>${t('step')}</th><th>${t('channel')}</th>
              <th>${t('status')}</th><th>${t('attempts')}</th><th>${t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.items.map(
              (d) => html`<tr data-delivery=${d.id}>
                  <td>${formatDateTime(d.createdAt, this.language)}</td>
                  <td class="mono">${d.type}</td>
                  <td>${d.step}</td>
                  <td>${d.channel ?? '—'}</td>
                  <td>
                    <span class="pill ${d.status}">${d.status}</span>
                    ${d.lastError ? html`<div class="hint">${d.lastError}</div>` : nothing}
                  </td>
                  <td>${d.attempts}</td>
                  <td class="actions">
                    <button aria-expanded=${this.open === d.id} @click=${() => (this.open = this.open === d.id ? null : d.id)}>
                      ${t('details')}
                    </button>
                    ${
                      retryable(d.status)
                        ? html`<button @click=${() => this.retry(d)}>${t('retry')}</button>`
                        : nothing
                    }
                  </td>
                </tr>
                ${this.open === d.id ? this.renderDetails(d) : nothing}`,
            )}
          </tbody>
        </table>
        ${!this.loading && !this.items.length && !this.error ? html`<p class="muted">${t('empty')}</p>` : nothing}
        ${this.loading ? html`<p>${t('loading')}</p>` : nothing}
      </div>
      ${this.cursor ? html`<p><button @click=${this.more}>${t('loadMore')}</button></p>` : nothing}`;
  }
}

customElements.define('admin-deliveries', AdminDeliveries);
declare global {
  interface HTMLElementTagNameMap {
    'admin-deliveries': AdminDeliveries;
  }
}
