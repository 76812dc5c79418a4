const DAY_MS = 86_400_000;

/** The calendar day of an instant in a time zone, as a UTC midnight (for whole-day differences). */
function calendarDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'));
}

function format(at: Date, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(at);
}

/**
 * A short phrase for when something is due, as seen from `from` in the tenant's zone: "hoy a las
 * 18:30", "mañana a las 20:00", "el viernes a las 9:00", "el 14 de marzo a las 20:00" (Spanish),
 * "today at 6:30 PM", "tomorrow at 8:00 PM", "on Friday at 9:00 AM", "on March 14 at 8:00 PM"
 * (English); other locales get Intl's relative day and the time.
 */
export function whenPhrase(due: Date, from: Date, locale: string, timeZone: string): string {
  const days = Math.round((calendarDay(due, timeZone) - calendarDay(from, timeZone)) / DAY_MS);
  const sameYear =
    format(due, 'en', timeZone, { year: 'numeric' }) === format(from, 'en', timeZone, { year: 'numeric' });
  const dateOptions: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  };
  const language = locale.toLowerCase().split('-')[0];
  if (language === 'es') {
    // Some Spanish locales pad the hour (es-MX: "08:00"); the phrase reads "a las 8:00".
    const time = format(due, locale, timeZone, {
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    }).replace(/^0(\d)/, '$1');
    const at = `${time.startsWith('1:') ? 'a la' : 'a las'} ${time}`;
    if (days === 0) return `hoy ${at}`;
    if (days === 1) return `mañana ${at}`;
    if (days === -1) return `ayer ${at}`;
    if (days > 1 && days < 7) return `el ${format(due, locale, timeZone, { weekday: 'long' })} ${at}`;
    return `el ${format(due, locale, timeZone, dateOptions)} ${at}`;
  }
  const time = format(due, locale, timeZone, { hour: 'numeric', minute: '2-digit' });
  if (language === 'en') {
    if (days === 0) return `today at ${time}`;
    if (days === 1) return `tomorrow at ${time}`;
    if (days === -1) return `yesterday at ${time}`;
    if (days > 1 && days < 7) return `on ${format(due, locale, timeZone, { weekday: 'long' })} at ${time}`;
    return `on ${format(due, locale, timeZone, dateOptions)} at ${time}`;
  }
  if (Math.abs(days) < 7) {
    return `${new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day')} ${time}`;
  }
  return `${format(due, locale, timeZone, dateOptions)} ${time}`;
}

/**
 * What a notification about something due gets in its `data` (the host's own values win): the
 * instant (`dueAt`, and `dueDate` for templates that format it), `when` as a phrase, and `days`
 * left, all as seen from `at`, the moment the notification goes out.
 */
export function dueData(
  data: Record<string, unknown>,
  due: Date,
  at: Date,
  locale: string,
  timeZone: string,
): Record<string, unknown> {
  const iso = due.toISOString();
  return {
    dueAt: iso,
    dueDate: iso,
    when: whenPhrase(due, at, locale, timeZone),
    days: Math.max(0, Math.round((due.getTime() - at.getTime()) / DAY_MS)),
    ...data,
  };
}
