import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { Api, ApiError, session } from './api.ts';
import { initialLang, type Lang, saveLang, translator } from './i18n.ts';
import { drawIcon, ICON_PATHS, NAV_PATHS } from './icons.ts';
import { shellStyles } from './shell-styles.ts';
import { pageStyles, tokens } from './styles.ts';
import './pages/admin-overview.ts';
import './pages/admin-channels.ts';
import './pages/admin-event-types.ts';
import './pages/admin-deliveries.ts';
import './pages/admin-stock.ts';
import './pages/admin-recipients.ts';
import './pages/admin-api-keys.ts';

const ROUTES = [
  'overview',
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
 * page per hash route (`#/channels`, `#/deliveries`, …) in Spanish or English.
 */
export class AvisoAdmin extends LitElement {
  static override styles = [tokens, pageStyles, shellStyles];
  static override properties = {
    api: { state: true },
    tenantName: { state: true },
    route: { state: true },
    language: { state: true },
    signInError: { state: true },
    busy: { state: true },
  };

  api: Api | null = null;
  tenantName = '';
  route: Route = routeFromHash();
  language: Lang = initialLang();
  signInError = '';
  busy = false;

  private onHash = () => {
    this.route = routeFromHash();
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    document.documentElement.lang = this.language;
    const key = session.get();
    if (key) void this.signIn(key);
  }

  override disconnectedCallback() {
    window.removeEventListener('hashchange', this.onHash);
    super.disconnectedCallback();
  }

  private async signIn(key: string) {
    this.busy = true;
    this.signInError = '';
    const api = new Api(key);
    try {
      const tenant = await api.get<{ name: string }>('/v1/tenant');
      session.set(key);
      this.tenantName = tenant.name;
      this.api = api;
    } catch (err) {
      session.clear();
      const t = translator(this.language);
      this.signInError = err instanceof ApiError && err.status === 401 ? t('badKey') : String(err);
    } finally {
      this.busy = false;
    }
  }

  private signOut() {
    session.clear();
    this.api = null;
    this.tenantName = '';
  }

  private setLang(lang: Lang) {
    this.language = lang;
    saveLang(lang);
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
      ${(['es', 'en'] as const).map(
        (l) =>
          html`<button type="button" aria-pressed=${this.language === l} @click=${() => this.setLang(l)}>
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
        <p class="hint">${t('signInHelp')}</p>
        <label>${t('apiKey')}<input name="key" type="password" autocomplete="off" required autofocus /></label>
        ${this.signInError ? html`<p class="notice error" role="alert">${this.signInError}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${t('signIn')}</button>
      </form>
    </main>`;
  }

  private renderPage(api: Api): TemplateResult {
    const lang = this.language;
    switch (this.route) {
      case 'channels':
        return html`<admin-channels .api=${api} language=${lang}></admin-channels>`;
      case 'eventTypes':
        return html`<admin-event-types .api=${api} language=${lang}></admin-event-types>`;
      case 'deliveries':
        return html`<admin-deliveries .api=${api} language=${lang}></admin-deliveries>`;
      case 'stock':
        return html`<admin-stock .api=${api} language=${lang}></admin-stock>`;
      case 'recipients':
        return html`<admin-recipients .api=${api} language=${lang}></admin-recipients>`;
      case 'apiKeys':
        return html`<admin-api-keys .api=${api} language=${lang}></admin-api-keys>`;
      default:
        return html`<admin-overview .api=${api} language=${lang}></admin-overview>`;
    }
  }

  override render() {
    if (!this.api) return this.renderSignIn();
    const t = translator(this.language);
    return html`<div class="shell">
      <header>
        <span class="brand">${drawIcon(ICON_PATHS.bell)} <strong>${t('appName')}</strong></span>
        <span class="tenant">${this.tenantName}</span>
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
