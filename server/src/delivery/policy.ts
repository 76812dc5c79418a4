import { wallClock } from '../lib/wall-clock.ts';

/** How long to wait before attempt `attempt + 1`: exponential with jitter, never sooner than asked. */
export function backoffMs(
  attempt: number,
  { baseMs = 10_000, capMs = 30 * 60_000, retryAfterMs = 0, random = Math.random } = {},
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": half fixed, half random, so retries spread out but keep growing.
  const delay = exp / 2 + (exp / 2) * random();
  return Math.max(Math.round(delay), retryAfterMs);
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function localMinutes(at: Date, timezone: string): number {
  const get = wallClock(at, timezone, { hour: '2-digit', minute: '2-digit' });
  return Number(get('hour')) * 60 + Number(get('minute'));
}

/**
 * When quiet hours (`start`–`end`, local to `timezone`, may cross midnight) hold at `now`, the
 * moment they end; otherwise undefined. Deliveries are deferred to then, never dropped.
 */
export function quietUntil(
  now: Date,
  quiet: { start: string; end: string } | null | undefined,
  timezone: string,
): Date | undefined {
  if (!quiet || quiet.start === quiet.end) return undefined;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const local = localMinutes(now, timezone);
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return undefined;
  const wait = (end - local + 1440) % 1440 || 1440;
  const until = new Date(now.getTime() + wait * 60_000);
  until.setUTCSeconds(0, 0);
  return until;
}
