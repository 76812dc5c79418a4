import type { Lang } from './i18n.ts';

/** What the console needs of the tenant to write its dates and amounts. */
export interface TenantLocale {
  locale: string;
  timezone: string;
  currency: string;
}

/**
 * The locale to format with: the tenant's own when it is in the console's language (`es-MX` for
 * Spanish), else the console's language in the tenant's region (`en-MX`), so an English reader of
 * a Mexican shop still gets its day-month order and its peso.
 */
export function formatLocale(lang: Lang, tenantLocale: string): string {
  try {
    const tenant = new Intl.Locale(tenantLocale);
    if (tenant.language === lang) return tenant.toString();
    return tenant.region ? `${lang}-${tenant.region}` : lang;
  } catch {
    return lang;
  }
}

/** Dates in the tenant's time zone, numbers and money in its locale and currency. */
export class Formats {
  readonly locale: string;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly timeFormat: Intl.DateTimeFormat;
  private readonly numberFormat: Intl.NumberFormat;

  constructor(
    lang: Lang,
    readonly tenant: TenantLocale = { locale: lang, timezone: 'UTC', currency: 'USD' },
  ) {
    this.locale = formatLocale(lang, tenant.locale);
    const timeZone = tenant.timezone;
    this.dateTimeFormat = new Intl.DateTimeFormat(this.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    this.timeFormat = new Intl.DateTimeFormat(this.locale, { timeStyle: 'medium', timeZone });
    // Calendar days (`YYYY-MM-DD`) are already the tenant's; formatting them as UTC keeps them.
    this.dayFormat = new Intl.DateTimeFormat(this.locale, {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    this.numberFormat = new Intl.NumberFormat(this.locale);
  }

  /** An instant as a date and time in the tenant's zone; `—` for none. */
  dateTime(iso: string | null | undefined): string {
    return iso ? this.dateTimeFormat.format(new Date(iso)) : '—';
  }

  /** An instant's time of day with seconds, for attempts a few seconds apart. */
  time(iso: string | null | undefined): string {
    return iso ? this.timeFormat.format(new Date(iso)) : '—';
  }

  /** A calendar day (`2025-11-23`) as the tenant writes it short (`23 nov`). */
  day(day: string): string {
    const at = Date.parse(`${day}T00:00:00Z`);
    return Number.isNaN(at) ? day : this.dayFormat.format(at);
  }

  number(n: number): string {
    return this.numberFormat.format(n);
  }

  /** A 0–1 rate as a percentage with at most one decimal. */
  percent(rate: number | null): string {
    return rate === null
      ? '—'
      : new Intl.NumberFormat(this.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  }

  /** An amount in the tenant's currency. */
  money(n: number): string {
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: this.tenant.currency }).format(
      n,
    );
  }

  /** Milliseconds as people read them: `820 ms`, `1.4 s`. */
  duration(ms: number | null | undefined): string {
    if (ms === null || ms === undefined) return '—';
    const unit = (value: number, u: 'millisecond' | 'second', digits = 0) =>
      new Intl.NumberFormat(this.locale, { style: 'unit', unit: u, maximumFractionDigits: digits }).format(
        value,
      );
    return ms < 1000 ? unit(ms, 'millisecond') : unit(ms / 1000, 'second', 1);
  }
}
