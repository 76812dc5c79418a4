import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { DatabaseGuard } from './guard.ts';
import { PGliteThread } from './pglite-thread.ts';
import * as schema from './schema.ts';

/** The database handle every repository uses; the same type on PGlite and on PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Runs a raw statement and returns its rows: postgres.js answers `execute` with the rows, PGlite
 * with an object that holds them.
 */
export async function rowsOf<T>(db: Pick<Db, 'execute'>, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** A round trip for `/readyz`, failing with `DATABASE_UNAVAILABLE` after `deadlineMs`. */
  ping(deadlineMs?: number): Promise<void>;
  /** False while PostgreSQL is known to be out of reach (requests then fail at once); PGlite always true. */
  available(): boolean;
  /** Called each time the database goes out of reach or comes back. */
  onAvailability(listener: (available: boolean) => void): void;
  close(): Promise<void>;
}

/**
 * Connections to PostgreSQL a node keeps by default: two per core and one, a common rule for pools.
 * More only slow a node down: measured on 2 cores, a pool of 10 took a reconnection storm ~30 % more
 * CPU than one of 5, in the hub and in PostgreSQL (each statement woke a backend of its own instead
 * of following another on a busy connection; BENCHMARKS.md).
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return 2 * cores + 1;
}

export interface DatabaseOptions {
  /** Pool size on PostgreSQL (`defaultPoolSize`). */
  max?: number;
  /** On PostgreSQL, the longest a call waits on an unreachable server before `DATABASE_UNAVAILABLE`. */
  timeoutMs?: number;
}

/** Fails with `DATABASE_UNAVAILABLE` when `work` takes longer than `ms`. */
function within(work: Promise<unknown>, ms: number, error: () => Error): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([work, late]).then(
    () => clearTimeout(timer),
    (err: unknown) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

/**
 * Opens the database named by `url`: `postgres://…` through postgres.js, `memory:` for a throwaway
 * embedded PGlite, anything else a folder for a persistent embedded PGlite.
 */
export async function openDatabase(
  url: string,
  { max = defaultPoolSize(), timeoutMs = 3_000 }: DatabaseOptions = {},
): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, max, timeoutMs);
  const inMemory = url === 'memory:' || url === 'memory://';
  if (!inMemory) mkdirSync(url, { recursive: true });
  // On a thread of its own: its queries would otherwise run on the sockets' thread (pglite-thread.ts).
  // A thread that dies is replaced on a data folder; meanwhile, and for good in memory, it is away.
  const listeners: ((available: boolean) => void)[] = [];
  let up = true;
  const client = new PGliteThread(inMemory ? undefined : url, (now) => {
    up = now;
    for (const listener of listeners) listener(now);
  });
  await client.waitReady;
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    available: () => up,
    onAvailability: (listener) => listeners.push(listener),
    close: () => client.close(),
  };
}

/** PostgreSQL behind a `DatabaseGuard`: no call waits on an unreachable server past `timeoutMs`. */
function openPostgres(url: string, max: number, timeoutMs: number): Database {
  const connectS = Math.max(1, Math.ceil(timeoutMs / 1000));
  const open = (size: number) =>
    postgres(url, { max: size, onnotice: () => {}, idle_timeout: 30, connect_timeout: connectS });
  const first = open(max);
  const listeners: ((available: boolean) => void)[] = [];
  const guard = new DatabaseGuard(first, {
    timeoutMs,
    probe: () => {
      // No type fetch on connect: an internal query that `stop` would leave rejected and unhandled.
      const one = postgres(url, {
        max: 1,
        onnotice: () => {},
        connect_timeout: connectS,
        fetch_types: false,
      });
      return {
        answer: one`select 1`.then(() => {}),
        stop: () => void one.end({ timeout: 0 }).catch(() => {}),
      };
    },
    reopen: () => {
      const fresh = open(max);
      // drizzle set its own parsers on the first pool (dates and JSON as text): the next one needs them too.
      Object.assign(fresh.options.parsers, first.options.parsers);
      Object.assign(fresh.options.serializers, first.options.serializers);
      return fresh;
    },
    onChange: (available) => {
      for (const listener of listeners) listener(available);
    },
  });
  const client = guard.client();
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    ping: (deadlineMs = timeoutMs) =>
      within(client.unsafe('select 1'), deadlineMs, () => guard.unavailable()),
    available: () => guard.available,
    onAvailability: (listener) => listeners.push(listener),
    close: () => guard.close(),
  };
}
