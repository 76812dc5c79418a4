import {
  type EventInput,
  parseDuration,
  type Recurrence,
  type RecurringScheduleInput,
  type Schedule,
} from '@aviso/protocol';
import { Cron } from 'croner';
import type { NewSchedule, ScheduleRow } from '../db/repos/schedules.ts';
import type { TenantRow } from '../db/rows.ts';
import { fail } from '../lib/errors.ts';
import { scheduleRowId } from './plan.ts';
import { dueData } from './when.ts';

/** The label of the rows of a recurring schedule without reminders. */
export const RECURRING_LABEL = 'recurring';
/** Occurrences closer than this are refused: a schedule is not a message pump. */
const MIN_INTERVAL_MS = 60_000;
/** How many occurrences are looked through for the first one still to come (an offset may pass some). */
const LOOKAHEAD = 1_000;

function invalid(path: string, message: string): never {
  fail('VALIDATION_FAILED', { what: 'schedule' }, { details: [{ path, message }] });
}

/** A paused croner job for a pattern in a zone; a pattern croner refuses, or one firing more than once a minute, is a 400. */
export function cronOf(pattern: string, timezone: string): Cron {
  const parts = pattern.trim().split(/\s+/);
  if (!(parts.length === 5 || parts.length === 6 || (parts.length === 1 && parts[0]!.startsWith('@')))) {
    invalid('cron', 'five fields (minute hour day month weekday), six with seconds first, or @daily-style');
  }
  let cron: Cron;
  let runs: Date[];
  try {
    cron = new Cron(pattern, { timezone, paused: true });
    runs = cron.nextRuns(6, new Date());
  } catch (err) {
    invalid('cron', (err as Error).message.replace(/^Cron\w*: /, '').slice(0, 300));
  }
  if (!runs.length) invalid('cron', 'the pattern never fires');
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_INTERVAL_MS) {
      invalid('cron', 'occurrences must be at least a minute apart');
    }
  }
  return cron;
}

/**
 * The first occurrence after `after` whose row (`occurrence + offset`) is still to come at `now`,
 * within `until`; undefined when there is none.
 */
function firstDue(
  cron: Cron,
  after: Date,
  offsetMs: number,
  now: Date,
  until: Date | null,
): Date | undefined {
  let at: Date | null = after;
  for (let i = 0; i < LOOKAHEAD; i++) {
    at = cron.nextRun(at);
    if (!at || (until && at > until)) return undefined;
    if (at.getTime() + offsetMs >= now.getTime()) return at;
  }
  return undefined;
}

/**
 * The event a recurring row publishes: the series' event (stored as the host gave it) with its
 * occurrence as the due date (`dueAt`, `dueDate`, `when`, `days`, the host's own values winning).
 */
export function occurrenceEvent(
  done: Pick<ScheduleRow, 'event' | 'recurrence' | 'dueAt'>,
  tenant: TenantRow,
) {
  const event = done.event as EventInput;
  if (!done.recurrence) return event;
  const locale = event.locale ?? tenant.locale;
  const occurrence = new Date(done.recurrence.occurrence);
  return { ...event, data: dueData(event.data ?? {}, occurrence, done.dueAt, locale, tenant.timezone) };
}

function row(
  r: Omit<Recurrence, 'occurrence'>,
  occurrence: Date,
  cancelKey: string,
  event: Record<string, unknown>,
  label: string,
): NewSchedule {
  return {
    id: scheduleRowId(r.seriesId, `${r.offset}@${occurrence.toISOString()}`),
    cancelKey,
    label,
    dueAt: new Date(occurrence.getTime() + parseDuration(r.offset)!),
    status: 'pending',
    event,
    recurrence: { ...r, occurrence: occurrence.toISOString() },
  };
}

/** The first row of each reminder series of a new recurring schedule, and the next few occurrences. */
export function planRecurring(
  input: RecurringScheduleInput,
  tenant: TenantRow,
  now: Date,
  seriesId: string,
): { rows: NewSchedule[]; next: string[] } {
  const timezone = input.timezone ?? tenant.timezone;
  const cron = cronOf(input.cron, timezone);
  const start = input.startAt ? new Date(Math.max(new Date(input.startAt).getTime(), now.getTime())) : now;
  const until = input.until ? new Date(input.until) : null;
  // Occurrences from the start on; each reminder row counts back from its occurrence.
  const from = new Date(start.getTime() - 1);
  const rows: NewSchedule[] = [];
  for (const offset of input.reminders ?? ['0m']) {
    const offsetMs = parseDuration(offset)!;
    const first = firstDue(cron, from, offsetMs, now, until);
    if (!first) continue;
    const rule = {
      seriesId,
      cron: input.cron,
      timezone,
      offset,
      until: until?.toISOString() ?? null,
      remaining: input.maxRuns ? input.maxRuns - 1 : null,
    };
    const label = input.reminders ? offset : RECURRING_LABEL;
    rows.push(row(rule, first, input.cancelKey, input.event, label));
  }
  if (!rows.length) invalid('cron', 'no occurrence is left between startAt and until');
  const next = cron
    .nextRuns(5, new Date(Math.max(from.getTime(), now.getTime() - 1)))
    .filter((d) => !until || d <= until)
    .slice(0, input.maxRuns ?? 5)
    .map((d) => d.toISOString());
  rows.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { rows, next };
}

/** The row of the occurrence after the one `done` was for (missed ones are skipped), or none. */
export function nextRecurringRow(done: ScheduleRow, now: Date): NewSchedule | undefined {
  const r = done.recurrence;
  if (!r || r.stopped || r.remaining === 0) return undefined;
  let cron: Cron;
  try {
    cron = new Cron(r.cron, { timezone: r.timezone, paused: true });
  } catch {
    return undefined;
  }
  const until = r.until ? new Date(r.until) : null;
  const next = firstDue(cron, new Date(r.occurrence), parseDuration(r.offset)!, now, until);
  if (!next) return undefined;
  const { occurrence: _, stopped: __, ...rule } = r;
  const remaining = rule.remaining === null ? null : rule.remaining - 1;
  return row({ ...rule, remaining }, next, done.cancelKey ?? '', done.event, done.label);
}

/** A stored schedule as the API shows it. */
export function scheduleOut(r: ScheduleRow): Schedule {
  const rec = r.recurrence;
  return {
    id: r.id,
    cancelKey: r.cancelKey,
    label: r.label,
    type: typeof r.event?.type === 'string' ? r.event.type : null,
    dueAt: r.dueAt.toISOString(),
    status: r.status,
    recurrence: rec
      ? {
          seriesId: rec.seriesId,
          cron: rec.cron,
          timezone: rec.timezone,
          offset: rec.offset,
          occurrence: rec.occurrence,
          until: rec.until,
          remaining: rec.remaining,
        }
      : null,
    notificationId: r.notificationId,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  };
}
