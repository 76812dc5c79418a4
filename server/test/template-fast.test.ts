import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engine, parse } from '../src/ingest/template-engine.ts';
import { renderGlobals } from '../src/ingest/template-extras.ts';
import { compileFast, renderFast } from '../src/ingest/template-fast.ts';
import { RenderBudget } from '../src/ingest/templates.ts';

const NAMES = ['a', 'b', 'branchName', 'total', 'x_1'];

/** A template of the fast subset: text, names, and if/else/endif on names, nested. */
const template: fc.Arbitrary<string> = fc.letrec((tie) => ({
  piece: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('Venta ', ' en ', 'ñ', '', '  ', '}}', '%}', '{', '}', '\n'),
    fc.constantFrom(...NAMES).map((n) => `{{${n}}}`),
    fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(' ', '  ', '')).map(([n, s]) => `{{ ${n}${s}}}`),
    fc
      .tuple(fc.constantFrom(...NAMES), tie('body'), fc.option(tie('body')))
      .map(([n, yes, no]) => `{% if ${n} %}${yes}${no === null ? '' : `{% else %}${no}`}{% endif %}`),
  ),
  body: fc.array(tie('piece'), { maxLength: 5 }).map((parts) => (parts as string[]).join('')),
})).body as fc.Arbitrary<string>;

/** Data as events carry it: every kind liquid may read, or nothing. */
const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('', 'Centro', ' x ', '0', 'false'),
  fc.constantFrom(0, -1, 1.5, 1e21, Number.NaN),
  fc.boolean(),
  fc.constantFrom([], ['a', 'b'], {}, { k: 1 }),
);
const data = fc.record(Object.fromEntries(NAMES.map((n) => [n, value])) as Record<string, typeof value>);

function liquid(source: string, scope: Record<string, unknown>) {
  const missing = new Set<string>();
  // Outputs are compared, not budgets: on a loaded machine a render may pass the time limit.
  const text = engine.renderSync(parse(source), scope, {
    globals: renderGlobals({ locale: 'es', missing }),
    renderLimit: Number.POSITIVE_INFINITY,
  }) as string;
  return { text, missing: [...missing].sort() };
}

describe('templates without liquidjs', () => {
  it('writes what liquidjs writes, and notes the same missing variables, for every template of the subset', () => {
    fc.assert(
      fc.property(template, data, (source, raw) => {
        const scope = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const nodes = compileFast(source);
        if (!nodes) return; // stray braces next to a tag: liquidjs's own reading
        const out = renderFast(nodes, scope);
        if (out === undefined) return; // a list or an object: liquidjs's own
        expect({ text: out.text, missing: [...out.missing].sort() }, source).toEqual(liquid(source, scope));
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves everything else to liquidjs', () => {
    for (const source of [
      '{{ a | upcase }}',
      '{{ a.b }}',
      '{{ nil }}',
      '{{- a }}',
      '{% if a -%}x{% endif %}',
      '{% if a == 1 %}x{% endif %}',
      '{% for x in a %}{% endfor %}',
      '{% if a %}x',
      '{% else %}',
      '{% endif %}',
      'x {{ a',
      '{% raw %}{{ a }}{% endraw %}',
      "{{ 'a' }}",
      '{{{ a }}',
      'x{{% if a %}{% endif %}',
    ]) {
      expect(compileFast(source), source).toBeNull();
    }
  });

  it('compiles the templates of the subset, nested', () => {
    expect(
      compileFast('{% if a %}{% if b %}{{ a }}{% else %}-{% endif %}{% else %}{{b}}{% endif %}!'),
    ).toEqual([{ if: 'a', yes: [{ if: 'b', yes: [{ out: 'a' }], no: ['-'] }], no: [{ out: 'b' }] }, '!']);
  });

  it('renders the catalog’s sale message both ways alike, through the budget', () => {
    const source =
      'Nueva venta de {{total}} registrada en {% if branchName %}{{ branchName }}{% else %}tu sucursal{% endif %}.';
    const budget = new RenderBudget();
    const ctx = { locale: 'es', currency: 'USD', timezone: 'UTC' } as Parameters<RenderBudget['render']>[3];
    const known = budget.render(source, { total: 5, branchName: 'Centro' }, undefined, ctx);
    expect(known).toEqual({ ok: true, text: 'Nueva venta de 5 registrada en Centro.', missing: [] });
    const unknown = budget.render(source, {}, undefined, ctx);
    expect(unknown).toEqual({
      ok: true,
      text: 'Nueva venta de  registrada en tu sucursal.',
      missing: ['total'],
    });
  });
});
