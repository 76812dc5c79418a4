import {
  CATEGORIES,
  CHANNEL_KINDS,
  HostIdSchema,
  type Preferences,
  type Recipient,
  RecipientInputSchema,
  ROLES,
} from '@aviso/protocol';
import { html, nothing } from 'lit';
import { AdminForm, formStyles } from '../form-page.ts';
import { type Issue, issuesByPath } from '../messages.ts';
import { inputId } from '../page.ts';

/** Fired when the recipient was saved. */
export class RecipientSavedEvent extends Event {
  constructor(readonly recipient: Recipient) {
    super('recipient-saved', { bubbles: true, composed: true });
  }
}

const ADDRESSES = ['email', 'phone', 'whatsapp', 'telegramChatId', 'documentId', 'locale'] as const;
type Category = (typeof CATEGORIES)[number];

/**
 * Creates or edits one recipient (`PUT /v1/recipients/:id` replaces it whole): who they are, where
 * they can be reached, and their preferences — categories, channels and quiet hours.
 * @fires recipient-saved - the recipient was created or changed
 * @fires close - the form was cancelled
 */
export class AdminRecipientForm extends AdminForm {
  static override styles = [...AdminForm.styles, formStyles];

  /** The recipient to edit; null for a new one. */
  recipient: Recipient | null = null;

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const orNull = (name: string) => text(name) || null;
    const id = this.recipient?.id ?? text('id');
    const before = this.recipient?.preferences.categories ?? {};
    const categories: NonNullable<Preferences['categories']> = {};
    for (const c of CATEGORIES) {
      const on = form.get(`cat-${c}`) === 'on';
      const was = before[c];
      // A per-channel choice made elsewhere stays while the category is left on.
      if (!on) categories[c] = false;
      else if (was !== undefined && was !== false) categories[c] = was;
    }
    const channels = Object.fromEntries(
      CHANNEL_KINDS.filter((k) => form.get(`ch-${k}`) !== 'on').map((k) => [k, false]),
    );
    const start = text('quietStart');
    const end = text('quietEnd');
    const body = {
      ...(text('name') ? { name: text('name') } : {}),
      role: text('role'),
      branchIds: text('branchIds')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      ...Object.fromEntries(ADDRESSES.map((a) => [a, orNull(a)])),
      preferences: {
        categories,
        channels,
        quietHours: start || end ? { start, end } : null,
      },
    };
    const idCheck = HostIdSchema.safeParse(id);
    const parsed = RecipientInputSchema.safeParse(body);
    const problems = {
      ...(idCheck.success ? {} : issuesByPath(idCheck.error.issues as Issue[], this.t, 'id')),
      ...(parsed.success ? {} : issuesByPath(parsed.error.issues as Issue[], this.t)),
    };
    if (Object.keys(problems).length) return this.showProblems(this.collapse(problems));
    let saved: Recipient | undefined;
    const ok = await this.send(async () => {
      saved = await this.api.put<Recipient>(`/v1/recipients/${encodeURIComponent(id)}`, body);
    });
    this.fieldErrors = this.collapse(this.fieldErrors);
    if (ok && saved) this.dispatchEvent(new RecipientSavedEvent(saved));
  }

  /** Paths the form shows as one field: quiet hours' start and end, and each branch id. */
  private collapse(errors: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      const field = path.startsWith('preferences.quietHours')
        ? 'preferences.quietHours'
        : path.startsWith('branchIds')
          ? 'branchIds'
          : path;
      out[field] ??= message;
    }
    return out;
  }

  override render() {
    const t = this.t;
    const r = this.recipient;
    const prefs = r?.preferences ?? {};
    const title = r ? t('editRecipient') : t('newRecipient');
    return html`<form class="card" novalidate @submit=${this.save} aria-label=${title}>
      <h3>${title}</h3>
      ${this.renderError()}
      <div class="grid">
        ${r ? html`<div class="field"><span>${t('recipientId')}</span><span class="mono">${r.id}</span></div>` : this.textField('id', t('recipientId'), { name: 'id', value: '', help: t('recipientIdHelp') })}
        ${this.textField('name', t('name'), { name: 'name', value: r?.name ?? '' })}
        <div class="field"><label for=${inputId('role')}>${t('role')}</label>
          <select id=${inputId('role')} name="role">
            ${ROLES.map((role) => html`<option value=${role} ?selected=${role === (r?.role ?? 'staff')}>${this.terms.role[role]}</option>`)}
          </select></div>
        ${this.textField('branchIds', t('branches'), { name: 'branchIds', value: r?.branchIds.join(', ') ?? '', help: t('branchesHelp') })}
        ${this.textField('email', t('email'), { name: 'email', value: r?.email ?? '', type: 'email' })}
        ${this.textField('phone', t('phone'), { name: 'phone', value: r?.phone ?? '', type: 'tel', help: t('phoneHelp') })}
        ${this.textField('whatsapp', t('whatsapp'), { name: 'whatsapp', value: r?.whatsapp ?? '', type: 'tel', help: t('phoneHelp') })}
        ${this.textField('telegramChatId', t('telegramChatId'), { name: 'telegramChatId', value: r?.telegramChatId ?? '' })}
        ${this.textField('documentId', t('documentId'), { name: 'documentId', value: r?.documentId ?? '' })}
        ${this.textField('locale', t('locale'), { name: 'locale', value: r?.locale ?? '', help: t('localeDefault') })}
      </div>
      <fieldset>
        <legend>${t('preferences')}</legend>
        <fieldset>
          <legend>${t('receivesCategories')}</legend>
          <div class="choices">
            ${CATEGORIES.map((c: Category) => {
              const value = prefs.categories?.[c];
              return html`<span class="check">
                <input id="r-cat-${c}" name="cat-${c}" type="checkbox" ?checked=${value !== false} />
                <label for="r-cat-${c}">${this.terms.category[c]}${typeof value === 'object' ? html` <span class="hint">(${t('perChannel')})</span>` : nothing}</label>
              </span>`;
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('receivesChannels')}</legend>
          <div class="choices">
            ${CHANNEL_KINDS.map(
              (k) => html`<span class="check">
                <input id="r-ch-${k}" name="ch-${k}" type="checkbox" ?checked=${prefs.channels?.[k] !== false} />
                <label for="r-ch-${k}">${this.terms.kind[k]}</label>
              </span>`,
            )}
          </div>
        </fieldset>
        <fieldset aria-describedby=${this.describedBy('preferences.quietHours', 'r-quiet-help')}>
          <legend>${t('quietHours')}</legend>
          <div class="row">
            ${this.textField('preferences.quietHours', t('quietFrom'), { name: 'quietStart', value: prefs.quietHours?.start ?? '', type: 'time' })}
            <div class="field"><label for="quiet-end">${t('quietTo')}</label>
              <input id="quiet-end" name="quietEnd" type="time" .value=${prefs.quietHours?.end ?? ''}
                aria-invalid=${this.invalid('preferences.quietHours')} /></div>
          </div>
          <span class="hint" id="r-quiet-help">${t('quietHelp')}</span>
        </fieldset>
      </fieldset>
      ${this.renderButtons(t('save'))}
    </form>`;
  }
}

customElements.define('admin-recipient-form', AdminRecipientForm);
declare global {
  interface HTMLElementTagNameMap {
    'admin-recipient-form': AdminRecipientForm;
  }
  interface HTMLElementEventMap {
    'recipient-saved': RecipientSavedEvent;
  }
}
