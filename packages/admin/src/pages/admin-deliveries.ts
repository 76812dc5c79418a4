import {
  CHANNEL_KINDS,
  DELIVERY_STATUSES,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryDetail,
  RETRYABLE_DELIVERY_STATUSES,
} from '@aviso/protocol';
import { html, nothing } from 'lit';
import { CursorListPage } from '../cursor-page.ts';
import { typeTitle } from '../lookups.ts';
import { reasonText } from '../messages.ts';
import { fetchSentMessage, type SentMessage } from '../notifications.ts';

/** A failed or bounced delivery can be queued again; a channel test is sent again to the same address. */
const retryable = (d: Delivery) => (RETRYABLE_DELIVERY_STATUSES as readonly string[]).includes(d.status);

type Filters = { status: string; channel: string; type: string; days: string };

/** The delivery log: filters, the details of a row in words, and retry of failed or bounced deliveries. */
export class AdminDeliveries extends CursorListPage<Delivery, Filters> {
  static override properties = {
    ...CursorListPage.properties,
    open: { state: true },
    sent: { state: true },
    detail: { state: true },
    notice: { state: true },
  };

  open: string | null = null;
  /** The notification behind the open row, as it was sent (or why it cannot be shown). */
  sent: SentMessage | null = null;
  /** The open row with its tries (null while loading, or when the hub could not say). */
  detail: DeliveryDetail | null = null;
  notice = '';
  protected readonly endpoint = '/v1/deliveries';
  protected filters: Filters = { status: '', channel: '', type: '', days: '7' };

  protected override filtersApplied() {
    this.notice = '';
  }

  private async retry(d: Delivery) {
    if (await this.run(() => this.api.post(`/v1/deliveries/${d.id}/retry`))) {
      this.notice = this.t('retried');
      await this.refresh();
      // The open row's history is the one just queued again: show it as it is now.
      if (this.open === d.id) {
        this.detail = await this.api.get<DeliveryDetail>(`/v1/deliveries/${d.id}`).catch(() => null);
      }
    }
  }

  private async toggle(d: Delivery) {
    if (this.open === d.id) {
      this.open = null;
      return;
    }
    this.open = d.id;
    this.sent = null;
    this.detail = null;
    const [detail, sent] = await Promise.all([
      this.api.get<DeliveryDetail>(`/v1/deliveries/${d.id}`).catch(() => null),
      d.notificationId ? fetchSentMessage(this.api, d.notificationId) : Promise.resolve(null),
    ]);
    if (this.open !== d.id) return;
    this.detail = detail;
    this.sent = sent;
  }

  private recipientName(d: Delivery): string {
    if (d.group) {
      const branch = d.group.branchId;
      return branch
        ? this.t('group', { branch: this.names?.branches.get(branch)?.name ?? branch })
        : this.t('tenantGroup');
    }
    if (!d.recipientId) return '—';
    return this.names?.recipients.get(d.recipientId)?.name ?? d.recipientId;
  }

  private channelName(d: Pick<Delivery, 'channel' | 'channelId'>, name?: string | null): string {
    const kind = d.channel ? (this.terms.kind[d.channel as keyof typeof this.terms.kind] ?? d.channel) : '';
    const channel = name ?? (d.channelId ? this.names?.channels.get(d.channelId)?.name : undefined);
    return channel ? `${channel} · ${kind}` : kind || '—';
  }

  private outcomeText(a: DeliveryAttempt): string {
    return a.outcome === 'retry' ? this.t('attemptRetry') : this.terms.status[a.outcome];
  }

  /** Every try, oldest first; a delivery from before tries were kept shows its last one. */
  private renderAttempts(d: Delivery) {
    const f = this.formats;
    const tries = this.detail?.id === d.id ? this.detail.attemptLog : null;
    if (tries?.length) {
      return tries.map(
        (a, i) => html`<tr data-attempt=${i + 1} data-outcome=${a.outcome}>
          <td>${i + 1}</td>
          <td>${f.dateTime(a.at)}</td>
          <td>${this.channelName({ channel: a.kind, channelId: a.channelId }, a.channelName)}</td>
          <td>${f.duration(a.durationMs)}</td>
          <td>
            <span class="pill ${a.outcome === 'retry' ? 'warning' : a.outcome}">${this.outcomeText(a)}</span>
            ${reasonText(a.error, a.errorCode, this.terms)}
            ${a.providerMessageId ? html`<div class="hint mono">${a.providerMessageId}</div>` : nothing}
          </td>
        </tr>`,
      );
    }
    const reason = reasonText(d.lastError, d.errorCode, this.terms);
    if (!d.attempts) {
      return html`<tr><td colspan="5" class="muted">${reason || this.terms.status[d.status]}</td></tr>`;
    }
    return html`<tr data-attempt="1">
      <td>${d.attempts}</td>
      <td>${f.dateTime(d.sentAt ?? d.updatedAt)}</td>
      <td>${this.channelName(d)}</td>
      <td>${f.duration(d.durationMs)}</td>
      <td><span class="pill ${d.status}">${this.terms.status[d.status]}</span> ${reason}</td>
    </tr>`;
  }

  private renderSent() {
    const s = this.sent;
    if (!s) return html`<p class="hint">${this.t('loading')}</p>`;
    if (s.state === 'missing') return html`<p class="hint">${this.t('notificationMissing')}</p>`;
    if (s.state === 'unavailable')
      return html`<p class="hint">${this.t('notAvailable', { what: this.t('messageAsSent') })}</p>`;
    return html`<blockquote class="card" data-sent-message>
      ${s.title ? html`<strong>${s.title}</strong><br />` : nothing}${s.message}
    </blockquote>`;
  }

  private renderDetails(d: Delivery) {
    const t = this.t;
    const f = this.formats;
    const legacy = this.detail?.id === d.id && !this.detail.attemptLog.length && d.attempts > 0;
    return html`<tr class="details">
      <td colspan="8">
        <dl class="facts">
          <dt>${t('recipient')}</dt>
          <dd>${this.recipientName(d)} ${d.recipientId ? html`<span class="hint mono">${d.recipientId}</span>` : nothing}</dd>
          <dt>${t('channel')}</dt><dd>${this.channelName(d)}</dd>
          <dt>${t('step')}</dt><dd>${this.stepText(d)}</dd>
          <dt>${t('due')}</dt><dd>${f.dateTime(d.dueAt)}</dd>
          ${d.providerMessageId ? html`<dt>${t('providerId')}</dt><dd class="mono">${d.providerMessageId}</dd>` : nothing}
          <dt>${t('deliveryId')}</dt><dd class="mono">${d.id}</dd>
        </dl>
        ${
          d.notificationId
            ? html`<h3>${t('messageAsSent')}</h3>${this.renderSent()}
              <p><a href="#/activity/${d.notificationId}">${t('openActivity')}</a></p>`
            : nothing
        }
        <h3>${t('attempts')}</h3>
        <table aria-label=${t('attempts')}>
          <thead>
            <tr><th>#</th><th>${t('attemptAt')}</th><th>${t('channel')}</th><th>${t('duration')}</th><th>${t('result')}</th></tr>
          </thead>
          <tbody>${this.renderAttempts(d)}</tbody>
        </table>
        ${legacy ? html`<p class="hint">${t('attemptsLegacy')}</p>` : nothing}
        ${d.step === 'test' && retryable(d) ? html`<p class="hint">${t('retriedTestNote')}</p>` : nothing}
      </td>
    </tr>`;
  }

  private stepText(d: Delivery) {
    return [this.terms.step[d.step], d.condition ? this.terms.condition[d.condition] : '']
      .filter(Boolean)
      .join(' ');
  }

  private renderFilters() {
    const t = this.t;
    const types = [...(this.names?.types.values() ?? [])];
    const terms = this.terms;
    return this.renderFilterForm(
      'f',
      html`${this.filterSelect(
        'f-status',
        'status',
        t('status'),
        DELIVERY_STATUSES.map((s) => [s, terms.status[s]] as const),
        t('allStatuses'),
      )}
      ${this.filterSelect(
        'f-channel',
        'channel',
        t('channel'),
        CHANNEL_KINDS.map((k) => [k, terms.kind[k]] as const),
        t('allChannels'),
      )}
      ${this.filterSelect(
        'f-type',
        'type',
        t('type'),
        types.map((i) => [i.type, typeTitle(this.names, i.type, this.language)] as const),
        t('allTypes'),
      )}`,
    );
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('deliveries')}</h2>
      ${this.renderFilters()}
      ${this.renderError()} ${this.notice ? html`<p class="notice success" role="status">${this.notice}</p>` : nothing}
      ${this.renderList(
        ['created', 'type', 'step', 'recipient', 'channel', 'status', 'attempts', 'actions'],
        (d) => html`<tr data-delivery=${d.id} data-step=${d.step}>
                  <td>${this.formats.dateTime(d.createdAt)}</td>
                  <td>${typeTitle(this.names, d.type, this.language)}<div class="hint mono">${d.type}</div></td>
                  <td>${this.stepText(d)}</td>
                  <td>${this.recipientName(d)}</td>
                  <td>${this.channelName(d)}</td>
                  <td>
                    <span class="pill ${d.status}">${this.terms.status[d.status]}</span>
                    ${d.lastError || d.errorCode ? html`<div class="hint">${reasonText(d.lastError, d.errorCode, this.terms)}</div>` : nothing}
                  </td>
                  <td>${this.formats.number(d.attempts)}</td>
                  <td class="actions">
                    <button aria-expanded=${this.open === d.id} @click=${() => this.toggle(d)}>${t('details')}</button>
                    ${retryable(d) ? html`<button @click=${() => this.retry(d)}>${t('retry')}</button>` : nothing}
                  </td>
                </tr>
                ${this.open === d.id ? this.renderDetails(d) : nothing}`,
      )}`;
  }
}

customElements.define('admin-deliveries', AdminDeliveries);
declare global {
  interface HTMLElementTagNameMap {
    'admin-deliveries': AdminDeliveries;
  }
}
