import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import type { BranchRow } from '../rows.ts';
import { branches } from '../schema.ts';

/** A tenant's branches, keyed by the host's own ids. */
export class BranchRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  async upsert(id: string, name: string): Promise<{ row: BranchRow; created: boolean }> {
    const existing = await this.get(id);
    const [row] = await this.db
      .insert(branches)
      .values({ tenantId: this.tenantId, id, name })
      .onConflictDoUpdate({ target: [branches.tenantId, branches.id], set: { name, updatedAt: new Date() } })
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

  list() {
    return this.db
      .select()
      .from(branches)
      .where(eq(branches.tenantId, this.tenantId))
      .orderBy(asc(branches.id));
  }

  async remove(id: string): Promise<boolean> {
    const rows = await this.db
      .delete(branches)
      .where(and(eq(branches.tenantId, this.tenantId), eq(branches.id, id)))
      .returning({ id: branches.id });
    return rows.length > 0;
  }
}
