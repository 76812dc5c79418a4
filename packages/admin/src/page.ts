import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type Api, ApiError } from './api.ts';
import { type Lang, type StringKey, type Translate, translator } from './i18n.ts';
import { pageStyles, tokens } from './styles.ts';

/**
 * What every page of the console shares: the API client, the language, and a load on show.
 * Subclasses implement `load()` and call `run()` around actions so errors show in the page.
 */
export abstract class AdminPage extends LitElement {
  static override styles = [tokens, pageStyles];
  static override properties = {
    api: { attribute: false },
    language: {},
    error: { state: true },
    loading: { state: true },
  };

  declare api: Api;
  language: Lang = 'en';
  error: unknown = null;
  loading = false;
  protected t: Translate = translator('en');

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('language')) this.t = translator(this.language);
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the page's data, showing errors instead of throwing. */
  async refresh() {
    if (!this.api) return;
    this.loading = true;
    await this.run(() => this.load());
    this.loading = false;
  }

  protected abstract load(): Promise<void>;

  /** Runs an action; an error is kept for `renderError()` and `false` returned. */
  protected async run(action: () => Promise<unknown>): Promise<boolean> {
    try {
      this.error = null;
      await action();
      return true;
    } catch (err) {
      this.error = err;
      return false;
    }
  }

  /** The current error, or the notice for a feature the hub does not offer yet (`what`). */
  protected renderError(what?: StringKey) {
    const err = this.error;
    if (!err) return nothing;
    if (what && err instanceof ApiError && err.routeMissing) {
      return html`<p class="notice" role="status">${this.t('notAvailable', { what: this.t(what) })}</p>`;
    }
    const text = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
    return html`<p class="notice error" role="alert">${text}</p>`;
  }
}
