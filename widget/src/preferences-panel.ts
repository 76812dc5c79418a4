import type { Preferences } from '@aviso/protocol';
import { CATEGORY_NAMES } from '@aviso/protocol/category-names';
import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { AvisoClient } from './client.ts';
import type { PreferenceStrings } from './strings.ts';

// Loaded with `import()` the first time the person opens their preferences, to keep the bundle a
// page loads up front within its budget. Like the filter bar, it takes Lit's `html` from the bell.

/** The channels a person may turn off for themselves (Slack and webhooks are the business's). */
const CHANNELS = ['email', 'whatsapp', 'telegram', 'sms'] as const;
const CHANNEL_NAMES = { email: 'Email', whatsapp: 'WhatsApp', telegram: 'Telegram', sms: 'SMS' };

const TEXTS: Record<string, PreferenceStrings> = {
  es: {
    preferences: 'Preferencias',
    prefCategories: 'Qué avisos recibir',
    prefChannels: 'Por dónde, además de aquí',
    quietHours: 'Horas de silencio',
    quietFrom: 'Desde',
    quietTo: 'Hasta',
    save: 'Guardar',
    saved: 'Preferencias guardadas.',
    saveFailed: 'No se pudieron guardar. Reintenta.',
    loading: 'Cargando…',
  },
  en: {
    preferences: 'Preferences',
    prefCategories: 'Which notifications to get',
    prefChannels: 'Where, besides here',
    quietHours: 'Quiet hours',
    quietFrom: 'From',
    quietTo: 'To',
    save: 'Save',
    saved: 'Preferences saved.',
    saveFailed: 'They could not be saved. Try again.',
    loading: 'Loading…',
  },
  pt: {
    preferences: 'Preferências',
    prefCategories: 'Quais avisos receber',
    prefChannels: 'Por onde, além daqui',
    quietHours: 'Horário de silêncio',
    quietFrom: 'Das',
    quietTo: 'Até',
    save: 'Salvar',
    saved: 'Preferências salvas.',
    saveFailed: 'Não foi possível salvar. Tente de novo.',
    loading: 'Carregando…',
  },
};

/**
 * The person's preferences over `GET`/`PUT /v1/me/preferences`: categories and channels as
 * checkboxes, quiet hours as two time fields, saved with one button. A category switched per
 * channel elsewhere (`{"whatsapp": false}`) shows as on and is kept unless toggled here.
 */
export class PreferencesView {
  private prefs: Preferences | undefined;
  private status: '' | 'saving' | 'saved' | 'failed' = '';

  constructor(
    private readonly host: { requestUpdate(): void },
    private readonly client: AvisoClient,
  ) {
    void client
      .preferences()
      .then((p) => (this.prefs = p))
      .catch(() => (this.status = 'failed'))
      .finally(() => host.requestUpdate());
  }

  private set(change: (p: Preferences) => void): void {
    change(this.prefs!);
    this.status = '';
    this.host.requestUpdate();
  }

  private async save(): Promise<void> {
    this.status = 'saving';
    this.host.requestUpdate();
    try {
      this.prefs = await this.client.setPreferences(this.prefs!);
      this.status = 'saved';
    } catch {
      this.status = 'failed';
    }
    this.host.requestUpdate();
  }

  render(
    { html, nothing }: { html: typeof litHtml; nothing: typeof litNothing },
    lang: 'es' | 'en' | 'pt',
    strings: Partial<PreferenceStrings>,
  ): TemplateResult {
    const t = { ...TEXTS[lang]!, ...strings };
    const p = this.prefs;
    const style = html`<style>
      .prefs {
        overflow: auto;
        padding: 4px 14px 12px;
      }
      .prefs fieldset {
        margin: 8px 0 0;
        border: 1px solid var(--_border);
        border-radius: 6px;
      }
      .prefs label {
        display: flex;
        gap: 6px;
        align-items: center;
        padding: 2px 0;
      }
      .prefs .save {
        margin-top: 10px;
        padding: 6px 14px;
        border-radius: 6px;
        background: var(--_accent);
        color: var(--_bg);
      }
    </style>`;
    if (!p) {
      return html`${style}<div class="state" role=${this.status ? 'alert' : 'status'}>
          ${this.status ? t.saveFailed : t.loading}
        </div>`;
    }
    const box = (label: string, checked: boolean, change: (on: boolean) => void) =>
      html`<label
        ><input
          type="checkbox"
          .checked=${checked}
          @change=${(e: Event) => change((e.target as HTMLInputElement).checked)}
        />${label}</label
      >`;
    const quiet = p.quietHours;
    const time = (label: string, key: 'start' | 'end') =>
      html`<label
        >${label}
        <input
          type="time"
          .value=${quiet?.[key] ?? ''}
          @change=${(e: Event) => this.set((x) => (x.quietHours = { ...x.quietHours!, [key]: (e.target as HTMLInputElement).value }))}
      /></label>`;
    return html`${style}
      <form class="prefs" part="preferences" aria-label=${t.preferences} @submit=${(e: Event) => {
        e.preventDefault();
        void this.save();
      }}>
        <fieldset>
          <legend>${t.prefCategories}</legend>
          ${Object.entries(CATEGORY_NAMES[lang]).map(([key, name]) =>
            box(name, p.categories?.[key as keyof typeof p.categories] !== false, (on) =>
              this.set((x) => {
                const categories = { ...x.categories } as Record<string, unknown>;
                if (on) delete categories[key];
                else categories[key] = false;
                x.categories = categories as Preferences['categories'];
              }),
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>${t.prefChannels}</legend>
          ${CHANNELS.map((kind) =>
            box(CHANNEL_NAMES[kind], p.channels?.[kind] !== false, (on) =>
              this.set((x) => (x.channels = { ...x.channels, [kind]: on })),
            ),
          )}
        </fieldset>
        <fieldset>
          <legend>${t.quietHours}</legend>
          ${box(t.quietHours, !!quiet, (on) =>
            this.set((x) => (x.quietHours = on ? { start: '22:00', end: '08:00' } : null)),
          )}
          ${quiet ? html`${time(t.quietFrom, 'start')}${time(t.quietTo, 'end')}` : nothing}
        </fieldset>
        <button class="save" part="save" ?disabled=${this.status === 'saving'}>${t.save}</button>
        <div role="status">${this.status === 'saved' ? t.saved : this.status === 'failed' ? t.saveFailed : ''}</div>
      </form>`;
  }
}
