import { newId } from '../db/ids.ts';
import type { NewSchedule } from '../db/repos/schedules.ts';
import { SNOOZE_LABEL } from '../db/repos/schedules.ts';

/** What a snooze row remembers: whose snooze of which notification, and until when. */
export interface SnoozeEnd {
  notificationId: string;
  recipientId: string;
  until: string;
}

/**
 * The schedule row that, at `until`, brings a snoozed notification back to the person's open
 * tabs and devices (the inbox query already shows it then; this is the push and the toast).
 * Snoozing again stores another row: the one whose time no longer matches does nothing.
 */
export function snoozeEndRow(recipientId: string, notificationId: string, until: Date): NewSchedule {
  const end: SnoozeEnd = { notificationId, recipientId, until: until.toISOString() };
  return {
    id: newId(),
    cancelKey: null,
    event: { ...end },
    label: SNOOZE_LABEL,
    dueAt: until,
    status: 'pending',
  };
}
