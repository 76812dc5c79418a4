import { isUuid, type TenantCreate } from '@aviso/protocol';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { Gather } from '../../lib/gather.ts';
import type { Db } from '../client.ts';
import { newId, newSecret, sha256 } from '../ids.ts';
import type { RecipientRow, TenantRow } from '../rows.ts';
import { apiKeys, recipients, tenants } from '../schema.ts';

/** A tenant and one of its people, as a widget's handshake reads them. */
export interface WithRecipient {
  tenant: TenantRow;
  recipient: RecipientRow | undefined;
}

interface Lookup {
  id: string;
  recipientId: string;
}

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
   * A tenant and one of its people (undefined when not there yet): what a widget token is checked
   * against on every connection. Those asked for while a lookup is out go together in the next one
   * (a reconnection storm: one statement for many handshakes instead of one each).
   */
  withRecipient(id: string, recipientId: string): Promise<WithRecipient | undefined> {
    if (!isUuid(id)) return Promise.resolve(undefined);
    return this.lookups.ask({ id, recipientId });
  }

  private readonly lookups = new Gather<Lookup, WithRecipient | undefined>(async (batch) => {
    const rows = await this.lookUpStatement().execute({
      tids: batch.map((l) => l.id),
      rids: batch.map((l) => l.recipientId),
    });
    const found = new Map(rows.map((r) => [`${r.tid}\u0000${r.rid}`, r]));
    return batch.map((l) => {
      const row = found.get(`${l.id}\u0000${l.recipientId}`);
      return row && { tenant: row.tenant, recipient: row.recipient ?? undefined };
    });
  }, 500);

  // Built once: building this query took more CPU than running it.
  private statement:
    | {
        execute(
          values: Record<string, unknown>,
        ): Promise<{ tid: string; rid: string; tenant: TenantRow; recipient: RecipientRow | null }[]>;
      }
    | undefined;

  private lookUpStatement() {
    // The ids come back as they were asked for (a token may spell its tenant's id in capitals).
    // As two arrays PostgreSQL knows how many pairs there are and looks each person up by their
    // key; from a JSON document it guessed 100 and read every person of every tenant instead.
    this.statement ??= this.db
      .select({ tid: sql<string>`q.tid`, rid: sql<string>`q.rid`, tenant: tenants, recipient: recipients })
      .from(
        sql`unnest(${sql.placeholder('tids')}::text[], ${sql.placeholder('rids')}::text[]) as q(tid, rid)`,
      )
      .innerJoin(tenants, sql`${tenants.id} = q.tid::uuid`)
      .leftJoin(recipients, and(eq(recipients.tenantId, tenants.id), sql`${recipients.id} = q.rid`))
      .prepare('tenants_with_recipients');
    return this.statement;
  }

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
