import type { Localized, ValueFormat } from '@aviso/protocol';
import { Liquid, type LiquidOptions, type Template } from 'liquidjs';

/** What formatting needs to know of a tenant. */
export interface FormatContext {
  locale: string;
  currency: string;
  timezone: string;
}

const refuse = () => {
  throw new Error('templates cannot read files');
};
/** A file system with no files: `include` and `render` tags find nothing. */
const noFiles = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: refuse,
  resolve: (_root: string, file: string) => file,
  sep: '/',
};

// Tenants write their own templates: no file system, bounded parse and render work.
const engine = new Liquid({
  fs: noFiles as unknown as LiquidOptions['fs'],
  strictVariables: false,
  strictFilters: true,
  relativeReference: false,
  parseLimit: 20_000,
  renderLimit: 200,
  memoryLimit: 1_000_000,
});
const cache = new Map<string, Template[]>();
const CACHE_MAX = 2_000;

function parse(source: string): Template[] {
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = engine.parse(source);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(source, parsed);
  }
  return parsed;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Building an Intl formatter costs far more than using one: keep them per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** Formats one value the way the catalog says; anything it cannot read is shown as it came. */
export function formatValue(value: unknown, format: ValueFormat, ctx: FormatContext): unknown {
  try {
    if (format === 'currency' || format === 'number') {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
      if (!Number.isFinite(n)) return value;
      return format === 'currency'
        ? formatter(
            `c|${ctx.locale}|${ctx.currency}`,
            () => new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: ctx.currency }),
          ).format(n)
        : formatter(`n|${ctx.locale}`, () => new Intl.NumberFormat(ctx.locale)).format(n);
    }
    if (typeof value !== 'string' && typeof value !== 'number') return value;
    const dateOnly = typeof value === 'string' && DATE_ONLY.test(value);
    const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) return value;
    // A calendar date has no time zone: show that day, whatever the tenant's zone.
    const timeZone = dateOnly ? 'UTC' : ctx.timezone;
    return format === 'date' || dateOnly
      ? formatter(
          `d|${ctx.locale}|${timeZone}`,
          () => new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeZone }),
        ).format(date)
      : formatter(
          `t|${ctx.locale}|${timeZone}`,
          () => new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
        ).format(date);
  } catch {
    return value;
  }
}

/** Picks the text for a locale: exact (`es-MX`), then language (`es`), then Spanish, then English. */
export function pickLocale(texts: Partial<Localized> | undefined, locale: string): string | undefined {
  if (!texts) return undefined;
  const language = locale.split('-')[0]!;
  return texts[locale] ?? texts[language] ?? texts.es ?? texts.en ?? Object.values(texts).find(Boolean);
}

/**
 * Renders a template with the event's data. Variables with a format are formatted for the tenant;
 * the unformatted data stays reachable as `raw`. A missing variable renders empty.
 */
export function renderTemplate(
  source: string,
  data: Record<string, unknown>,
  formats: Readonly<Record<string, ValueFormat>> | undefined,
  ctx: FormatContext,
): string {
  const scope: Record<string, unknown> = { ...data, raw: data };
  for (const [name, format] of Object.entries(formats ?? {})) {
    if (name in data) scope[name] = formatValue(data[name], format, ctx);
  }
  return engine.renderSync(parse(source), scope).trim();
}

/** Checks that a tenant's template parses; returns the parser's message when it does not. */
export function templateError(source: string): string | undefined {
  try {
    engine.parse(source);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
