import { RETENTION_DEFAULTS } from '@aviso/protocol';
import { describe, expect, it } from 'vitest';
import { cutoffs, retentionPolicy } from './policy.ts';

describe('retention policy', () => {
  it('takes each absent field from the defaults, and finished deliveries from the operator', () => {
    expect(retentionPolicy({}, 120)).toEqual({ ...RETENTION_DEFAULTS, finishedDeliveriesDays: 120 });
    expect(retentionPolicy({ retention: { readNotificationsDays: 30 } }, 90)).toMatchObject({
      readNotificationsDays: 30,
      unreadNotificationsDays: 365,
      idempotencyKeysHours: 48,
    });
  });

  it('never drops unread notifications before read ones', () => {
    const p = retentionPolicy(
      { retention: { readNotificationsDays: 200, unreadNotificationsDays: 100 } },
      90,
    );
    expect(p.unreadNotificationsDays).toBe(200);
  });

  it('ignores a stored group that no longer validates rather than half-applying it', () => {
    const p = retentionPolicy({ retention: { idempotencyKeysHours: 1, readNotificationsDays: 5 } }, 90);
    expect(p).toEqual({ ...RETENTION_DEFAULTS, finishedDeliveriesDays: 90 });
  });

  it('turns hours and days into cut-off dates', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const cut = cutoffs(retentionPolicy({}, 90), now);
    expect(cut.idempotencyKeys.toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(cut.readNotifications.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(cut.schedules.toISOString()).toBe('2026-01-30T00:00:00.000Z');
  });
});
