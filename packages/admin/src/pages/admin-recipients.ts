import type { Recipient, TelegramLink } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { ApiError } from '../api.ts';
import { formatDateTime } from '../i18n.ts';
import { AdminPage } from '../page.ts';
import { qrCode } from '../qr.ts';

/** Recipients with the channels they can be reached on, and a Telegram linking link with a QR code. */
export class AdminRecipients extends AdminPage {
  static override styles = [
    ...AdminPage.styles,
    css`
      .qr {
        width: 200px;
        height: 200px;
      }
      .link {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        align-items: center;
      }
    `,
  ];
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    link: { state: true },
    linkError: { state: true },
  };

  items: Recipient[] = [];
  link: (TelegramLink & { recipient: Recipient }) | null = null;
  linkError: unknown = null;

  protected async load() {
    this.items = (await this.api.get<{ items: Recipient[] }>('/v1/recipients?limit=200')).items;
  }

  private async telegram(r: Recipient) {
    this.link = null;
    this.linkError = null;
    try {
      const link = await this.api.post<TelegramLink>(
        `/v1/recipients/${encodeURIComponent(r.id)}/telegram-link`,
      );
      this.link = { ...link, recipient: r };
    } catch (err) {
      this.linkError = err;
    }
  }

  private renderLinkError() {
    const err = this.linkError;
    if (!err) return nothing;
    if (err instanceof ApiError && err.routeMissing) {
      return html`<p class="notice" role="status">${this.t('notAvailable', { what: this.t('telegramLink') })}</p>`;
    }
    return html`<p class="notice error" role="alert">${err instanceof ApiError ? `${err.code}: ${err.message}` : String(err)}</p>`;
  }

  private linked(r: Recipient) {
    const channels = [
      r.email && ['email', r.email],
      r.phone && ['sms', r.phone],
      r.whatsapp && ['whatsapp', r.whatsapp],
      r.telegramChatId && ['telegram', r.telegramChatId],
    ].filter(Boolean) as [string, string][];
    return channels.length
      ? channels.map(([kind, address]) => html`<span class="pill ok" title=${address}>${kind}</span> `)
      : html`<span class="muted">—</span>`;
  }

  override render() {
    const t = this.t;
    const l = this.link;
    return html`<h2>${t('recipients')}</h2>
      ${this.renderError()} ${this.renderLinkError()}
      ${
        l
          ? html`<div class="card link" aria-live="polite">
            ${qrCode(l.url, t('telegramLink'))}
            <div>
              <h3>${t('telegramLink')}: ${l.recipient.name ?? l.recipient.id}</h3>
              <p class="hint">${t('telegramHelp')}</p>
              <p><a class="mono" href=${l.url} target="_blank" rel="noopener noreferrer">${l.url}</a></p>
              <p>${t('expires')}: ${formatDateTime(l.expiresAt, this.language)}</p>
              <button @click=${() => (this.link = null)}>${t('close')}</button>
            </div>
          </div>`
          : nothing
      }
      <div class="table">
        <table>
          <thead>
            <tr><th>${t('name')}</th><th>${t('role')}</th><th>${t('branches')}</th><th>${t('linked')}</th><th></th></tr>
          </thead>
          <tbody>
            ${this.items.map(
              (r) => html`<tr>
                <td>${r.name ?? '—'}<div class="hint mono">${r.id}</div></td>
                <td>${r.role}</td>
                <td>${r.branchIds.join(', ') || '—'}</td>
                <td>${this.linked(r)}</td>
                <td class="actions"><button @click=${() => this.telegram(r)}>${t('telegramLink')}</button></td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${!this.loading && !this.items.length && !this.error ? html`<p class="muted">${t('empty')}</p>` : nothing}
      </div>`;
  }
}

customElements.define('admin-recipients', AdminRecipients);
declare global {
  interface HTMLElementTagNameMap {
    'admin-recipients': AdminRecipients;
  }
}
