import type { Notification } from '@aviso/protocol';

/**
 * Fired before the widget follows a notification's link. Cancel it (`preventDefault()`) to route
 * yourself, e.g. with React Router or Vue Router; `link` is already checked safe.
 */
export class AvisoNavigateEvent extends Event {
  static readonly type = 'aviso-navigate';
  constructor(
    readonly link: string,
    readonly notification: Notification,
  ) {
    super(AvisoNavigateEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** A live notification arrived. Cancel it to suppress its toast (the inbox still shows it). */
export class AvisoNotificationEvent extends Event {
  static readonly type = 'aviso-notification';
  constructor(readonly notification: Notification) {
    super(AvisoNotificationEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The user pressed one of a notification's action buttons; the widget then tells the hub. */
export class AvisoActionEvent extends Event {
  static readonly type = 'aviso-action';
  constructor(
    readonly actionId: string,
    readonly notification: Notification,
  ) {
    super(AvisoActionEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'aviso-navigate': AvisoNavigateEvent;
    'aviso-notification': AvisoNotificationEvent;
    'aviso-action': AvisoActionEvent;
  }
}
