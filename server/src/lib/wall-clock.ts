/**
 * Reads fields of `at` as a clock in `timeZone` shows them (hours 00–23): the returned function
 * gives a field's digits, or '' for a field that was not asked for.
 */
export function wallClock(at: Date, timeZone: string, fields: Intl.DateTimeFormatOptions) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', ...fields }).formatToParts(at);
  return (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
}
