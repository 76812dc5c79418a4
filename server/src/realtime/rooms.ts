import type { NotificationRow, Reader } from '../db/rows.ts';

// Tenant ids are UUIDs, so `t:<uuid>:` is an unambiguous prefix whatever the host's ids contain.
/** The one place room names are built. */
export const rooms = {
  tenant: (tenantId: string) => `t:${tenantId}`,
  branch: (tenantId: string, branchId: string) => `t:${tenantId}:b:${branchId}`,
  owners: (tenantId: string) => `t:${tenantId}:owners`,
  recipient: (tenantId: string, recipientId: string) => `t:${tenantId}:r:${recipientId}`,
};

/** The rooms a reader's sockets join: their own, the tenant's, each of their branches, owners'. */
export function roomsOfReader(tenantId: string, reader: Pick<Reader, 'id' | 'role' | 'branchIds'>): string[] {
  return [
    rooms.recipient(tenantId, reader.id),
    rooms.tenant(tenantId),
    ...(reader.role === 'owner'
      ? [rooms.owners(tenantId)]
      : reader.branchIds.map((b) => rooms.branch(tenantId, b))),
  ];
}

/**
 * The rooms a notification is emitted to: exactly the readers SPEC section 2 lets see it
 * (named people; everyone when global; the branches and the owners when it has a branch list).
 */
export function roomsOfNotification(
  n: Pick<NotificationRow, 'tenantId' | 'branchIds' | 'recipientIds'>,
): string[] {
  const out = (n.recipientIds ?? []).map((r) => rooms.recipient(n.tenantId, r));
  if (n.branchIds) {
    out.push(rooms.owners(n.tenantId), ...n.branchIds.map((b) => rooms.branch(n.tenantId, b)));
  } else if (!n.recipientIds?.length) {
    out.push(rooms.tenant(n.tenantId));
  }
  return out;
}
