import { type ChannelAddressesInput, GROUP_KINDS, type GroupKind } from '@aviso/protocol';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../client.ts';
import type { BranchRow } from '../rows.ts';
import { branches, tenants } from '../schema.ts';

/**
 * The SQL that applies a PUT/PATCH's addresses to a stored `addresses` column in one statement:
 * given keys replace, `null` removes, absent keys stay.
 */
export function addressesUpdate(column: PgColumn, patch: ChannelAddressesInput): SQL {
  const set: Record<string, string> = {};
  const removed: string[] = [];
  for (const kind of GROUP_KINDS) {
    const value = patch[kind];
    if (typeof value === 'string') set[kind] = value;
    else if (value === null) removed.push(kind);
  }
  return sql`(${column} || ${JSON.stringify(set)}::jsonb) - ${`{${removed.join(',')}}`}::text[]`;
}

/** A tenant's branches, keyed by the host's own ids. */
export class BranchRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /** Creates or renames a branch; `addresses`, when given, are merged into the stored ones. */
  async upsert(
    id: string,
    name: string,
    addresses?: ChannelAddressesInput,
  ): Promise<{ row: BranchRow; created: boolean }> {
    const existing = await this.get(id);
    const given = addresses ?? {};
    const [row] = await this.db
      .insert(branches)
      .values({
        tenantId: this.tenantId,
        id,
        name,
        addresses: Object.fromEntries(Object.entries(given).filter(([, v]) => typeof v === 'string')),
      })
      .onConflictDoUpdate({
        target: [branches.tenantId, branches.id],
        set: { name, updatedAt: new Date(), addresses: addressesUpdate(branches.addresses, given) },
      })
      .returning();
    return { row: row!, created: !existing };
  }

  async get(id: string): Promise<BranchRow | undefined> {
    const [row] = await this.db
      .select()
      .from(branches)
      .where(and(eq(branches.tenantId, this.tenantId), eq(branches.id, id)));
    return row;
  }

  /** The branches among `ids` that exist. */
  some(ids: readonly string[]): Promise<BranchRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(branches)
      .where(and(eq(branches.tenantId, this.tenantId), inArray(branches.id, [...ids])))
      .orderBy(asc(branches.id));
  }

  list() {
    return this.db
      .select()
      .from(branches)
      .where(eq(branches.tenantId, this.tenantId))
      .orderBy(asc(branches.id));
  }

  /** Sets one address of a branch (a Telegram group linked by the bot); false when there is no such branch. */
  async setAddress(id: string, kind: GroupKind, value: string | null): Promise<boolean> {
    const rows = await this.db
      .update(branches)
      .set({ addresses: addressesUpdate(branches.addresses, { [kind]: value }), updatedAt: new Date() })
      .where(and(eq(branches.tenantId, this.tenantId), eq(branches.id, id)))
      .returning({ id: branches.id });
    return rows.length > 0;
  }

  /**
   * Removes an address wherever the tenant uses it (its branches and its own): a group that told the
   * bot to stop, or that Telegram moved to a new id (then `to` takes its place). Returns how many
   * places had it.
   */
  async replaceAddress(kind: GroupKind, value: string, to: string | null = null): Promise<number> {
    const had = sql`${branches.addresses} ->> ${kind} = ${value}`;
    const moved = await this.db
      .update(branches)
      .set({ addresses: addressesUpdate(branches.addresses, { [kind]: to }), updatedAt: new Date() })
      .where(and(eq(branches.tenantId, this.tenantId), had))
      .returning({ id: branches.id });
    const own = await this.db
      .update(tenants)
      .set({ addresses: addressesUpdate(tenants.addresses, { [kind]: to }), updatedAt: new Date() })
      .where(and(eq(tenants.id, this.tenantId), sql`${tenants.addresses} ->> ${kind} = ${value}`))
      .returning({ id: tenants.id });
    return moved.length + own.length;
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(branches)
      .where(and(eq(branches.tenantId, this.tenantId), eq(branches.id, id)))
      .returning({ id: branches.id });
    return rows.length > 0;
  }
}
