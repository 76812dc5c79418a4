import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { bulkInsert } from '../bulk.ts';
import type { Db } from '../client.ts';
import { presenceSessions } from '../schema.ts';

/** How long after a node's last heartbeat its still-open sessions are taken to have lasted. */
export const SESSION_GRACE_MS = 45_000;

/** Open sessions one heartbeat statement moves forward at most. */
export const HEARTBEAT_ROWS = 250;

/**
 * The presence log: when each person had the widget open, per node. Written by the node that holds
 * the sockets (`PresenceLog`), read by the receipts of a notification.
 */
export class PresenceLogRepo {
  constructor(private readonly db: Db) {}

  /** Opens sessions (many at once when many widgets connect together: one statement). */
  async open(rows: { id: string; tenantId: string; recipientId: string; nodeId: string; at: Date }[]) {
    await bulkInsert(
      this.db,
      presenceSessions,
      rows.map((r) => ({
        id: r.id,
        tenantId: r.tenantId,
        recipientId: r.recipientId,
        nodeId: r.nodeId,
        startedAt: r.at,
        aliveAt: r.at,
      })),
    );
  }

  /**
   * Ends people's open sessions on a node (a node has at most one open per person), each at its own
   * time: one statement for a whole drop, the rows as one JSON parameter.
   */
  async close(nodeId: string, rows: { tenantId: string; recipientId: string; at: Date }[]) {
    if (!rows.length) return;
    const s = presenceSessions;
    const closes = JSON.stringify(
      rows.map((r) => ({ t: r.tenantId, r: r.recipientId, at: r.at.toISOString() })),
    );
    await this.db.execute(sql`
      update ${s} set ended_at = q.at, alive_at = q.at
      from jsonb_to_recordset(${closes}::jsonb) as q(t uuid, r text, at timestamptz)
      where ${s.nodeId} = ${nodeId} and ${s.tenantId} = q.t and ${s.recipientId} = q.r and ${s.endedAt} is null`);
  }

  /**
   * The node is alive: its open sessions last at least until now. Their ids are read once, then
   * moved a few hundred rows a statement by primary key: in one statement, 2,000 open sessions took
   * 25–40 ms of the embedded database's only connection, which every commit arriving meanwhile
   * waited for; and a statement that looked for the next few hundred still behind `at` read again
   * every row the statements before it had moved (18–60 ms each on PGlite, BENCHMARKS.md item 26).
   * A row already alive at `at` is not taken again; one that ended meanwhile keeps its end.
   */
  async heartbeat(nodeId: string, at: Date) {
    const s = presenceSessions;
    const stale = await this.db
      .select({ id: s.id })
      .from(s)
      .where(and(eq(s.nodeId, nodeId), isNull(s.endedAt), lt(s.aliveAt, at)));
    for (let i = 0; i < stale.length; i += HEARTBEAT_ROWS) {
      const ids = stale.slice(i, i + HEARTBEAT_ROWS).map((r) => r.id);
      await this.db
        .update(s)
        .set({ aliveAt: at })
        .where(and(inArray(s.id, ids), isNull(s.endedAt)));
    }
  }

  /** Closes every open session of a node (it is stopping). */
  async closeNode(nodeId: string, at: Date) {
    await this.db
      .update(presenceSessions)
      .set({ endedAt: at, aliveAt: at })
      .where(and(eq(presenceSessions.nodeId, nodeId), isNull(presenceSessions.endedAt)));
  }

  /** Deletes sessions that ended (or whose node went silent) before `before`. */
  async purge(before: Date): Promise<number> {
    const rows = await this.db
      .delete(presenceSessions)
      .where(
        or(
          and(isNotNull(presenceSessions.endedAt), lt(presenceSessions.endedAt, before)),
          and(isNull(presenceSessions.endedAt), lt(presenceSessions.aliveAt, before)),
        ),
      )
      .returning({ id: presenceSessions.id });
    return rows.length;
  }

  /**
   * Of these people of a tenant, those who had the widget open at `at`: a session that began by
   * then and had not ended (an open one counts until its node's last heartbeat and a grace).
   */
  async liveAt(tenantId: string, recipientIds: readonly string[], at: Date): Promise<Set<string>> {
    if (!recipientIds.length) return new Set();
    const s = presenceSessions;
    const rows = await this.db
      .selectDistinct({ id: s.recipientId })
      .from(s)
      .where(
        and(
          eq(s.tenantId, tenantId),
          inArray(s.recipientId, [...recipientIds]),
          lte(s.startedAt, at),
          or(
            gte(s.endedAt, at),
            and(
              isNull(s.endedAt),
              sql`${s.aliveAt} + ${`${SESSION_GRACE_MS} milliseconds`}::interval >= ${at.toISOString()}::timestamptz`,
            ),
          ),
        ),
      );
    return new Set(rows.map((r) => r.id));
  }
}
