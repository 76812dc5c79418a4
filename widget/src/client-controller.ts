import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  AvisoClient,
  NotificationReceivedEvent,
  NotificationsMissedEvent,
  NotificationUpdatedEvent,
} from './client.ts';

/** What a host hears from its client, besides re-rendering on every change. */
export interface AvisoClientCallbacks {
  onNotification?: (event: NotificationReceivedEvent) => void;
  onUpdated?: (event: NotificationUpdatedEvent) => void;
  /** After a reconnection, how many unread notifications arrived meanwhile. */
  onMissed?: (event: NotificationsMissedEvent) => void;
}

/**
 * Ties an `AvisoClient` to a Lit host: connects while the host is in the page, re-renders it when
 * the count or the connection changes, and forwards live notifications and updates.
 */
export class AvisoClientController implements ReactiveController {
  private client: AvisoClient | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: AvisoClientCallbacks = {},
  ) {
    host.addController(this);
  }

  get value(): AvisoClient | undefined {
    return this.client;
  }

  /** Swaps the client (new server or token); the old one is disconnected. */
  set(client: AvisoClient | undefined): void {
    if (client === this.client) return;
    this.detach();
    this.client = client;
    if (this.connected) this.attach();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }

  private readonly onChange = () => this.host.requestUpdate();
  private readonly onNotification = (e: Event) => {
    this.callbacks.onNotification?.(e as NotificationReceivedEvent);
    this.host.requestUpdate();
  };
  private readonly onUpdated = (e: Event) => {
    this.callbacks.onUpdated?.(e as NotificationUpdatedEvent);
    this.host.requestUpdate();
  };
  private readonly onMissed = (e: Event) => {
    this.callbacks.onMissed?.(e as NotificationsMissedEvent);
    this.host.requestUpdate();
  };

  private attach(): void {
    const client = this.client;
    if (!client) return;
    client.addEventListener('change', this.onChange);
    client.addEventListener('notification', this.onNotification);
    client.addEventListener('updated', this.onUpdated);
    client.addEventListener('missed', this.onMissed);
    client.connect();
  }

  private detach(): void {
    const client = this.client;
    if (!client) return;
    client.removeEventListener('change', this.onChange);
    client.removeEventListener('notification', this.onNotification);
    client.removeEventListener('updated', this.onUpdated);
    client.removeEventListener('missed', this.onMissed);
    client.disconnect();
  }
}
