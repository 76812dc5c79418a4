import type { Notification } from '@aviso/protocol';
import type { InboxItem } from '../db/repos/notifications.ts';
import type { NotificationRow, Reader } from '../db/rows.ts';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The wire notification one reader gets, with their read/seen/archive state. One object literal,
 * field by field: made as a spread of the notification's fields with the reader's added after,
 * each pushed event left about 1.7 KB alive past V8's young-generation collections (Node 20), and
 * the live phase ran two full collections where the raw emit ran one (BENCHMARKS.md, item 21).
 */
export function toWire(n: NotificationRow, state: InboxItem['s'] = null, reader?: Reader): Notification {
  const remarked = state?.unreadAt && (!reader?.readUpToAt || state.unreadAt > reader.readUpToAt);
  const underWatermark = reader?.readUpTo && n.id <= reader.readUpTo && !remarked ? reader.readUpToAt : null;
  return {
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
