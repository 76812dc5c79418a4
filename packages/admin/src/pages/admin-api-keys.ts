import type { ApiKeyCreatedSchema, ApiKeySchema } from '@aviso/protocol';
import { html, nothing } from 'lit';
import type { z } from 'zod';
import { formatDateTime } from '../i18n.ts';
import { AdminPage } from '../page.ts';

type ApiKey = z.infer<typeof ApiKeySchema>;
type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

/** API keys: list, create (the key is shown once), revoke. */
export class AdminApiKeys extends AdminPage {
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    created: { state: true },
    copied: { state: true },
  };

  items: ApiKey[] = [];
  created: ApiKeyCreated | null = null;
  copied = false;

  protected async load() {
    this.items = (await this.api.get<{ items: ApiKey[] }>('/v1/api-keys')).items;
  }

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    this.copied = false;
    const ok = await this.run(async () => {
      this.created = await this.api.post<ApiKeyCreated>('/v1/api-keys', name ? { name } : {});
    });
    if (ok) {
      form.reset();
      await this.refresh();
    }
  }

  private async revoke(k: ApiKey) {
    if (!confirm(this.t('confirmRevoke', { prefix: k.prefix }))) return;
    if (await this.run(() => this.api.delete(`/v1/api-keys/${k.id}`))) await this.refresh();
  }

  private async copy() {
    await navigator.clipboard?.writeText(this.created!.key).catch(() => undefined);
    this.copied = true;
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('apiKeys')}</h2>
      ${this.renderError()}
      <form class="card row" @submit=${this.create} aria-label=${t('newKey')}>
        <label>${t('keyName')}<input name="name" maxlength="100" /></label>
        <button class="primary" type="submit">${t('create')}</button>
      </form>
      ${
        this.created
          ? html`<div class="notice success" role="status">
            <p><strong>${t('keyShownOnce')}</strong></p>
            <p class="mono" data-new-key>${this.created.key}</p>
            <button @click=${this.copy}>${this.copied ? t('copied') : t('copy')}</button>
            <button @click=${() => (this.created = null)}>${t('close')}</button>
          </div>`
          : nothing
      }
      <div class="table">
        <table>
          <thead>
            <tr><th>${t('name')}</th><th>${t('prefix')}</th><th>${t('created')}</th><th>${t('lastUsed')}</th><th></th></tr>
          </thead>
          <tbody>
            ${this.items.map(
              (k) => html`<tr>
                <td>${k.name ?? '—'}</td>
                <td class="mono">${k.prefix}…</td>
                <td>${formatDateTime(k.createdAt, this.language)}</td>
                <td>${k.lastUsedAt ? formatDateTime(k.lastUsedAt, this.language) : t('never')}</td>
                <td class="actions"><button class="danger" @click=${() => this.revoke(k)}>${t('revoke')}</button></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define('admin-api-keys', AdminApiKeys);
declare global {
  interface HTMLElementTagNameMap {
    'admin-api-keys': AdminApiKeys;
  }
}
