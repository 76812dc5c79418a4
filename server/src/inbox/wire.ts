import type { Notification } from '@aviso/protocol';
import type { InboxItem } from '../db/repos/notifications.ts';
import type { NotificationRow, Reader } from '../db/rows.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** What every view of a notification shows of it, readers' and admins' alike. */
export const notificationBody = (n: NotificationRow) => ({
  id: n.id,
  type: n.type,
  category: n.category,
  title: n.title,
  message: n.message,
  entityId: n.entityId,
  branchIds: n.branchIds,
  data: n.data,
  link: n.link,
  severity: n.severity,
  icon: n.icon,
});

/** The wire notification one reader gets, with their read/seen/archive state. */
export function toWire(n: NotificationRow, state: InboxItem['s'] = null, reader?: Reader): Notification {
  const remarked = state?.unreadAt && (!reader?.readUpToAt || state.unreadAt > reader.readUpToAt);
  const underWatermark = reader?.readUpTo && n.id <= reader.readUpTo && !remarked ? reader.readUpToAt : null;
  return {
    ...notificationBody(n),
    // What an answer cancels is the host's business, not the reader's.
    actions:
      n.actions?.map(({ cancels: _, ...a }) => a as NonNullable<Notification['actions']>[number]) ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: iso(state?.readAt ?? underWatermark),
    seenAt: iso(state?.seenAt ?? state?.readAt ?? underWatermark),
    archivedAt: iso(state?.archivedAt),
    actionId: state?.actionId ?? null,
  };
}

/** `toWire` over inbox rows. */
export const itemsToWire = (items: InboxItem[], reader: Reader) => items.map((i) => toWire(i.n, i.s, reader));
