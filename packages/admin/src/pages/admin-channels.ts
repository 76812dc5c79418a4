import {
  CHANNEL_KINDS,
  type Channel,
  type ChannelKind,
  type ChannelTestResult,
  SECRET_MASK,
} from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { ApiError } from '../api.ts';
import {
  configFromForm,
  configProblems,
  type FieldSpec,
  initialConfig,
  KIND_FIELDS,
  PERSONAL_KINDS,
} from '../channel-kinds.ts';
import { AdminPage } from '../page.ts';

interface Draft {
  id: string | null;
  kind: ChannelKind;
  name: string;
  priority: number;
  enabled: boolean;
  config: Record<string, unknown>;
}

/** Channels: list, create per kind, edit, enable or disable, delete, and send a test. */
export class AdminChannels extends AdminPage {
  static override styles = [
    ...AdminPage.styles,
    css`
      form.card {
        display: grid;
        gap: 12px;
      }
      .test {
        margin-top: 8px;
      }
    `,
  ];
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    draft: { state: true },
    testing: { state: true },
    testResult: { state: true },
    busy: { state: true },
  };

  items: Channel[] = [];
  draft: Draft | null = null;
  testing: Channel | null = null;
  testResult: ChannelTestResult | null = null;
  busy = false;

  protected async load() {
    this.items = (await this.api.get<{ items: Channel[] }>('/v1/channels')).items;
  }

  private newDraft(kind: ChannelKind = 'email'): Draft {
    return {
      id: null,
      kind,
      name: '',
      priority: 0,
      enabled: true,
      config: initialConfig(kind),
    };
  }

  private edit(c: Channel) {
    this.testing = null;
    this.draft = {
      id: c.id,
      kind: c.kind,
      name: c.name,
      priority: c.priority,
      enabled: c.enabled,
      config: { ...c.config },
    };
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft!;
    const known = new Set(KIND_FIELDS[d.kind].map((f) => f.key));
    // Fields the form does not show (apiBase, headers, …) are kept as they were.
    const extras = Object.fromEntries(Object.entries(d.config).filter(([k]) => !known.has(k)));
    const config = { ...extras, ...configFromForm(d.kind, d.config) };
    const problems = configProblems(d.kind, config);
    if (problems.length) {
      // The same schema the hub validates with: say what is wrong before asking it.
      this.error = new ApiError(400, 'VALIDATION_FAILED', problems.join('; '));
      return;
    }
    this.busy = true;
    const ok = await this.run(() =>
      d.id
        ? this.api.patch(`/v1/channels/${d.id}`, {
            name: d.name,
            priority: d.priority,
            enabled: d.enabled,
            config,
          })
        : this.api.post('/v1/channels', {
            kind: d.kind,
            name: d.name,
            priority: d.priority,
            enabled: d.enabled,
            config,
          }),
    );
    this.busy = false;
    if (ok) {
      this.draft = null;
      await this.refresh();
    }
  }

  private async toggle(c: Channel) {
    if (await this.run(() => this.api.patch(`/v1/channels/${c.id}`, { enabled: !c.enabled })))
      await this.refresh();
  }

  private async removeChannel(c: Channel) {
    if (!confirm(this.t('confirmDelete', { name: c.name }))) return;
    if (await this.run(() => this.api.delete(`/v1/channels/${c.id}`))) await this.refresh();
  }

  private async sendTest(e: SubmitEvent) {
    e.preventDefault();
    const to = String(new FormData(e.target as HTMLFormElement).get('to') ?? '').trim();
    this.busy = true;
    this.testResult = null;
    await this.run(async () => {
      this.testResult = await this.api.post<ChannelTestResult>(
        `/v1/channels/${this.testing!.id}/test`,
        to ? { to } : {},
      );
    });
    this.busy = false;
  }

  private openTest(c: Channel) {
    this.draft = null;
    this.testResult = null;
    this.testing = c;
  }

  private closeTest() {
    this.testing = null;
    this.testResult = null;
  }

  private setConfig(key: string, value: unknown) {
    this.draft = { ...this.draft!, config: { ...this.draft!.config, [key]: value } };
  }

  private renderField(f: FieldSpec) {
    const d = this.draft!;
    if (f.when && !f.when(d.config)) return nothing;
    const value = d.config[f.key];
    const label = html`${f.key}${f.required ? ' *' : ''}`;
    if (f.input === 'checkbox') {
      return html`<label class="check"
        ><input type="checkbox" .checked=${value === true} @change=${(e: Event) => this.setConfig(f.key, (e.target as HTMLInputElement).checked)} />${label}</label
      >`;
    }
    if (f.input === 'select') {
      return html`<label
        >${label}<select name=${f.key} @change=${(e: Event) => this.setConfig(f.key, (e.target as HTMLSelectElement).value)}>
          ${f.options!.map((o) => html`<option ?selected=${o === value}>${o}</option>`)}
        </select></label
      >`;
    }
    if (f.input === 'multi') {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return html`<fieldset>
        <legend>${f.key}</legend>
        ${f.options!.map(
          (ev) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${chosen.includes(ev)}
                @change=${(e: Event) =>
                  this.setConfig(
                    f.key,
                    (e.target as HTMLInputElement).checked ? [...chosen, ev] : chosen.filter((x) => x !== ev),
                  )}
              />${ev}</label
            >`,
        )}
      </fieldset>`;
    }
    const masked = f.input === 'secret' && typeof value === 'string' && value.startsWith(SECRET_MASK);
    return html`<label
      >${label}
      <span class="row">
        <input
          name=${f.key}
          style="flex:1"
          type=${f.input === 'secret' ? 'password' : f.input === 'number' ? 'number' : f.input === 'url' ? 'url' : 'text'}
          autocomplete="off"
          placeholder=${f.placeholder ?? ''}
          title=${f.description ?? nothing}
          ?required=${f.required}
          .value=${value === undefined ? '' : String(value)}
          @input=${(e: Event) => this.setConfig(f.key, (e.target as HTMLInputElement).value)}
        />
        ${f.generate ? html`<button type="button" @click=${() => this.setConfig(f.key, f.generate!())}>${this.t('generate')}</button>` : nothing}
      </span>
      ${masked ? html`<span class="hint">${this.t('secretKept')}</span>` : nothing}
    </label>`;
  }

  private renderForm() {
    const d = this.draft!;
    const t = this.t;
    return html`<form class="card" @submit=${this.save} aria-label=${d.id ? t('editChannel') : t('newChannel')}>
      <h3>${d.id ? t('editChannel') : t('newChannel')}</h3>
      <div class="grid">
        <label
          >${t('kind')}
          <select
            name="kind"
            ?disabled=${d.id !== null}
            @change=${(e: Event) => {
              const kind = (e.target as HTMLSelectElement).value as ChannelKind;
              this.draft = { ...this.newDraft(kind), name: d.name };
            }}
          >
            ${CHANNEL_KINDS.map((k) => html`<option ?selected=${k === d.kind}>${k}</option>`)}
          </select></label
        >
        <label
          >${t('name')} *<input
            name="name"
            required
            .value=${d.name}
            @input=${(e: Event) => (this.draft = { ...d, name: (e.target as HTMLInputElement).value })}
        /></label>
        <label
          >${t('priority')}<input
            name="priority"
            type="number"
            min="0"
            max="1000"
            .value=${String(d.priority)}
            @input=${(e: Event) => (this.draft = { ...d, priority: Number((e.target as HTMLInputElement).value) || 0 })}
        /></label>
        <label class="check"
          ><input
            type="checkbox"
            .checked=${d.enabled}
            @change=${(e: Event) => (this.draft = { ...d, enabled: (e.target as HTMLInputElement).checked })}
          />${t('enabled')}</label
        >
      </div>
      <div class="grid">${KIND_FIELDS[d.kind].map((f) => this.renderField(f))}</div>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('save')}</button>
        <button type="button" @click=${() => (this.draft = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderTest() {
    const c = this.testing!;
    const t = this.t;
    const r = this.testResult;
    return html`<form class="card test" @submit=${this.sendTest} aria-label=${t('sendTest')}>
      <h3>${t('sendTest')}: ${c.name}</h3>
      ${
        PERSONAL_KINDS.includes(c.kind)
          ? html`<label>${t('testTo')}<input name="to" required /><span class="hint">${t('testToHelp')}</span></label>`
          : nothing
      }
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('send')}</button>
        <button type="button" @click=${this.closeTest}>${t('close')}</button>
      </div>
      ${
        r
          ? html`<div class="notice ${r.ok ? 'success' : 'error'}" role="status" data-test-result=${r.ok ? 'ok' : 'failed'}>
            <strong>${r.ok ? t('testOk', { ms: r.durationMs }) : t('testFailed', { code: r.error.code, message: r.error.message })}</strong>
            <div>${t('deliveryId')}: <a class="mono" href="#/deliveries">${r.deliveryId}</a></div>
            ${r.ok && r.providerMessageId ? html`<div>${t('providerId')}: <span class="mono">${r.providerMessageId}</span></div>` : nothing}
          </div>`
          : nothing
      }
    </form>`;
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('channels')}</h2>
      ${this.renderError()}
      ${this.draft ? this.renderForm() : html`<p><button class="primary" @click=${() => (this.draft = this.newDraft())}>${t('newChannel')}</button></p>`}
      ${this.testing ? this.renderTest() : nothing}
      <div class="table">
        <table>
          <thead>
            <tr><th>${t('name')}</th><th>${t('kind')}</th><th>${t('status')}</th><th>${t('priority')}</th><th>${t('actions')}</th></tr>
          </thead>
          <tbody>
            ${this.items.map(
              (c) => html`<tr>
                <td>${c.name}${c.disabledReason ? html`<div class="hint">${c.disabledReason}</div>` : nothing}</td>
                <td>${c.kind}</td>
                <td><span class="pill ${c.enabled ? 'ok' : 'muted'}">${c.enabled ? t('enabled') : t('disabled')}</span></td>
                <td>${c.priority}</td>
                <td class="actions">
                  <button @click=${() => this.edit(c)}>${t('edit')}</button>
                  <button @click=${() => this.toggle(c)}>${c.enabled ? t('disable') : t('enable')}</button>
                  <button @click=${() => this.openTest(c)}>${t('sendTest')}</button>
                  <button class="danger" @click=${() => this.removeChannel(c)}>${t('delete')}</button>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${!this.loading && !this.items.length && !this.error ? html`<p class="muted">${t('empty')}</p>` : nothing}
      </div>`;
  }
}

customElements.define('admin-channels', AdminChannels);
declare global {
  interface HTMLElementTagNameMap {
    'admin-channels': AdminChannels;
  }
}
