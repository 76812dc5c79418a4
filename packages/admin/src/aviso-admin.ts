import type { Tenant } from '@aviso/protocol';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { Api, ApiError, session } from './api.ts';
import { Formats } from './formats.ts';
import {
  initialLang,
  isLoaded,
  LANG_CODES,
  type Lang,
  loadLang,
  saveLang,
  termsOf,
  translator,
} from './i18n.ts';
import { drawIcon, ICON_PATHS, iconStyles, NAV_PATHS } from './icons.ts';
import { errorText } from './messages.ts';
import { shellStyles } from './shell-styles.ts';
import { pageStyles, tokens } from './styles.ts';
import './pages/admin-overview.ts';
import './pages/admin-activity.ts';
import './pages/admin-channels.ts';
import './pages/admin-event-types.ts';
import './pages/admin-deliveries.ts';
import './pages/admin-stock.ts';
import './pages/admin-recipients.ts';
import './pages/admin-api-keys.ts';

const ROUTES = [
  'overview',
  'activity',
  'channels',
  'eventTypes',
  'deliveries',
  'stock',
  'recipients',
  'apiKeys',
] as const;
type Route = (typeof ROUTES)[number];
const SLUGS: Record<Route, string> = {
  overview: 'overview',
  activity: 'activity',
  channels: 'channels',
  eventTypes: 'event-types',
  deliveries: 'deliveries',
  stock: 'stock',
  recipients: 'recipients',
  apiKeys: 'api-keys',
};

function routeFromHash(): Route {
  const slug = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => SLUGS[r] === slug) ?? 'overview';
}

/**
 * The admin console: signs in with a tenant API key (kept in sessionStorage), then shows one
 * page per hash route (`#/channels`, `#/deliveries`, …) in Spanish, English or Portuguese, with
 * dates and amounts as the tenant writes them. Any 401 ends the session and returns here.
 */
export class AvisoAdmin extends LitElement {
  static override styles = [tokens, pageStyles, iconStyles, shellStyles];
  static override properties = {
    api: { state: true },
    tenant: { state: true },
    route: { state: true },
    language: { state: true },
    signInError: { state: true },
    busy: { state: true },
  };

  api: Api | null = null;
  tenant: Tenant | null = null;
  route: Route = routeFromHash();
  /** The language shown; a chosen one that is still loading takes its place once it is there. */
  language: Lang = 'es';
  /** The language last chosen, which `language` becomes once it has loaded. */
  private wanted: Lang = 'es';
  signInError = '';
  busy = false;
  private formats = new Formats(this.language);

  private onHash = () => {
    this.route = routeFromHash();
  };

  private onSessionEnded = () => this.endSession();

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener('session-ended', this.onSessionEnded);
    void this.setLang(initialLang(), false);
    const key = session.get();
    if (key) void this.signIn(key);
  }

  override disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHash);
    this.removeEventListener('session-ended', this.onSessionEnded);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('language') || changed.has('tenant')) {
      this.formats = new Formats(this.language, this.tenant ?? undefined);
    }
  }

  private async signIn(key: string) {
    this.busy = true;
    this.signInError = '';
    const api = new Api(key, '', () => this.endSession());
    try {
      const tenant = await new Api(key).get<Tenant>('/v1/tenant');
      session.set(key);
      this.tenant = tenant;
      this.api = api;
    } catch (err) {
      session.clear();
      const t = translator(this.language);
      this.signInError =
        err instanceof ApiError && err.status === 401
          ? t('badKey')
          : errorText(err, t, termsOf(this.language));
    } finally {
      this.busy = false;
    }
  }

  /** The key stopped working (revoked, or the tenant is gone): back to sign-in, saying why. */
  private endSession() {
    if (!this.api) return;
    this.signOut();
    this.signInError = translator(this.language)('sessionEnded');
  }

  private signOut() {
    session.clear();
    this.api = null;
    this.tenant = null;
    this.signInError = '';
  }

  private async setLang(lang: Lang, save = true) {
    if (save) saveLang(lang);
    this.wanted = lang;
    if (!isLoaded(lang)) await loadLang(lang).catch(() => undefined);
    // A later choice made while this one loaded wins; one that could not load keeps what is shown.
    if (this.wanted !== lang) return;
    if (!isLoaded(lang)) {
      this.wanted = this.language;
      this.requestUpdate();
      return;
    }
    this.language = lang;
    document.documentElement.lang = lang;
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const key = new FormData(e.target as HTMLFormElement).get('key');
    if (typeof key === 'string' && key.trim()) void this.signIn(key.trim());
  }

  private renderLangToggle() {
    const t = translator(this.language);
    return html`<div class="lang" role="group" aria-label=${t('language')}>
      ${LANG_CODES.map(
        (l) =>
          html`<button type="button" lang=${l} aria-pressed=${this.language === l} @click=${() => this.setLang(l)}>
            ${l.toUpperCase()}
          </button>`,
      )}
    </div>`;
  }

  private renderSignIn() {
    const t = translator(this.language);
    return html`<main class="signin">
      <form class="card" @submit=${this.onSubmit}>
        <div class="brand">${drawIcon(ICON_PATHS.bell)} <strong>${t('appName')}</strong> ${this.renderLangToggle()}</div>
        <h1>${t('signInTitle')}</h1>
        <p class="hint" id="signin-help">${t('signInHelp')}</p>
        <label for="key">${t('apiKey')}</label>
        <input id="key" name="key" type="password" autocomplete="off" required autofocus aria-describedby="signin-help signin-where" />
        ${this.signInError ? html`<p class="notice error" role="alert">${this.signInError}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('signIn')}</button>
        <p class="hint" id="signin-where">${t('keyWhere')}</p>
      </form>
    </main>`;
  }

  private renderPage(api: Api): TemplateResult {
    const lang = this.language;
    const f = this.formats;
    switch (this.route) {
      case 'activity':
        return html`<admin-activity .api=${api} language=${lang} .formats=${f}></admin-activity>`;
      case 'channels':
        return html`<admin-channels .api=${api} language=${lang} .formats=${f}></admin-channels>`;
      case 'eventTypes':
        return html`<admin-event-types .api=${api} language=${lang} .formats=${f}></admin-event-types>`;
      case 'deliveries':
        return html`<admin-deliveries .api=${api} language=${lang} .formats=${f}></admin-deliveries>`;
      case 'stock':
        return html`<admin-stock .api=${api} language=${lang} .formats=${f}></admin-stock>`;
      case 'recipients':
        return html`<admin-recipients .api=${api} language=${lang} .formats=${f}></admin-recipients>`;
      case 'apiKeys':
        return html`<admin-api-keys .api=${api} language=${lang} .formats=${f}></admin-api-keys>`;
      default:
        return html`<admin-overview .api=${api} language=${lang} .formats=${f}></admin-overview>`;
    }
  }

  override render() {
    // Nothing until a chosen language other than Spanish has arrived, so no page flashes in Spanish.
    if (this.wanted !== this.language && !isLoaded(this.wanted)) return nothing;
    if (!this.api) return this.renderSignIn();
    const t = translator(this.language);
    return html`<div class="shell">
      <header>
        <span class="brand">${drawIcon(ICON_PATHS.bell)} <strong>${t('appName')}</strong></span>
        <span class="tenant">${this.tenant?.name}</span>
        ${this.renderLangToggle()}
        <button type="button" @click=${this.signOut}>${drawIcon(NAV_PATHS.signOut)} ${t('signOut')}</button>
      </header>
      <nav aria-label=${t('nav')}>
        ${ROUTES.map(
          (r) =>
            html`<a href="#/${SLUGS[r]}" aria-current=${this.route === r ? 'page' : 'false'}
              >${drawIcon(NAV_PATHS[r])}<span>${t(r)}</span></a
            >`,
        )}
      </nav>
      <main>${this.renderPage(this.api)}</main>
    </div>`;
  }
}

customElements.define('aviso-admin', AvisoAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'aviso-admin': AvisoAdmin;
  }
}
