import type { Delivery, Receipt, Receipts, TenantNotification } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { CursorListPage } from '../cursor-page.ts';
import { typeTitle } from '../lookups.ts';
import { reasonText } from '../messages.ts';

type Filters = { type: string; recipientId: string; branchId: string; days: string };

/** `#/activity/<id>` opens one notification's receipts. */
const idFromHash = () => /^#\/?activity\/([^/?]+)/.exec(location.hash)?.[1] ?? null;

/**
 * "Did Norte see it?": the tenant's notifications (`GET /v1/notifications`, by type, person,
 * branch and period) and, for one, who it was for, who got it live, who saw and read it and when,
 * and which deliveries went out and what became of them (`GET /v1/notifications/:id/receipts`).
 */
export class AdminActivity extends CursorListPage<TenantNotification, Filters> {
  static override styles = [
    ...CursorListPage.styles,
    css`
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        margin: 8px 0 12px;
      }
      .counts b {
        display: block;
        font-size: 20px;
      }
      ul.deliveries {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 4px;
      }
      tr[aria-selected='true'] {
        background: var(--_hover);
      }
    `,
  ];
  static override properties = {
    ...CursorListPage.properties,
    selected: { state: true },
    receipts: { state: true },
  };

  selected: string | null = idFromHash();
  receipts: Receipts | null = null;
  protected readonly endpoint = '/v1/notifications';
  protected filters: Filters = { type: '', recipientId: '', branchId: '', days: '7' };

  protected override async load() {
    await super.load();
    if (this.selected && !this.receipts) await this.openReceipts(this.selected);
  }

  private async openReceipts(id: string) {
    this.selected = id;
    this.receipts = null;
    history.replaceState(null, '', `#/activity/${id}`);
    await this.run(async () => {
      this.receipts = await this.api.get<Receipts>(`/v1/notifications/${encodeURIComponent(id)}/receipts`);
    });
  }

  private when(iso: string | null) {
    return iso ? this.formats.dateTime(iso) : html`<span class="muted">${this.t('notYet')}</span>`;
  }

  private renderDelivery(d: Delivery) {
    const channel = d.channelId ? this.names?.channels.get(d.channelId)?.name : undefined;
    const kind = d.channel ? (this.terms.kind[d.channel as keyof typeof this.terms.kind] ?? d.channel) : '—';
    const reason = reasonText(d.lastError, d.errorCode, this.terms);
    return html`<li data-delivery=${d.id}>
      <span class="pill ${d.status}">${this.terms.status[d.status]}</span>
      ${this.terms.step[d.step]}${d.condition ? ` ${this.terms.condition[d.condition]}` : ''} ·
      ${channel ? `${channel} · ${kind}` : kind} · ${this.formats.dateTime(d.sentAt ?? d.updatedAt)}
      ${reason ? html`<div class="hint">${reason}</div>` : nothing}
    </li>`;
  }

  private renderPerson(p: Receipt) {
    const t = this.t;
    const live = p.live === null ? t('liveUnknown') : p.live ? t('yes') : t('no');
    const action = p.actionId
      ? (this.receipts?.notification.actions?.find((a) => a.id === p.actionId)?.label ?? p.actionId)
      : null;
    return html`<tr data-person=${p.recipientId}>
      <td>${p.name ?? p.recipientId}<div class="hint">${this.terms.role[p.role]}</div></td>
      <td>${live}</td>
      <td>${this.when(p.seenAt)}</td>
      <td>${this.when(p.readAt)}</td>
      <td>${action ? html`${action}<div class="hint">${this.formats.dateTime(p.actedAt)}</div>` : '—'}</td>
      <td>
        ${
          p.deliveries.length
            ? html`<ul class="deliveries">${p.deliveries.map((d) => this.renderDelivery(d))}</ul>`
            : html`<span class="muted">${t('noFallbacks')}</span>`
        }
      </td>
    </tr>`;
  }

  private renderReceipts() {
    const r = this.receipts;
    const t = this.t;
    if (!r) return this.selected ? html`<p>${t('loading')}</p>` : nothing;
    const n = r.notification;
    const c = r.counts;
    const of = (k: number) =>
      t('ofPeople', { n: this.formats.number(k), total: this.formats.number(c.audience) });
    return html`<section class="card" aria-label=${t('activity')} data-receipts=${n.id}>
      <h3>${n.title ?? typeTitle(this.names, n.type, this.language)}</h3>
      <p>${n.message}</p>
      <p class="hint">${this.formats.dateTime(n.createdAt)} · ${typeTitle(this.names, n.type, this.language)}</p>
      ${n.warnings.map((w) => html`<p class="notice" role="status">${t('missingData', { variables: w.variables.join(', ') })}</p>`)}
      <div class="counts">
        <span><b>${this.formats.number(c.audience)}</b>${t('whoFor')}</span>
        <span><b>${of(c.live)}</b>${t('live')}</span>
        <span><b>${of(c.seen)}</b>${t('seenAt')}</span>
        <span><b>${of(c.read)}</b>${t('readAt')}</span>
        <span><b>${this.formats.number(c.deliveries)}</b>${t('fallbacks')}</span>
      </div>
      <div class="table">
        <table aria-label=${t('whoFor')}>
          <thead><tr>
            <th>${t('person')}</th><th>${t('live')}</th><th>${t('seenAt')}</th><th>${t('readAt')}</th>
            <th>${t('actedAt')}</th><th>${t('fallbacks')}</th>
          </tr></thead>
          <tbody>${r.people.map((p) => this.renderPerson(p))}</tbody>
        </table>
      </div>
      ${r.truncated ? html`<p class="hint">${t('truncated')}</p>` : nothing}
      ${
        r.endpoints.length
          ? html`<h3>${t('endpoints')}</h3><ul class="deliveries">${r.endpoints.map((d) => this.renderDelivery(d))}</ul>`
          : nothing
      }
    </section>`;
  }

  private renderFilters() {
    const t = this.t;
    const select = (name: keyof Filters, label: string, all: string, options: [string, string][]) =>
      this.filterSelect(`a-${name}`, name, label, options, all);
    const names = this.names;
    return this.renderFilterForm(
      'a',
      html`${select(
        'recipientId',
        t('person'),
        t('allPeople'),
        [...(names?.recipients.values() ?? [])].map((r) => [r.id, r.name ?? r.id]),
      )}
      ${select(
        'type',
        t('type'),
        t('allTypes'),
        [...(names?.types.keys() ?? [])].map((k) => [k, typeTitle(names, k, this.language)]),
      )}
      ${select(
        'branchId',
        t('branch'),
        t('allBranches'),
        [...(names?.branches.values() ?? [])].map((b) => [b.id, b.name]),
      )}`,
    );
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('activity')}</h2>
      <p class="hint">${t('activityHelp')}</p>
      ${this.renderFilters()} ${this.renderError('activity')} ${this.renderReceipts()}
      ${this.renderList(
        ['created', 'type', 'message', 'actions'],
        (n) => html`<tr data-notification=${n.id} aria-selected=${this.selected === n.id ? 'true' : 'false'}>
                <td>${this.formats.dateTime(n.createdAt)}</td>
                <td>${n.title ?? typeTitle(this.names, n.type, this.language)}<div class="hint mono">${n.type}</div></td>
                <td>${n.message}</td>
                <td class="actions"><button @click=${() => this.openReceipts(n.id)}>${t('openActivity')}</button></td>
              </tr>`,
        t('notifications'),
      )}`;
  }
}

customElements.define('admin-activity', AdminActivity);
declare global {
  interface HTMLElementTagNameMap {
    'admin-activity': AdminActivity;
  }
}
