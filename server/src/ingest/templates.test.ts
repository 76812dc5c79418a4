import { POS_ERP_CATALOG } from '@aviso/protocol';
import { describe, expect, it } from 'vitest';
import {
  formatValue,
  pickLocale,
  RENDER_LIMITS,
  RenderBudget,
  renderTemplate,
  TemplateFailure,
  templateProblem,
} from './templates.ts';

const mx = { locale: 'es-MX', currency: 'MXN', timezone: 'America/Mexico_City' };

/** A render's failure code, or 'ok'. */
const outcome = (source: string, data: Record<string, unknown> = {}, budget = new RenderBudget()) => {
  const out = budget.render(source, data, undefined, mx);
  return out.ok ? 'ok' : out.code;
};

describe('templates', () => {
  it('formats money, numbers and dates for the tenant', () => {
    expect(formatValue(1234.5, 'currency', mx)).toBe('$1,234.50');
    expect(formatValue('99', 'currency', { ...mx, locale: 'es-CO', currency: 'COP' })).toMatch(/^\$\s?99$/);
    expect(formatValue(12000, 'number', { ...mx, locale: 'es' })).toBe('12.000');
    expect(formatValue('2026-12-01', 'date', mx)).toBe('1 de diciembre de 2026');
    // A time shown in the tenant's zone: 18:30 UTC is 12:30 in Mexico City.
    expect(formatValue('2026-12-01T18:30:00Z', 'datetime', mx)).toMatch(/12:30/);
    expect(formatValue('not a number', 'currency', mx)).toBe('not a number');
  });

  it('renders data, leaves missing variables empty and keeps raw values', () => {
    const out = renderTemplate(
      '{{a}} / {{missing}} / {{raw.total}} / {{total}}',
      { a: 'x', total: 5 },
      { total: 'currency' },
      mx,
    );
    expect(out).toBe('x /  / 5 / $5.00');
    expect(renderTemplate('{% for i in items %}{{i}},{% endfor %}', { items: [1, 2] }, undefined, mx)).toBe(
      '1,2,',
    );
  });

  it('is a sandbox: no file access, unknown filters fail', () => {
    expect(() => renderTemplate('{% include "/etc/passwd" %}', {}, undefined, mx)).toThrow(TemplateFailure);
    expect(() => renderTemplate('{{ a | shell }}', { a: 1 }, undefined, mx)).toThrow(TemplateFailure);
    expect(templateProblem('{% if %}')?.code).toBe('TEMPLATE_ERROR');
    expect(templateProblem('{{ a | shell }}')?.code).toBe('TEMPLATE_ERROR');
  });

  it('refuses at save time what cannot be bounded', () => {
    const costly = [
      '{% for i in (1..100000000) %}x{% endfor %}',
      '{% for i in (1..101) %}x{% endfor %}',
      '{% for i in (1..n) %}x{% endfor %}',
      '{% assign r = (0..5000) %}{{ r | join }}',
      '{{ (1..1000) | join: "," }}',
      '{% for a in items %}{% for b in items %}x{% endfor %}{% endfor %}',
      '{% for a in items %}{% if a %}{% tablerow b in items %}x{% endtablerow %}{% endif %}{% endfor %}',
      '{% for a in items %}{% capture s %}{% for b in (1..2) %}x{% endfor %}{% endcapture %}{% endfor %}',
      '{% liquid\nfor a in items\nfor b in items\necho b\nendfor\nendfor %}',
      '{% include "x" %}',
      '{% render "x" %}',
      '{% layout "x" %}',
      '{{ a }}'.repeat(201),
      'x'.repeat(4001),
    ];
    for (const source of costly)
      expect(templateProblem(source)?.code, source.slice(0, 80)).toBe('TEMPLATE_TOO_COSTLY');
    const fine = [
      'Hola {{ name }}',
      '{% for i in (1..100) %}{{ i }}{% endfor %}',
      '{% for a in items %}{{ a.name }}{% endfor %}{% for b in other %}{{ b }}{% endfor %}',
      '{% if a %}{{ "a..b" }}{% endif %}',
      '{{ a }}'.repeat(200),
    ];
    for (const source of fine) expect(templateProblem(source), source.slice(0, 80)).toBeUndefined();
  });

  it('stops a render that runs out of time or memory, and remembers the failure', () => {
    // Unbounded, this runs for about a second; the budget stops it after 25 ms (plus the machine's noise).
    const items = Array.from({ length: 100_000 }, (_, i) => i);
    const slow =
      '{% for i in items %}{{ i | plus: 1 | times: 2 | minus: 3 | append: "x" | size }}{% endfor %}';
    const budget = new RenderBudget();
    const started = performance.now();
    expect(outcome(slow, { items }, budget)).toBe('TEMPLATE_TOO_COSTLY');
    expect(performance.now() - started).toBeLessThan(RENDER_LIMITS.renderMs * 8);
    // Failed once: the same budget does not render it again, even with data it would render quickly.
    expect(outcome(slow, { items: [1] }, budget)).toBe('TEMPLATE_TOO_COSTLY');
    expect(outcome(slow, { items: [1] })).toBe('ok');
    // A capture that writes itself twice doubles: what a template writes counts as memory.
    const doubling = `{% assign s = "xxxxxxxxxxxxxxxx" %}${'{% capture s %}{{s}}{{s}}{% endcapture %}'.repeat(40)}{{ s | size }}`;
    expect(templateProblem(doubling)).toBeUndefined();
    expect(outcome(doubling)).toBe('TEMPLATE_TOO_COSTLY');
    expect(outcome('{% for i in items %}0123456789{% endfor %}', { items: Array(30_000).fill(0) })).toBe(
      'TEMPLATE_TOO_COSTLY',
    );
  });

  it('shares one allowance among the renders of a request', () => {
    const budget = new RenderBudget({ ...RENDER_LIMITS, renderMs: 5, eventMs: 5, requestMs: 8 });
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const body = '{{ i | plus: 1 | times: 2 | minus: 3 | append: "x" | size }}';
    const reasons = [1, 2, 3, 4, 5, 6].map((n) => {
      budget.nextEvent();
      const out = budget.render(`${n}{% for i in items %}${body}{% endfor %}`, { items }, undefined, mx);
      return out.ok ? 'ok' : out.reason;
    });
    // Each render stops at its 5 ms; after two, the request's 8 ms are spent and nothing else runs.
    expect(reasons.slice(0, 2)).toEqual([
      expect.stringMatching(/template render limit exceeded/),
      expect.stringMatching(/limit exceeded|request is spent/),
    ]);
    expect(reasons.slice(2)).toEqual(Array(4).fill('the render time of this request is spent'));
    expect(outcome('Hola', {}, budget)).toBe('TEMPLATE_TOO_COSTLY');
    // The preset's own templates are not timed: they still render.
    expect(outcome(POS_ERP_CATALOG.NUEVO_CLIENTE.message.es, { customerName: 'Ana' }, budget)).toBe('ok');
  });

  it('picks the text of the nearest locale', () => {
    const texts = { es: 'hola', en: 'hello', 'pt-BR': 'olá' };
    expect(pickLocale(texts, 'es-MX')).toBe('hola');
    expect(pickLocale(texts, 'en-US')).toBe('hello');
    expect(pickLocale(texts, 'pt-BR')).toBe('olá');
    expect(pickLocale(texts, 'fr')).toBe('hola');
  });
});
