import { HUB_TEXTS } from '@aviso/protocol';
import type { NotificationRow } from '../db/rows.ts';
import { pickLocale } from '../ingest/templates.ts';
import { type PersonSend, sendThroughPlan } from './send.ts';

/** How long a digest row waits for its window's leader before looking again. */
const LEADER_WAIT_MS = 5_000;

/** One notification standing for several: a count as title and one line per message. */
export function digestOf(all: readonly NotificationRow[], locale: string): NotificationRow {
  const [first] = all;
  if (!first) throw new TypeError('a digest needs at least one notification');
  if (all.length === 1) return { ...first, actions: null };
  const title = pickLocale(HUB_TEXTS.digestTitle, locale)!.replace(
    '{{count}}',
    new Intl.NumberFormat(locale).format(all.length),
  );
  return {
    ...first,
    title,
    message: all.map((x) => `• ${x.message}`).join('\n'),
    link: null,
    actions: null,
  };
}

/**
 * One message for all the digest rows of one person in one window. The oldest row sends it and
 * settles the others; the others, when their turn comes, leave it to that row.
 */
export const sendDigest: PersonSend = async (ctx, row, store, tenant, n, recipient, tried) => {
  const group = await store.deliveries.digestGroup(row);
  if (!group.some((d) => d.id === row.id)) {
    // Another row of this window already sent the digest and settled this one with it.
    const settled = await store.deliveries.get(row.id);
    return { status: settled?.status ?? 'sent' };
  }
  const leader = group[0];
  if (leader && leader.id !== row.id) {
    return {
      status: 'pending',
      dueAt: new Date(ctx.now().getTime() + LEADER_WAIT_MS),
      lastError: `in digest ${leader.id}`,
    };
  }
  const others = group.filter((d) => d.id !== row.id);
  const notes = (await Promise.all(others.map((d) => store.notifications.byId(d.notificationId!)))).filter(
    (x): x is NotificationRow => !!x,
  );
  const digest = digestOf([n, ...notes], recipient?.locale ?? tenant.locale);
  const outcome = await sendThroughPlan(ctx, row, store, tenant, digest, recipient, tried);
  if (outcome.status === 'sent') {
    await store.deliveries.settle(
      others.map((d) => d.id),
      {
        status: 'sent',
        kind: outcome.kind,
        channelId: outcome.channelId,
        providerMessageId: outcome.providerMessageId,
        sentAt: outcome.sentAt,
        lastError: `sent in digest ${row.id}`,
      },
      ctx.now(),
    );
  }
  return outcome;
};
