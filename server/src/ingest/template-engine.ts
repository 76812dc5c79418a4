import {
  type Context,
  type Emitter,
  type FilterImplOptions,
  Liquid,
  type LiquidOptions,
  type Template,
  toValue,
} from 'liquidjs';

/** Render-time limits of tenant templates (see docs/decisions/0011-template-budget.md). */
export const RENDER_LIMITS = {
  /** Milliseconds one render may take (liquidjs `renderLimit`, checked between tags and loop turns). */
  renderMs: 25,
  /** Milliseconds the renders of one event (its title and message) may take together. */
  eventMs: 50,
  /** Milliseconds the renders of one request may take together: a batch of 1,000 events shares them. */
  requestMs: 500,
  /** Units one render may use: characters allocated or written, and `ITEM_WEIGHT` per list item a filter reads. */
  memory: 256_000,
};
export type RenderLimits = typeof RENDER_LIMITS;

/**
 * The filters a template may use: those whose work is linear in their input. Sorting, grouping,
 * and the filters that evaluate an expression per item (`where`, `map`, `find_exp`…) take hundreds of
 * milliseconds on 32 KB of data in one call, which no render limit can interrupt; they are not offered.
 */
const FILTERS = new Set(
  [
    'append prepend capitalize downcase upcase strip lstrip rstrip strip_newlines strip_html',
    'newline_to_br escape escape_once xml_escape url_encode url_decode cgi_escape uri_escape slugify',
    'truncate truncatewords replace replace_first replace_last remove remove_first remove_last',
    'split slice size squish normalize_whitespace number_of_words join first last reverse compact',
    'plus minus times divided_by modulo round ceil floor abs at_least at_most to_integer',
    'date date_to_xmlschema date_to_rfc822 date_to_string date_to_long_string default raw',
  ]
    .join(' ')
    .split(' '),
);

/** What a list item costs a filter in memory units: a filter may read at most 1,000 items per render. */
const ITEM_WEIGHT = 256;

/** The memory units a filter's input or argument costs. */
function weight(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.length * ITEM_WEIGHT;
  if (value && typeof value === 'object') return Object.keys(value).length * ITEM_WEIGHT;
  return 1;
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
export const engine = new Liquid({
  fs: noFiles as unknown as LiquidOptions['fs'],
  strictVariables: false,
  strictFilters: true,
  relativeReference: false,
  parseLimit: 20_000,
  renderLimit: RENDER_LIMITS.renderMs,
  memoryLimit: RENDER_LIMITS.memory,
});

// Only the listed filters, each charging its input to the render's memory limit before it runs.
const filters = engine.filters as Record<string, FilterImplOptions>;
for (const [name, impl] of Object.entries(filters)) {
  if (!FILTERS.has(name)) {
    delete filters[name];
    continue;
  }
  const handler = typeof impl === 'function' ? impl : impl.handler;
  const charged: typeof handler = function charged(value, ...args) {
    this.context.memoryLimit.use(args.reduce((sum: number, a) => sum + weight(a), weight(value)));
    return handler.call(this, value, ...args);
  };
  filters[name] = typeof impl === 'function' ? charged : { ...impl, handler: charged };
}

/** What liquidjs writes for a value (its own `stringify`, which it does not export). */
function written(value: unknown): string {
  const v = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(written).join('');
  return String(v);
}

/**
 * liquidjs counts what filters and ranges allocate, not what a template writes: a capture that
 * writes itself twice doubles at no cost, and a loop over data writes its text once per item.
 * Every render (top level, captures, loop bodies) gets an emitter that counts its writes too.
 */
class CountingEmitter implements Emitter {
  buffer = '';
  constructor(private readonly ctx: Context) {}
  write(html: unknown) {
    const text = written(html);
    this.ctx.memoryLimit.use(text.length);
    this.buffer += text;
  }
}
const renderTemplates = engine.renderer.renderTemplates.bind(engine.renderer);
engine.renderer.renderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) =>
  renderTemplates(templates, ctx, emitter ?? new CountingEmitter(ctx));

const cache = new Map<string, Template[]>();
const CACHE_MAX = 2_000;

/** A template parsed once and kept (the 2,000 most recent sources). */
export function parse(source: string): Template[] {
  let parsed = cache.get(source);
  if (!parsed) {
    parsed = engine.parse(source);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(source, parsed);
  }
  return parsed;
}

// The first renders run cold (the JIT has not compiled liquidjs yet) and take several times longer:
// warm up at start so that a tenant's first event is not measured against that.
for (let i = 0; i < 20; i++) {
  engine.renderSync(
    parse(
      '{% assign t = "a b" | split: " " %}{% for x in t %}{% if x == "a" %}{{ x | upcase | append: "!" }}{% else %}{{ n | plus: 1 | times: 2 | round }}{% endif %}{% endfor %}{{ d | date: "%Y" }}',
    ),
    { n: i, d: '2026-01-01' },
    // Cold and on a busy machine this may well exceed a tenant's limit: warming up must not fail.
    { renderLimit: Number.POSITIVE_INFINITY },
  );
}
