// Long because AvisoClient is the headless API hosts use without the bell: the socket (handshake,
// reconnection with backoff, replay marks, token renewal) and every inbox and preferences call, each
// short. The bell and any host UI share it, so it stays one class.
import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  InboxPage,
  Notification,
  NotificationUpdate,
  Preferences,
  ServerToClientEvents,
  UnreadPayload,
} from '@aviso/protocol';
import { SOCKET_PATH } from '@aviso/protocol/socket-events';
import { io, type Socket } from 'socket.io-client';

/** Options of `new AvisoClient(…)`. */
export interface AvisoClientOptions {
  /** Base URL of the hub, e.g. `https://avisos.example.com`; empty for the page's own origin. */
  server: string;
  /** A widget token (JWT minted by the host backend or `POST /v1/widget-tokens`). */
  token: string;
  /** Called for a fresh token shortly before the current one expires, or when the hub refuses it. */
  getToken?: () => string | Promise<string>;
  /** How long before expiry to ask for a new token, in ms. */
  refreshBefore?: number;
  /** First and longest delay between reconnection attempts, in ms (exponential, with jitter). */
  reconnectDelay?: number;
  reconnectDelayMax?: number;
  socketPath?: string;
}

/**
 * `online`: socket up; `offline`: retrying with backoff and jitter, for as long as it takes (a hub
 * restart, a network blip, a full hub); `unauthorized`: the hub refused the token itself
 * (`INVALID_TOKEN`, `TOKEN_EXPIRED`, `RECIPIENT_NOT_FOUND`) and no renewed token helped.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline' | 'unauthorized';

export type InboxFilter = 'all' | 'unread' | 'archived';

/** What `list` asks for: a tab, a page, and optionally one category or one branch. */
export interface InboxQuery {
  filter?: InboxFilter;
  cursor?: string | null;
  limit?: number;
  /** A category of the catalog: `sales`, `inventory`… */
  category?: string;
  branchId?: string;
}

/** A failed REST call, with the hub's stable error code. */
export class AvisoError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AvisoError';
  }
}

/** A notification arrived on the socket (live, or replayed after a reconnection). */
export class NotificationReceivedEvent extends Event {
  constructor(readonly notification: Notification) {
    super('notification');
  }
}

/** After a reconnection: how many unread notifications arrived while the client was away. */
export class NotificationsMissedEvent extends Event {
  constructor(readonly count: number) {
    super('missed');
  }
}

/** Notifications were read or archived, here or in another tab or device. */
export class NotificationUpdatedEvent extends Event {
  constructor(readonly update: NotificationUpdate) {
    super('updated');
  }
}

/** The only answers that mean "this token will not do"; anything else passes and is retried. */
const REFUSED = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'RECIPIENT_NOT_FOUND']);
/** Refusals that pass with time: the person has too many live connections, or the hub asks to slow down. */
const LATER = new Set(['TOO_MANY_CONNECTIONS', 'RATE_LIMITED']);
const MAX_KNOWN = 2000;

/** The claims of a JWT, unverified (the hub verifies them); empty when it cannot be read. */
export function tokenClaims(token: string): { exp?: unknown; locale?: unknown } {
  try {
    const payload = token.split('.')[1] ?? '';
    return JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) ?? {};
  } catch {
    return {};
  }
}

/** Seconds since the epoch when a JWT expires, or undefined when it cannot be read. */
export function tokenExpiry(token: string): number | undefined {
  const { exp } = tokenClaims(token);
  return typeof exp === 'number' ? exp : undefined;
}

/**
 * The headless Aviso client: the inbox over REST and live notifications over Socket.IO.
 * Usable without any UI. Dispatches `notification`, `updated` and `change` (count or status).
 */
export class AvisoClient extends EventTarget {
  status: ConnectionStatus = 'idle';
  /** The hub's unread count, kept current locally between the hub's own counts; null until known. */
  unreadCount: number | null = null;
  private readonly options: Required<Omit<AvisoClientOptions, 'getToken'>> &
    Pick<AvisoClientOptions, 'getToken'>;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  /** The replay mark: the newest notification id known, sent as `since` on every reconnection. */
  private lastId: string | undefined;
  /** The person's language as the hub knows it (profile, else tenant). */
  private hubLocale: string | undefined;
  /** Unread notifications received since a reconnection started, until the hub's count ends it. */
  private missed: number | undefined;
  /**
   * The newest id the hub had for this person at the first count this client got: everything up
   * to it was already in their inbox then. A replay sends again what was minted a little before
   * its mark (another node may have stored it late); one of those at or below this id is old news
   * to this page, though it never received it.
   */
  private floor: string | undefined;
  /** Failed attempts in a row: the backoff grows with them. */
  private attempts = 0;
  /** The token was just renewed after a refusal: a second refusal is final. */
  private renewed = false;
  private readonly known = new Set<string>();
  private readonly pendingSeen = new Set<string>();
  private readonly sentSeen = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private seenTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | undefined;

  constructor(options: AvisoClientOptions) {
    super();
    this.options = {
      refreshBefore: 60_000,
      reconnectDelay: 1_000,
      reconnectDelayMax: 30_000,
      socketPath: SOCKET_PATH,
      ...options,
      server: options.server.replace(/\/+$/, ''),
    };
  }

  get token(): string {
    return this.options.token;
  }

  /** The person's language: the hub's word for it once connected, else the token's `locale` claim. */
  get locale(): string | undefined {
    const claim = tokenClaims(this.options.token).locale;
    return this.hubLocale ?? (typeof claim === 'string' ? claim : undefined);
  }

  /** Replaces the token (the host renewed it); the next request and reconnection use it. */
  setToken(token: string): void {
    this.options.token = token;
    this.renewed = false;
    if (!this.socket) return;
    this.scheduleRefresh();
    if (this.status === 'unauthorized') this.retry();
  }

  /** Opens the socket; safe to call twice. */
  connect(): void {
    if (this.socket) return;
    this.setStatus('connecting');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.server || undefined, {
      path: this.options.socketPath,
      // A function, so every reconnection sends the current token and the last id seen.
      auth: (cb) => cb(this.handshake() as unknown as object),
      // Every retry is ours (`retry`): Socket.IO's own gives up after a refusal by the hub or a
      // server-side disconnect, and those pass too (a node stopping, a full hub, a revoked token
      // that the host renews).
      reconnection: false,
      // The bundle carries the WebSocket transport only (see vite.config.ts).
      transports: ['websocket'],
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.attempts = 0;
      this.renewed = false;
      this.setStatus('online');
      this.flushSeen();
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.retry();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code ?? '';
      if (REFUSED.has(code)) return void this.recover();
      // A hub that asked to wait is not asked again at once (another tab may close meanwhile).
      if (LATER.has(code)) this.attempts = 99;
      this.retry();
    });
    socket.on('notification', (n) => this.receive(n));
    socket.on('notification:updated', (update) => this.dispatchEvent(new NotificationUpdatedEvent(update)));
    socket.on('unread', (payload) => this.onUnread(payload));
    // The hub refills what a Redis outage kept from it: announced as missed, like a replay.
    socket.on('resync', () => {
      this.missed ??= 0;
    });
    document.addEventListener('visibilitychange', this.onVisibility);
    addEventListener('online', this.onOnline);
    this.scheduleRefresh();
  }

  /** Closes the socket and stops every timer. */
  disconnect(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.seenTimer);
    clearTimeout(this.retryTimer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    removeEventListener('online', this.onOnline);
    this.socket?.disconnect();
    this.socket = undefined;
    this.setStatus('idle');
  }

  /** One page of the inbox, newest first. */
  async list(options: InboxQuery = {}): Promise<InboxPage> {
    const query = new URLSearchParams({
      filter: options.filter ?? 'all',
      limit: String(options.limit ?? 20),
    });
    for (const key of ['cursor', 'category', 'branchId'] as const)
      if (options[key]) query.set(key, options[key]);
    const page = await this.request<InboxPage>('GET', `/v1/me/notifications?${query}`);
    for (const n of page.items) this.remember(n);
    this.setCount(page.unreadCount);
    return page;
  }

  /** Refreshes the unread count from the hub. */
  async fetchUnreadCount(): Promise<number> {
    const { count } = await this.request<{ count: number }>('GET', '/v1/me/unread-count');
    this.setCount(count);
    return count;
  }

  /** Marks one notification read; every tab of the person follows through the hub. */
  read(id: string): Promise<void> {
    return this.change(id, 'read');
  }

  /** Marks one notification unread again (also after "read all"); every tab follows. */
  markUnread(id: string): Promise<void> {
    return this.change(id, 'unread', { unread: true });
  }

  readAll(): Promise<void> {
    return this.change('', 'read-all', { all: true });
  }

  archive(id: string): Promise<void> {
    return this.change(id, 'archive');
  }

  /** Takes one notification out of the archive; it stays read. */
  unarchive(id: string): Promise<void> {
    return this.change(id, 'unarchive', { unarchived: true });
  }

  /** Archives every read notification; unread ones stay. */
  archiveRead(): Promise<void> {
    return this.change('', 'archive-read');
  }

  /** The person's preferences: categories and channels turned off, quiet hours. */
  preferences(): Promise<Preferences> {
    return this.request('GET', '/v1/me/preferences');
  }

  /** Replaces the person's preferences; answers them as saved. */
  setPreferences(preferences: Preferences): Promise<Preferences> {
    return this.request('PUT', '/v1/me/preferences', preferences);
  }

  /** Snoozes one notification until a time: it leaves every tab's inbox and comes back unread then. */
  snooze(id: string, until: Date): Promise<void> {
    return this.change(id, 'snooze', {}, { until: until.toISOString() });
  }

  /** Posts one inbox change, takes the hub's count and tells this tab (the hub tells the others). */
  private async change(
    id: string,
    verb: string,
    extra: Partial<NotificationUpdate> = {},
    json?: unknown,
  ): Promise<void> {
    const res = await this.request<Partial<NotificationUpdate> & { unreadCount: number }>(
      'POST',
      `/v1/me/notifications/${id ? `${encodeURIComponent(id)}/` : ''}${verb}`,
      json,
    );
    this.setCount(res.unreadCount);
    const update: NotificationUpdate = { ids: res.ids ?? (id ? [id] : []), ...extra };
    if (res.readAt) update.readAt = res.readAt;
    if (res.archivedAt) update.archivedAt = res.archivedAt;
    if (res.snoozedUntil) update.snoozedUntil = res.snoozedUntil;
    this.dispatchEvent(new NotificationUpdatedEvent(update));
  }

  /** Answers one of the notification's actions (confirm a reservation, acknowledge an alert). */
  async act(id: string, actionId: string): Promise<void> {
    await this.request(
      'POST',
      `/v1/me/notifications/${encodeURIComponent(id)}/actions/${encodeURIComponent(actionId)}`,
    );
    this.dispatchEvent(new NotificationUpdatedEvent({ ids: [id], actionId }));
  }

  /**
   * Reports notifications as displayed. Sent to the hub only while the page is visible (a hidden
   * tab has not shown anything to anyone), batched, once per id; this cancels `unseen` fallbacks.
   */
  seen(ids: readonly string[]): void {
    for (const id of ids) if (!this.sentSeen.has(id)) this.pendingSeen.add(id);
    if (!this.pendingSeen.size) return;
    clearTimeout(this.seenTimer);
    this.seenTimer = setTimeout(() => this.flushSeen(), 150);
  }

  private readonly onVisibility = () => this.flushSeen();

  /** The browser has a network again: no need to wait out the backoff. */
  private readonly onOnline = () => {
    this.attempts = 0;
    if (this.status === 'offline') this.retry();
  };

  /**
   * Tries the socket again after a delay that doubles with each failure up to `reconnectDelayMax`,
   * between half of it and all of it, so that the bells of a whole restarted hub do not return at once.
   */
  private retry(): void {
    const socket = this.socket;
    if (!socket) return;
    this.setStatus('offline');
    clearTimeout(this.retryTimer);
    const { reconnectDelay, reconnectDelayMax } = this.options;
    const ceiling = Math.min(reconnectDelayMax, reconnectDelay * 2 ** this.attempts++);
    this.retryTimer = setTimeout(
      () => {
        if (socket === this.socket && !socket.connected) socket.connect();
      },
      (ceiling / 2) * (1 + Math.random()),
    );
  }

  /** The hub's count; the one of a new connection also brings the replay mark and the locale. */
  private onUnread({ count, latestId, locale }: UnreadPayload): void {
    if (latestId !== undefined) {
      this.floor ??= latestId ?? '';
      if (latestId && latestId > (this.lastId ?? '')) this.lastId = latestId;
      if (this.missed) this.dispatchEvent(new NotificationsMissedEvent(this.missed));
      this.missed = undefined;
    }
    if (locale && locale !== this.hubLocale) {
      this.hubLocale = locale;
      this.dispatchEvent(new Event('change'));
    }
    this.setCount(count);
  }

  private flushSeen(): void {
    if (!this.pendingSeen.size || document.visibilityState !== 'visible' || !this.socket?.connected) return;
    const ids = [...this.pendingSeen];
    this.pendingSeen.clear();
    for (const id of ids) this.sentSeen.add(id);
    this.socket.emit('seen', { ids }, (ack: Ack) => {
      if (!ack.ok) for (const id of ids) this.sentSeen.delete(id);
    });
  }

  private handshake(): HandshakeAuth {
    // What arrives before the hub's first count on a connection with a mark was missed meanwhile;
    // so was what a connection that closed before its count brought (still counted here).
    this.missed = this.lastId ? (this.missed ?? 0) : undefined;
    return this.lastId ? { token: this.options.token, since: this.lastId } : { token: this.options.token };
  }

  /** Remembers the newest notification id (the hub replays by id), so a reconnection replays only what was missed. */
  private remember(n: Notification): boolean {
    if (n.id > (this.lastId ?? '')) this.lastId = n.id;
    if (this.known.has(n.id)) return false;
    this.known.add(n.id);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.values().next().value as string);
    return true;
  }

  /** Takes one notification from the socket (protected so a test or custom transport can feed it). */
  protected receive(n: Notification): void {
    // A replayed notification can arrive twice; count and announce it once. One that was in the
    // inbox before this page first counted is not announced (the list shows it when opened).
    if (!this.remember(n) || (this.floor && n.id <= this.floor)) return;
    if (!n.readAt && !n.archivedAt) {
      this.setCount((this.unreadCount ?? 0) + 1);
      if (this.missed !== undefined) this.missed += 1;
    }
    this.dispatchEvent(new NotificationReceivedEvent(n));
  }

  protected setCount(count: number): void {
    if (count === this.unreadCount) return;
    this.unreadCount = count;
    this.dispatchEvent(new Event('change'));
  }

  protected setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.dispatchEvent(new Event('change'));
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    const exp = tokenExpiry(this.options.token);
    if (!this.options.getToken || exp === undefined) return;
    const delay = Math.max(0, exp * 1000 - Date.now() - this.options.refreshBefore);
    // setTimeout overflows past ~24.8 days; a token that long-lived needs no timer now.
    if (delay < 2 ** 31 - 1) this.refreshTimer = setTimeout(() => void this.refreshToken(), delay);
  }

  /** Asks the host for a new token; false when there is no callback or it failed. */
  private refreshToken(): Promise<boolean> {
    const getToken = this.options.getToken;
    if (!getToken) return Promise.resolve(false);
    this.refreshing ??= (async () => {
      try {
        this.setToken(await getToken());
        return true;
      } catch {
        return false;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /**
   * The hub refused the token: renew it and reconnect. Without a `getToken`, or when a renewed
   * token is refused too, the client is `unauthorized` until `setToken`. When the host could not
   * renew it just now (its backend may be restarting as well), it is asked again after a backoff.
   */
  private async recover(): Promise<void> {
    if (this.renewed || !this.options.getToken) return this.setStatus('unauthorized');
    const socket = this.socket;
    if (!(await this.refreshToken())) return this.retry();
    this.renewed = true;
    if (socket && socket === this.socket) socket.connect();
  }

  /**
   * Calls the hub's HTTP API as this person (`/v1/me/…`), renewing the token once on a 401;
   * a refusal throws an `AvisoError` with the hub's code.
   */
  async request<T>(method: string, path: string, json?: unknown, retry = true): Promise<T> {
    const res = await fetch(`${this.options.server}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.options.token}`,
        ...(json ? { 'content-type': 'application/json' } : {}),
      },
      body: json ? JSON.stringify(json) : null,
    });
    if (res.status === 401 && retry && (await this.refreshToken()))
      return this.request(method, path, json, false);
    const body = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
    if (!res.ok) {
      const code = body.error?.code ?? 'HTTP_ERROR';
      if ((res.status === 401 || res.status === 404) && REFUSED.has(code)) this.setStatus('unauthorized');
      throw new AvisoError(res.status, code, body.error?.message ?? res.statusText);
    }
    return body;
  }
}
