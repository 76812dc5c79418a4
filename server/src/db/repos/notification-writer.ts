import { and, eq, or } from 'drizzle-orm';
import { AppError } from '../../lib/errors.ts';
import { bulkInsert } from '../bulk.ts';
import type { Db } from '../client.ts';
import { IDEMPOTENCY_WINDOW_MS, type NotificationRow } from '../rows.ts';
import { deliveries, idempotencyKeys, notifications, scheduledEvents } from '../schema.ts';
import type { NewDelivery } from './deliveries.ts';
import type { NewSchedule } from './schedules.ts';

export type NewNotification = Omit<NotificationRow, 'tenantId' | 'createdAt'> & { createdAt?: Date };

/** One notification to store, with what must be stored with it. */
export interface NotificationWrite {
  tenantId: string;
  values: NewNotification;
  /** The first result is returned for the same request (`duplicate`), another under the key is a `conflict`. */
  idempotency?: { key: string; hash: string };
  /** Its deliveries: a crash cannot keep the notification and lose them. */
  planned: NewDelivery[];
  /** Its schedules (an SLA watch). */
  schedules: NewSchedule[];
}

export type InsertResult =
  | { status: 'created'; row: NotificationRow }
  | { status: 'duplicate'; id: string }
  | { status: 'conflict'; id: string };

/** Idempotency keys per INSERT statement: far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_STATEMENT = 1_000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/**
 * The row a write stores, field by field: a literal of one shape is made far faster than a copy of
 * the values with two fields more (5 % of a batch's CPU), and a column added to the table without
 * a line here does not compile.
 */
function rowOf({ tenantId, values: v }: NotificationWrite, now: Date): NotificationRow {
  return {
    id: v.id,
    tenantId,
    type: v.type,
    category: v.category,
    title: v.title,
    message: v.message,
    entityId: v.entityId,
    branchIds: v.branchIds,
    recipientIds: v.recipientIds,
    data: v.data,
    link: v.link,
    severity: v.severity,
    icon: v.icon,
    actions: v.actions,
    warnings: v.warnings,
    createdAt: v.createdAt ?? now,
  };
}

/** Whether storing these writes takes more than one statement (then it needs a transaction). */
function needsTransaction(writes: readonly NotificationWrite[]): boolean {
  return writes.some((w) => w.idempotency || w.planned.length || w.schedules.length);
}

/**
 * Stores a group of notifications with one multi-row INSERT per table: idempotency keys first (a
 * key already held answers `duplicate` or `conflict`, also between two writes of the group), then
 * the notifications, their deliveries and their schedules. Run inside a transaction when
 * `needsTransaction` says so.
 */
async function store(db: Db, writes: readonly NotificationWrite[], now: Date): Promise<InsertResult[]> {
  const results: (InsertResult | undefined)[] = new Array(writes.length);
  const keyed = writes.flatMap((w, i) => (w.idempotency ? [i] : []));
  if (keyed.length) {
    const claimed = new Set<string>();
    // In one order everywhere, so that two groups claiming the same keys cannot deadlock.
    const ordered = [...keyed].sort((a, b) => {
      const [x, y] = [writes[a]!, writes[b]!];
      return x.tenantId === y.tenantId
        ? x.idempotency!.key < y.idempotency!.key
          ? -1
          : 1
        : x.tenantId < y.tenantId
          ? -1
          : 1;
    });
    for (const part of chunks(ordered)) {
      const rows = await db
        .insert(idempotencyKeys)
        .values(
          part.map((i) => ({
            tenantId: writes[i]!.tenantId,
            key: writes[i]!.idempotency!.key,
            requestHash: writes[i]!.idempotency!.hash,
            notificationId: writes[i]!.values.id,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: idempotencyKeys.notificationId });
      for (const r of rows) claimed.add(r.id);
    }
    const held = keyed.filter((i) => !claimed.has(writes[i]!.values.id));
    if (held.length) {
      // Keys held before this group, or by an earlier write of it: locked, then decided in order.
      const state = new Map<string, { hash: string; id: string; at: number }>();
      const k = idempotencyKeys;
      const found = await db
        .select()
        .from(k)
        .where(
          or(
            ...held.map((i) =>
              and(eq(k.tenantId, writes[i]!.tenantId), eq(k.key, writes[i]!.idempotency!.key)),
            ),
          ),
        )
        .for('update');
      for (const f of found) {
        state.set(`${f.tenantId}\u0000${f.key}`, {
          hash: f.requestHash,
          id: f.notificationId,
          at: f.createdAt.getTime(),
        });
      }
      for (const i of held) {
        const w = writes[i]!;
        const name = `${w.tenantId}\u0000${w.idempotency!.key}`;
        const first = state.get(name);
        if (first && now.getTime() - first.at < IDEMPOTENCY_WINDOW_MS) {
          results[i] =
            first.hash === w.idempotency!.hash
              ? { status: 'duplicate', id: first.id }
              : { status: 'conflict', id: first.id };
          continue;
        }
        // The key expired: it now names this request.
        await db
          .update(k)
          .set({ requestHash: w.idempotency!.hash, notificationId: w.values.id, createdAt: now })
          .where(and(eq(k.tenantId, w.tenantId), eq(k.key, w.idempotency!.key)));
        state.set(name, { hash: w.idempotency!.hash, id: w.values.id, at: now.getTime() });
      }
    }
  }
  const stored = writes.flatMap((_, i) => (results[i] ? [] : [i]));
  const rows = stored.map((i) => {
    const row = rowOf(writes[i]!, now);
    results[i] = { status: 'created', row };
    return row;
  });
  await bulkInsert(db, notifications, rows);
  const planned = stored.flatMap((i) =>
    writes[i]!.planned.map((d) => ({ ...d, tenantId: writes[i]!.tenantId })),
  );
  await bulkInsert(db, deliveries, planned);
  const schedules = stored.flatMap((i) =>
    writes[i]!.schedules.map((s) => ({ ...s, tenantId: writes[i]!.tenantId })),
  );
  await bulkInsert(db, scheduledEvents, schedules);
  return results as InsertResult[];
}

/** Stores writes together, atomically: in one transaction when they need more than one statement. */
export function writeNotifications(db: Db, writes: readonly NotificationWrite[]): Promise<InsertResult[]> {
  const now = new Date();
  return needsTransaction(writes)
    ? db.transaction((tx) => store(tx as unknown as Db, writes, now))
    : store(db, writes, now);
}

type Outcome = PromiseSettledResult<InsertResult>;

/** One caller's writes (one, or a batch's), answered together once their group is. */
interface Waiting {
  writes: readonly NotificationWrite[];
  /** Each write's outcome, in order. */
  settle: (outcomes: Outcome[]) => void;
}

export interface NotificationWriterOptions {
  /** Groups written at once; the next group gathers what arrives meanwhile. */
  maxInFlight?: number;
  /** Notifications in one group at most. */
  maxGroup?: number;
  /**
   * Waits one turn of the event loop before writing a group, so that the requests read in the same
   * turn join it. An embedded database needs it most: it answers one query at a time, and without it
   * the first request of a burst would go out alone.
   */
  linger?: boolean;
}

/**
 * Group commit. Notifications that arrive while a group is being written wait for the next
 * group, which stores them all with one statement per table in one transaction: under load, one
 * commit serves many requests; alone, a write goes out at once. Every caller is answered after the
 * commit of its own group, and after the callers of every group formed before it. A group that
 * fails is written again one notification at a time, so one write that the database refuses fails
 * alone.
 */
export class NotificationWriter {
  private readonly waiting: Waiting[] = [];
  /** The writes of `waiting`. */
  private waitingWrites = 0;
  /** Groups written so far, and the notifications in them (a group written again counts once). */
  readonly written = { groups: 0, writes: 0 };
  private inFlight = 0;
  /** Groups formed and groups whose callers were answered, in order (see `flush`). */
  private groupsFormed = 0;
  private groupsAnswered = 0;
  private answered: Promise<void> = Promise.resolve();
  private readonly maxInFlight: number;
  private readonly maxGroup: number;
  private readonly linger: boolean;
  private lingering = false;

  constructor(
    private readonly db: Db,
    { maxInFlight = 2, maxGroup = 1_000, linger = false }: NotificationWriterOptions = {},
  ) {
    this.maxInFlight = maxInFlight;
    this.maxGroup = maxGroup;
    this.linger = linger;
  }

  write(write: NotificationWrite): Promise<InsertResult> {
    return new Promise((resolve, reject) => {
      this.enqueue({
        writes: [write],
        settle: ([o]) => (o!.status === 'fulfilled' ? resolve(o!.value) : reject(o!.reason)),
      });
    });
  }

  /**
   * Writes many (a batch) in order, in one group (a batch is at most `maxGroup`), each with its own
   * result; rejects with the first refusal if the database refused any of them.
   */
  writeMany(writes: readonly NotificationWrite[]): Promise<InsertResult[]> {
    if (!writes.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.enqueue({
        writes,
        settle: (outcomes) => {
          const refused = outcomes.find((o) => o.status === 'rejected');
          if (refused) reject(refused.reason);
          else resolve(outcomes.map((o) => (o as PromiseFulfilledResult<InsertResult>).value));
        },
      });
    });
  }

  private enqueue(waiting: Waiting) {
    this.waiting.push(waiting);
    this.waitingWrites += waiting.writes.length;
    this.pump();
  }

  private pump() {
    if (!this.linger || this.waitingWrites >= this.maxGroup) {
      this.drain();
      return;
    }
    if (this.lingering || this.inFlight >= this.maxInFlight || !this.waiting.length) return;
    this.lingering = true;
    setImmediate(() => {
      this.lingering = false;
      this.drain();
    });
  }

  private drain() {
    while (this.inFlight < this.maxInFlight && this.waiting.length) {
      // Callers in arrival order, up to `maxGroup` writes (a first caller with more goes alone).
      let taken = 0;
      let writes = 0;
      for (const w of this.waiting) {
        if (taken && writes + w.writes.length > this.maxGroup) break;
        taken++;
        writes += w.writes.length;
      }
      const group = this.waiting.splice(0, taken);
      this.waitingWrites -= writes;
      this.inFlight++;
      void this.flush(group, writes);
    }
  }

  /**
   * Writes a group, then answers its callers in the order the groups were formed. Groups in flight
   * together may commit in another order; answered (and so pushed, see `ingest/events.ts`) in
   * order, a later group that committed first waits for the earlier one. Ids grow in that order, so
   * a client that was pushed an id was pushed every earlier id of this node before it: a socket
   * that closes in between replays from the last id it got and misses nothing (`realtime/hub.ts`).
   */
  private async flush(group: Waiting[], writes: number) {
    const turn = this.groupsFormed++;
    const earlier = this.answered;
    let answered!: () => void;
    this.answered = new Promise((resolve) => {
      answered = resolve;
    });
    this.written.groups++;
    this.written.writes += writes;
    let outcomes: Outcome[];
    try {
      outcomes = await this.store(group);
    } finally {
      this.inFlight--;
      this.pump();
    }
    if (this.groupsAnswered < turn) {
      await earlier;
      // The earlier group's callers push in the continuations of their answers: they run first.
      await new Promise((resolve) => setImmediate(resolve));
    }
    let at = 0;
    for (const g of group) {
      g.settle(group.length === 1 ? outcomes : outcomes.slice(at, at + g.writes.length));
      at += g.writes.length;
    }
    this.groupsAnswered++;
    answered();
  }

  /** Stores a group; if it fails, one write at a time, so a write the database refuses fails alone. */
  private async store(group: Waiting[]): Promise<Outcome[]> {
    const writes = group.length === 1 ? group[0]!.writes : group.flatMap((g) => g.writes);
    try {
      const results = await writeNotifications(this.db, writes);
      return results.map((value) => ({ status: 'fulfilled', value }));
    } catch (err) {
      // The database itself is away: every write of the group gets that answer at once.
      if (writes.length === 1 || (err instanceof AppError && err.code === 'DATABASE_UNAVAILABLE')) {
        return writes.map(() => ({ status: 'rejected', reason: err }));
      }
      const outcomes: Outcome[] = [];
      for (const w of writes) {
        outcomes.push(
          await writeNotifications(this.db, [w]).then(
            ([value]) => ({ status: 'fulfilled', value: value! }) as const,
            (reason: unknown) => ({ status: 'rejected', reason }) as const,
          ),
        );
      }
      return outcomes;
    }
  }
}
