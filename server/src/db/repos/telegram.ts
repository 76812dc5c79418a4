import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sha256 } from '../ids.ts';
import type { RecipientRow } from '../rows.ts';
import { recipients, telegramChats, telegramLinks } from '../schema.ts';

export type ChatState = typeof telegramChats.$inferSelect;

/** Letters and digits of a document number, upper case: `1-234-567` and `1234567` are the same. */
export const normalizeDocument = (text: string) => text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** Link tokens, chat states and chat ids of one tenant's recipients. */
export class TelegramRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /**
   * A new single-use token; only its hash is stored. Without `toChat` it is a `t.me/<bot>?start=`
   * link for whichever chat opens it; with `toChat` it moves the recipient's link to that chat once
   * the chat linked now confirms.
   */
  async issueLink(recipientId: string, channelId: string, expiresAt: Date, toChat?: string): Promise<string> {
    // Telegram allows 1–64 characters of A–Z, a–z, 0–9, _ and - in a start parameter.
    const token = randomBytes(24).toString('base64url');
    await this.db.insert(telegramLinks).values({
      tokenHash: sha256(token),
      tenantId: this.tenantId,
      recipientId,
      channelId,
      chatId: toChat ?? null,
      expiresAt,
    });
    return token;
  }

  /**
   * A new single-use token that links the group chat where `/start <token>` is sent (a
   * `t.me/<bot>?startgroup=` link) to a branch, or to the tenant itself when `branchId` is null.
   */
  async issueGroupLink(branchId: string | null, channelId: string, expiresAt: Date): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.db.insert(telegramLinks).values({
      tokenHash: sha256(token),
      tenantId: this.tenantId,
      scope: branchId === null ? 'tenant' : 'branch',
      branchId,
      channelId,
      expiresAt,
    });
    return token;
  }

  /** Spends a `/start` token (once: only an unused, unexpired one matches); returns its recipient id. */
  async consumeLink(token: string, channelId: string, now: Date): Promise<string | undefined> {
    const t = telegramLinks;
    const [row] = await this.spend(token, channelId, now, and(isNull(t.chatId), eq(t.scope, 'recipient')));
    return row?.recipientId ?? undefined;
  }

  /** What a live (unused, unexpired) token links, without spending it: to tell a chat it is the wrong one. */
  async scopeOf(
    token: string,
    channelId: string,
    now: Date,
  ): Promise<'recipient' | 'branch' | 'tenant' | undefined> {
    const t = telegramLinks;
    const [row] = await this.db
      .select({ scope: t.scope })
      .from(t)
      .where(this.live(token, channelId, now));
    return row?.scope;
  }

  /** Spends a group token; returns what the group becomes the address of (a branch, or the tenant). */
  async consumeGroupLink(
    token: string,
    channelId: string,
    now: Date,
  ): Promise<{ branchId: string | null } | undefined> {
    const [row] = await this.spend(token, channelId, now, ne(telegramLinks.scope, 'recipient'));
    return row ? { branchId: row.branchId } : undefined;
  }

  /** Spends a move token of this recipient (pressed in their linked chat); returns the chat it moves to. */
  async consumeMove(
    token: string,
    channelId: string,
    recipientId: string,
    now: Date,
  ): Promise<string | undefined> {
    const t = telegramLinks;
    const [row] = await this.spend(
      token,
      channelId,
      now,
      and(isNotNull(t.chatId), eq(t.scope, 'recipient'), eq(t.recipientId, recipientId)),
    );
    return row?.chatId ?? undefined;
  }

  private spend(token: string, channelId: string, now: Date, kind: ReturnType<typeof and>) {
    const t = telegramLinks;
    return this.db
      .update(t)
      .set({ usedAt: now })
      .where(and(this.live(token, channelId, now), kind))
      .returning({ recipientId: t.recipientId, chatId: t.chatId, branchId: t.branchId });
  }

  /** This tenant's unused, unexpired link of `token` on the channel. */
  private live(token: string, channelId: string, now: Date) {
    const t = telegramLinks;
    return and(
      eq(t.tokenHash, sha256(token)),
      eq(t.tenantId, this.tenantId),
      eq(t.channelId, channelId),
      isNull(t.usedAt),
      gt(t.expiresAt, now),
    );
  }

  async chat(channelId: string, chatId: string): Promise<ChatState | undefined> {
    const c = telegramChats;
    const [row] = await this.db
      .select()
      .from(c)
      .where(and(eq(c.tenantId, this.tenantId), eq(c.channelId, channelId), eq(c.chatId, chatId)));
    return row;
  }

  /** Records what the bot waits for in a chat (null: nothing). */
  async saveChat(
    channelId: string,
    chatId: string,
    awaiting: ChatState['awaiting'],
    now: Date,
  ): Promise<void> {
    const c = telegramChats;
    await this.db
      .insert(c)
      .values({ tenantId: this.tenantId, channelId, chatId, awaiting, updatedAt: now })
      .onConflictDoUpdate({ target: [c.channelId, c.chatId], set: { awaiting, updatedAt: now } });
  }

  /** The recipient this chat is linked to. */
  async recipientOf(chatId: string): Promise<RecipientRow | undefined> {
    const [row] = await this.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.telegramChatId, chatId)))
      .limit(1);
    return row;
  }

  /** Ties the chat to one recipient: whoever had it before loses it, so a chat speaks for one person. */
  async link(recipientId: string, chatId: string, now: Date): Promise<RecipientRow | undefined> {
    return this.db.transaction(async (tx) => {
      await tx
        .update(recipients)
        .set({ telegramChatId: null, updatedAt: now })
        .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.telegramChatId, chatId)));
      const [row] = await tx
        .update(recipients)
        .set({ telegramChatId: chatId, updatedAt: now })
        .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, recipientId)))
        .returning();
      return row;
    });
  }

  /** Unlinks the chat; returns how many recipients it was linked to. */
  async unlink(chatId: string, now: Date): Promise<number> {
    const rows = await this.db
      .update(recipients)
      .set({ telegramChatId: null, updatedAt: now })
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.telegramChatId, chatId)))
      .returning({ id: recipients.id });
    return rows.length;
  }

  /** The recipients whose document number is this one (normalized on both sides); at most two. */
  async byDocument(document: string): Promise<RecipientRow[]> {
    const wanted = normalizeDocument(document);
    if (!wanted) return [];
    return this.db
      .select()
      .from(recipients)
      .where(
        and(
          eq(recipients.tenantId, this.tenantId),
          sql`upper(regexp_replace(coalesce(${recipients.documentId}, ''), '[^0-9A-Za-z]', '', 'g')) = ${wanted}`,
        ),
      )
      .limit(2);
  }
}
