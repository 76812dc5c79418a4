import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { whatsappSessions } from '../schema.ts';

/** When each person last wrote to each of a tenant's WhatsApp business numbers (its channels). */
export class WhatsappSessionRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
  ) {}

  /** Records a message from `number` (E.164) to the channel; an older time never replaces a newer one. */
  async touch(channelId: string, number: string, at: Date): Promise<void> {
    const s = whatsappSessions;
    await this.db
      .insert(s)
      .values({ tenantId: this.tenantId, channelId, number, lastInboundAt: at })
      .onConflictDoUpdate({
        target: [s.channelId, s.number],
        set: { lastInboundAt: sql`greatest(${s.lastInboundAt}, excluded.last_inbound_at)` },
      });
  }

  /** When `number` last wrote to the channel, if ever. */
  async lastInbound(channelId: string, number: string): Promise<Date | undefined> {
    const s = whatsappSessions;
    const [row] = await this.db
      .select({ at: s.lastInboundAt })
      .from(s)
      .where(and(eq(s.tenantId, this.tenantId), eq(s.channelId, channelId), eq(s.number, number)));
    return row?.at;
  }
}
