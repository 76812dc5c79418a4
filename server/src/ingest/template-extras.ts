import { type Context, type Emitter, Output, TypeGuards, toValue, type Value } from 'liquidjs';
import { kept } from '../lib/kept.ts';
import { engine } from './template-engine.ts';

/**
 * What the hub adds to liquidjs: the `plural` and `number` filters, which speak the render's
 * locale, and a note of every output that came out empty because its variable was missing, so
 * that a template referring to data the event did not bring is reported instead of silently blank.
 */

/** What a filter sees as `this` (liquidjs does not export the type from its root). */
type FilterImpl = { context: Context };

const LOCALE = Symbol('aviso.locale');
const MISSING = Symbol('aviso.missing');

/** What one render is given: its locale, and where it notes the variables it found missing. */
export interface RenderNotes {
  locale: string;
  missing: Set<string>;
}

/** The liquidjs `globals` of one render (symbol keys: no template can name or overwrite them). */
export function renderGlobals(notes: RenderNotes): Record<symbol, unknown> {
  return { [LOCALE]: notes.locale, [MISSING]: notes.missing };
}

const globalsOf = (ctx: Context) => ctx.globals as Record<symbol, unknown>;

// Building Intl objects costs far more than using them: one per locale, Spanish's for a locale
// `Intl` refuses.
const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();
const cached = <T>(map: Map<string, T>, locale: string, make: (l: string) => T): T =>
  kept(map, locale, (l) => {
    try {
      return make(l);
    } catch {
      return make('es');
    }
  });

function numeric(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function localeOf(filter: FilterImpl): string {
  const locale = globalsOf(filter.context)[LOCALE];
  return typeof locale === 'string' ? locale : 'es';
}

/**
 * `{{ days | plural: "día", "días" }}` → `1 día`, `3 días`, `1.000 días`: the number in the
 * locale's digits and the form that Intl.PluralRules picks for it (CLDR `one`, else the other).
 * Nothing when the value is missing (so the output is reported as missing data).
 */
engine.registerFilter(
  'plural',
  function plural(this: FilterImpl, value: unknown, one: unknown, other: unknown) {
    const n = numeric(value);
    if (n === undefined) return value ?? '';
    const locale = localeOf(this);
    const form = cached(plurals, locale, (l) => new Intl.PluralRules(l)).select(n) === 'one' ? one : other;
    return `${cached(numbers, locale, (l) => new Intl.NumberFormat(l)).format(n)} ${String(form ?? '')}`.trim();
  },
);

/** `{{ qty | number }}` → `2,5` in Spanish, `2.5` in English; anything not a number as it is. */
engine.registerFilter('number', function number(this: FilterImpl, value: unknown) {
  const n = numeric(value);
  return n === undefined ? value : cached(numbers, localeOf(this), (l) => new Intl.NumberFormat(l)).format(n);
});

/** The variable an output writes when it is a bare variable (with filters), e.g. `p.name` in `{{ p.name | upcase }}`. */
function soleVariable(value: Value): string | undefined {
  const postfix = (value.initial as { postfix?: unknown[] }).postfix;
  const token = postfix?.length === 1 ? postfix[0] : undefined;
  return token && TypeGuards.isPropertyAccessToken(token as never)
    ? (token as { getText(): string }).getText()
    : undefined;
}

// liquidjs's own Output.render, plus the note of a missing variable when the output is empty.
Output.prototype.render = function* render(this: Output, ctx: Context, emitter: Emitter) {
  const val = yield toValue(yield this.value.value(ctx, false));
  const missing = globalsOf(ctx)[MISSING] as Set<string> | undefined;
  if (missing && (val === undefined || val === null || val === '') && missing.size < 20) {
    const name = soleVariable(this.value);
    if (name && !missing.has(name)) {
      const initial = yield this.value.initial.evaluate(ctx, false);
      if (initial === undefined || initial === null) missing.add(name);
    }
  }
  emitter.write(val);
} as Output['render'];

// Intl objects are slow to build the first time: build the catalog languages' ones at start, so a
// tenant's first render is not measured against that (see the warm-up in template-engine.ts).
for (const locale of ['es', 'en', 'pt']) {
  engine.parseAndRenderSync(
    "{{ n | plural: 'a', 'b' }}{{ n | number }}",
    { n: 2 },
    {
      globals: renderGlobals({ locale, missing: new Set() }),
      renderLimit: Number.POSITIVE_INFINITY,
    },
  );
}
