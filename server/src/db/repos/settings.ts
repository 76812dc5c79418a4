import { isUuid, type TenantPatch } from '@aviso/protocol';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import type { TenantRow } from '../rows.ts';
import { apiKeys, eventTypes, tenants } from '../schema.ts';
import { addressesUpdate } from './branches.ts';

// Every event reads its tenant's overrides; a short cache saves that query. Another node sees a
// change within this long; this node at once.
const OVERRIDES_TTL_MS = 2_000;
const overridesCache = new Map<string, { at: number; value: Map<string, Record<string, unknown>> }>();

/** A tenant's own settings, API keys and event-type overrides. */
export class SettingsRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  async get(): Promise<TenantRow> {
    const [row] = await this.db.select().from(tenants).where(eq(tenants.id, this.tenantId));
    if (!row) throw new Error(`tenant ${this.tenantId} vanished`);
    return row;
  }

  async update(patch: TenantPatch): Promise<TenantRow> {
    const { settings, addresses, ...fields } = patch;
    const [row] = await this.db
      .update(tenants)
      .set({
        ...fields,
        // Settings are merged key by key, so a change to one group keeps the others.
        ...(settings ? { settings: sql`${tenants.settings} || ${JSON.stringify(settings)}::jsonb` } : {}),
        // So are addresses: a PATCH naming WhatsApp keeps the Telegram group the bot linked.
        ...(addresses ? { addresses: addressesUpdate(tenants.addresses, addresses) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, this.tenantId))
      .returning();
    return row!;
  }

  /**
   * Replaces the sealed widget secret. With `previousUntil`, the secret it replaces keeps verifying
   * until then; without, it is forgotten at once.
   */
  async rotateWidgetSecret(sealed: string, previousUntil: Date | null): Promise<TenantRow> {
    const [row] = await this.db
      .update(tenants)
      .set({
        // Every SET reads the row as it was: the previous secret is the one being replaced.
        previousWidgetSecretEnc: previousUntil ? sql`${tenants.widgetSecretEnc}` : null,
        previousWidgetSecretUntil: previousUntil,
        widgetSecretEnc: sealed,
        updatedAt: new Date(),
      })
      .where(eq(tenants.id, this.tenantId))
      .returning();
    return row!;
  }

  listApiKeys() {
    return this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, this.tenantId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt));
  }

  async createApiKey(name: string | null) {
    const key = newSecret('ak', 24);
    const [row] = await this.db
      .insert(apiKeys)
      .values({ id: newId(), tenantId: this.tenantId, name, prefix: key.slice(0, 7), keyHash: sha256(key) })
      .returning();
    return { row: row!, key };
  }

  /** Revokes a key; false when this tenant has no such key. */
  async revokeApiKey(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.tenantId, this.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }

  async eventTypeOverrides(): Promise<Map<string, Record<string, unknown>>> {
    const hit = overridesCache.get(this.tenantId);
    if (hit && Date.now() - hit.at < OVERRIDES_TTL_MS) return hit.value;
    const rows = await this.db.select().from(eventTypes).where(eq(eventTypes.tenantId, this.tenantId));
    const value = new Map(rows.map((r) => [r.type, r.definition]));
    if (overridesCache.size > 10_000) overridesCache.clear();
    overridesCache.set(this.tenantId, { at: Date.now(), value });
    return value;
  }

  /** Removes a tenant's override (a catalog type is back to the catalog; an added type is gone). */
  async deleteEventType(type: string): Promise<boolean> {
    const rows = await this.db
      .delete(eventTypes)
      .where(and(eq(eventTypes.tenantId, this.tenantId), eq(eventTypes.type, type)))
      .returning({ type: eventTypes.type });
    overridesCache.delete(this.tenantId);
    return rows.length > 0;
  }

  async putEventType(type: string, definition: Record<string, unknown>) {
    await this.db
      .insert(eventTypes)
      .values({ tenantId: this.tenantId, type, definition })
      .onConflictDoUpdate({
        target: [eventTypes.tenantId, eventTypes.type],
        set: { definition, updatedAt: new Date() },
      });
    overridesCache.delete(this.tenantId);
  }
}
