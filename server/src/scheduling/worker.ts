import { EventInputSchema } from '@aviso/protocol';
import type { Logger } from 'pino';
import { type ScheduleRow, SLA_LABEL, SNOOZE_LABEL } from '../db/repos/schedules.ts';
import type { Store, TenantStore } from '../db/store.ts';
import { type IngestHooks, ingestEvent } from '../ingest/events.ts';
import { AppError } from '../lib/errors.ts';
import { PollingLoop } from '../lib/polling-loop.ts';
import { nextRecurringRow, occurrenceEvent } from './recurring.ts';
import { acknowledged, breachEvent, incidentLimits, incidentRow, type SlaCheck } from './sla.ts';
import type { SnoozeEnd } from './snooze.ts';

export interface ScheduleWorkerOptions {
  store: Store;
  log: Logger;
  /** How published events reach sockets and the delivery queue. */
  hooks: IngestHooks;
  now?: () => Date;
  /** Rows claimed per round. */
  batch?: number;
  /** How long a claim is held before another node may take the row over (a crashed node's rows). */
  leaseMs?: number;
  /** Longest sleep between rounds when nothing is due sooner (rows made by other nodes). */
  pollMs?: number;
  /** How long to wait before trying again a row that failed for a passing reason (database). */
  retryMs?: number;
  /** Brings a snoozed notification back to the person's sockets; false when the snooze no longer stands. */
  onSnoozeEnded?: (
    store: TenantStore,
    recipientId: string,
    notificationId: string,
    until: Date,
  ) => Promise<boolean>;
}

type Outcome = Partial<Omit<ScheduleRow, 'id' | 'tenantId'>>;

/** The idempotency key a schedule publishes under: a crash between publishing and marking done cannot publish twice. */
export const scheduleKey = (rowId: string) => `aviso:schedule:${rowId}`;

/**
 * Publishes what is due: `deliverAt` notifications, reminders, SLA checks and incidents. Rows are
 * claimed with a lease (several nodes claim side by side, each row once) and published through
 * `ingestEvent` under a key derived from the row, so publishing is idempotent.
 */
export class ScheduleWorker extends PollingLoop {
  private readonly now: () => Date;

  constructor(private readonly o: ScheduleWorkerOptions) {
    const now = o.now ?? (() => new Date());
    super({ name: 'schedule', log: o.log, now, batch: o.batch ?? 32, pollMs: o.pollMs ?? 5_000 });
    this.now = now;
  }

  protected nextDue() {
    return this.o.store.scheduleQueue.nextDue();
  }

  protected async round(): Promise<number> {
    const rows = await this.o.store.scheduleQueue.claim(
      this.o.batch ?? 32,
      this.o.leaseMs ?? 60_000,
      this.now(),
    );
    await Promise.all(rows.map((row) => this.process(row)));
    return rows.length;
  }

  private async process(row: ScheduleRow) {
    const store = this.o.store.forTenant(row.tenantId);
    let outcome: Outcome | undefined;
    try {
      outcome =
        row.label === SLA_LABEL
          ? await this.checkSla(row, store)
          : row.label === SNOOZE_LABEL
            ? await this.endSnooze(row, store)
            : await this.publish(row, store);
    } catch (err) {
      if (err instanceof AppError) {
        outcome = { status: 'failed', error: `${err.code}: ${err.message}`.slice(0, 500) };
      } else {
        this.o.log.warn({ err: (err as Error).message, schedule: row.id }, 'schedule failed; will retry');
        const dueAt = new Date(this.now().getTime() + (this.o.retryMs ?? 30_000));
        outcome = { status: 'pending', dueAt, error: (err as Error).message.slice(0, 500) };
      }
    }
    if (outcome) await this.o.store.scheduleQueue.finish(row, outcome, this.now());
    this.o.log.info(
      { schedule: row.id, tenant: row.tenantId, label: row.label, status: outcome?.status ?? 'done' },
      'schedule ran',
    );
  }

  /**
   * Publishes the stored event; the same row published again is a duplicate, not a second
   * notification. A recurring row then stores the row of its next occurrence.
   */
  private async publish(row: ScheduleRow, store: TenantStore): Promise<Outcome> {
    const tenant = await store.settings.get();
    const event = occurrenceEvent(row, tenant);
    const parsed = EventInputSchema.safeParse({ ...event, idempotencyKey: scheduleKey(row.id) });
    let outcome: Outcome;
    if (!parsed.success) {
      outcome = { status: 'failed', error: `the stored event is invalid: ${parsed.error.message}` };
    } else {
      try {
        const accepted = await this.ingest(store, parsed.data);
        outcome = { status: 'done', notificationId: accepted.id, error: null };
      } catch (err) {
        // A refused occurrence (its type was deleted, say) does not end the series.
        if (!(err instanceof AppError) || !row.recurrence) throw err;
        outcome = { status: 'failed', error: `${err.code}: ${err.message}`.slice(0, 500) };
      }
    }
    const next = row.recurrence ? nextRecurringRow(row, this.now()) : undefined;
    if (next && (await store.schedules.insertNext(row.id, next))) this.wake();
    return outcome;
  }

  private async ingest(store: TenantStore, input: Parameters<typeof ingestEvent>[3]) {
    const tenant = await store.settings.get();
    const overrides = await store.settings.eventTypeOverrides();
    return ingestEvent(store, tenant, overrides, input, this.o.hooks);
  }

  /** A snooze's time came: the person's tabs get the notification back (when the snooze still stands). */
  private async endSnooze(row: ScheduleRow, store: TenantStore): Promise<Outcome> {
    const end = row.event as unknown as SnoozeEnd;
    const pushed = await this.o.onSnoozeEnded?.(
      store,
      end.recipientId,
      end.notificationId,
      new Date(end.until),
    );
    return pushed
      ? { status: 'done', notificationId: end.notificationId, error: null }
      : { status: 'cancelled', error: 'snoozed again, read or archived since' };
  }

  /**
   * Nobody targeted read the notification in time → SLA_INCUMPLIDO, and maybe an incident (the
   * breach is recorded and counted in one transaction; then `undefined`: nothing left to write).
   */
  private async checkSla(row: ScheduleRow, store: TenantStore): Promise<Outcome | undefined> {
    const check = row.event as unknown as SlaCheck;
    const n = await store.notifications.byId(check.notificationId);
    if (!n) return { status: 'cancelled', error: 'the notification no longer exists' };
    if (await acknowledged(store, n)) return { status: 'cancelled', error: 'acknowledged in time' };
    const breach = await this.ingest(store, {
      ...breachEvent(n, check),
      idempotencyKey: scheduleKey(row.id),
    });
    const tenant = await store.settings.get();
    const limits = incidentLimits(tenant);
    const now = this.now();
    const incident = await store.schedules.recordBreach(
      row.id,
      breach.id,
      limits,
      (count) => incidentRow(count, limits.minutes, now),
      now,
    );
    if (incident) this.wake();
    return undefined;
  }
}
