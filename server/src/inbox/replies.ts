import { isUuid } from '@aviso/protocol';
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { NewDelivery } from '../db/repos/deliveries.ts';
import type { NotificationRow, RecipientRow } from '../db/rows.ts';
import { channels, deliveries, notificationStates, notifications, recipients } from '../db/schema.ts';

/** What the first answer to a notification was, and whether this answer was it. */
export interface Recorded {
  recorded: boolean;
  actionId: string;
  actedAt: Date;
}

/** Only the digits of a phone number: `whatsapp:+52 155…` and Meta's `52155…` compare equal. */
export const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/** "1", " 2 ", "2." → the zero-based index of a numbered reply; null for anything else. */
export function parseChoice(text: string | undefined): number | null {
  const m = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text ?? '');
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 ? n - 1 : null;
}

/**
 * Answers to actions and the look-ups that inbound replies need, scoped to one tenant. Hooks
 * arrive without an API key: the channel in their path names the tenant (`channelTenant`).
 */
export class ReplyRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /**
   * Records `actionId` as `readerId`'s answer unless anybody answered first. The notification row
   * is locked for the check, so two answers at the same moment cannot both win. The reader's
   * state is marked read, and `planned` deliveries (the webhooks) are stored in the same
   * transaction, only when this answer wins. Nothing else may query inside it: PGlite has one connection.
   */
  record(
    notificationId: string,
    readerId: string,
    actionId: string,
    at: Date,
    planned: readonly NewDelivery[],
  ): Promise<Recorded> {
    const s = notificationStates;
    return this.db.transaction(async (tx) => {
      await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.tenantId, this.tenantId), eq(notifications.id, notificationId)))
        .for('update');
      const [first] = await tx
        .select({ actionId: s.actionId, actedAt: s.actedAt })
        .from(s)
        .where(
          and(eq(s.tenantId, this.tenantId), eq(s.notificationId, notificationId), isNotNull(s.actionId)),
        )
        .orderBy(s.actedAt)
        .limit(1);
      if (first?.actionId) return { recorded: false, actionId: first.actionId, actedAt: first.actedAt ?? at };
      const stamp = sql`${at.toISOString()}::timestamptz`;
      await tx
        .insert(s)
        .values({
          tenantId: this.tenantId,
          notificationId,
          recipientId: readerId,
          seenAt: at,
          readAt: at,
          actionId,
          actedAt: at,
        })
        .onConflictDoUpdate({
          target: [s.notificationId, s.recipientId],
          set: {
            seenAt: sql`coalesce(${s.seenAt}, ${stamp})`,
            readAt: sql`coalesce(${s.readAt}, ${stamp})`,
            actionId,
            actedAt: at,
          },
        });
      if (planned.length) {
        await tx.insert(deliveries).values(planned.map((r) => ({ ...r, tenantId: this.tenantId })));
      }
      return { recorded: true, actionId, actedAt: at };
    });
  }

  /**
   * The newest notification with actions that was sent over `kind` to the person at `address`
   * (a phone number for WhatsApp and SMS, a chat id for Telegram), with that person.
   */
  async latestAnswerable(
    kind: 'whatsapp' | 'sms' | 'telegram',
    address: string,
  ): Promise<{ n: NotificationRow; recipient: RecipientRow } | undefined> {
    const r = recipients;
    const match =
      kind === 'telegram'
        ? eq(r.telegramChatId, address)
        : sql`regexp_replace(coalesce(${kind === 'sms' ? r.phone : r.whatsapp}, ''), '[^0-9]', '', 'g') = ${digitsOf(address)}`;
    const [row] = await this.db
      .select({ n: notifications, recipient: r })
      .from(deliveries)
      .innerJoin(r, and(eq(r.tenantId, deliveries.tenantId), eq(r.id, deliveries.recipientId)))
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(
        and(
          eq(deliveries.tenantId, this.tenantId),
          eq(deliveries.kind, kind),
          eq(deliveries.status, 'sent'),
          sql`jsonb_array_length(coalesce(${notifications.actions}, '[]'::jsonb)) > 0`,
          match,
        ),
      )
      .orderBy(desc(deliveries.sentAt), desc(deliveries.notificationId))
      .limit(1);
    return row;
  }
}

/** The tenant and kind of a channel named by an inbound hook's path (the only unscoped look-up). */
export async function channelTenant(
  db: Db,
  channelId: string,
): Promise<{ tenantId: string; kind: string } | undefined> {
  if (!isUuid(channelId)) return undefined;
  const [row] = await db
    .select({ tenantId: channels.tenantId, kind: channels.kind })
    .from(channels)
    .where(eq(channels.id, channelId));
  return row;
}
