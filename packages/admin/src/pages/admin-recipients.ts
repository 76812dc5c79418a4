import type { Channel, Recipient, TelegramLink } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { AdminPage } from '../page.ts';
import { qrCode } from '../qr.ts';
import './admin-recipient-form.ts';

/**
 * Recipients: who can be reached on what, created, edited (with their preferences) and deleted
 * here, and a Telegram linking link with a QR code when the tenant has a Telegram channel.
 */
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
    telegram: { state: true },
    editing: { state: true },
    link: { state: true },
  };

  items: Recipient[] = [];
  /** Whether an enabled Telegram channel exists: without one a link could not be followed. */
  telegram = false;
  editing: Recipient | 'new' | null = null;
  link: (TelegramLink & { recipient: Recipient }) | null = null;

  protected async load() {
    const [recipients, channels] = await Promise.all([
      this.api.get<{ items: Recipient[] }>('/v1/recipients?limit=500'),
      this.api.get<{ items: Channel[] }>('/v1/channels'),
    ]);
    this.items = recipients.items;
    this.telegram = channels.items.some((c) => c.kind === 'telegram' && c.enabled);
  }

  private async telegramLink(r: Recipient) {
    this.link = null;
    await this.run(async () => {
      const link = await this.api.post<TelegramLink>(
        `/v1/recipients/${encodeURIComponent(r.id)}/telegram-link`,
      );
      this.link = { ...link, recipient: r };
    });
  }

  private async removeRecipient(r: Recipient) {
    if (!confirm(this.t('confirmDeleteRecipient', { name: r.name ?? r.id }))) return;
    if (await this.run(() => this.api.delete(`/v1/recipients/${encodeURIComponent(r.id)}`))) {
      if (this.link?.recipient.id === r.id) this.link = null;
      await this.refresh();
    }
  }

  private edit(r: Recipient | 'new') {
    this.link = null;
    this.editing = r;
  }

  private async saved() {
    this.editing = null;
    await this.refresh();
  }

  private linked(r: Recipient) {
    const kinds = this.terms.kind;
    const channels = [
      r.email && [kinds.email, r.email],
      r.phone && [kinds.sms, r.phone],
      r.whatsapp && [kinds.whatsapp, r.whatsapp],
      r.telegramChatId && [kinds.telegram, r.telegramChatId],
    ].filter(Boolean) as [string, string][];
    return channels.length
      ? channels.map(([kind, address]) => html`<span class="pill ok" title=${address}>${kind}</span> `)
      : html`<span class="muted">—</span>`;
  }

  private renderLink() {
    const l = this.link;
    if (!l) return nothing;
    const t = this.t;
    return html`<div class="card link" aria-live="polite">
      ${qrCode(l.url, t('telegramLink'))}
      <div>
        <h3>${t('telegramLink')}: ${l.recipient.name ?? l.recipient.id}</h3>
        <p class="hint">${t('telegramHelp')}</p>
        <p><a class="mono" href=${l.url} target="_blank" rel="noopener noreferrer">${l.url}</a></p>
        <p>${t('expires')}: ${this.formats.dateTime(l.expiresAt)}</p>
        <button @click=${() => (this.link = null)}>${t('close')}</button>
      </div>
    </div>`;
  }

  override render() {
    const t = this.t;
    const editing = this.editing;
    return html`<h2>${t('recipients')}</h2>
      ${editing ? nothing : this.renderError('telegramLink')}
      ${
        editing
          ? keyed(
              editing === 'new' ? 'new' : editing.id,
              html`<admin-recipient-form .api=${this.api} language=${this.language} .formats=${this.formats}
                .recipient=${editing === 'new' ? null : editing}
                @recipient-saved=${this.saved} @close=${() => (this.editing = null)}></admin-recipient-form>`,
            )
          : html`<p class="row">
              <button class="primary" @click=${() => this.edit('new')}>${t('newRecipient')}</button>
              ${this.telegram || this.loading ? nothing : html`<span class="hint">${t('telegramNeedsChannel')}</span>`}
            </p>`
      }
      ${this.renderLink()}
      ${this.renderTable(
        ['name', 'role', 'branches', 'linked', 'actions'],
        this.items,
        (r) => html`<tr data-recipient=${r.id}>
                <td>${r.name ?? '—'}<div class="hint mono">${r.id}</div></td>
                <td>${this.terms.role[r.role]}</td>
                <td>${r.branchIds.join(', ') || '—'}</td>
                <td>${this.linked(r)}</td>
                <td class="actions">
                  <button @click=${() => this.edit(r)}>${t('edit')}</button>
                  ${this.telegram ? html`<button @click=${() => this.telegramLink(r)}>${t('telegramLink')}</button>` : nothing}
                  <button class="danger" @click=${() => this.removeRecipient(r)}>${t('delete')}</button>
                </td>
              </tr>`,
      )}`;
  }
}

customElements.define('admin-recipients', AdminRecipients);
declare global {
  interface HTMLElementTagNameMap {
    'admin-recipients': AdminRecipients;
  }
}
