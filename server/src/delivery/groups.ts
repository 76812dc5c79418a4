import { type ChannelAddresses, GROUP_KINDS, type GroupKind, type Role } from '@aviso/protocol';
import { newId } from '../db/ids.ts';
import type { DeliveryRow, NewDelivery } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { Presence } from '../presence/presence.ts';

type Planned = Pick<NotificationRow, 'id' | 'type' | 'branchIds' | 'recipientIds'>;

/** Who a step is for: the notification's audience, or people with these roles. */
export type StepTo = 'targets' | readonly Role[];

/** One rule step as the group planner needs it. */
export interface GroupStep {
  step: 'fallback' | 'escalate';
  condition: 'offline' | 'unseen' | 'unread' | null;
  to: StepTo;
  channels: readonly string[];
  mode: 'first-available' | 'all';
  dueAt: Date;
}

/** The people a step is for. */
function stepPeople(n: Pick<NotificationRow, 'branchIds' | 'recipientIds'>, to: StepTo, store: TenantStore) {
  return to === 'targets'
    ? store.recipients.audienceOf(n)
    : store.recipients.withRoles(to as RecipientRow['role'][]);
}

/** Whose group chats a notification may go to: its branches', else the tenant's own; none when personal. */
async function groupsOf(n: Planned, store: TenantStore) {
  // A personal notification (people named, no branch) is private: no group sees it.
  if (n.recipientIds?.length && !n.branchIds?.length) return [];
  const own = async () => [{ branchId: null, addresses: (await store.settings.get()).addresses }];
  if (n.branchIds === null) return own();
  if (!n.branchIds.length) return [];
  const branches = (await store.branches.some(n.branchIds)).filter((b) => Object.keys(b.addresses).length);
  return branches.length ? branches.map((b) => ({ branchId: b.id, addresses: b.addresses })) : own();
}

/**
 * The rows that send one step to group chats, ONCE per chat however many people are in it: one per
 * distinct group address (two branches sharing a group get one message). In `first-available` a
 * group is reached through its first kind of the step that it has an address for; in `all`,
 * through each. The group gets the step when it goes to anyone: an `offline` step skips the
 * groups only when everyone it is for is online.
 */
export async function groupRows(
  n: Planned,
  s: GroupStep,
  store: TenantStore,
  presence: Presence,
): Promise<NewDelivery[]> {
  const kinds = s.channels.filter((k): k is GroupKind => (GROUP_KINDS as readonly string[]).includes(k));
  if (!kinds.length) return [];
  const groups = await groupsOf(n, store);
  if (!groups.length) return [];
  if (s.condition === 'offline') {
    const people = await stepPeople(n, s.to, store);
    const online = await presence
      .online(
        store.tenantId,
        people.map((r) => r.id),
      )
      .catch(() => new Set<string>());
    if (people.length && people.every((p) => online.has(p.id))) return [];
  }
  const seen = new Set<string>();
  const rows: NewDelivery[] = [];
  for (const g of groups) {
    const has = kinds.filter((k) => g.addresses[k]);
    const plans = s.mode === 'all' ? has.map((k) => [k]) : has.length ? [has] : [];
    for (const channels of plans) {
      const key = `${channels[0]}:${g.addresses[channels[0]!]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        id: newId(),
        notificationId: n.id,
        type: n.type,
        recipientId: null,
        step: s.step,
        condition: s.condition,
        plan: { channels, mode: 'first-available', group: { branchId: g.branchId, to: s.to } },
        status: 'pending',
        dueAt: s.dueAt,
      });
    }
  }
  return rows;
}

/** The addresses of the group a row goes to (a branch's, or the tenant's own). */
export async function groupAddresses(
  store: TenantStore,
  group: { branchId: string | null },
): Promise<ChannelAddresses> {
  if (group.branchId === null) return (await store.settings.get()).addresses;
  return (await store.branches.get(group.branchId))?.addresses ?? {};
}

/**
 * Why a group's `unseen`/`unread` step should not fire: everyone the step is for saw (or read) the
 * notification in time, so the step goes to nobody, and neither to the group.
 */
export async function groupStepMoot(
  row: DeliveryRow,
  store: TenantStore,
  n: NotificationRow,
): Promise<string | undefined> {
  if (!row.plan.group || (row.condition !== 'unseen' && row.condition !== 'unread')) return undefined;
  const field = row.condition === 'unseen' ? 'seenAt' : 'readAt';
  const people = await stepPeople(n, (row.plan.group.to ?? 'targets') as StepTo, store);
  if (!people.length) return undefined;
  for (const p of people) {
    const state = await store.notifications.state(p.id, n.id);
    const underWatermark = p.readUpTo && n.id <= p.readUpTo;
    if (!state?.[field] && !state?.readAt && !underWatermark) return undefined;
  }
  return `${row.condition === 'unseen' ? 'seen' : 'read'} by everyone the step was for`;
}
