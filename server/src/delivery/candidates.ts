import type { Category, Preferences } from '@aviso/protocol';
import type { ChannelKind } from '../channels/index.ts';
import type { ChannelRow } from '../db/repos/channels.ts';
import type { DeliveryRow } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import type { TenantStore } from '../db/store.ts';
import type { DeliveryContext } from './context.ts';
import { groupAddresses } from './groups.ts';

/** One kind a person can be reached through: its providers in order, and the person's address. */
export interface Candidate {
  kind: ChannelKind;
  providers: ChannelRow[];
  address: string;
}

/** The recipient field each kind sends to; null for kinds with a fixed destination. */
const ADDRESS: Record<ChannelKind, keyof RecipientRow | null> = {
  email: 'email',
  whatsapp: 'whatsapp',
  telegram: 'telegramChatId',
  sms: 'phone',
  slack: null,
  webhook: null,
};

/** The kinds of the plan this person can get: tenant has the channel, person has the address and did not opt out. */
export async function candidates(
  ctx: DeliveryContext,
  row: DeliveryRow,
  store: TenantStore,
  n: NotificationRow,
  recipient?: RecipientRow,
): Promise<Candidate[]> {
  const prefs = (recipient?.preferences ?? {}) as Preferences;
  // A category may be switched off on some channels only (`{"promotions": {"whatsapp": false}}`).
  const category = prefs.categories?.[n.category as Category];
  // A group chat's row goes to the branch's (or tenant's) address, not to a person's.
  const group = row.plan.group ? await groupAddresses(store, row.plan.group) : undefined;
  const out: Candidate[] = [];
  for (const kind of row.plan.channels as ChannelKind[]) {
    if (prefs.channels?.[kind] === false) continue;
    if (typeof category === 'object' && category[kind] === false) continue;
    const field = ADDRESS[kind];
    const address = group
      ? group[kind as keyof typeof group]
      : field
        ? (recipient?.[field] as string | null | undefined)
        : '';
    if ((group || field) && !address) continue;
    let providers = await store.channels.usable(kind, n.category, n.type);
    if (!providers.length && kind === 'email' && ctx.defaultEmail) {
      providers = [defaultEmailChannel(ctx, store.tenantId, ctx.defaultEmail)];
    }
    if (providers.length) out.push({ kind, providers, address: address ?? '' });
  }
  return out;
}

/** The hub's own SMTP account dressed as a channel of the tenant. */
function defaultEmailChannel(
  ctx: DeliveryContext,
  tenantId: string,
  config: Record<string, unknown>,
): ChannelRow {
  const at = ctx.now();
  return {
    id: '00000000-0000-0000-0000-000000000000',
    tenantId,
    kind: 'email',
    name: 'hub SMTP',
    config,
    enabled: true,
    priority: 0,
    categories: null,
    types: null,
    ratePerMinute: null,
    disabledReason: null,
    createdAt: at,
    updatedAt: at,
  };
}
