import { CATALOG_LOCALES, type EventTypeDefinition, ICONS, SEVERITIES } from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import { AdminPage } from '../page.ts';

/** One entry of `GET /v1/event-types`: the catalog's definition as this tenant has it. */
interface EventTypeItem {
  type: string;
  custom: boolean;
  definition: EventTypeDefinition;
}
interface Preview {
  title: string | null;
  message: string;
  link: string | null;
}
interface Draft {
  type: string;
  title: Record<string, string>;
  message: Record<string, string>;
  icon: string;
  severity: string;
  link: string;
  rules: string;
  data: string;
  entityId: string;
}

/** Event types and their templates, with a live preview per locale rendered by the hub. */
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
    previews: { state: true },
    notice: { state: true },
  };

  items: EventTypeItem[] = [];
  draft: Draft | null = null;
  previews: Record<string, Preview | string> = {};
  notice = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected async load() {
    this.items = (await this.api.get<{ items: EventTypeItem[] }>('/v1/event-types')).items;
  }

  private open(item: EventTypeItem) {
    const d = item.definition;
    this.notice = '';
    this.draft = {
      type: item.type,
      title: { es: d.title.es ?? '', en: d.title.en ?? '' },
      message: { es: d.message.es ?? '', en: d.message.en ?? '' },
      icon: d.icon,
      severity: d.severity,
      link: d.link ?? '',
      rules: d.rules ? JSON.stringify(d.rules, null, 2) : '',
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
          next[locale] = (err as Error).message;
        }
      }),
    );
    this.previews = next;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft!;
    let rules: unknown;
    try {
      rules = d.rules.trim() ? JSON.parse(d.rules) : undefined;
    } catch (err) {
      this.error = new Error(this.t('invalidJson', { message: (err as Error).message }));
      return;
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
      }),
    );
    if (ok) {
      this.notice = this.t('saved');
      await this.load();
    }
  }

  private renderEditor() {
    const d = this.draft!;
    const t = this.t;
    return html`<form class="card" @submit=${this.save}>
      <h3>${d.type}</h3>
      <div class="editor">
        <div>
          ${CATALOG_LOCALES.map(
            (l) => html`<fieldset>
              <legend>${l.toUpperCase()}</legend>
              <label
                >${t('titleField')}<input
                  name="title-${l}"
                  .value=${d.title[l] ?? ''}
                  @input=${(e: Event) => this.change({ title: { ...d.title, [l]: (e.target as HTMLInputElement).value } })}
              /></label>
              <label
                >${t('message')}<textarea
                  name="message-${l}"
                  .value=${d.message[l] ?? ''}
                  @input=${(e: Event) =>
                    this.change({ message: { ...d.message, [l]: (e.target as HTMLTextAreaElement).value } })}
                ></textarea>
              </label>
            </fieldset>`,
          )}
          <div class="grid">
            <label
              >${t('icon')}<select @change=${(e: Event) => this.change({ icon: (e.target as HTMLSelectElement).value })}>
                ${ICONS.map((i) => html`<option ?selected=${i === d.icon}>${i}</option>`)}
              </select></label
            >
            <label
              >${t('severity')}<select
                @change=${(e: Event) => this.change({ severity: (e.target as HTMLSelectElement).value })}
              >
                ${SEVERITIES.map((s) => html`<option ?selected=${s === d.severity}>${s}</option>`)}
              </select></label
            >
            <label
              >${t('link')}<input
                .value=${d.link}
                placeholder="#/ventas/{entityId}"
                @input=${(e: Event) => this.change({ link: (e.target as HTMLInputElement).value })}
            /></label>
          </div>
          <label
            >${t('rules')}<textarea
              .value=${d.rules}
              @input=${(e: Event) => this.change({ rules: (e.target as HTMLTextAreaElement).value })}
            ></textarea>
          </label>
        </div>
        <div>
          <label
            >${t('sampleData')}<textarea
              .value=${d.data}
              @input=${(e: Event) => this.change({ data: (e.target as HTMLTextAreaElement).value })}
            ></textarea>
          </label>
          <label
            >${t('entityId')}<input
              .value=${d.entityId}
              @input=${(e: Event) => this.change({ entityId: (e.target as HTMLInputElement).value })}
          /></label>
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
          </div>
        </div>
      </div>
      ${this.notice ? html`<p class="notice success" role="status">${this.notice}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit">${t('save')}</button>
        <button type="button" @click=${() => (this.draft = null)}>${t('close')}</button>
      </div>
    </form>`;
  }

  override render() {
    const t = this.t;
    return html`<h2>${t('eventTypes')}</h2>
      ${this.renderError()} ${this.draft ? this.renderEditor() : nothing}
      <div class="table">
        <table>
          <thead>
            <tr><th>${t('type')}</th><th>${t('category')}</th><th>${t('severity')}</th><th>${t('message')}</th><th></th></tr>
          </thead>
          <tbody>
            ${this.items.map(
              (i) => html`<tr>
                <td class="mono">${i.type} ${i.custom ? html`<span class="pill info">${t('custom')}</span>` : nothing}</td>
                <td>${i.definition.category}</td>
                <td><span class="pill ${i.definition.severity}">${i.definition.severity}</span></td>
                <td>${i.definition.message[this.language] ?? i.definition.message.es}</td>
                <td class="actions"><button @click=${() => this.open(i)}>${t('edit')}</button></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

customElements.define('admin-event-types', AdminEventTypes);
declare global {
  interface HTMLElementTagNameMap {
    'admin-event-types': AdminEventTypes;
  }
}
