import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  InboxPage,
  Notification,
  NotificationUpdate,
  ServerToClientEvents,
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

/** `online`: socket up; `offline`: reconnecting; `unauthorized`: the hub refused the token and no refresh helped. */
export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline' | 'unauthorized';

export type InboxFilter = 'all' | 'unread' | 'archived';

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

/** Notifications were read or archived, here or in another tab or device. */
export class NotificationUpdatedEvent extends Event {
  constructor(readonly update: NotificationUpdate) {
    super('updated');
  }
}

const REFUSED = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'UNAUTHORIZED']);
/** Refusals that pass with time: the person has too many live connections, or the hub asks to slow down. */
const LATER = new Set(['TOO_MANY_CONNECTIONS', 'RATE_LIMITED']);
const MAX_KNOWN = 2000;

/** Seconds since the epoch when a JWT expires, or undefined when it cannot be read. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
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
  private lastId: string | undefined;
  private lastAt = '';
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

  /** Replaces the token (the host renewed it); the next request and reconnection use it. */
  setToken(token: string): void {
    this.options.token = token;
    if (this.socket) this.scheduleRefresh();
  }

  /** Opens the socket; safe to call twice. */
  connect(): void {
    if (this.socket) return;
    this.setStatus('connecting');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.server || undefined, {
      path: this.options.socketPath,
      // A function, so every reconnection sends the current token and the last id seen.
      auth: (cb) => cb(this.handshake() as unknown as object),
      reconnectionDelay: this.options.reconnectDelay,
      reconnectionDelayMax: this.options.reconnectDelayMax,
      randomizationFactor: 0.5,
      transports: ['websocket', 'polling'],
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.setStatus('online');
      this.flushSeen();
    });
    socket.on('disconnect', (reason) => {
      this.setStatus('offline');
      // The hub closed us on purpose (token revoked or expired): renew and come back.
      if (reason === 'io server disconnect') void this.recover();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code && REFUSED.has(code)) return void this.recover();
      this.setStatus('offline');
      // Socket.IO does not retry a refusal by the hub: try once more after the longest delay
      // (another tab may have closed by then), without hammering the hub meanwhile.
      if (code && LATER.has(code)) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => {
          if (socket === this.socket && !socket.connected) socket.connect();
        }, this.options.reconnectDelayMax);
      }
    });
    socket.on('notification', (n) => this.receive(n));
    socket.on('notification:updated', (update) => this.dispatchEvent(new NotificationUpdatedEvent(update)));
    socket.on('unread', ({ count }) => this.setCount(count));
    document.addEventListener('visibilitychange', this.onVisibility);
    this.scheduleRefresh();
  }

  /** Closes the socket and stops every timer. */
  disconnect(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.seenTimer);
    clearTimeout(this.retryTimer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.socket?.disconnect();
    this.socket = undefined;
    this.setStatus('idle');
  }

  /** One page of the inbox, newest first. */
  async list(
    options: { filter?: InboxFilter; cursor?: string | null; limit?: number } = {},
  ): Promise<InboxPage> {
    const query = new URLSearchParams({
      filter: options.filter ?? 'all',
      limit: String(options.limit ?? 20),
    });
    if (options.cursor) query.set('cursor', options.cursor);
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
  async read(id: string): Promise<void> {
    const res = await this.request<{ id: string; readAt: string; unreadCount: number }>(
      'POST',
      `/v1/me/notifications/${encodeURIComponent(id)}/read`,
    );
    this.setCount(res.unreadCount);
    this.dispatchEvent(new NotificationUpdatedEvent({ ids: [id], readAt: res.readAt }));
  }

  async readAll(): Promise<void> {
    const res = await this.request<{ readAt: string; unreadCount: number }>(
      'POST',
      '/v1/me/notifications/read-all',
    );
    this.setCount(res.unreadCount);
    this.dispatchEvent(new NotificationUpdatedEvent({ ids: [], all: true, readAt: res.readAt }));
  }

  async archive(id: string): Promise<void> {
    const res = await this.request<{ id: string; archivedAt: string; unreadCount: number }>(
      'POST',
      `/v1/me/notifications/${encodeURIComponent(id)}/archive`,
    );
    this.setCount(res.unreadCount);
    this.dispatchEvent(new NotificationUpdatedEvent({ ids: [id], archivedAt: res.archivedAt }));
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
    return this.lastId ? { token: this.options.token, since: this.lastId } : { token: this.options.token };
  }

  /** Remembers the newest notification seen, so a reconnection replays only what was missed. */
  private remember(n: Notification): boolean {
    if (n.createdAt > this.lastAt || (n.createdAt === this.lastAt && n.id > (this.lastId ?? ''))) {
      this.lastAt = n.createdAt;
      this.lastId = n.id;
    }
    if (this.known.has(n.id)) return false;
    this.known.add(n.id);
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.values().next().value as string);
    return true;
  }

  /** Takes one notification from the socket (protected so a test or custom transport can feed it). */
  protected receive(n: Notification): void {
    // A replayed notification can arrive twice; count and announce it once.
    if (!this.remember(n)) return;
    if (!n.readAt && !n.archivedAt) this.setCount((this.unreadCount ?? 0) + 1);
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

  /** The hub refused the token: renew it and reconnect, or give up as `unauthorized`. */
  private async recover(): Promise<void> {
    const socket = this.socket;
    if (await this.refreshToken()) {
      if (socket && socket === this.socket) socket.connect();
    } else this.setStatus('unauthorized');
  }

  private async request<T>(method: string, path: string, retry = true): Promise<T> {
    const res = await fetch(`${this.options.server}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.options.token}` },
    });
    if (res.status === 401 && retry && (await this.refreshToken())) return this.request(method, path, false);
    const body = (await res.json().catch(() => ({}))) as T & { error?: { code: string; message: string } };
    if (!res.ok) {
      throw new AvisoError(
        res.status,
        body.error?.code ?? 'HTTP_ERROR',
        body.error?.message ?? res.statusText,
      );
    }
    return body;
  }
}
