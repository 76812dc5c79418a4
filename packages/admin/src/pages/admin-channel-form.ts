// Long because one form edits every channel kind: the fields come from @aviso/protocol's channel
// configs, and the shared parts (secrets, categories, types, rate) are here once for all kinds.
import {
  CATEGORIES,
  CHANNEL_KINDS,
  type Channel,
  ChannelInputSchema,
  type ChannelKind,
  SECRET_MASK,
} from '@aviso/protocol';
import { css, html, nothing } from 'lit';
import {
  configFromForm,
  configProblems,
  type FieldSpec,
  initialConfig,
  KIND_FIELDS,
} from '../channel-kinds.ts';
import { AdminForm, formStyles } from '../form-page.ts';
import { fieldHelp, fieldLabel } from '../i18n.ts';
import { type Issue, issuesByPath } from '../messages.ts';
import { helpId, inputId } from '../page.ts';

interface Draft {
  id: string | null;
  kind: ChannelKind;
  name: string;
  priority: number;
  enabled: boolean;
  config: Record<string, unknown>;
  categories: string[];
  types: string[];
  ratePerMinute: string;
}

interface TypeItem {
  type: string;
  definition: { title: Record<string, string | undefined> };
}

/** Fired when the channel was saved. */
export class ChannelSavedEvent extends Event {
  constructor(readonly channel: Channel) {
    super('channel-saved', { bubbles: true, composed: true });
  }
}

/**
 * The form of one channel: its kind's settings (drawn from the protocol's schema, named for
 * people), what goes through it (categories, types, messages per minute), and every problem shown
 * at its field, whether the console or the hub found it.
 * @fires channel-saved - the channel was created or changed
 * @fires close - the form was cancelled
 */
export class AdminChannelForm extends AdminForm {
  static override styles = [
    ...AdminForm.styles,
    formStyles,
    css`
      .types {
        max-height: 180px;
        overflow-y: auto;
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: 4px 16px;
      }
    `,
  ];
  static override properties = {
    ...AdminForm.properties,
    channel: { attribute: false },
    draft: { state: true },
    typeItems: { state: true },
  };

  /** The channel to edit; null for a new one. */
  channel: Channel | null = null;
  draft!: Draft;
  typeItems: TypeItem[] = [];

  override connectedCallback() {
    const c = this.channel;
    this.draft = c
      ? {
          id: c.id,
          kind: c.kind,
          name: c.name,
          priority: c.priority,
          enabled: c.enabled,
          config: { ...c.config },
          categories: c.categories ?? [],
          types: c.types ?? [],
          ratePerMinute: c.ratePerMinute === null ? '' : String(c.ratePerMinute),
        }
      : this.fresh('email');
    super.connectedCallback();
  }

  protected override async load() {
    this.typeItems = (await this.api.get<{ items: TypeItem[] }>('/v1/event-types')).items;
  }

  private fresh(kind: ChannelKind, name = ''): Draft {
    return {
      id: null,
      kind,
      name,
      priority: 0,
      enabled: true,
      config: initialConfig(kind),
      categories: [],
      types: [],
      ratePerMinute: '',
    };
  }

  private set(patch: Partial<Draft>) {
    this.draft = { ...this.draft, ...patch };
  }

  private setConfig(key: string, value: unknown) {
    this.set({ config: { ...this.draft.config, [key]: value } });
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const d = this.draft;
    const known = new Set(KIND_FIELDS[d.kind].map((f) => f.key));
    // Fields the form does not show (apiBase, headers, …) are kept as they were.
    const extras = Object.fromEntries(Object.entries(d.config).filter(([k]) => !known.has(k)));
    const config = { ...extras, ...configFromForm(d.kind, d.config) };
    const rate = d.ratePerMinute.trim();
    const body = {
      name: d.name.trim(),
      priority: d.priority,
      enabled: d.enabled,
      config,
      categories: d.categories.length ? d.categories : null,
      types: d.types.length ? d.types : null,
      ratePerMinute: rate === '' ? null : Number(rate),
    };
    // The schemas the hub validates with, so problems show at their fields before asking it.
    const parsed = ChannelInputSchema.safeParse({ kind: d.kind, ...body, config: {} });
    const problems = {
      ...(parsed.success ? {} : issuesByPath(parsed.error.issues as Issue[], this.t)),
      ...issuesByPath(configProblems(d.kind, config), this.t, 'config'),
    };
    if (Object.keys(problems).length) return this.showProblems(problems);
    let saved: Channel | undefined;
    const ok = await this.send(async () => {
      saved = d.id
        ? await this.api.patch<Channel>(`/v1/channels/${d.id}`, body)
        : await this.api.post<Channel>('/v1/channels', { kind: d.kind, ...body });
    });
    if (ok && saved) this.dispatchEvent(new ChannelSavedEvent(saved));
  }

  private renderConfigField(f: FieldSpec) {
    const d = this.draft;
    if (f.when && !f.when(d.config)) return nothing;
    const path = `config.${f.key}`;
    const id = inputId(path);
    const label = fieldLabel(this.terms, d.kind, f.key);
    const value = d.config[f.key];
    const masked = f.input === 'secret' && typeof value === 'string' && value.startsWith(SECRET_MASK);
    // "Leave it to keep the stored secret" is not said while the hub asks for it again.
    const keep = masked && !(path in this.fieldErrors);
    const help = keep ? this.t('secretKept') : fieldHelp(this.terms, d.kind, f.key);
    const aria = {
      invalid: this.invalid(path),
      describedBy: this.describedBy(path, help ? helpId(path) : ''),
    };
    if (f.input === 'checkbox') {
      return html`<div class="field">
        <span class="check">
          <input id=${id} type="checkbox" .checked=${value === true} aria-invalid=${aria.invalid}
            @change=${(e: Event) => this.setConfig(f.key, (e.target as HTMLInputElement).checked)} />
          <label for=${id}>${label}</label>
        </span>
        ${this.fieldError(path)}
      </div>`;
    }
    if (f.input === 'select') {
      const input = html`<select id=${id} aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}
        @change=${(e: Event) => this.setConfig(f.key, (e.target as HTMLSelectElement).value)}>
        ${f.options!.map((o) => html`<option value=${o} ?selected=${o === value}>${this.terms.option[`${f.key}.${o}`] ?? o}</option>`)}
      </select>`;
      return this.field(path, label, input, help, f.required);
    }
    if (f.input === 'multi') {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return html`<fieldset aria-describedby=${aria.describedBy} aria-invalid=${aria.invalid}>
        <legend>${label}</legend>
        <div class="choices">
          ${f.options!.map((o) => {
            const oid = `${id}-${o.replace(/\W/g, '-')}`;
            return html`<span class="check">
              <input id=${oid} type="checkbox" .checked=${chosen.includes(o)}
                @change=${(e: Event) =>
                  this.setConfig(
                    f.key,
                    (e.target as HTMLInputElement).checked ? [...chosen, o] : chosen.filter((x) => x !== o),
                  )} />
              <label for=${oid}>${(this.terms.webhookEvent as Record<string, string>)[o] ?? o}</label>
            </span>`;
          })}
        </div>
        ${help ? html`<span class="hint" id=${helpId(path)}>${help}</span>` : nothing} ${this.fieldError(path)}
      </fieldset>`;
    }
    const type =
      f.input === 'secret'
        ? 'password'
        : f.input === 'number'
          ? 'number'
          : f.input === 'url'
            ? 'url'
            : 'text';
    const input = html`<span class="row">
      <input id=${id} style="flex:1" type=${type} autocomplete="off" placeholder=${f.placeholder ?? ''}
        aria-required=${f.required ? 'true' : 'false'} aria-invalid=${aria.invalid} aria-describedby=${aria.describedBy}
        .value=${value === undefined ? '' : String(value)}
        @input=${(e: Event) => this.setConfig(f.key, (e.target as HTMLInputElement).value)} />
      ${f.generate ? html`<button type="button" @click=${() => this.setConfig(f.key, f.generate!())}>${this.t('generate')}</button>` : nothing}
    </span>`;
    return this.field(path, label, input, help, f.required);
  }

  private renderLimits() {
    const d = this.draft;
    const t = this.t;
    const toggle = (list: string[], item: string, on: boolean) =>
      on ? [...list, item] : list.filter((x) => x !== item);
    return html`<fieldset>
      <legend>${t('channelLimits')}</legend>
      <fieldset aria-describedby=${this.describedBy('categories', helpId('categories'))}>
        <legend>${t('categories')}</legend>
        <div class="choices">
          ${CATEGORIES.map(
            (c) => html`<span class="check">
              <input id=${inputId(`categories-${c}`)} type="checkbox" .checked=${d.categories.includes(c)}
                @change=${(e: Event) => this.set({ categories: toggle(d.categories, c, (e.target as HTMLInputElement).checked) })} />
              <label for=${inputId(`categories-${c}`)}>${this.terms.category[c]}</label>
            </span>`,
          )}
        </div>
        <span class="hint" id=${helpId('categories')}>${t('categoriesHelp')}</span> ${this.fieldError('categories')}
      </fieldset>
      <fieldset aria-describedby=${this.describedBy('types', helpId('types'))}>
        <legend>${t('types')}</legend>
        <div class="types">
          ${this.typeItems.map(
            (i) => html`<span class="check">
              <input id=${inputId(`types-${i.type}`)} type="checkbox" .checked=${d.types.includes(i.type)}
                @change=${(e: Event) => this.set({ types: toggle(d.types, i.type, (e.target as HTMLInputElement).checked) })} />
              <label for=${inputId(`types-${i.type}`)}>${i.definition.title[this.language] ?? i.definition.title.es ?? i.type}
                <span class="hint mono">${i.type}</span></label>
            </span>`,
          )}
        </div>
        <span class="hint" id=${helpId('types')}>${t('typesHelp')}</span> ${this.fieldError('types')}
      </fieldset>
      ${this.textField('ratePerMinute', t('ratePerMinute'), {
        type: 'number',
        value: d.ratePerMinute,
        help: t('ratePerMinuteHelp'),
        onInput: (v) => this.set({ ratePerMinute: v }),
      })}
    </fieldset>`;
  }

  override render() {
    const d = this.draft;
    const t = this.t;
    const title = d.id ? t('editChannel') : t('newChannel');
    return html`<form class="card" novalidate @submit=${this.save} aria-label=${title}>
      <h3>${title}</h3>
      ${this.renderError()}
      <div class="grid">
        ${this.field(
          'kind',
          t('kind'),
          html`<select id=${inputId('kind')} ?disabled=${d.id !== null}
            @change=${(e: Event) => (this.draft = this.fresh((e.target as HTMLSelectElement).value as ChannelKind, d.name))}>
            ${CHANNEL_KINDS.map((k) => html`<option value=${k} ?selected=${k === d.kind}>${this.terms.kind[k]}</option>`)}
          </select>`,
        )}
        ${this.textField('name', t('name'), { value: d.name, required: true, onInput: (v) => this.set({ name: v }) })}
        ${this.textField('priority', t('priority'), {
          type: 'number',
          value: String(d.priority),
          help: t('priorityHelp'),
          onInput: (v) => this.set({ priority: Number(v) || 0 }),
        })}
        <div class="field"><span class="check">
          <input id=${inputId('enabled')} type="checkbox" .checked=${d.enabled}
            @change=${(e: Event) => this.set({ enabled: (e.target as HTMLInputElement).checked })} />
          <label for=${inputId('enabled')}>${t('enabled')}</label>
        </span></div>
      </div>
      <div class="grid">${KIND_FIELDS[d.kind].map((f) => this.renderConfigField(f))}</div>
      ${this.renderLimits()}
      ${this.renderButtons(t('save'))}
    </form>`;
  }
}

customElements.define('admin-channel-form', AdminChannelForm);
declare global {
  interface HTMLElementTagNameMap {
    'admin-channel-form': AdminChannelForm;
  }
  interface HTMLElementEventMap {
    'channel-saved': ChannelSavedEvent;
  }
}
