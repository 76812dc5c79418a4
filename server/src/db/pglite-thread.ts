import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The embedded PGlite runs PostgreSQL compiled to WebAssembly, synchronously, on whichever thread
// holds it. On the hub's own thread every query stopped the sockets for its length: with 2,000
// sockets at 100 events/s the live p99 grew with each insert. Here it runs on a thread of its own,
// and the hub's thread only sends each query and takes its rows back.

/**
 * The worker: one PGlite, queries answered one at a time in the order they came. Every parser the
 * caller names is the identity (drizzle's: dates and intervals stay text), since functions cannot
 * cross threads.
 *
 * A statement seen twice is prepared under a name and from then on runs in one trip into
 * PostgreSQL (bind, describe, execute, sync in one message): PGlite's own `query` makes six trips
 * (parse, describe, bind, describe, execute, sync) and parses and plans the text each time. For a
 * notification's insert that was 0.93 ms of this thread against 0.39 (BENCHMARKS.md, item 25).
 * PostgreSQL itself is reached the same way: postgres.js prepares every statement it sends.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const same = (value) => value;
/** Statements prepared at most; past them a statement is sent as text each time. */
const MAX_PREPARED = 1000;
(async () => {
  const { PGlite, protocol, parse } = require(workerData.module);
  const { serialize } = protocol;
  const pg = workerData.dataDir ? new PGlite(workerData.dataDir) : new PGlite();
  await pg.waitReady;
  // A new WAL segment is not filled with 16 MB of zeros first: with the database on this one
  // thread, every query waited 200-450 ms for it each time the log moved to the next segment.
  await pg.exec('set wal_init_zero = off');

  /** Prepared statements by text: their name and their parameters' types. */
  const prepared = new Map();
  /** Texts seen once: a statement run once (a migration's) is not worth a name. */
  const seen = new Set();
  let named = 0;
  const parsersOf = new Map();

  async function prepare(sql) {
    const name = 'aviso_' + ++named;
    const { messages } = await pg.execProtocol(
      Buffer.concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
    );
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    prepared.set(sql, statement);
    return statement;
  }

  async function run(m, parsers) {
    let statement = prepared.get(m.sql);
    if (!statement) {
      if (!seen.has(m.sql) || prepared.size >= MAX_PREPARED) {
        if (seen.size >= MAX_PREPARED) seen.clear();
        seen.add(m.sql);
        return pg.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
      }
      seen.delete(m.sql);
      statement = await prepare(m.sql);
    }
    // Each value as PGlite's own query writes it: its type's serializer, or its text.
    const values = m.params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    try {
      const { messages } = await pg.execProtocol(
        Buffer.concat([
          serialize.bind({ statement: statement.name, values }),
          serialize.describe({ type: 'P' }),
          serialize.execute({}),
          serialize.sync(),
        ]),
      );
      return parse.parseResults(messages, pg.parsers, { rowMode: m.rowMode, parsers })[0];
    } catch (err) {
      // A plan that a change of the schema made stale, or a statement gone: prepared anew next time.
      if (err && (err.code === '0A000' || err.code === '26000')) prepared.delete(m.sql);
      throw err;
    }
  }

  async function answer(m) {
    if (m.close) {
      await pg.close().catch(() => {});
      parentPort.postMessage({ id: m.id, result: {} });
      return;
    }
    try {
      const key = m.raw.join();
      let parsers = parsersOf.get(key);
      if (!parsers) {
        parsers = {};
        for (const oid of m.raw) parsers[oid] = same;
        parsersOf.set(key, parsers);
      }
      const r = await run(m, parsers);
      parentPort.postMessage({ id: m.id, result: { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows } });
    } catch (err) {
      // What PostgreSQL said (code, detail, constraint…), as plain values that can cross threads.
      const error = { name: err && err.name, message: String((err && err.message) || err) };
      for (const [key, value] of Object.entries(err || {}))
        if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) error[key] = value;
      parentPort.postMessage({ id: m.id, error });
    }
  }

  // One at a time: a prepared statement's trip and PGlite's own query must not interleave.
  let last = Promise.resolve();
  parentPort.on('message', (m) => {
    last = last.then(() => answer(m));
  });
  parentPort.postMessage({ ready: true });
})().catch((err) => parentPort.postMessage({ failed: String((err && err.stack) || err) }));
`;

interface Results {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string) => unknown>;
}

/** What drizzle's PGlite driver calls, in a transaction too. */
interface Queryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
}

/** Restarts of a dead thread allowed within a minute; past them the database stays away. */
const RESTARTS_PER_MINUTE = 3;

/**
 * PGlite on a worker thread, shaped like the PGlite drizzle expects (`query`, `transaction`).
 * A transaction holds the database: queries from outside it wait for its end, as on PGlite.
 *
 * A thread that dies (a WebAssembly abort) fails what it was answering. On a data folder another
 * thread opens the same folder, which PostgreSQL recovers as after a crash, and the queries after
 * go to it; in memory there is nothing to reopen, and every query from then on fails.
 */
export class PGliteThread implements Queryable {
  private worker!: Worker;
  private readonly pending = new Map<number, { resolve: (r: Results) => void; reject: (e: Error) => void }>();
  private next = 1;
  /** The open transaction's end, while one is open. */
  private open: Promise<void> | undefined;
  private gone: Error | undefined;
  private closing = false;
  private restarts: number[] = [];
  /** The start of a thread taking over after one died, until it is ready. */
  private restarting: Promise<void> | undefined;
  /** Whether the current thread ever answered as ready (one that never did is not restarted). */
  private up = false;
  /** The current thread's start; queries wait for it. */
  waitReady!: Promise<void>;

  /**
   * `dataDir`: a folder to keep the database in; none for one in memory. `onThread` hears each time
   * the thread dies (`up: false`) and each time another one took over (`up: true`).
   */
  constructor(
    private readonly dataDir?: string,
    private readonly onThread: (up: boolean, err?: Error) => void = () => {},
  ) {
    this.start();
  }

  private start() {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('@electric-sql/pglite'),
        dataDir: this.dataDir,
      },
    });
    this.worker = worker;
    this.up = false;
    this.waitReady = new Promise((resolve, reject) => {
      worker.on(
        'message',
        (m: { ready?: true; failed?: string; id?: number; result?: Results; error?: Error }) => {
          if (m.ready) {
            this.up = true;
            // Held only while it has something to answer: an idle database never keeps a process up.
            if (!this.pending.size) worker.unref();
            resolve();
            return;
          }
          if (m.failed) {
            reject(new Error(`PGlite did not start: ${m.failed}`));
            return;
          }
          const waiting = this.pending.get(m.id!);
          if (!waiting) return;
          this.pending.delete(m.id!);
          if (!this.pending.size) worker.unref();
          if (m.error) waiting.reject(Object.assign(new Error(m.error.message), m.error));
          else waiting.resolve(m.result!);
        },
      );
      worker.on('error', (err) => reject(err));
      worker.on('exit', (code) => reject(new Error(`the PGlite thread ended (${code})`)));
    });
    worker.on('error', (err) => this.ended(worker, err));
    worker.on('exit', (code) => this.ended(worker, new Error(`the PGlite thread ended (${code})`)));
  }

  /** The thread died: what it was answering fails; on a data folder another one takes over. */
  private ended(worker: Worker, err: Error) {
    if (worker !== this.worker || this.closing || this.gone) return;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    this.onThread(false, err);
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < 60_000);
    if (!this.dataDir || !this.up || this.restarts.length >= RESTARTS_PER_MINUTE) {
      this.gone = err;
      return;
    }
    this.restarts.push(now);
    this.start();
    this.restarting = this.waitReady.then(
      () => {
        this.restarting = undefined;
        this.onThread(true);
      },
      (failed: Error) => {
        this.restarting = undefined;
        this.gone = failed;
      },
    );
  }

  private async send(message: Record<string, unknown>): Promise<Results> {
    // A thread taking over after one died: its start first.
    if (this.restarting) await this.restarting;
    if (this.gone) throw this.gone;
    const id = this.next++;
    const worker = this.worker;
    return new Promise<Results>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  private run(sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    return this.send({
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
      raw: Object.keys(options.parsers ?? {}).map(Number),
    });
  }

  async query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results> {
    while (this.open) await this.open;
    return this.run(sql, params, options);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    while (this.open) await this.open;
    let end!: () => void;
    this.open = new Promise((resolve) => {
      end = resolve;
    });
    try {
      await this.run('BEGIN');
      const result = await fn({ query: (sql, params, options) => this.run(sql, params, options) });
      await this.run('COMMIT');
      return result;
    } catch (err) {
      await this.run('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      this.open = undefined;
      end();
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.gone) await this.send({ close: true }).catch(() => {});
    await this.worker.terminate();
    this.gone ??= new Error('the PGlite thread ended (closed)');
    for (const waiting of this.pending.values()) waiting.reject(this.gone);
    this.pending.clear();
  }
}
