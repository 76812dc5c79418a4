import { describe, expect, it } from 'vitest';
import { formatValue, pickLocale, renderTemplate, templateError } from './templates.ts';

const mx = { locale: 'es-MX', currency: 'MXN', timezone: 'America/Mexico_City' };

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
  });

  it('is a sandbox: no file access, unknown filters and runaway loops fail', () => {
    expect(templateError('{% include "/etc/passwd" %}')).toBeUndefined();
    expect(() => renderTemplate('{% include "/etc/passwd" %}', {}, undefined, mx)).toThrow();
    expect(() => renderTemplate('{{ a | shell }}', { a: 1 }, undefined, mx)).toThrow();
    expect(() => renderTemplate('{% for i in (1..100000000) %}x{% endfor %}', {}, undefined, mx)).toThrow();
    expect(templateError('{% if %}')).toBeTruthy();
  });

  it('picks the text of the nearest locale', () => {
    const texts = { es: 'hola', en: 'hello', 'pt-BR': 'olá' };
    expect(pickLocale(texts, 'es-MX')).toBe('hola');
    expect(pickLocale(texts, 'en-US')).toBe('hello');
    expect(pickLocale(texts, 'pt-BR')).toBe('olá');
    expect(pickLocale(texts, 'fr')).toBe('hola');
  });
});
