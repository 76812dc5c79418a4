import type { RecipientInput, Role } from '@aviso/protocol';
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { RecipientRow } from '../rows.ts';
import { recipients } from '../schema.ts';
import { textArray } from './notifications.ts';

/** Fields a widget token may carry to create or refresh its recipient. */
export type RecipientClaims = Partial<Pick<RecipientRow, 'name' | 'role' | 'branchIds' | 'email' | 'locale'>>;

const PROFILE = ['name', 'role', 'branchIds', 'email', 'locale'] as const;

/** Whether `next` changes any profile field of `row` it names. */
const changes = (row: RecipientRow, next: RecipientClaims) =>
  PROFILE.some((k) => k in next && JSON.stringify(row[k]) !== JSON.stringify(next[k]));

/** A tenant's people, keyed by the host's own user ids. */
export class RecipientRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  async get(id: string): Promise<RecipientRow | undefined> {
    const [row] = await this.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, id)));
    return row;
  }

  async upsert(id: string, input: RecipientInput): Promise<{ row: RecipientRow; created: boolean }> {
    const existing = await this.get(id);
    const values = {
      name: input.name ?? null,
      role: input.role,
      branchIds: [...new Set(input.branchIds)],
      email: input.email ?? null,
      phone: input.phone ?? null,
      whatsapp: input.whatsapp ?? null,
      telegramChatId: input.telegramChatId ?? null,
      documentId: input.documentId ?? null,
      locale: input.locale ?? null,
      preferences: input.preferences ?? existing?.preferences ?? {},
    };
    const now = new Date();
    // Older widget-token claims must not undo this change (see `applyClaims`).
    const profileChangedAt = !existing || changes(existing, values) ? now : existing.profileChangedAt;
    const [row] = await this.db
      .insert(recipients)
      .values({ tenantId: this.tenantId, id, ...values, profileChangedAt })
      .onConflictDoUpdate({
        target: [recipients.tenantId, recipients.id],
        set: { ...values, profileChangedAt, updatedAt: now },
      })
      .returning();
    return { row: row!, created: !existing };
  }

  /**
   * Creates the recipient a widget token names, or refreshes the fields its claims carry, but only
   * when the token was issued after the profile last changed: a week-old token must not undo a
   * demotion made since. Returns the row as it now is, and the row before when it changed.
   */
  async applyClaims(
    id: string,
    claims: RecipientClaims,
    issuedAt: Date,
    /** The row as the caller just read it (`{ row: undefined }`: not there), to spare a read. */
    read?: { row: RecipientRow | undefined },
  ): Promise<{ row: RecipientRow; before?: RecipientRow }> {
    const existing = read ? read.row : await this.get(id);
    if (existing && (existing.profileChangedAt >= issuedAt || !changes(existing, claims))) {
      return { row: existing };
    }
    const [row] = await this.db
      .insert(recipients)
      .values({
        tenantId: this.tenantId,
        id,
        role: 'staff',
        branchIds: [],
        ...claims,
        profileChangedAt: issuedAt,
      })
      .onConflictDoUpdate({
        target: [recipients.tenantId, recipients.id],
        set: { ...claims, profileChangedAt: issuedAt, updatedAt: new Date() },
        // A change stored since the read above wins over these claims.
        setWhere: sql`${recipients.profileChangedAt} < ${issuedAt.toISOString()}::timestamptz`,
      })
      .returning();
    if (!row) return { row: (await this.get(id))! };
    return { row, before: existing };
  }

  /** Refuses every widget token of this person issued before `at` (whole seconds); false when unknown. */
  async revokeTokens(id: string, at: Date): Promise<RecipientRow | undefined> {
    const [row] = await this.db
      .update(recipients)
      .set({ tokensValidAfter: new Date(Math.floor(at.getTime() / 1000) * 1000), updatedAt: at })
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, id)))
      .returning();
    return row;
  }

  list({ after, limit }: { after?: string; limit: number }) {
    return this.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), after ? gt(recipients.id, after) : undefined))
      .orderBy(asc(recipients.id))
      .limit(limit);
  }

  /** Ids of the recipients with one of these roles. */
  async idsWithRoles(roles: readonly Role[]): Promise<string[]> {
    if (!roles.length) return [];
    const rows = await this.db
      .select({ id: recipients.id })
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), inArray(recipients.role, [...roles])));
    return rows.map((r) => r.id);
  }

  /** Everyone who can see a notification with this audience (SPEC section 2, from the people side). */
  async audienceOf(n: {
    branchIds: string[] | null;
    recipientIds: string[] | null;
  }): Promise<RecipientRow[]> {
    const conditions: (SQL | undefined)[] = [];
    if (n.recipientIds?.length) conditions.push(inArray(recipients.id, n.recipientIds));
    if (!n.recipientIds?.length && !n.branchIds) conditions.push(sql`true`);
    if (n.branchIds) {
      conditions.push(eq(recipients.role, 'owner'));
      if (n.branchIds.length) conditions.push(sql`${recipients.branchIds} && ${textArray(n.branchIds)}`);
    }
    if (!conditions.length) return [];
    return this.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), or(...conditions)));
  }

  /** How many people have an address for each channel (Telegram counts linked chats). */
  async linkedCounts() {
    const [row] = await this.db
      .select({
        telegram: sql<number>`count(${recipients.telegramChatId})::int`,
        whatsapp: sql<number>`count(${recipients.whatsapp})::int`,
        sms: sql<number>`count(${recipients.phone})::int`,
        email: sql<number>`count(${recipients.email})::int`,
      })
      .from(recipients)
      .where(eq(recipients.tenantId, this.tenantId));
    return {
      telegram: Number(row?.telegram ?? 0),
      whatsapp: Number(row?.whatsapp ?? 0),
      sms: Number(row?.sms ?? 0),
      email: Number(row?.email ?? 0),
    };
  }

  async withRoles(roles: readonly Role[]): Promise<RecipientRow[]> {
    if (!roles.length) return [];
    return this.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), inArray(recipients.role, [...roles])));
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(recipients)
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, id)))
      .returning({ id: recipients.id });
    return rows.length > 0;
  }

  async setPreferences(id: string, preferences: Record<string, unknown>): Promise<RecipientRow> {
    const [row] = await this.db
      .update(recipients)
      .set({ preferences, updatedAt: new Date() })
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, id)))
      .returning();
    return row!;
  }
}
