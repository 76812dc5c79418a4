import type { NotificationUpdate } from '@aviso/protocol';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';

/** Everything the rest of the hub pushes to live sockets, across nodes. */
export interface Broadcaster {
  notification(row: NotificationRow): void;
  updated(tenantId: string, recipientId: string, update: NotificationUpdate): void;
  unread(tenantId: string, recipientId: string, count: number): void;
  /** Moves a person's live sockets to the rooms of their new role and branches (or disconnects them). */
  recipientChanged(tenantId: string, before: RecipientRow | undefined, after: RecipientRow | undefined): void;
  /** Closes the live sockets of one person, or of the whole tenant, so they authenticate again. */
  disconnect(tenantId: string, recipientId?: string): void;
}

/** A broadcaster for an app with no sockets (tests that call `app.request()`). */
export const silentBroadcaster: Broadcaster = {
  notification() {},
  updated() {},
  unread() {},
  recipientChanged() {},
  disconnect() {},
};
