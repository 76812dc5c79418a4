import { isUuid } from '@aviso/protocol';
import { and, asc, eq } from 'drizzle-orm';
import { channelConfigAt, type SecretBox } from '../../lib/secrets.ts';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { channels } from '../schema.ts';

type ChannelRowSealed = typeof channels.$inferSelect;
export type ChannelKindName = ChannelRowSealed['kind'];

/** A channel with its configuration opened: only the delivery engine and the channels API see it. */
export type ChannelRow = Omit<ChannelRowSealed, 'configEnc'> & { config: Record<string, unknown> };

export interface ChannelInput {
  kind: ChannelKindName;
  name: string;
  config: Record<string, unknown>;
  enabled?: boolean;
  priority?: number;
  categories?: string[] | null;
  types?: string[] | null;
  ratePerMinute?: number | null;
}

// Every new notification asks which webhooks want it: a short cache saves a query and the
// decryptions per event. This node drops it on every change; other nodes see a change this late.
const LIST_TTL_MS = 2_000;

/** A tenant's channels; configurations are sealed on the way in and opened on the way out. */
export class ChannelRepo {
  /** Opened channels, kept by this repository (one per tenant and store) for a moment. */
  private cached: { at: number; rows: ChannelRow[] } | undefined;

  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    private readonly box: SecretBox,
  ) {}

  // A configuration is sealed for its tenant and row: copied anywhere else, it does not open.
  private seal(id: string, config: Record<string, unknown>): string {
    return this.box.encrypt(JSON.stringify(config), channelConfigAt(this.tenantId, id));
  }

  private open(row: ChannelRowSealed): ChannelRow {
    const { configEnc, ...rest } = row;
    return {
      ...rest,
      config: JSON.parse(this.box.decrypt(configEnc, channelConfigAt(this.tenantId, row.id))),
    };
  }

  async create(input: ChannelInput): Promise<ChannelRow> {
    const id = newId();
    const [row] = await this.db
      .insert(channels)
      .values({
        id,
        tenantId: this.tenantId,
        kind: input.kind,
        name: input.name,
        configEnc: this.seal(id, input.config),
        enabled: input.enabled ?? true,
        priority: input.priority ?? 0,
        categories: input.categories ?? null,
        types: input.types ?? null,
        ratePerMinute: input.ratePerMinute ?? null,
      })
      .returning();
    this.changed();
    return this.open(row!);
  }

  async list(kind?: ChannelKindName): Promise<ChannelRow[]> {
    let hit = this.cached;
    if (!hit || Date.now() - hit.at > LIST_TTL_MS) {
      const rows = await this.db
        .select()
        .from(channels)
        .where(eq(channels.tenantId, this.tenantId))
        .orderBy(asc(channels.kind), asc(channels.priority), asc(channels.createdAt));
      hit = { at: Date.now(), rows: rows.map((r) => this.open(r)) };
      this.cached = hit;
    }
    return kind ? hit.rows.filter((r) => r.kind === kind) : hit.rows;
  }

  private changed() {
    this.cached = undefined;
  }

  async get(id: string): Promise<ChannelRow | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, this.tenantId), eq(channels.id, id)));
    return row ? this.open(row) : undefined;
  }

  async update(id: string, patch: Partial<Omit<ChannelInput, 'kind'>> & { disabledReason?: string | null }) {
    const { config, ...rest } = patch;
    const [row] = await this.db
      .update(channels)
      .set({
        ...rest,
        ...(config ? { configEnc: this.seal(id, config) } : {}),
        ...(patch.enabled ? { disabledReason: null } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(channels.tenantId, this.tenantId), eq(channels.id, id)))
      .returning();
    this.changed();
    return row ? this.open(row) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.db
      .delete(channels)
      .where(and(eq(channels.tenantId, this.tenantId), eq(channels.id, id)))
      .returning({ id: channels.id });
    this.changed();
    return rows.length > 0;
  }

  /** The enabled providers of a kind that accept this category and type, in failover order. */
  async usable(kind: ChannelKindName, category: string, type: string): Promise<ChannelRow[]> {
    const all = await this.list(kind);
    return all.filter(
      (c) =>
        c.enabled &&
        (!c.categories?.length || c.categories.includes(category)) &&
        (!c.types?.length || c.types.includes(type)),
    );
  }

  /** Re-encrypts every configuration under the current key and format; returns how many changed. */
  async reseal(): Promise<number> {
    const rows = await this.db.select().from(channels).where(eq(channels.tenantId, this.tenantId));
    let changed = 0;
    for (const row of rows) {
      if (!this.box.needsReseal(row.configEnc)) continue;
      const at = channelConfigAt(this.tenantId, row.id);
      const sealed = this.box.encrypt(this.box.decrypt(row.configEnc, at), at);
      await this.db.update(channels).set({ configEnc: sealed }).where(eq(channels.id, row.id));
      changed++;
    }
    this.changed();
    return changed;
  }
}
