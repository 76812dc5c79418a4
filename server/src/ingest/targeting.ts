import { type EventInput, type EventTypeDefinition, HostIdSchema, type Role } from '@aviso/protocol';
import { fail } from '../lib/errors.ts';

/** Who a notification is for: SPEC section 2's `branchIds` (null = everyone) and `recipientIds`. */
export interface Audience {
  branchIds: string[] | null;
  recipientIds: string[] | null;
}

function branchesFrom(data: Record<string, unknown>, fields: readonly string[]): string[] {
  const found: string[] = [];
  for (const field of fields) {
    const value = data[field];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'number') found.push(String(item));
      else if (typeof item === 'string' && HostIdSchema.safeParse(item).success) found.push(item);
    }
  }
  return found.length < 2 ? found : [...new Set(found)];
}

const unique = (ids: readonly string[] | undefined | null) => (ids?.length ? [...new Set(ids)] : null);

/**
 * Decides the audience of an event: the event's own `branchIds`/`recipientIds` when it gives any,
 * else the type's targeting rule. `idsWithRoles` looks up people by role (for "owners and managers").
 */
export async function resolveAudience(
  type: string,
  def: EventTypeDefinition,
  event: Pick<EventInput, 'branchIds' | 'recipientIds' | 'data'>,
  idsWithRoles: (roles: readonly Role[]) => Promise<string[]>,
): Promise<Audience> {
  if (event.branchIds !== undefined || event.recipientIds !== undefined) {
    return {
      branchIds: event.branchIds ? [...new Set(event.branchIds)] : null,
      recipientIds: unique(event.recipientIds),
    };
  }
  const data = event.data ?? {};
  const target = def.target;
  switch (target.kind) {
    case 'everyone':
      return { branchIds: null, recipientIds: null };
    case 'recipients':
      return fail('TARGET_REQUIRED', { type, need: 'recipientIds' });
    case 'roles': {
      // An empty branch list is seen by owners only; other roles are named one by one.
      const others = target.roles.filter((r) => r !== 'owner');
      return { branchIds: [], recipientIds: unique(await idsWithRoles(others)) };
    }
    case 'branches':
    case 'recipients-or-branches': {
      const branchIds = branchesFrom(data, target.from);
      if (!branchIds.length) {
        const fields = target.from.map((f) => `data.${f}`).join(' or ');
        const people = target.kind === 'recipients-or-branches' ? 'recipientIds, ' : '';
        fail('TARGET_REQUIRED', { type, need: `${people}${fields}, or branchIds` });
      }
      return { branchIds, recipientIds: null };
    }
  }
}
