// Long because the event-type editor is one form with a live preview, per-locale templates and the
// email override; the preview and the form share their state, so they stay in one element.
import { CATALOG_LOCALES, ICONS, SEVERITIES } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { ApiError } from '../api.ts';
import type { EventTypeItem } from '../lookups.ts';
import { errorParams, errorText } from '../messages.ts';
import { AdminPage } from '../page.ts';
import { whatsappPreview } from '../whatsapp-preview.ts';
import type { TypeCreatedEvent } from './admin-new-type.ts';
import './admin-new-type.ts';

interface Preview {
  title: string | null;
  message: string;
  link: string | null;
}
interface Draft {
  type: string;
  custom: boolean;
  title: Record<string, string>;
  message: Record<string, string>;
  icon: string;
  severity: string;
  link: string;
  rules: string;
  /** The WhatsApp template mapping as JSON; empty for none. */
  whatsappTemplate: string;
  data: string;
  entityId: string;
}

/** Event types and their templates: a live preview per locale rendered by the hub, reset to the catalog, new types. */
export class AdminEventTypes extends AdminPage {
  static override styles = [
    ...AdminPage.styles,
    css`
      .editor {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
        gap: 16px;
      }
      .preview {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 10px 12px;
        margin-bottom: 8px;
        box-shadow: var(--_shadow);
      }
      .preview .t {
        font-weight: 600;
      }
    `,
  ];
  static override properties = {
    ...AdminPage.properties,
    items: { state: true },
    draft: { state: true },
    creating: { state: true },
    previews: { state: true },
    notice: { state: true },
  };

  items: EventTypeItem[] = [];
  draft: Draft | null = null;
  creating = false;
  previews: Record<string, Preview | string> = {};
  notice = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected async load() {
    this.items = (await this.api.get<{ items: EventTypeItem[] }>('/v1/event-types')).items;
  }

  private open(item: EventTypeItem) {
    const d = item.definition;
    this.notice = '';
    this.creating = false;
    this.fieldErrors = {};
    this.draft = {
      type: item.type,
      custom: item.custom,
      title: Object.fromEntries(CATALOG_LOCALES.map((l) => [l, d.title[l] ?? ''])),
      message: Object.fromEntries(CATALOG_LOCALES.map((l) => [l, d.message[l] ?? ''])),
      icon: d.icon,
      severity: d.severity,
      link: d.link ?? '',
      rules: d.rules ? JSON.stringify(d.rules, null, 2) : '',
      whatsappTemplate: d.whatsappTemplate ? JSON.stringify(d.whatsappTemplate, null, 2) : '',
      data: JSON.stringify({ total: 1250.5, branchId: 'central', sku: 'SKU-1', name: 'Martillo' }, null, 2),
      entityId: 'demo-1',
    };
    this.schedulePreview();
  }

  private change(patch: Partial<Draft>) {
    this.draft = { ...this.draft!, ...patch };
    this.schedulePreview();
  }

  private schedulePreview() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.preview(), 250);
  }

  private async preview() {
    const d = this.draft;
    if (!d) return;
    let data: Record<string, unknown>;
    try {
      data = d.data.trim() ? JSON.parse(d.data) : {};
    } catch (err) {
      const text = this.t('invalidJson', { message: (err as Error).message });
      this.previews = Object.fromEntries(CATALOG_LOCALES.map((l) => [l, text]));
      return;
    }
    const next: Record<string, Preview | string> = {};
    await Promise.all(
      CATALOG_LOCALES.map(async (locale) => {
        try {
          next[locale] = await this.api.post<Preview>(`/v1/event-types/${d.type}/preview`, {
            locale,
            data,
            entityId: d.entityId || undefined,
            title: d.title[locale] || undefined,
            message: d.message[locale] || undefined,
            link: d.link || null,
          });
        } catch (err) {
          next[locale] = errorText(err, this.t, this.terms);
        }
      }),
    );
    this.previews = next;
  }

  /** Template errors name the template (`message.es`); rule errors any path under `rules`. */
  private mapTemplateErrors() {
    const err = this.error;
    if (!(err instanceof ApiError)) return;
    const mapped: Record<string, string> = {};
    if (err.code === 'TEMPLATE_ERROR' || err.code === 'TEMPLATE_TOO_COSTLY') {
      const template = errorParams(err.code, err.message).template;
      if (template) mapped[template] = errorText(err, this.t, this.terms);
    }
    for (const [path, message] of Object.entries(this.fieldErrors)) {
      const field = ['rules', 'whatsappTemplate'].find((f) => path.startsWith(f)) ?? path;
      mapped[field] ??= message;
    }
    this.fieldErrors = mapped;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft!;
    let rules: unknown;
    try {
      rules = d.rules.trim() ? JSON.parse(d.rules) : undefined;
    } catch (err) {
      return this.showProblems({ rules: this.t('invalidJson', { message: (err as Error).message }) });
    }
    let whatsappTemplate: unknown;
    try {
      whatsappTemplate = d.whatsappTemplate.trim() ? JSON.parse(d.whatsappTemplate) : null;
    } catch (err) {
      return this.showProblems({
        whatsappTemplate: this.t('invalidJson', { message: (err as Error).message }),
      });
    }
    const clean = (texts: Record<string, string>) =>
      Object.fromEntries(Object.entries(texts).filter(([, v]) => v.trim() !== ''));
    const ok = await this.run(() =>
      this.api.put(`/v1/event-types/${d.type}`, {
        title: clean(d.title),
        message: clean(d.message),
        icon: d.icon,
        severity: d.severity,
        link: d.link || null,
        ...(rules === undefined ? {} : { rules }),
        whatsappTemplate,
      }),
    );
    this.mapTemplateErrors();
    if (ok) {
      this.notice = this.t('saved');
      await this.load();
    }
  }

  /** Removes the tenant's override: a catalog type is as the catalog has it again, an added one is gone. */
  private async reset(item: EventTypeItem) {
    const t = this.t;
    if (
      !confirm(
        item.custom ? t('confirmDeleteType', { type: item.type }) : t('confirmReset', { type: item.type }),
      )
    )
      return;
    this.notice = '';
    let nothingToReset = false;
    const ok = await this.run(async () => {
      try {
        await this.api.delete(`/v1/event-types/${item.type}`);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'NOT_FOUND' && !err.routeMissing)) throw err;
        nothingToReset = true;
      }
    });
    if (!ok) return;
    if (this.draft?.type === item.type) this.draft = null;
    this.notice = nothingToReset
      ? t('nothingToReset', { type: item.type })
      : item.custom
        ? t('deletedType', { type: item.type })
        : t('resetDone', { type: item.type });
    await this.refresh();
  }

  private startNew() {
    this.draft = null;
    this.creating = true;
  }

  /** A new type was created: it is listed, and opened so its texts can be previewed. */
  private async created(e: TypeCreatedEvent) {
    this.creating = false;
    await this.refresh();
    const item = this.items.find((i) => i.type === e.typeName);
    if (item) this.open(item);
  }

  private renderEditor() {
    const d = this.draft!;
    const t = this.t;
    return html`<form class="card" novalidate @submit=${this.save} aria-label=${d.type}>
      <h3>${d.type}</h3>
      <div class="editor">
        <div>
          ${CATALOG_LOCALES.map(
            (l) => html`<fieldset>
              <legend>${l.toUpperCase()}</legend>
              ${this.textField(`title.${l}`, t('titleField'), { value: d.title[l] ?? '', onInput: (v) => this.change({ title: { ...d.title, [l]: v } }) })}
              ${this.textField(`message.${l}`, t('message'), { value: d.message[l] ?? '', onInput: (v) => this.change({ message: { ...d.message, [l]: v } }), textarea: true })}
            </fieldset>`,
          )}
          <div class="grid">
            <div class="field"><label for="e-icon">${t('icon')}</label>
              <select id="e-icon" @change=${(e: Event) => this.change({ icon: (e.target as HTMLSelectElement).value })}>
                ${ICONS.map((i) => html`<option value=${i} ?selected=${i === d.icon}>${this.terms.icon[i]}</option>`)}
              </select></div>
            <div class="field"><label for="e-severity">${t('severity')}</label>
              <select id="e-severity" @change=${(e: Event) => this.change({ severity: (e.target as HTMLSelectElement).value })}>
                ${SEVERITIES.map((s) => html`<option value=${s} ?selected=${s === d.severity}>${this.terms.severity[s]}</option>`)}
              </select></div>
            ${this.textField('link', t('link'), { value: d.link, onInput: (v) => this.change({ link: v }) })}
          </div>
          ${this.textField('rules', t('rules'), { value: d.rules, onInput: (v) => this.change({ rules: v }), textarea: true })}
          ${this.textField('whatsappTemplate', t('whatsappTemplate'), { value: d.whatsappTemplate, onInput: (v) => this.change({ whatsappTemplate: v }), textarea: true })}
          <p class="hint">${t('whatsappTemplateHelp')}</p>
        </div>
        <div>
          ${this.textField('data', t('sampleData'), { value: d.data, onInput: (v) => this.change({ data: v }), textarea: true })}
          ${this.textField('entityId', t('entityId'), { value: d.entityId, onInput: (v) => this.change({ entityId: v }) })}
          <h3>${t('preview')}</h3>
          <div aria-live="polite">
            ${CATALOG_LOCALES.map((l) => {
              const p = this.previews[l];
              return html`<div class="preview" data-locale=${l}>
                <div class="hint">${l.toUpperCase()}</div>
                ${
                  typeof p === 'string'
                    ? html`<div class="critical">${p}</div>`
                    : p
                      ? html`<div class="t">${p.title ?? ''}</div>
                        <div>${p.message}</div>
                        ${p.link ? html`<div class="hint mono">${p.link}</div>` : nothing}`
                      : html`<div class="hint">${t('loading')}</div>`
                }
              </div>`;
            })}
            ${whatsappPreview(this.t, d, typeof this.previews.es === 'object' ? this.previews.es : undefined)}
          </div>
        </div>
      </div>
      <div class="row">
        <button class="primary" type="submit">${t('save')}</button>
        <button type="button" @click=${() => (this.draft = null)}>${t('close')}</button>
      </div>
    </form>`;
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('eventTypes')}</h2>
      ${this.renderError()} ${this.notice ? html`<p class="notice success" role="status">${this.notice}</p>` : nothing}
      ${
        this.creating
          ? html`<admin-new-type .api=${this.api} language=${this.language} .formats=${this.formats}
              .taken=${new Set(this.items.map((i) => i.type))}
              @type-created=${this.created}
              @close=${() => (this.creating = false)}></admin-new-type>`
          : html`<p><button class="primary" @click=${this.startNew}>${t('newType')}</button></p>`
      }
      ${this.draft ? this.renderEditor() : nothing}
      ${this.renderTable(
        ['type', 'category', 'severity', 'message', 'actions'],
        this.items,
        (i) => html`<tr data-type=${i.type}>
                <td>${i.definition.title[this.language] ?? i.definition.title.es ?? ''}
                  <div class="hint mono">${i.type} ${i.custom ? html`<span class="pill info">${t('custom')}</span>` : nothing}</div></td>
                <td>${this.terms.category[i.definition.category as keyof typeof this.terms.category] ?? i.definition.category}</td>
                <td><span class="pill ${i.definition.severity}">${this.terms.severity[i.definition.severity as keyof typeof this.terms.severity] ?? i.definition.severity}</span></td>
                <td>${i.definition.message[this.language] ?? i.definition.message.es}</td>
                <td class="actions">
                  <button @click=${() => this.open(i)}>${t('edit')}</button>
                  <button class=${i.custom ? 'danger' : ''} @click=${() => this.reset(i)}>${i.custom ? t('delete') : t('resetType')}</button>
                </td>
              </tr>`,
      )}`;
  }
}

customElements.define('admin-event-types', AdminEventTypes);
declare global {
  interface HTMLElementTagNameMap {
    'admin-event-types': AdminEventTypes;
  }
}
