import type { ApiKeyCreatedSchema, ApiKeySchema } from '@aviso/protocol';
import { html, nothing } from 'lit';
import type { z } from 'zod';
import { AdminPage } from '../page.ts';

type ApiKey = z.infer<typeof ApiKeySchema>;
type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;

/**
 * API keys: list, create (the key is shown once), revoke.
 * @fires session-ended - the key this console is signed in with was revoked
 */
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

  /** Whether this is the key the console is signed in with (its prefix is all the hub shows of it). */
  private own(k: ApiKey): boolean {
    return this.api.key.startsWith(k.prefix);
  }

  /** Revokes a key; revoking the console's own key says so first, and the next call's 401 signs out. */
  private async revoke(k: ApiKey) {
    const own = this.own(k);
    if (!confirm(this.t(own ? 'confirmRevokeOwn' : 'confirmRevoke', { prefix: k.prefix }))) return;
    if (!(await this.run(() => this.api.delete(`/v1/api-keys/${k.id}`)))) return;
    // The hub may still accept a revoked key for a few seconds; the console does not wait for that.
    if (own) this.dispatchEvent(new Event('session-ended', { bubbles: true, composed: true }));
    else await this.refresh();
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
        <div class="field"><label for="key-name">${t('keyName')}</label><input id="key-name" name="name" maxlength="100" /></div>
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
      ${this.renderTable(
        ['name', 'prefix', 'created', 'lastUsed', 'actions'],
        this.items,
        (k) => html`<tr data-key=${k.prefix}>
                <td>${k.name ?? '—'} ${this.own(k) ? html`<span class="pill info">${t('thisSession')}</span>` : nothing}</td>
                <td class="mono">${k.prefix}…</td>
                <td>${this.formats.dateTime(k.createdAt)}</td>
                <td>${k.lastUsedAt ? this.formats.dateTime(k.lastUsedAt) : t('never')}</td>
                <td class="actions"><button class="danger" @click=${() => this.revoke(k)}>${t('revoke')}</button></td>
              </tr>`,
      )}`;
  }
}

customElements.define('admin-api-keys', AdminApiKeys);
declare global {
  interface HTMLElementTagNameMap {
    'admin-api-keys': AdminApiKeys;
  }
}
