import { CATALOG_EVENT_TYPES, type EventTypeDefinition, ICONS, POS_ERP_CATALOG } from '@aviso/protocol';
import { expect } from '@open-wc/testing';
import { ICON_PATHS } from '../src/icons.ts';
import { resolveLink } from '../src/links.ts';

const origin = 'https://pos.example.com';
const data = { sku: 'SKU 1/2', branchId: 'central' };

/** The SPEC's deep links (section 4) for entity `E-1` and the data above. */
const expected: Record<string, string | null> = {
  NUEVA_VENTA: '#/ventas/E-1',
  NUEVO_GASTO: '#/gastos/E-1',
  NUEVA_COMPRA: '#/compras/E-1',
  TRASPASO_ENVIADO: '#/traspasos/E-1',
  TRASPASO_RECIBIDO: '#/traspasos/E-1',
  PRODUCTO_STOCK_BAJO: '#/inventarios?search=SKU%201%2F2',
  MULTIPLE_PRODUCTOS_STOCK_BAJO: '#/inventarios?status=low_stock',
  NUEVO_PRODUCTO: '#/productos/E-1',
  NUEVO_PROVEEDOR: '#/proveedores/E-1',
  NUEVO_CLIENTE: '#/clientes',
  NUEVO_USUARIO: '#/usuarios',
  NUEVO_PEDIDO_RETIRO: '#/ventas/E-1',
  NUEVO_PEDIDO_ENVIO: '#/ventas/E-1',
  FACTURA_EMITIDA: '#/facturas/E-1',
  DOCUMENTO_CREADO: '#/documentos/E-1',
  PAGO_PROXIMO: '#/pagos/E-1',
  PAGO_VENCIDO: '#/pagos/E-1',
  SUSCRIPCION_POR_VENCER: '#/suscripcion',
  SUSCRIPCION_VENCIDA: '#/suscripcion',
  MANTENIMIENTO_PROGRAMADO: '#/mantenimientos/E-1',
  RESERVA_CREADA: '#/reservas/E-1',
  RESERVA_MODIFICADA: '#/reservas/E-1',
  RESERVA_CANCELADA: '#/reservas/E-1',
  RESERVA_CONFIRMADA: '#/reservas/E-1',
  RECORDATORIO_RESERVA: '#/reservas/E-1',
  NO_SHOW: '#/reservas/E-1',
  ATENCION_PENDIENTE: '#/conversaciones/E-1',
  SLA_INCUMPLIDO: '#/conversaciones/E-1',
  INCIDENTE_SLA: '#/conversaciones',
  PROMOCION: null,
  PRUEBA: null,
};

describe('deep links', () => {
  it('builds the catalog link of every event type', () => {
    expect([...CATALOG_EVENT_TYPES].sort()).to.deep.equal(Object.keys(expected).sort());
    const catalog: Readonly<Record<string, EventTypeDefinition>> = POS_ERP_CATALOG;
    for (const type of CATALOG_EVENT_TYPES) {
      const template = catalog[type]!.link;
      const n = { type, entityId: 'E-1', data, link: null };
      const link = template
        ? resolveLink(n, { templates: { [type]: template }, origin })
        : resolveLink(n, { origin });
      expect(link, type).to.equal(expected[type]);
    }
  });

  it('prefers linkFor, then the host template, then the hub link', () => {
    const n = { type: 'NUEVA_VENTA', entityId: 'V-1', data: {}, link: '#/ventas/V-1' };
    expect(resolveLink(n, { origin })).to.equal('#/ventas/V-1');
    expect(resolveLink(n, { origin, templates: { NUEVA_VENTA: '/sales/{entityId}' } })).to.equal(
      '/sales/V-1',
    );
    expect(resolveLink(n, { origin, linkFor: () => '/custom' })).to.equal('/custom');
    expect(resolveLink(n, { origin, linkFor: () => undefined })).to.equal('#/ventas/V-1');
  });

  it('refuses javascript:, data:, protocol-relative and other origins unless allowed', () => {
    const at = (link: string, allowedOrigins: string[] = []) =>
      resolveLink({ type: 'X', entityId: null, data: {}, link }, { origin, allowedOrigins });
    expect(at('javascript:alert(1)')).to.equal(null);
    expect(at('JaVaScRiPt:alert(1)')).to.equal(null);
    expect(at(' javascript:alert(1)')).to.equal(null);
    expect(at('data:text/html,<script>alert(1)</script>')).to.equal(null);
    expect(at('//evil.example.com')).to.equal(null);
    expect(at('https://evil.example.com/')).to.equal(null);
    expect(at('https://pos.example.com/ventas/1')).to.equal('https://pos.example.com/ventas/1');
    expect(at('https://erp.example.com/x', ['https://erp.example.com'])).to.equal(
      'https://erp.example.com/x',
    );
  });

  it('has a built-in icon for every icon name the catalog uses', () => {
    for (const name of ICONS) expect(ICON_PATHS[name], name).to.be.a('string');
    for (const def of Object.values(POS_ERP_CATALOG))
      expect(ICON_PATHS[def.icon as keyof typeof ICON_PATHS]).to.be.a('string');
  });
});
