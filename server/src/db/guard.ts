import type postgres from 'postgres';
import { type AppError, appError } from '../lib/errors.ts';

type Sql = postgres.Sql;

// What postgres.js and the socket say when PostgreSQL cannot be reached (SQLSTATE class 08 too).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** Whether an error from postgres.js means the database is out of reach (not that a query was wrong). */
export function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (UNREACHABLE.has(code) || code.startsWith('08'));
}

export interface GuardOptions {
  /** The longest a call waits on an unreachable database before it fails. */
  timeoutMs: number;
  /** Starts one round trip on a connection of its own; `stop` closes that connection. */
  probe: () => { answer: Promise<void>; stop: () => void };
  /** A fresh pool, for when the current one is given up (its connections may hang for minutes). */
  reopen: () => Sql;
  onChange?: (available: boolean) => void;
}

type Verdict = 'up' | 'down' | 'unsure';

interface Pending {
  started: number;
  fail: (err: AppError) => void;
}

/**
 * Keeps every call to PostgreSQL within a bound. postgres.js waits for a connection as long as it
 * takes (it retries refused connections without end) and a query on a silent connection never
 * returns, so: a call out for a while makes the guard probe the server on a connection of its own.
 * If it fails (or two get no answer), the database is *down*: every call out fails with `DATABASE_UNAVAILABLE`,
 * the pool is replaced (ending the old one stops its retries and kills its transactions, so none
 * commits after its caller was told it failed), and new calls fail at once until a probe answers.
 * A slow but reachable database is left alone: the probe answers, the calls go on.
 */
/** Parameters up to which a statement is prepared on its connection (`preparedIfFew`). */
const PREPARE_UP_TO = 16;

/**
 * Asks postgres.js to prepare a statement that has parameters, but not too many. Unprepared, each
 * such statement took two round trips to PostgreSQL and two writes to its socket (postgres.js asks
 * for the parameter types first); prepared, the first use on a connection does, and every later one
 * is one (single events: 0.54 → 0.36 ms of the hub's CPU each, BENCHMARKS.md). A statement with many
 * parameters is a list whose length varies: each length would be a statement of its own kept for
 * the connection's life, so those stay unprepared.
 */
function preparedIfFew(args: unknown[]) {
  const params = args[1];
  if (!Array.isArray(params) || !params.length || params.length > PREPARE_UP_TO) return;
  const options = (args[2] ?? {}) as { prepare?: boolean };
  args[2] = { ...options, prepare: true };
}

export class DatabaseGuard {
  private readonly pending = new Set<Pending>();
  private readonly watchdog: NodeJS.Timeout;
  private down = false;
  private probing = false;
  private closed = false;
  private lastProbe = 0;
  private readonly suspectMs: number;
  private readonly probeMs: number;
  readonly retryAfterS: number;

  constructor(
    private sql: Sql,
    private readonly options: GuardOptions,
  ) {
    const { timeoutMs } = options;
    // Two probes that time out mean down: suspicion and both probes fit in the timeout.
    this.suspectMs = Math.round(timeoutMs * 0.25);
    this.probeMs = Math.round(timeoutMs * 0.35);
    this.retryAfterS = Math.max(1, Math.ceil(timeoutMs / 1000));
    this.watchdog = setInterval(() => this.watch(), Math.max(25, Math.round(timeoutMs / 20)));
    this.watchdog.unref();
  }

  /** False while the database is known to be down. */
  get available(): boolean {
    return !this.down;
  }

  /** The error of a call that met an unreachable database. */
  unavailable(): AppError {
    return appError(
      'DATABASE_UNAVAILABLE',
      { retryAfter: this.retryAfterS },
      { headers: { 'Retry-After': String(this.retryAfterS) } },
    );
  }

  /** The pool the guard hands out: every query and transaction on it goes through `run`. */
  client(): Sql {
    return this.wrap(() => this.sql);
  }

  /** Runs one call under the guard (fails at once while the database is down). */
  run<T>(call: () => PromiseLike<T>): Promise<T> {
    if (this.down) return Promise.reject(this.unavailable());
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = { started: performance.now(), fail: reject };
      this.pending.add(entry);
      const settle = () => this.pending.delete(entry);
      let started: PromiseLike<T>;
      try {
        started = call();
      } catch (err) {
        started = Promise.reject(err);
      }
      started.then(
        (value) => {
          settle();
          resolve(value);
        },
        (err: unknown) => {
          settle();
          if (!isUnreachable(err)) return reject(err);
          void this.check();
          reject(this.unavailable());
        },
      );
    });
  }

  /**
   * Wraps a pool or a transaction so that its `unsafe`, `begin` and `savepoint` are guarded (and
   * its statements with few parameters prepared, see `preparedIfFew`).
   */
  private wrap(current: () => Sql): Sql {
    const guard = this;
    return new Proxy(current(), {
      get(_target, prop) {
        const sql = current() as unknown as Record<PropertyKey, unknown>;
        if (prop === 'unsafe') {
          return (...args: unknown[]) => {
            preparedIfFew(args);
            const query = (sql.unsafe as (...a: unknown[]) => postgres.PendingQuery<postgres.Row[]>)(...args);
            // postgres.js runs a query when it is first awaited; `values()` only sets a flag.
            let started: Promise<unknown> | undefined;
            const lazy = {
              values() {
                query.values();
                return lazy;
              },
              // biome-ignore lint/suspicious/noThenProperty: drizzle awaits what `unsafe` returns, lazily like postgres.js
              then(ok?: (v: unknown) => unknown, ko?: (e: unknown) => unknown) {
                started ??= guard.run(() => query);
                return started.then(ok, ko);
              },
            };
            return lazy;
          };
        }
        if (prop === 'begin' || prop === 'savepoint') {
          return (...args: unknown[]) => {
            const fn = args.pop() as (tx: Sql) => unknown;
            const open = sql[prop] as (...a: unknown[]) => Promise<unknown>;
            return guard.run(() => open(...args, (tx: Sql) => fn(guard.wrap(() => tx))));
          };
        }
        const value = sql[prop];
        return typeof value === 'function' ? value.bind(sql) : value;
      },
      apply(_target, self, args) {
        return Reflect.apply(current() as unknown as (...a: unknown[]) => unknown, self, args);
      },
    }) as Sql;
  }

  private watch() {
    if (this.probing) return;
    const now = performance.now();
    if (this.down) {
      if (now - this.lastProbe >= Math.min(500, this.probeMs)) void this.check();
      return;
    }
    let oldest = now;
    for (const p of this.pending) oldest = Math.min(oldest, p.started);
    if (now - oldest >= this.suspectMs && now - this.lastProbe >= this.suspectMs) void this.check();
  }

  /**
   * Probes the database and moves between up and down. An error is down; a probe with no answer in
   * time is only suspicious (an overloaded machine is slow too), so while up a second one is tried
   * at once, and two without an answer are down.
   */
  private async check() {
    if (this.probing || this.closed) return;
    this.probing = true;
    let verdict: Verdict = 'unsure';
    try {
      for (let tries = this.down ? 1 : 2; tries > 0 && verdict === 'unsure'; tries--)
        verdict = await this.probe();
    } finally {
      this.probing = false;
      this.lastProbe = performance.now();
    }
    if (this.closed) return;
    if (verdict === 'up' && this.down) {
      this.down = false;
      this.options.onChange?.(true);
    } else if (verdict !== 'up' && !this.down) {
      this.down = true;
      const failed = [...this.pending];
      this.pending.clear();
      for (const p of failed) p.fail(this.unavailable());
      const dead = this.sql;
      this.sql = this.options.reopen();
      void dead.end({ timeout: 0 }).catch(() => {});
      this.options.onChange?.(false);
    }
  }

  private async probe(): Promise<Verdict> {
    const { answer, stop } = this.options.probe();
    let verdict: Verdict | undefined;
    const settled = answer.then(
      () => (verdict = 'up'),
      () => (verdict = 'down'),
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.probeMs);
    });
    await Promise.race([settled, late]);
    clearTimeout(timer);
    // A busy event loop runs expired timers before reading sockets: an answer may be waiting.
    if (!verdict) await new Promise((resolve) => setImmediate(resolve));
    stop();
    return verdict ?? 'unsure';
  }

  async close() {
    this.closed = true;
    clearInterval(this.watchdog);
    await this.sql.end({ timeout: 5 });
  }
}
