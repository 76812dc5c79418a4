import type { Channel, ChannelTestResult } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { PERSONAL_KINDS } from '../channel-kinds.ts';
import { sendErrorText } from '../messages.ts';
import { AdminPage, errorId } from '../page.ts';
import './admin-channel-form.ts';

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
    editing: { state: true },
    testing: { state: true },
    testResult: { state: true },
    busy: { state: true },
  };

  items: Channel[] = [];
  /** The channel in the form: `'new'`, a channel, or null when the form is closed. */
  editing: Channel | 'new' | null = null;
  testing: Channel | null = null;
  testResult: ChannelTestResult | null = null;
  busy = false;

  protected async load() {
    this.items = (await this.api.get<{ items: Channel[] }>('/v1/channels')).items;
  }

  private edit(c: Channel | 'new') {
    this.testing = null;
    this.editing = c;
  }

  private async saved() {
    this.editing = null;
    await this.refresh();
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
    if (PERSONAL_KINDS.includes(this.testing!.kind) && !to)
      return this.showProblems({ to: this.t('needed') });
    this.busy = true;
    this.testResult = null;
    await this.run(async () => {
      this.testResult = await this.api.post<ChannelTestResult>(
        `/v1/channels/${this.testing!.id}/test`,
        to ? { to } : {},
      );
    });
    if (this.error && (this.error as { code?: string }).code === 'ADDRESS_REQUIRED') {
      this.fieldErrors = { to: this.t('needed') };
    }
    this.busy = false;
  }

  private openTest(c: Channel) {
    this.editing = null;
    this.testResult = null;
    this.error = null;
    this.fieldErrors = {};
    this.testing = c;
  }

  private closeTest() {
    this.testing = null;
    this.testResult = null;
  }

  private renderTest() {
    const c = this.testing!;
    const t = this.t;
    const r = this.testResult;
    return html`<form class="card test" novalidate @submit=${this.sendTest} aria-label=${t('sendTest')}>
      <h3>${t('sendTest')}: ${c.name}</h3>
      ${
        PERSONAL_KINDS.includes(c.kind)
          ? html`<div class="field">
              <label for="test-to">${t('testTo')}</label>
              <input id="test-to" name="to" aria-required="true" aria-invalid=${this.invalid('to')}
                aria-describedby=${[this.invalid('to') === 'true' ? errorId('to') : '', 'test-to-help'].filter(Boolean).join(' ')} />
              <span class="hint" id="test-to-help">${t('testToHelp')}</span>
              ${this.fieldError('to')}
            </div>`
          : nothing
      }
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('send')}</button>
        <button type="button" @click=${this.closeTest}>${t('close')}</button>
      </div>
      ${
        r
          ? html`<div class="notice ${r.ok ? 'success' : 'error'}" role="status" data-test-result=${r.ok ? 'ok' : 'failed'}>
            <strong>${
              r.ok
                ? t('testOk', { ms: this.formats.duration(r.durationMs) })
                : t('testFailed', {
                    error: [sendErrorText(r.error.code, this.terms), r.error.message].join(': '),
                  })
            }</strong>
            <div>${t('deliveryId')}: <a class="mono" href="#/deliveries">${r.deliveryId}</a></div>
            ${r.ok && r.providerMessageId ? html`<div>${t('providerId')}: <span class="mono">${r.providerMessageId}</span></div>` : nothing}
          </div>`
          : nothing
      }
    </form>`;
  }

  private limits(c: Channel) {
    const parts = [
      ...(c.categories ?? []).map((k) => this.terms.category[k as keyof typeof this.terms.category] ?? k),
      ...(c.types ?? []),
      ...(c.ratePerMinute ? [`${this.formats.number(c.ratePerMinute)}/min`] : []),
    ];
    return parts.length ? html`<div class="hint">${parts.join(' · ')}</div>` : nothing;
  }

  override render() {
    const t = this.t;
    const editing = this.editing;
    return html`<h2>${t('channels')}</h2>
      ${editing ? nothing : this.renderError()}
      ${
        editing
          ? keyed(
              editing === 'new' ? 'new' : editing.id,
              html`<admin-channel-form .api=${this.api} language=${this.language} .formats=${this.formats}
                .channel=${editing === 'new' ? null : editing}
                @channel-saved=${this.saved} @close=${() => (this.editing = null)}></admin-channel-form>`,
            )
          : html`<p><button class="primary" @click=${() => this.edit('new')}>${t('newChannel')}</button></p>`
      }
      ${this.testing ? this.renderTest() : nothing}
      ${this.renderTable(
        ['name', 'kind', 'status', 'priority', 'actions'],
        this.items,
        (c) => html`<tr>
                <td>${c.name}${this.limits(c)}
                  ${c.disabledReason ? html`<div class="hint critical">${t('gone', { reason: c.disabledReason })}</div>` : nothing}</td>
                <td>${this.terms.kind[c.kind]}</td>
                <td><span class="pill ${c.enabled ? 'ok' : 'muted'}">${c.enabled ? t('enabled') : t('disabled')}</span></td>
                <td>${this.formats.number(c.priority)}</td>
                <td class="actions">
                  <button @click=${() => this.edit(c)}>${t('edit')}</button>
                  <button @click=${() => this.toggle(c)}>${c.enabled ? t('disable') : t('enable')}</button>
                  <button @click=${() => this.openTest(c)}>${t('sendTest')}</button>
                  <button class="danger" @click=${() => this.removeChannel(c)}>${t('delete')}</button>
                </td>
              </tr>`,
      )}`;
  }
}

customElements.define('admin-channels', AdminChannels);
declare global {
  interface HTMLElementTagNameMap {
    'admin-channels': AdminChannels;
  }
}
