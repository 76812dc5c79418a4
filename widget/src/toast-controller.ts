import type { Notification } from '@aviso/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One toast on screen, with what is left of its time. */
export interface Toast {
  notification: Notification;
  remaining: number;
  paused: boolean;
}

/** Options of the toast stack. */
export interface ToastOptions {
  /** At most this many toasts at once; a new one pushes the oldest out, and `overflow` counts it. */
  max: number;
  /** Milliseconds before a toast leaves by itself; 0 keeps toasts until closed. */
  duration: number;
}

/**
 * The toast stack: auto-dismiss timers that pause while the pointer or focus is on a toast and
 * while the page is hidden (a toast nobody could see should not expire).
 */
export class ToastController implements ReactiveController {
  readonly toasts: Toast[] = [];
  /** Toasts pushed out by newer ones since the stack was last empty: "+7 más", never dropped silently. */
  overflow = 0;
  /** Unread notifications that arrived while the connection was down, said once beside their toasts. */
  missed = 0;
  private readonly timers = new Map<string, { id: ReturnType<typeof setTimeout>; started: number }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: () => ToastOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const toast of this.toasts) this.stop(toast);
  }

  show(notification: Notification): void {
    const { max, duration } = this.options();
    if (this.toasts.some((t) => t.notification.id === notification.id)) return;
    // Critical notifications stay until the user closes them.
    const remaining = notification.severity === 'critical' ? 0 : duration;
    const toast: Toast = { notification, remaining, paused: false };
    this.toasts.unshift(toast);
    while (this.toasts.length > Math.max(1, max)) {
      this.remove(this.toasts.at(-1)!);
      this.overflow += 1;
    }
    if (!document.hidden) this.start(toast);
    this.host.requestUpdate();
  }

  dismiss(id: string): void {
    const toast = this.toasts.find((t) => t.notification.id === id);
    if (toast) this.remove(toast);
    this.host.requestUpdate();
  }

  /** Pointer or focus entered a toast. */
  pause(id: string): void {
    const toast = this.toasts.find((t) => t.notification.id === id);
    if (!toast || toast.paused) return;
    toast.paused = true;
    this.stop(toast);
  }

  /** Pointer and focus both left the toast. */
  resume(id: string): void {
    const toast = this.toasts.find((t) => t.notification.id === id);
    if (!toast?.paused) return;
    toast.paused = false;
    if (!document.hidden) this.start(toast);
  }

  private readonly onVisibility = () => {
    for (const toast of this.toasts) {
      if (document.hidden) this.stop(toast);
      else if (!toast.paused) this.start(toast);
    }
  };

  private start(toast: Toast): void {
    if (toast.remaining <= 0 || this.timers.has(toast.notification.id)) return;
    const id = setTimeout(() => this.dismiss(toast.notification.id), toast.remaining);
    this.timers.set(toast.notification.id, { id, started: Date.now() });
  }

  private stop(toast: Toast): void {
    const timer = this.timers.get(toast.notification.id);
    if (!timer) return;
    clearTimeout(timer.id);
    this.timers.delete(toast.notification.id);
    toast.remaining = Math.max(1, toast.remaining - (Date.now() - timer.started));
  }

  private remove(toast: Toast): void {
    this.stop(toast);
    this.toasts.splice(this.toasts.indexOf(toast), 1);
    if (!this.toasts.length) this.overflow = this.missed = 0;
  }
}
