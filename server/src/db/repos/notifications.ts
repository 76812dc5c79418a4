// Long because the inbox's predicates (visible, unread, snoozed) and every mark that changes them
// (read, unread, archive, snooze) must live together: the list, the count and the marks share them.
import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type Placeholder,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { Gather } from '../../lib/gather.ts';
import type { Db } from '../client.ts';
import type { NotificationRow, NotificationStateRow, Reader } from '../rows.ts';
import { notificationStates, notifications, recipients } from '../schema.ts';
import type { NewDelivery } from './deliveries.ts';
import type {
  InsertResult,
  NewNotification,
  NotificationWrite,
  NotificationWriter,
} from './notification-writer.ts';
import type { NewSchedule } from './schedules.ts';

export type { InsertResult, NewNotification } from './notification-writer.ts';

/** A reader's unread count and the newest ids they may see (see `unreadAndNewest`). */
export interface Counts {
  unread: number;
  newest: string | undefined;
  newestInInbox: string | undefined;
}

const toCounts = (
  row: { unread: number | null; newest: string | null; newestInInbox: string | null } | undefined,
): Counts => ({
  unread: Number(row?.unread ?? 0),
  newest: row?.newest ?? undefined,
  newestInInbox: row?.newestInInbox ?? undefined,
});

/** What an inbox item carries of a reader's state of a notification. */
const stateFields = {
  seenAt: notificationStates.seenAt,
  readAt: notificationStates.readAt,
  archivedAt: notificationStates.archivedAt,
  unreadAt: notificationStates.unreadAt,
  actionId: notificationStates.actionId,
};

/** A notification with one reader's state of it. */
export interface InboxItem {
  n: NotificationRow;
  s: Pick<NotificationStateRow, 'seenAt' | 'readAt' | 'archivedAt' | 'unreadAt' | 'actionId'> | null;
}

/** A `text[]` literal of these values, bound as parameters. */
export const textArray = (values: readonly string[]): SQL =>
  values.length
    ? sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

/**
 * SPEC section 2 as SQL: named in `recipient_ids`; or no recipients and no branches (global);
 * or a branch list that shares a branch with the reader, or any branch list for an owner.
 */
export function visibleTo(reader: Pick<Reader, 'id' | 'role' | 'branchIds'>): SQL {
  return or(...visibleApart(reader))!;
}

/**
 * `visibleTo` as conditions no two of which hold for one notification, each with an index of its
 * own (recipients, the partial index of global notifications, branches): a statement that counts
 * each part apart reads the reader's rows, where one `or` over them reads all of the tenant's.
 */
function visibleApart(reader: Pick<Reader, 'id' | 'role' | 'branchIds'>): SQL[] {
  const n = notifications;
  const named = sql`${n.recipientIds} @> ${textArray([reader.id])}`;
  const branch =
    reader.role === 'owner'
      ? isNotNull(n.branchIds)
      : reader.branchIds.length
        ? sql`${n.branchIds} && ${textArray(reader.branchIds)}`
        : undefined;
  return [
    named,
    and(isNull(n.recipientIds), isNull(n.branchIds))!,
    // Null when nobody is named: not named either.
    ...(branch ? [and(branch, sql`not coalesce(${named}, false)`)!] : []),
  ];
}

/**
 * A notification counts as read when it has a read mark or lies under the reader's read-all
 * watermark, unless it was marked unread after that watermark moved.
 */
function isUnread(reader: Reader): SQL {
  const s = notificationStates;
  return and(
    isNull(s.readAt),
    isNull(s.archivedAt),
    reader.readUpTo
      ? or(
          gt(notifications.id, reader.readUpTo),
          and(isNotNull(s.unreadAt), reader.readUpToAt ? gt(s.unreadAt, reader.readUpToAt) : undefined),
        )
      : undefined,
  )!;
}

/** The opposite of `isUnread`: read, and not archived. */
function isReadNotArchived(reader: Reader): SQL {
  const s = notificationStates;
  return and(isNull(s.archivedAt), sql`not (${isUnread(reader)})`)!;
}

/** Not snoozed, or snoozed until a time now past (due: back in the inbox, unread). */
function notSnoozed(): SQL {
  const s = notificationStates;
  return or(isNull(s.snoozedUntil), lte(s.snoozedUntil, sql`now()`))!;
}

/**
 * The reader as references to its values, for a statement built once and run for every reader of
 * the same `shape` (the choices `visibleTo` and `isUnread` make in JavaScript: the role, how many
 * branches, whether there is a read-all watermark and its time). `ref` makes the reference to a
 * value by name (a placeholder, or a column of the row each reader has in a statement for many);
 * `values` holds this reader's value of each, and `columns` their names and types.
 */
function readerAs(reader: Reader, ref: (name: string) => SQL | Placeholder) {
  const columns: [string, string][] = [['reader_id', 'text']];
  const values: Record<string, unknown> = { reader_id: reader.id };
  const branchIds = branchesOf(reader).map((b, i) => {
    columns.push([`branch${i}`, 'text']);
    values[`branch${i}`] = b;
    return ref(`branch${i}`);
  });
  if (reader.readUpTo) {
    columns.push(['read_up_to', 'uuid']);
    values.read_up_to = reader.readUpTo;
  }
  if (reader.readUpToAt) {
    columns.push(['read_up_to_at', 'timestamptz']);
    values.read_up_to_at = reader.readUpToAt.toISOString();
  }
  const template = {
    id: ref('reader_id'),
    role: reader.role,
    branchIds,
    readUpTo: reader.readUpTo ? ref('read_up_to') : null,
    readUpToAt: reader.readUpToAt ? ref('read_up_to_at') : null,
  } as unknown as Reader;
  return { template, shape: shapeOf(reader), columns, values };
}

/** What a statement prepared for a reader depends on, besides the values it is run with. */
function shapeOf(reader: Reader): string {
  return `${reader.role}:${branchesOf(reader).length}:${reader.readUpTo ? 1 : 0}${reader.readUpToAt ? 1 : 0}`;
}

/** The branches `visibleApart` looks at: none for an owner, who sees every branch. */
function branchesOf(reader: Reader): readonly string[] {
  return reader.role === 'owner' ? [] : reader.branchIds;
}

/** `readerAs` for a statement prepared once per shape, run with the reader's values. */
const readerAsPlaceholders = (reader: Reader) => readerAs(reader, (name) => sql.placeholder(name));

/** A column of row `q`: one reader's values in a statement that serves many (see `replayStatement`). */
const q = (name: string) => sql.raw(`q.${name}`);

/** `readerAs` for a statement that serves many readers at once: row `q`. */
const readerAsColumns = (reader: Reader) => readerAs(reader, q);

/** How far before `since` a replay looks again (see `replayFrom`). */
export interface ReplayOverlap {
  from: string;
  begunAfter: Date;
  limit: number;
}

/** A replay: what was stored late before `since`, what is newer, and the counts. */
export type Replay = { late: InboxItem[]; missed: InboxItem[] } & Counts;

interface ReplayAsk {
  reader: Reader;
  since: string;
  overlap: ReplayOverlap;
  limit: number;
}

/** Most reconnections whose replays go in one statement. */
const REPLAYS_AT_ONCE = 100;

/** The notifications of one tenant and what each recipient did with them. */
export class NotificationRepo {
  constructor(
    private readonly db: Db,
    private readonly tenantId: string,
    private readonly writer: NotificationWriter,
  ) {}

  /**
   * Stores a notification with its deliveries and schedules, in a group commit with whatever else
   * is being stored meanwhile (see `NotificationWriter`). With an idempotency key, the first result
   * is returned for the same request (`duplicate`) and another request under the key is a `conflict`.
   */
  insert(
    values: NewNotification,
    idempotency?: { key: string; hash: string },
    planned: NewDelivery[] = [],
    schedules: NewSchedule[] = [],
  ): Promise<InsertResult> {
    return this.writer.write({ tenantId: this.tenantId, values, idempotency, planned, schedules });
  }

  /** Stores many notifications (a batch): in order, sharing groups, each with its own result. */
  insertMany(writes: Omit<NotificationWrite, 'tenantId'>[]): Promise<InsertResult[]> {
    const tenantId = this.tenantId;
    return this.writer.writeMany(
      writes.map(({ values, idempotency, planned, schedules }) => ({
        tenantId,
        values,
        idempotency,
        planned,
        schedules,
      })),
    );
  }

  private stateJoin(readerId: string) {
    const s = notificationStates;
    return and(eq(s.notificationId, notifications.id), eq(s.recipientId, readerId));
  }

  /** A notification and the reader's state of it, with `counts` beside it (see `replayFrom`). */
  private selectItems<C extends Record<string, SQL.Aliased | SQL>>(counts?: C) {
    return this.db
      .select({
        n: notifications,
        s: stateFields,
        ...(counts as C),
      })
      .from(notifications);
  }

  /** One page of a reader's inbox, newest first; `cursor` is the last id of the previous page. */
  async inbox(
    reader: Reader,
    {
      cursor,
      limit,
      filter,
      category,
      branchId,
    }: {
      cursor?: string;
      limit: number;
      filter: 'all' | 'unread' | 'archived';
      category?: string;
      branchId?: string;
    },
  ): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
    const s = notificationStates;
    const rows = await this.selectItems()
      .leftJoin(s, this.stateJoin(reader.id))
      .where(
        and(
          eq(notifications.tenantId, this.tenantId),
          visibleTo(reader),
          cursor ? lt(notifications.id, cursor) : undefined,
          filter === 'archived' ? isNotNull(s.archivedAt) : and(isNull(s.archivedAt), notSnoozed()),
          filter === 'unread' ? isUnread(reader) : undefined,
          category ? eq(notifications.category, category) : undefined,
          branchId ? sql`${notifications.branchIds} @> ${textArray([branchId])}` : undefined,
        ),
      )
      .orderBy(desc(notifications.id))
      .limit(limit + 1);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.n.id : null };
  }

  /** The visible notifications newer than `since`, oldest first (replay after a reconnect); not snoozed ones. */
  since(reader: Reader, since: string, limit: number): Promise<InboxItem[]> {
    return this.prepared(
      'since',
      reader,
      (r) => this.replay(r, [gt(notifications.id, sql.placeholder('since'))], sql.placeholder('limit')),
      { since, limit },
    );
  }

  /**
   * A reconnection's whole replay and its counts in one round trip. The replay, oldest first: the
   * notifications minted after `overlap.from` and before `since` whose group began after
   * `overlap.begunAfter` (a client that saw `since` may not have seen them: ids are minted before
   * the commit, so another node's group can land after a later id), the newest `overlap.limit` of
   * them; then those newer than `since`, at most `limit`. Not snoozed ones. The counts are
   * `unreadAndNewest`'s, from the same snapshot. Replays asked for while one of the same shape of
   * reader is out go together in the next statement (a reconnection storm).
   */
  replayFrom(reader: Reader, since: string, overlap: ReplayOverlap, limit: number): Promise<Replay> {
    const shape = shapeOf(reader);
    let replays = this.replays.get(shape);
    if (!replays) {
      if (this.replays.size >= 64) this.replays.clear();
      let statement: ReturnType<typeof this.replayStatement> | undefined;
      replays = new Gather(
        (asks: ReplayAsk[]) => {
          statement ??= this.replayStatement(asks[0]!.reader, `replay_${this.replays.size}`);
          return this.replayMany(statement, asks);
        },
        REPLAYS_AT_ONCE,
        2,
      );
      this.replays.set(shape, replays);
    }
    return replays.ask({ reader, since, overlap, limit });
  }

  // Per shape of reader (see `shapeOf`), each with its statement, prepared on first use.
  private readonly replays = new Map<string, Gather<ReplayAsk, Replay>>();

  /**
   * `replayFrom` for readers shaped like `reader`, many in one statement: each reconnection a row of
   * values (`unnest` of one array per value), its replay and counts a lateral subquery over them.
   */
  private replayStatement(reader: Reader, name: string) {
    const n = notifications;
    const { template, columns } = readerAsColumns(reader);
    // The notifications replayed, each a row without counts; then one row of counts alone.
    const noCounts = {
      unread: sql<number | null>`null::int`.as('unread'),
      newest: sql<string | null>`null::text`.as('newest'),
      newestInInbox: sql<string | null>`null::text`.as('newest_in_inbox'),
    };
    const counts = this.counts(template).as('c');
    const countsRow = this.db
      .select({
        n: notifications,
        s: stateFields,
        unread: sql<number | null>`${counts.unread}`.as('unread'),
        newest: sql<string | null>`${counts.newest}`.as('newest'),
        newestInInbox: sql<string | null>`${counts.newestInInbox}`.as('newest_in_inbox'),
      })
      .from(counts)
      .leftJoin(notifications, sql`false`)
      .leftJoin(notificationStates, sql`false`);
    const late = this.replay(
      template,
      [gt(n.id, q('from_id')), lt(n.id, q('since')), gt(n.createdAt, q('begun_after'))],
      q('late'),
      noCounts,
      'newest',
    );
    // The counts row has no notification (its columns are null); told apart by its count below.
    const x = late
      .unionAll(this.replay(template, [gt(n.id, q('since'))], q('lim'), noCounts))
      .unionAll(countsRow as unknown as typeof late)
      .as('x');
    const all = [
      ...columns,
      ['since', 'uuid'],
      ['from_id', 'uuid'],
      ['begun_after', 'timestamptz'],
      ['late', 'int'],
      ['lim', 'int'],
      ['k', 'int'],
    ] as const;
    const arrays = sql.join(
      // Sent as text: postgres.js writes arrays of strings, not of numbers or times.
      all.map(([column, type]) => sql`${sql.placeholder(column)}::text[]::${sql.raw(type)}[]`),
      sql`, `,
    );
    // The subquery's columns by name, each read as its column is (a union's fields are not aliased).
    const fromX = <T extends Record<string, AnyPgColumn>>(columns: T) =>
      Object.fromEntries(
        Object.entries(columns).map(([key, column]) => [
          key,
          sql`x.${sql.identifier(column.name)}`.mapWith(column),
        ]),
      ) as { [K in keyof T]: SQL<T[K]['_']['data'] | (T[K]['_']['notNull'] extends true ? never : null)> };
    return this.db
      .select({
        k: sql<number>`q.k`.mapWith(Number),
        n: fromX(getTableColumns(notifications)),
        s: fromX(stateFields),
        unread: sql<number | null>`x.unread`,
        newest: sql<string | null>`x.newest`,
        newestInInbox: sql<string | null>`x.newest_in_inbox`,
      })
      .from(sql`unnest(${arrays}) as q(${sql.raw(all.map(([c]) => c).join(', '))})`)
      .crossJoinLateral(x)
      .orderBy(sql`q.k`, sql`x.id`)
      .prepare(name);
  }

  private async replayMany(
    statement: ReturnType<typeof this.replayStatement>,
    asks: ReplayAsk[],
  ): Promise<Replay[]> {
    // A row of values per reconnection (every ask here has the same shape, so the same columns),
    // sent as one array per column.
    const perAsk: Record<string, unknown>[] = asks.map((ask, k) => ({
      ...readerAsColumns(ask.reader).values,
      since: ask.since,
      from_id: ask.overlap.from,
      // No group begins later than now; and a client's mark from past the year 9999 (its id is
      // any UUID it likes) would make PostgreSQL refuse the time, and so everyone's replay here.
      begun_after: new Date(Math.min(ask.overlap.begunAfter.getTime(), Date.now())).toISOString(),
      late: String(ask.overlap.limit),
      lim: String(ask.limit),
      k: String(k),
    }));
    const values = Object.fromEntries(
      Object.keys(perAsk[0]!).map((column) => [column, perAsk.map((v) => v[column])]),
    );
    const rows = await statement.execute(values);
    const byAsk = asks.map(() => [] as typeof rows);
    for (const row of rows) byAsk[row.k]!.push(row);
    return asks.map((ask, k) => {
      const own = byAsk[k]!;
      const countsRow = own.find((row) => row.unread !== null);
      const items = own.flatMap((row) => (row === countsRow ? [] : [{ n: row.n, s: row.s } as InboxItem]));
      const split = items.findIndex((i) => i.n.id > ask.since);
      return {
        late: split < 0 ? items : items.slice(0, split),
        missed: split < 0 ? [] : items.slice(split),
        ...toCounts(countsRow),
      };
    });
  }

  /** Visible notifications matching `where`, the oldest `limit` of them (or the newest). */
  private replay<C extends Record<string, SQL | SQL.Aliased>>(
    reader: Reader,
    where: SQL[],
    limit: number | Placeholder | SQL,
    counts?: C,
    keep: 'oldest' | 'newest' = 'oldest',
  ) {
    const s = notificationStates;
    return this.selectItems(counts)
      .leftJoin(s, this.stateJoin(reader.id))
      .where(and(eq(notifications.tenantId, this.tenantId), visibleTo(reader), ...where, notSnoozed()))
      .orderBy(keep === 'oldest' ? asc(notifications.id) : desc(notifications.id))
      .limit(limit as number);
  }

  async unreadCount(reader: Reader): Promise<number> {
    const n = notifications;
    const s = notificationStates;
    const [row] = await this.prepared(
      'unread',
      reader,
      (r) => {
        const v = this.byParts(r, (visible) =>
          this.db
            .select({ id: n.id })
            .from(n)
            .leftJoin(s, this.stateJoin(r.id))
            .where(and(eq(n.tenantId, this.tenantId), visible, isUnread(r), notSnoozed())),
        ).as('v');
        return this.db.select({ count: sql<number>`count(*)::int` }).from(v);
      },
      {},
    );
    return Number(row?.count ?? 0);
  }

  /** `select` run for each part of `visibleApart`, the results together (each part by its index). */
  private byParts<Q extends { unionAll(other: Q): unknown }>(reader: Reader, select: (visible: SQL) => Q): Q {
    const [first, ...rest] = visibleApart(reader).map(select);
    let all = first!;
    for (const part of rest) all = all.unionAll(part) as Q;
    return all;
  }

  /**
   * What a connection ends with, in one statement: the unread count, the newest notification the
   * reader may see (not snoozed: a replay would send anything newer than what it sent) and the
   * newest in their inbox (not archived either: the replay mark of a client that sent none).
   */
  async unreadAndNewest(reader: Reader): Promise<Counts> {
    const [row] = await this.prepared('unread-newest', reader, (r) => this.counts(r), {});
    return toCounts(row);
  }

  /** The counts of `unreadAndNewest`, one part of `visibleApart` at a time (each by its index). */
  private counts(reader: Reader) {
    const n = notifications;
    const s = notificationStates;
    const part = (visible: SQL) =>
      this.db
        .select({
          id: n.id,
          unread: sql<boolean>`${isUnread(reader)}`.as('unread'),
          inInbox: sql<boolean>`${isNull(s.archivedAt)}`.as('in_inbox'),
        })
        .from(n)
        .leftJoin(s, this.stateJoin(reader.id))
        .where(and(eq(n.tenantId, this.tenantId), visible, notSnoozed()));
    const v = this.byParts(reader, part).as('v');
    return this.db
      .select({
        unread: sql<number>`(count(*) filter (where ${v.unread}))::int`.as('unread'),
        newest: sql<string | null>`max(${v.id}::text)`.as('newest'),
        newestInInbox: sql<string | null>`max(${v.id}::text) filter (where ${v.inInbox})`.as(
          'newest_in_inbox',
        ),
      })
      .from(v);
  }

  // The reconnection path's statements (replay, gap, count), built once per shape of reader: building
  // them anew took most of a handshake's CPU. Per repository, so per tenant (whose id they carry).
  private readonly statements = new Map<
    string,
    { execute(values: Record<string, unknown>): Promise<unknown> }
  >();

  /** Runs the statement `build` makes for readers shaped like `reader`, prepared on first use. */
  private prepared<T>(
    name: string,
    reader: Reader,
    build: (template: Reader) => {
      prepare(name: string): { execute(values?: Record<string, unknown>): Promise<T> };
    },
    values: Record<string, unknown>,
  ): Promise<T> {
    const { template, shape, values: own } = readerAsPlaceholders(reader);
    const key = `${name}:${shape}`;
    let statement = this.statements.get(key);
    if (!statement) {
      if (this.statements.size >= 64) this.statements.clear();
      statement = build(template).prepare(`${name}_${this.statements.size}`);
      this.statements.set(key, statement);
    }
    return statement.execute({ ...own, ...values }) as Promise<T>;
  }

  /** The notification if this reader may see it. */
  async visible(reader: Reader, id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, this.tenantId), eq(notifications.id, id), visibleTo(reader)));
    return row;
  }

  /** Of these ids, the ones this reader may see. */
  async visibleIds(reader: Reader, ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.tenantId, this.tenantId),
          sql`${notifications.id} = ANY(${sql`ARRAY[${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )}]::uuid[]`})`,
          visibleTo(reader),
        ),
      );
    return rows.map((r) => r.id);
  }

  /** Records a mark for one reader; an existing earlier mark is kept (first read wins). */
  async mark(
    readerId: string,
    ids: readonly string[],
    marks: { seen?: boolean; read?: boolean; archived?: boolean },
    at = new Date(),
  ): Promise<void> {
    if (!ids.length) return;
    const s = notificationStates;
    const keep = (column: AnyPgColumn, on: boolean | undefined) =>
      on ? sql`coalesce(${column}, ${at.toISOString()}::timestamptz)` : sql`${column}`;
    await this.db
      .insert(s)
      .values(
        ids.map((id) => ({
          tenantId: this.tenantId,
          notificationId: id,
          recipientId: readerId,
          seenAt: marks.seen || marks.read || marks.archived ? at : null,
          readAt: marks.read || marks.archived ? at : null,
          archivedAt: marks.archived ? at : null,
        })),
      )
      .onConflictDoUpdate({
        target: [s.notificationId, s.recipientId],
        set: {
          seenAt: keep(s.seenAt, marks.seen || marks.read || marks.archived),
          readAt: keep(s.readAt, marks.read || marks.archived),
          archivedAt: keep(s.archivedAt, marks.archived),
        },
      });
  }

  /** Marks one notification unread again for this reader (also below their read-all watermark). */
  markUnread(readerId: string, id: string, at = new Date()): Promise<void> {
    return this.reopen(readerId, id, at, at);
  }

  /**
   * Snoozes one notification for this reader until `until`: out of the inbox and the count until
   * then, and back unread afterwards (marked unread as of `until`, so a read-all meanwhile does
   * not cover it). Snoozing again moves the time.
   */
  snooze(readerId: string, id: string, until: Date, at = new Date()): Promise<void> {
    return this.reopen(readerId, id, at, until, { snoozedUntil: until, archivedAt: null });
  }

  /** Unread for this reader as of `unreadAt`, with what a snooze adds. */
  private async reopen(
    readerId: string,
    id: string,
    at: Date,
    unreadAt: Date,
    snooze?: { snoozedUntil: Date; archivedAt: null },
  ): Promise<void> {
    const s = notificationStates;
    // Seen too (whoever marks it has seen it): a left-joined state whose first column is null
    // comes back from drizzle as no state at all.
    await this.db
      .insert(s)
      .values({
        tenantId: this.tenantId,
        notificationId: id,
        recipientId: readerId,
        seenAt: at,
        unreadAt,
        ...(snooze ? { snoozedUntil: snooze.snoozedUntil } : {}),
      })
      .onConflictDoUpdate({
        target: [s.notificationId, s.recipientId],
        set: {
          seenAt: sql`coalesce(${s.seenAt}, ${at.toISOString()}::timestamptz)`,
          readAt: null,
          unreadAt,
          ...snooze,
        },
      });
  }

  /** Takes one notification out of this reader's archive (it stays read). */
  async unarchive(readerId: string, id: string): Promise<void> {
    const s = notificationStates;
    await this.db
      .update(s)
      .set({ archivedAt: null })
      .where(and(eq(s.tenantId, this.tenantId), eq(s.notificationId, id), eq(s.recipientId, readerId)));
  }

  /** Ids of up to `limit` visible notifications this reader has read and not archived, newest first. */
  async readNotArchivedIds(reader: Reader, limit: number): Promise<string[]> {
    const s = notificationStates;
    const rows = await this.db
      .select({ id: notifications.id })
      .from(notifications)
      .leftJoin(s, this.stateJoin(reader.id))
      .where(
        and(
          eq(notifications.tenantId, this.tenantId),
          visibleTo(reader),
          isReadNotArchived(reader),
          notSnoozed(),
        ),
      )
      .orderBy(desc(notifications.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  async byId(id: string): Promise<NotificationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.tenantId, this.tenantId), eq(notifications.id, id)));
    return row;
  }

  /** Whether anybody has seen (or read) this notification. */
  anyState(id: string, field: 'seenAt' | 'readAt'): Promise<boolean> {
    const s = notificationStates;
    return this.someState(eq(s.notificationId, id), isNotNull(field === 'seenAt' ? s.seenAt : s.readAt));
  }

  /** Whether any state row of this tenant meets all of `where`. */
  private async someState(...where: (SQL | undefined)[]): Promise<boolean> {
    const s = notificationStates;
    const [row] = await this.db
      .select({ id: s.notificationId })
      .from(s)
      .where(and(eq(s.tenantId, this.tenantId), ...where))
      .limit(1);
    return !!row;
  }

  async state(readerId: string, id: string) {
    const s = notificationStates;
    const [row] = await this.db
      .select()
      .from(s)
      .where(and(eq(s.tenantId, this.tenantId), eq(s.notificationId, id), eq(s.recipientId, readerId)));
    return row;
  }

  /** Newest notification id this reader can see, for the read-all watermark. */
  async newestVisibleId(reader: Reader): Promise<string | undefined> {
    const [row] = await this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.tenantId, this.tenantId), visibleTo(reader)))
      .orderBy(desc(notifications.id))
      .limit(1);
    return row?.id;
  }

  /** Whether the reader marked something unread again after their last read-all. */
  private markedUnreadSince(reader: Reader): Promise<boolean> {
    const s = notificationStates;
    return this.someState(
      eq(s.recipientId, reader.id),
      isNull(s.readAt),
      isNotNull(s.unreadAt),
      reader.readUpToAt ? gt(s.unreadAt, reader.readUpToAt) : undefined,
      lte(s.unreadAt, sql`now()`), // not one still snoozed
    );
  }

  /** Marks everything the reader can see now as read, by moving their watermark (and its time). */
  async readAll(reader: Reader, at = new Date()): Promise<boolean> {
    const newest = await this.newestVisibleId(reader);
    if (!newest) return false;
    if (reader.readUpTo && reader.readUpTo >= newest && !(await this.markedUnreadSince(reader))) return false;
    await this.db
      .update(recipients)
      .set({ readUpTo: newest, readUpToAt: at })
      .where(and(eq(recipients.tenantId, this.tenantId), eq(recipients.id, reader.id)));
    return true;
  }
}
