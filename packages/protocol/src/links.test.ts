import { describe, expect, it } from 'vitest';
import { POS_ERP_CATALOG } from './catalog.ts';
import { buildLink, isSafeLink } from './links.ts';

describe('buildLink', () => {
  it('builds the catalog’s deep links', () => {
    const data = { sku: 'MART-16', branchId: 'A' };
    const links = Object.fromEntries(
      Object.entries(POS_ERP_CATALOG).map(([type, def]) => [
        type,
        buildLink('link' in def ? def.link : undefined, { entityId: 'X1', data }),
      ]),
    );
    expect(links.NUEVA_VENTA).toBe('#/ventas/X1');
    expect(links.PRODUCTO_STOCK_BAJO).toBe('#/inventarios?search=MART-16');
    expect(links.MULTIPLE_PRODUCTOS_STOCK_BAJO).toBe('#/inventarios?status=low_stock');
    expect(links.TRASPASO_ENVIADO).toBe('#/traspasos/X1');
    expect(links.NUEVO_CLIENTE).toBe('#/clientes');
    expect(links.SUSCRIPCION_VENCIDA).toBe('#/suscripcion');
    expect(links.PRUEBA).toBeNull();
    for (const link of Object.values(links)) if (link) expect(isSafeLink(link)).toBe(true);
  });

  it('cuts a path at a missing value and drops a missing query parameter', () => {
    expect(buildLink('#/ventas/{entityId}', {})).toBe('#/ventas');
    expect(buildLink('#/inventarios?search={sku}&status=low', { data: {} })).toBe('#/inventarios?status=low');
  });

  it('encodes values so data cannot change the link’s shape', () => {
    expect(buildLink('#/ventas/{entityId}', { entityId: '../admin?x=1#y' })).toBe(
      '#/ventas/..%2Fadmin%3Fx%3D1%23y',
    );
    expect(buildLink('#/x?q={q}', { data: { q: 'a&b=c' } })).toBe('#/x?q=a%26b%3Dc');
    expect(buildLink('#/x/{obj}', { data: { obj: { toString: () => 'javascript:' } } })).toBe('#/x');
  });
});

describe('isSafeLink', () => {
  it('accepts in-app and http(s) links', () => {
    for (const ok of [
      '#/ventas/1',
      '/app/ventas',
      '?tab=2',
      'https://pos.example.com/x',
      'http://localhost:5173/#/a',
    ]) {
      expect(isSafeLink(ok), ok).toBe(true);
    }
  });
  it('refuses scripts, data, protocol-relative and control characters', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      '//evil.example.com',
      '/\\evil.example.com',
      'java\nscript:alert(1)',
      'vbscript:x',
      '',
    ]) {
      expect(isSafeLink(bad), bad).toBe(false);
    }
  });
  it('refuses other origins when given one, unless allowed', () => {
    expect(isSafeLink('https://evil.example.com/', 'https://pos.example.com')).toBe(false);
    expect(isSafeLink('https://pos.example.com/a', 'https://pos.example.com')).toBe(true);
    expect(
      isSafeLink('https://docs.example.com/', 'https://pos.example.com', ['https://docs.example.com']),
    ).toBe(true);
  });
});
