import { describe, expect, it } from 'vitest';
import { backoffMs, quietUntil } from './policy.ts';

describe('backoff', () => {
  it('grows exponentially with jitter, caps, and honours Retry-After', () => {
    const lo = (a: number) => backoffMs(a, { baseMs: 1000, random: () => 0 });
    const hi = (a: number) => backoffMs(a, { baseMs: 1000, random: () => 1 });
    expect([lo(1), lo(2), lo(3)]).toEqual([500, 1000, 2000]);
    expect([hi(1), hi(2), hi(3)]).toEqual([1000, 2000, 4000]);
    expect(backoffMs(30, { baseMs: 1000, capMs: 60_000, random: () => 1 })).toBe(60_000);
    expect(backoffMs(1, { baseMs: 1000, retryAfterMs: 7_000, random: () => 1 })).toBe(7_000);
  });
});

describe('quiet hours', () => {
  const quiet = { start: '22:00', end: '07:00' };
  it('defers to the end of quiet hours in the tenant’s zone, across midnight', () => {
    // 23:30 in Mexico City (UTC-6) is 05:30 UTC; quiet hours end at 07:00 local = 13:00 UTC.
    expect(quietUntil(new Date('2026-11-21T05:30:00Z'), quiet, 'America/Mexico_City')?.toISOString()).toBe(
      '2026-11-21T13:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-11-21T12:59:00Z'), quiet, 'America/Mexico_City')?.toISOString()).toBe(
      '2026-11-21T13:00:00.000Z',
    );
  });
  it('lets deliveries through outside quiet hours', () => {
    expect(quietUntil(new Date('2026-11-21T13:00:00Z'), quiet, 'America/Mexico_City')).toBeUndefined();
    expect(
      quietUntil(new Date('2026-11-21T20:00:00Z'), { start: '13:00', end: '15:00' }, 'UTC'),
    ).toBeUndefined();
    expect(
      quietUntil(new Date('2026-11-21T14:00:00Z'), { start: '13:00', end: '15:00' }, 'UTC')?.toISOString(),
    ).toBe('2026-11-21T15:00:00.000Z');
    expect(quietUntil(new Date(), null, 'UTC')).toBeUndefined();
  });
});
