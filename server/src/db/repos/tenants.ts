import { isUuid, type TenantCreate } from '@aviso/protocol';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import type { RecipientRow, TenantRow } from '../rows.ts';
import { apiKeys, recipients, tenants } from '../schema.ts';

/**
 * The only queries that are not scoped to one tenant: creating tenants and finding the tenant
 * behind a credential. Everything else goes through `TenantStore`.
 */
export class TenantDirectory {
  constructor(private readonly db: Db) {}

  /**
   * Creates a tenant with its first API key; secrets are returned once, here. The widget secret is
   * sealed by `seal`, which gets the new tenant's id (sealed values are bound to their row).
   */
  async create(input: TenantCreate, sealWidgetSecret: (tenantId: string) => string) {
    const id = newId();
    const apiKey = newSecret('ak', 24);
    const [row] = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(tenants)
        .values({
          id,
          name: input.name,
          currency: input.currency ?? 'USD',
          locale: input.locale ?? 'es',
          timezone: input.timezone ?? 'UTC',
          appUrl: input.appUrl ?? null,
          widgetSecretEnc: sealWidgetSecret(id),
        })
        .returning();
      await tx.insert(apiKeys).values({
        id: newId(),
        tenantId: id,
        name: 'default',
        prefix: apiKey.slice(0, 7),
        keyHash: sha256(apiKey),
      });
      return inserted;
    });
    return { tenant: row!, apiKey };
  }

  async get(id: string): Promise<TenantRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(tenants).where(eq(tenants.id, id));
    return row;
  }

  /**
   * A tenant and one of its people (undefined when not there yet) in one round trip: what a widget
   * token is checked against on every connection.
   */
  async withRecipient(
    id: string,
    recipientId: string,
  ): Promise<{ tenant: TenantRow; recipient: RecipientRow | undefined } | undefined> {
    if (!isUuid(id)) return undefined;
    this.withRecipientStatement ??= this.db
      .select({ tenant: tenants, recipient: recipients })
      .from(tenants)
      .leftJoin(
        recipients,
        and(eq(recipients.tenantId, tenants.id), eq(recipients.id, sql.placeholder('recipientId'))),
      )
      .where(eq(tenants.id, sql.placeholder('id')))
      .prepare('tenant_with_recipient');
    const [row] = await this.withRecipientStatement.execute({ id, recipientId });
    return row && { tenant: row.tenant, recipient: row.recipient ?? undefined };
  }

  // Built once: building this query took more CPU than running it.
  private withRecipientStatement:
    | {
        execute(
          values: Record<string, unknown>,
        ): Promise<{ tenant: TenantRow; recipient: RecipientRow | null }[]>;
      }
    | undefined;

  /** The tenant an API key belongs to, unless the key is unknown or revoked. */
  async byApiKey(key: string): Promise<{ tenant: TenantRow; keyId: string } | undefined> {
    const [row] = await this.db
      .select({ tenant: tenants, keyId: apiKeys.id })
      .from(apiKeys)
      .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
      .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)));
    return row;
  }

  /**
   * Notes that a key was used: written at most once a minute per key (the last use is shown to
   * admins to the minute; a write per request would cost more than the request).
   */
  async touchApiKey(keyId: string, at = new Date()): Promise<void> {
    await this.db
      .update(apiKeys)
      .set({ lastUsedAt: at })
      .where(
        and(
          eq(apiKeys.id, keyId),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(at.getTime() - 60_000))),
        ),
      );
  }

  /** Every tenant's sealed widget secret, for re-encryption under a new key. */
  async sealedSecrets() {
    return this.db.select({ id: tenants.id, sealed: tenants.widgetSecretEnc }).from(tenants);
  }

  async reseal(id: string, sealed: string) {
    await this.db.update(tenants).set({ widgetSecretEnc: sealed }).where(eq(tenants.id, id));
  }
}
