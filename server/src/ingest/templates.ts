import { type EventTypeDefinition, type Localized, POS_ERP_CATALOG, type ValueFormat } from '@aviso/protocol';
import type { Template } from 'liquidjs';
import { kept } from '../lib/kept.ts';
import { costProblem, TEMPLATE_LIMITS } from './template-analysis.ts';
import { engine, parse, RENDER_LIMITS, type RenderLimits } from './template-engine.ts';
import { renderGlobals } from './template-extras.ts';
import { fastTemplate, renderFast } from './template-fast.ts';

export { TEMPLATE_LIMITS } from './template-analysis.ts';
export { RENDER_LIMITS, type RenderLimits } from './template-engine.ts';

/** What formatting needs to know of a tenant. */
export interface FormatContext {
  locale: string;
  currency: string;
  timezone: string;
}

/** A tag's language (`es` of `es-MX`), kept per tag: asked twice for every event. */
const languages = new Map<string, string>();
const language = (tag: string): string => kept(languages, tag, (t) => t.toLowerCase().split('-')[0]!);

/**
 * How a tenant's texts in `locale` are formatted: in the tenant's own locale when it is the same
 * language (`es` for an `es-MX` tenant formats `$1,250.50`, not `1250,50 MXN`), else in `locale`.
 * The preview and every event go through here, so what an admin previews is what people get.
 */
export function formatContext(
  tenant: { locale: string; currency: string; timezone: string },
  locale: string = tenant.locale,
): FormatContext {
  const same = language(locale) === language(tenant.locale) && !locale.includes('-');
  return { locale: same ? tenant.locale : locale, currency: tenant.currency, timezone: tenant.timezone };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// Building an Intl formatter costs far more than using one: keep them per locale and options.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
const formatter = <T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T =>
  kept(formatters, key, make) as T;

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
  const exact = texts[locale];
  if (exact !== undefined) return exact;
  const dash = locale.indexOf('-');
  const language = dash < 0 ? locale : locale.slice(0, dash);
  return texts[language] ?? texts.es ?? texts.en ?? Object.values(texts).find(Boolean);
}

/** Why a template was not rendered: over its budget, or broken. */
export interface RenderFailure {
  ok: false;
  code: 'TEMPLATE_TOO_COSTLY' | 'TEMPLATE_ERROR';
  reason: string;
}
/** A rendered text, with the variables it wrote as empty because the data did not have them. */
export type Rendered = { ok: true; text: string; missing: string[] } | RenderFailure;

/** Every title and message of the `pos-erp` preset, in every locale. */
const PRESET_TEMPLATES = new Set(
  Object.values(POS_ERP_CATALOG as Record<string, EventTypeDefinition>).flatMap((def) => [
    ...Object.values(def.message ?? {}),
    ...Object.values(def.title ?? {}),
  ]),
);

/** A render failure as an exception, for callers that answer it (the preview). */
export class TemplateFailure extends Error {
  constructor(readonly failure: RenderFailure) {
    super(failure.reason);
    this.name = 'TemplateFailure';
  }
}

function failure(err: unknown): RenderFailure {
  const reason = (err as Error).message ?? String(err);
  // liquidjs's limits ("template render limit exceeded", "memory alloc limit exceeded") and V8's
  // own ("Invalid string length") all mean the same thing: the template asks for too much.
  const costly = /limit exceeded|Invalid string length|Invalid array length/i.test(reason);
  return { ok: false, code: costly ? 'TEMPLATE_TOO_COSTLY' : 'TEMPLATE_ERROR', reason: reason.slice(0, 300) };
}

/**
 * The render time of one request: each render gets at most `renderMs`, each event `eventMs`, the
 * request `requestMs`. A template that failed is not rendered again by the same budget, so a batch
 * of 1,000 events pays for a runaway template once.
 */
export class RenderBudget {
  private spentMs = 0;
  private eventSpentMs = 0;
  private readonly failed = new Map<string, RenderFailure>();

  constructor(private readonly limits: RenderLimits = RENDER_LIMITS) {}

  /** Milliseconds spent rendering so far. */
  get spent(): number {
    return this.spentMs;
  }

  /** The last scope made, kept for the event's next template (its title, then its message). */
  private last:
    | {
        data: Record<string, unknown>;
        formats: Readonly<Record<string, ValueFormat>> | undefined;
        ctx: FormatContext;
        scope: Record<string, unknown>;
      }
    | undefined;

  /**
   * What a template of this event reads: the data with each formatted variable formatted for the
   * tenant, and the data as it came as `raw`. Made once for the templates of one event (the same
   * data, formats and context): formatting is most of a render's cost. Templates only read it.
   */
  private scopeOf(
    data: Record<string, unknown>,
    formats: Readonly<Record<string, ValueFormat>> | undefined,
    ctx: FormatContext,
  ): Record<string, unknown> {
    const last = this.last;
    if (last && last.data === data && last.formats === formats && last.ctx === ctx) return last.scope;
    const scope: Record<string, unknown> = { ...data, raw: data };
    for (const name in formats) {
      if (name in data) scope[name] = formatValue(data[name], formats[name]!, ctx);
    }
    this.last = { data, formats, ctx, scope };
    return scope;
  }

  /** Starts a new event's allowance. */
  nextEvent(): void {
    this.eventSpentMs = 0;
  }

  /**
   * Renders a template with the event's data. Variables with a format are formatted for the tenant;
   * the unformatted data stays reachable as `raw`. A missing variable renders empty.
   */
  render(
    source: string,
    data: Record<string, unknown>,
    formats: Readonly<Record<string, ValueFormat>> | undefined,
    ctx: FormatContext,
  ): Rendered {
    const known = this.failed.get(source);
    if (known) return known;
    // The preset's own templates are ours: no loops, cost bounded by their text. Timing them would
    // only turn a busy machine's pauses into plain-text fallbacks.
    const trusted = PRESET_TEMPLATES.has(source);
    const left = trusted
      ? Number.POSITIVE_INFINITY
      : Math.min(
          this.limits.renderMs,
          this.limits.eventMs - this.eventSpentMs,
          this.limits.requestMs - this.spentMs,
        );
    if (left <= 0) {
      return { ok: false, code: 'TEMPLATE_TOO_COSTLY', reason: 'the render time of this request is spent' };
    }
    const scope = this.scopeOf(data, formats, ctx);
    const started = performance.now();
    const fast = fastTemplate(source);
    const done = fast ? renderFast(fast, scope) : undefined;
    if (done) {
      const took = performance.now() - started;
      this.spentMs += took;
      this.eventSpentMs += took;
      return { ok: true, text: done.text.trim(), missing: done.missing };
    }
    const missing = new Set<string>();
    try {
      const out = engine.renderSync(parse(source), scope, {
        renderLimit: left,
        memoryLimit: this.limits.memory,
        globals: renderGlobals({ locale: ctx.locale, missing }),
      }) as string;
      return { ok: true, text: out.trim(), missing: [...missing] };
    } catch (err) {
      const failed = failure(err);
      this.failed.set(source, failed);
      return failed;
    } finally {
      const took = performance.now() - started;
      this.spentMs += took;
      this.eventSpentMs += took;
    }
  }
}

/** Renders one template on a budget of its own; throws `TemplateFailure` when it fails. */
export function renderTemplate(
  source: string,
  data: Record<string, unknown>,
  formats: Readonly<Record<string, ValueFormat>> | undefined,
  ctx: FormatContext,
): string {
  const out = new RenderBudget().render(source, data, formats, ctx);
  if (!out.ok) throw new TemplateFailure(out);
  return out.text;
}

/** Why a tenant's template cannot be saved: it does not parse, or its cost cannot be bounded. */
export function templateProblem(source: string): Omit<RenderFailure, 'ok'> | undefined {
  if (source.length > TEMPLATE_LIMITS.length) {
    return { code: 'TEMPLATE_TOO_COSTLY', reason: `longer than ${TEMPLATE_LIMITS.length} characters` };
  }
  let parsed: Template[];
  try {
    parsed = engine.parse(source);
  } catch (err) {
    return { code: 'TEMPLATE_ERROR', reason: (err as Error).message };
  }
  const problem = costProblem(parsed);
  return problem ? { code: 'TEMPLATE_TOO_COSTLY', reason: problem } : undefined;
}
