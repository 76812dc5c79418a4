// Long because it is the one custom element hosts place: its public attributes and events, the
// panel's tabs and header, and the glue to the controllers (connection, inbox, toasts, alerts) that
// hold the logic. Parts that need not load up front live in lazy chunks (filter-bar.ts,
// preferences-panel.ts, snooze-menu.ts, alerts.ts); splitting the element itself would cost bytes
// of the 30 KB budget.
import type { Notification } from '@aviso/protocol';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  AvisoClient,
  type ConnectionStatus,
  type InboxFilter,
  type NotificationUpdatedEvent,
} from './client.ts';
import { AvisoClientController } from './client-controller.ts';
import { AvisoActionEvent, AvisoNavigateEvent, AvisoNotificationEvent } from './events.ts';
import { drawIcon, ICON_PATHS, type IconOverride, UI_PATHS } from './icons.ts';
import { applyUpdate, InboxController } from './inbox-controller.ts';
import { type ItemContext, itemTemplate } from './item-template.ts';
import { followLink, resolveLink } from './links.ts';
import { placePanel, type ToastCorner } from './placement.ts';
import { type AvisoStringOverrides, type AvisoStrings, pickLang, stringsFor } from './strings.ts';
import { bellStyles } from './styles.ts';
import { ToastController } from './toast-controller.ts';
import { toastsTemplate } from './toasts-template.ts';

/** Where toasts appear: a corner, `auto` (away from the bell), or `off`. */
export type ToastPosition = ToastCorner | 'auto' | 'off';

const TABS: readonly InboxFilter[] = ['all', 'unread', 'archived'];
/** Where this module was loaded from: the hub itself when the page uses `/widget/aviso.js`. */
const SCRIPT_ORIGIN = /^https?:/.test(import.meta.url) ? new URL(import.meta.url).origin : '';
/** What Tab reaches: rows and their buttons off the roving tabindex (`-1`) are not in the cycle. */
const TABBABLE = 'button:not([disabled],[tabindex="-1"]), [tabindex="0"]';
const PHONE = '(max-width: 480px)';
const list = {
  fromAttribute: (value: string | null) => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]) => value.join(' '),
};

/**
 * A notification bell for Aviso: the unread count, an inbox panel and live toasts.
 *
 * @fires aviso-navigate - Before following a notification's link; cancelable, to route yourself.
 * @fires aviso-notification - A live notification arrived; cancel it to suppress its toast.
 * @fires aviso-action - An action button of a notification was pressed.
 * @csspart button - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart panel - The inbox panel.
 * @csspart tab - Each inbox tab.
 * @csspart item - Each notification, also tagged with its severity and `unread`.
 * @csspart item-button - The title and message of a notification.
 * @csspart icon - The event type's icon.
 * @csspart action - An action button of a notification.
 * @csspart archive - The archive button of an inbox row (`unarchive` in the archived tab).
 * @csspart toggle-read - The mark read / mark unread button of an inbox row.
 * @csspart toast - A toast.
 * @csspart toast-close - The close button of a toast.
 * @csspart toast-summary - The line beside the toasts: "+7 más", or what arrived while offline.
 * @cssprop --aviso-accent - Links, focus rings and the unread dot.
 * @cssprop --aviso-bg - Panel and toast background.
 * @cssprop --aviso-fg - Text colour.
 * @cssprop --aviso-muted - Secondary text.
 * @cssprop --aviso-border - Borders and separators.
 * @cssprop --aviso-hover - Hover and selected background.
 * @cssprop --aviso-badge-bg - The unread badge.
 * @cssprop --aviso-info - Severity colours: also --aviso-success, --aviso-warning, --aviso-critical.
 * @cssprop --aviso-radius - Corner radius of panel and toasts.
 * @cssprop --aviso-font - Font shorthand.
 * @cssprop --aviso-panel-width - Width of the panel on wide screens.
 * @cssprop --aviso-z - z-index of panel and toasts.
 */
export class AvisoBell extends LitElement {
  static override styles = bellStyles;

  // Declared without decorators: the decorators module would cost 0.8 KB of the size budget.
  static override properties = {
    server: {},
    token: {},
    toastPosition: { attribute: 'toast-position' },
    toasts: {},
    maxToasts: { type: Number, attribute: 'max-toasts' },
    toastDuration: { type: Number, attribute: 'toast-duration' },
    linkTemplates: { type: Object, attribute: 'link-templates' },
    allowedOrigins: { attribute: 'allowed-origins', converter: list },
    theme: { reflect: true },
    open: { type: Boolean, reflect: true },
    sound: { type: Boolean },
    desktopNotifications: { type: Boolean, attribute: 'desktop-notifications' },
    linkFor: { attribute: false },
    icons: { attribute: false },
    strings: { attribute: false },
    getToken: { attribute: false },
    client: { attribute: false },
    focusIndex: { state: true },
  };

  static override get observedAttributes(): string[] {
    // `lang` is a global attribute: observe it without redefining the native property.
    // biome-ignore lint/complexity/noThisInStatic: `super` here is Lit's list for this very class.
    return [...super.observedAttributes, 'lang'];
  }

  /** Base URL of the hub; by default the origin this script came from (the hub, for `/widget/aviso.js`). */
  server = '';
  /** The widget token minted by the host backend. */
  token = '';
  /** Where toasts appear: a corner, `auto` (the corner away from the bell), or `off`. */
  toastPosition: ToastPosition = 'auto';
  /** The former name of `toast-position`; when set, it wins. */
  toasts?: ToastPosition;
  /** Toasts on screen at once (one on screens up to 480 px wide); the rest are counted in "+N más". */
  maxToasts = 3;
  /** Milliseconds a toast stays (paused on hover and focus); critical ones stay until closed. */
  toastDuration = 6000;
  /** Deep-link templates per event type, e.g. `{"NUEVA_VENTA": "/sales/{entityId}"}`. */
  linkTemplates: Record<string, string> = {};
  /** Other origins links may go to (space separated in the attribute). */
  allowedOrigins: string[] = [];
  theme: 'light' | 'dark' | 'auto' = 'light';
  /** Whether the inbox panel is open. */
  open = false;
  /** Beep for `critical` notifications (audio starts with the first click or key on the page). */
  sound = false;
  /** A desktop notification for `critical` ones while the page is not in front; permission is asked on a click on the bell. */
  desktopNotifications = false;
  /** Decides a notification's link; return `undefined` to fall back to the templates. */
  linkFor?: (n: Notification) => string | null | undefined;
  /** Icon per event type or icon name: SVG path data (24×24, stroked) or any Lit template. */
  icons: Record<string, IconOverride> = {};
  /** Overrides for any string of the current language. */
  strings: AvisoStringOverrides = {};
  /** Returns a fresh token; called before the current one expires and when the hub refuses it. */
  getToken?: () => string | Promise<string>;
  /** Bring your own client (shared with a custom renderer); otherwise one is made from server and token. */
  client?: AvisoClient;

  private focusIndex = 0;

  private get bellButton(): HTMLButtonElement {
    return this.renderRoot.querySelector('.bell')!;
  }

  private get panel(): HTMLElement | null {
    return this.renderRoot.querySelector('.panel');
  }

  private readonly connection = new AvisoClientController(this, {
    onNotification: (e) => this.onLive(e.notification),
    onUpdated: (e) => this.onUpdated(e),
    onMissed: (e) => {
      // Said beside the toasts of what was missed (or in the open panel), not on its own later.
      if (this.toastStack.toasts.length || this.open) this.toastStack.missed = e.count;
    },
  });
  private readonly toastStack = new ToastController(this, () => ({
    max: matchMedia(PHONE).matches ? 1 : this.maxToasts,
    duration: this.toastDuration,
  }));
  /** Sound and desktop alerts, loaded as a chunk once `sound` or `desktop-notifications` is on. */
  private alerts?: import('./alerts.ts').CriticalAlerts;
  /** Actions pressed and not yet confirmed, by notification id: shown answered meanwhile. */
  private readonly pending = new Map<string, string>();
  private ownClient: AvisoClient | undefined;
  private readonly inbox = new InboxController(this, () => this.connection.value);
  private refocus = false;
  private clock: ReturnType<typeof setInterval> | undefined;
  private lastStatus: ConnectionStatus | undefined;
  /** Whether the preferences show instead of the list, and their view once loaded. */
  private prefs?: { shown: boolean; view?: import('./preferences-panel.ts').PreferencesView };
  /** The row whose snooze choices are open, and the chunk that draws them. */
  private snoozing = '';
  private snoozeMenu?: typeof import('./snooze-menu.ts').snoozeMenu;
  /** The category and branch filter, loaded when the panel first opens. */
  private filters?: typeof import('./filter-bar.ts');

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside);
    document.addEventListener('keydown', this.onGesture);
    addEventListener('resize', this.onResize);
    // Keeps "hace 5 minutos" true while the panel or a toast is on screen.
    this.clock = setInterval(() => {
      if (this.open || this.toastStack.toasts.length) this.requestUpdate();
    }, 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside);
    document.removeEventListener('keydown', this.onGesture);
    removeEventListener('resize', this.onResize);
    clearInterval(this.clock);
  }

  /**
   * The language in use: a `lang` on the element or a container, else the person's (from the
   * hub, or the token's `locale` claim), else the page's `<html lang>`, else the browser's. The
   * person's comes before the page's: the notifications are written in it, and `<html lang="en">`
   * is often a template's leftover.
   */
  get locale(): string {
    const own = this.closest('[lang]');
    return (
      (own !== document.documentElement && own?.getAttribute('lang')) ||
      this.connection.value?.locale ||
      document.documentElement.lang ||
      navigator.language
    );
  }

  private get text(): AvisoStrings {
    return stringsFor(this.locale, this.strings);
  }

  /** The unread count, or null before the hub has answered. */
  get unreadCount(): number | null {
    return this.connection.value?.unreadCount ?? null;
  }

  /** Opens or closes the inbox panel. */
  toggle(force = !this.open): void {
    this.open = force;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Closing removes the panel: remember whether focus was in it, to give it back to the bell.
    if (changed.has('open') && !this.open) {
      this.refocus = !!this.panel?.contains(this.shadowRoot!.activeElement);
      this.toastStack.missed = 0;
    }
    if (changed.has('client') || changed.has('server') || changed.has('token')) this.wireClient(changed);
    if (changed.has('open') && this.open && !this.inbox.loaded && !this.inbox.loading) this.loadFirst();
    if ((this.sound || this.desktopNotifications) && !this.alerts)
      void import('./alerts.ts').then((m) => (this.alerts ??= new m.CriticalAlerts()));
    if (this.open && !this.filters)
      void import('./filter-bar.ts').then((m) => {
        this.filters = m;
        this.requestUpdate();
      });
    // (Re)connected: the replay brings what was missed (up to the hub's limit); the list reloads
    // so that reads and archives made elsewhere meanwhile show too.
    const status = this.connection.value?.status;
    if (status === 'online' && this.lastStatus !== 'online' && this.inbox.loaded) {
      this.inbox.reset();
      if (this.open) this.loadFirst();
    }
    this.lastStatus = status;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.panel) placePanel(this, this.panel);
    if (changed.has('open')) {
      if (this.open) {
        // Opened by the user (not by the `open` attribute at load): move focus into the panel.
        if (changed.get('open') === false)
          this.shadowRoot?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
      } else if (this.refocus) this.bellButton.focus();
    }
    const client = this.connection.value;
    if (!client) return;
    // Toasts are hidden while the panel is open.
    const shown = this.open ? this.inbox.items : this.toastStack.toasts.map((t) => t.notification);
    const unseen = shown.filter((n) => !n.seenAt).map((n) => n.id);
    if (unseen.length) client.seen(unseen);
  }

  private wireClient(changed: PropertyValues<this>): void {
    if (this.client) {
      this.ownClient = undefined;
      this.connection.set(this.client);
    } else if (!this.token) {
      this.ownClient = undefined;
      this.connection.set(undefined);
    } else if (this.ownClient && !changed.has('server') && !changed.has('client')) {
      this.ownClient.setToken(this.token);
      return;
    } else {
      this.ownClient = new AvisoClient({
        server: this.server || SCRIPT_ORIGIN,
        token: this.token,
        getToken: async () => {
          if (!this.getToken) throw new Error('no getToken callback');
          return this.getToken();
        },
      });
      this.connection.set(this.ownClient);
    }
    this.inbox.reset();
    if (this.open) this.loadFirst();
  }

  private loadFirst(): void {
    this.focusIndex = 0;
    void this.inbox.load(true);
  }

  private onLive(n: Notification): void {
    this.inbox.add(n);
    // A replayed one already read or archived elsewhere is not news.
    if (!this.dispatchEvent(new AvisoNotificationEvent(n)) || n.readAt || n.archivedAt) return;
    if (n.severity === 'critical') this.alerts?.alert(n, this.alerting, () => this.activate(n));
    // With the panel open the new item shows at the top of the list: no toast over it.
    if (this.position !== 'off' && !this.open) this.toastStack.show(n);
  }

  private get position(): ToastPosition {
    return this.toasts || this.toastPosition;
  }

  private get alerting() {
    return { sound: this.sound, desktop: this.desktopNotifications };
  }

  private onUpdated({ update }: NotificationUpdatedEvent): void {
    if (update.snoozedUntil) this.toastStack.dismiss(update.ids[0]!);
    this.inbox.update(update);
    for (const t of this.toastStack.toasts) t.notification = applyUpdate(t.notification, update);
    // A snooze ended (pushed by the hub at its time to every tab and device): it toasts again.
    if (update.snoozeEnded && update.item) this.onLive(update.item);
  }

  private activate = (n: Notification): void => {
    const client = this.connection.value;
    if (!n.readAt) void client?.read(n.id).catch(() => {});
    this.toastStack.dismiss(n.id);
    const link = resolveLink(n, {
      templates: this.linkTemplates,
      linkFor: this.linkFor,
      allowedOrigins: this.allowedOrigins,
    });
    if (!link) return;
    this.open = false;
    if (this.dispatchEvent(new AvisoNavigateEvent(link, n))) followLink(link);
  };

  private act = (n: Notification, actionId: string): void => {
    const client = this.connection.value;
    this.dispatchEvent(new AvisoActionEvent(actionId, n));
    if (!client) return;
    this.pending.set(n.id, actionId);
    this.requestUpdate();
    // Confirmed, the hub's update keeps it answered; refused, the buttons come back.
    void client
      .act(n.id, actionId)
      .catch((err: unknown) => console.warn('[aviso] action failed', err))
      .finally(() => {
        this.pending.delete(n.id);
        this.requestUpdate();
      });
  };

  private selectTab(tab: InboxFilter): void {
    if (tab === this.inbox.tab) return;
    this.inbox.reset(tab);
    this.loadFirst();
  }

  private readonly onOutside = (e: PointerEvent): void => {
    this.onGesture();
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  /** Any click or key on the page lets audio start; only a click on the bell asks for permission. */
  private readonly onGesture = (): void => this.alerts?.unlock(this.alerting, false);

  private readonly onResize = (): void => {
    if (this.open || this.toastStack.toasts.length) this.requestUpdate();
  };

  private onPanelKey(e: KeyboardEvent): void {
    const root = this.shadowRoot!;
    const active = root.activeElement as HTMLElement | null;
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.open = false;
      return;
    }
    if (e.key === 'Tab') {
      // Focus trap: Tab and Shift+Tab cycle inside the panel.
      const focusable = [...this.panel!.querySelectorAll<HTMLElement>(TABBABLE)];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (e.shiftKey && (active === first || !active)) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first?.focus();
      }
      return;
    }
    if (active?.getAttribute('role') === 'tab') {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      const next = TABS[(TABS.indexOf(this.inbox.tab) + step + TABS.length) % TABS.length]!;
      this.selectTab(next);
      void this.updateComplete.then(() =>
        root.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus(),
      );
      return;
    }
    const rows = [...root.querySelectorAll<HTMLElement>('.list .main')];
    const at = rows.indexOf(active as HTMLElement);
    if (at < 0 && !active?.closest('.list')) return;
    const current = at < 0 ? this.focusIndex : at;
    const target = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (target === undefined) return;
    e.preventDefault();
    this.focusIndex = Math.max(0, Math.min(rows.length - 1, target));
    rows[this.focusIndex]?.focus();
    if (this.focusIndex >= rows.length - 2) void this.inbox.load(false);
  }

  private onScroll(e: Event): void {
    const el = e.target as HTMLElement;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 80) void this.inbox.load(false);
  }

  private context(corner: ItemContext['corner']): ItemContext {
    return {
      strings: this.text,
      locale: this.locale,
      icons: this.icons,
      activate: this.activate,
      act: this.act,
      pending: this.pending,
      corner,
    };
  }

  protected override render() {
    const t = this.text;
    const count = this.unreadCount ?? 0;
    const label = count ? t.bellUnread.replace('{count}', String(count)) : t.bell;
    return html`<button
        class="bell"
        part="button"
        aria-label=${label}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => {
          this.alerts?.unlock(this.alerting, true);
          this.toggle();
        }}
      >
        ${drawIcon(ICON_PATHS.bell)}
        ${count ? html`<span class="badge" part="badge" aria-hidden="true">${count > 99 ? '99+' : count}</span>` : nothing}
      </button>
      ${this.open ? this.renderPanel(t) : nothing} ${this.position === 'off' ? nothing : this.renderToasts(t)}`;
  }

  private renderPanel(t: AvisoStrings) {
    const status = this.connection.value?.status;
    const inbox = this.inbox;
    const archived = inbox.tab === 'archived';
    const client = this.connection.value;
    const ctx = this.context({
      label: archived ? t.unarchive : t.archive,
      icon: archived ? ICON_PATHS['transfer-in'] : UI_PATHS.archive,
      part: archived ? 'unarchive' : 'archive',
      run: (n: Notification) => this.archive(n, archived),
    });
    if (!archived) {
      ctx.snooze = (n) => {
        this.snoozing = this.snoozing === n.id ? '' : n.id;
        void import('./snooze-menu.ts')
          .then((m) => {
            this.snoozeMenu = m.snoozeMenu;
            this.requestUpdate();
            return this.updateComplete;
          })
          .then(() => this.shadowRoot!.querySelector<HTMLElement>('.snooze-menu button')?.focus());
      };
      ctx.menu = (n) =>
        n.id === this.snoozing
          ? this.snoozeMenu?.(html, pickLang(this.locale), this.strings, (until) => {
              this.snoozing = '';
              void client?.snooze(n.id, until).catch(() => {});
            })
          : undefined;
    }
    if (!archived)
      ctx.toggleRead = (n) =>
        void (n.readAt ? client?.markUnread(n.id) : client?.read(n.id))?.catch(() => {});
    // Not while it is merely retrying: "reconectando" until it is known to be more than a blip.
    const banner =
      status === 'unauthorized'
        ? t.signedOut
        : status === 'offline'
          ? navigator.onLine
            ? t.reconnecting
            : t.offline
          : this.missedText(t);
    // "Mark all read" is aria-disabled, not disabled: focus stays on it after a keyboard press.
    return html`<div
      class="panel"
      part="panel"
      role="dialog"
      tabindex="-1"
      aria-label=${t.inbox}
      @keydown=${this.onPanelKey}
    >
      <header>
        <h2>${t.inbox}</h2>
        <button
          class="icon-btn"
          aria-label=${t.markAllRead}
          title=${t.markAllRead}
          aria-disabled=${this.unreadCount ? 'false' : 'true'}
          @click=${() => {
            if (this.unreadCount) void this.connection.value?.readAll().catch(() => {});
          }}
        >
          ${drawIcon(UI_PATHS.checkAll)}
        </button>
        <button
          class="icon-btn"
          aria-label=${t.preferences}
          title=${t.preferences}
          aria-pressed=${!!this.prefs?.shown}
          @click=${() => this.togglePreferences()}
        >
          ${drawIcon(ICON_PATHS.maintenance)}
        </button>
        <button class="icon-btn" aria-label=${t.close} title=${t.close} @click=${() => this.toggle(false)}>
          ${drawIcon(UI_PATHS.close)}
        </button>
      </header>
      ${this.prefs?.shown ? this.prefs.view?.render({ html, nothing }, pickLang(this.locale), this.strings) : this.renderInbox(t, ctx, banner)}
    </div>`;
  }

  /** Shows the preferences instead of the list (their code is loaded the first time), or the list again. */
  private togglePreferences(): void {
    const client = this.connection.value;
    this.prefs ??= { shown: false };
    const prefs = this.prefs;
    prefs.shown = !prefs.shown;
    this.requestUpdate();
    if (client && !prefs.view)
      void import('./preferences-panel.ts').then((m) => {
        prefs.view = new m.PreferencesView(this, client);
        this.requestUpdate();
      });
  }

  private renderInbox(t: AvisoStrings, ctx: ItemContext, banner: string) {
    const inbox = this.inbox;
    return html`<div role="tablist" aria-label=${t.inbox}>
        ${TABS.map(
          (tab) =>
            html`<button
              role="tab"
              part="tab"
              aria-selected=${tab === inbox.tab ? 'true' : 'false'}
              tabindex=${tab === inbox.tab ? 0 : -1}
              @click=${() => this.selectTab(tab)}
            >
              ${t[tab]}
            </button>`,
        )}
      </div>
      ${this.filters?.filterBar({ html, nothing }, inbox, pickLang(this.locale), this.strings, this, this.connection.value)}
      ${banner ? html`<div class="offline" role="status">${banner}</div>` : nothing}
      <ul class="list" role="list" aria-busy=${inbox.loading ? 'true' : 'false'} @scroll=${this.onScroll}>
        ${repeat(
          inbox.items,
          (n) => n.id,
          (n, i) => html`<li>${itemTemplate(n, ctx, i === this.focusIndex ? 0 : -1)}</li>`,
        )}
      </ul>
      ${this.renderState(t)}`;
  }

  private renderState(t: AvisoStrings) {
    const inbox = this.inbox;
    if (inbox.failed) {
      return html`<div class="state" role="alert">
        ${t.error} <button @click=${() => void inbox.load(!inbox.items.length)}>${t.retry}</button>
      </div>`;
    }
    if (inbox.loading) return html`<div class="state" role="status">${t.loading}</div>`;
    if (inbox.loaded && !inbox.items.length) {
      const empty = { all: t.empty, unread: t.emptyUnread, archived: t.emptyArchived }[inbox.tab];
      return html`<div class="state">${empty}</div>`;
    }
    if (inbox.cursor)
      return html`<button class="more" @click=${() => void inbox.load(false)}>${t.loadMore}</button>`;
    return nothing;
  }

  private missedText(t: AvisoStrings): string {
    const count = this.toastStack.missed;
    return count > 1 ? t.missed.replace('{count}', String(count)) : count ? t.missedOne : '';
  }

  private renderToasts(t: AvisoStrings) {
    const position = this.position;
    return toastsTemplate({
      host: this,
      strings: t,
      stack: this.toastStack,
      position: position === 'off' ? 'auto' : position,
      hidden: this.open,
      context: this.context({
        label: t.dismiss,
        icon: UI_PATHS.close,
        part: 'toast-close',
        run: (n) => this.toastStack.dismiss(n.id),
      }),
      missed: this.missedText(t),
      openInbox: () => this.toggle(true),
    });
  }

  /**
   * Archives a row (`back`: unarchives it); when it had the focus, the row that takes its place
   * gets it (or the panel).
   */
  private archive(n: Notification, back = false): void {
    const root = this.shadowRoot!;
    const rows = [...root.querySelectorAll('.list .item')];
    const at = rows.findIndex((r) => r.contains(root.activeElement));
    void this.connection.value?.[back ? 'unarchive' : 'archive'](n.id)
      .then(async () => {
        await this.updateComplete;
        if (at < 0 || !this.open) return;
        const next = [...root.querySelectorAll<HTMLElement>('.list .main')];
        this.focusIndex = Math.max(0, Math.min(at, next.length - 1));
        (next[this.focusIndex] ?? this.panel)?.focus();
      })
      .catch(() => {});
  }
}

customElements.define('aviso-bell', AvisoBell);

declare global {
  interface HTMLElementTagNameMap {
    'aviso-bell': AvisoBell;
  }
}
