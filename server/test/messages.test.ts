import { describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { makeTenant, nodeWithSmtp, type TestTenant } from './harness.ts';
import { until } from './sockets.ts';

describe.each(databaseBackends)('messages worth reading on $name', ({ url }) => {
  const suite = nodeWithSmtp({ databaseUrl: url }, { delivery: { pollMs: 50 } });

  const messageOf = async (t: TestTenant, id: string) =>
    (await suite.hub.node.store.forTenant(t.id).notifications.byId(id))!;

  async function shop(input: Record<string, unknown> = {}) {
    const t = await makeTenant(suite.hub.fetcher, { locale: 'es-MX', currency: 'MXN', ...input });
    await t.api.put('/v1/branches/centro', { name: 'Suc. Centro' });
    await t.api.put('/v1/branches/norte', { name: 'Suc. Norte' });
    await t.person('dueno', { role: 'owner', branchIds: [], email: 'dueno@example.com' });
    return t;
  }

  it('names the branch in messages that reach people of several branches', async () => {
    const t = await shop();
    const sale = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      data: { branchId: 'centro', total: 1250.5 },
    });
    expect((await messageOf(t, sale.body.id)).message).toBe(
      'Nueva venta de $1,250.50 registrada en Suc. Centro.',
    );
    const goods = await t.api.post('/v1/events', {
      type: 'NUEVA_COMPRA',
      data: { branchIds: ['centro', 'norte'], supplierName: 'Truper' },
    });
    expect((await messageOf(t, goods.body.id)).message).toBe(
      'Se recibió mercancía del proveedor “Truper” en Suc. Centro y Suc. Norte.',
    );
    // A branch the suite.hub does not know: the message still reads.
    const unknown = await t.api.post('/v1/events', {
      type: 'NUEVA_VENTA',
      data: { branchId: 'sur', total: 10 },
    });
    expect((await messageOf(t, unknown.body.id)).message).toBe(
      'Nueva venta de $10.00 registrada en tu sucursal.',
    );
  });

  it('lists the products of a multiple low-stock alert, and says transfer for a transfer', async () => {
    const t = await shop();
    const items = ['Tornillo', 'Taladro', 'Clavos', 'Lija', 'Pala'].map((name, i) => ({
      productId: `P${i}`,
      sku: `S${i}`,
      name,
      qty: 10,
      min: 5,
    }));
    await t.api.post('/v1/stock/movements', { branchId: 'centro', items });
    const sold = await t.api.post('/v1/stock/movements', {
      branchId: 'centro',
      reference: { type: 'sale', id: 'V-12' },
      items: items.map((i, n) => ({ ...i, qty: n })),
    });
    const multiple = await messageOf(t, sold.body.notification.id);
    expect(multiple.title).toBe('Varios productos con stock bajo');
    expect(multiple.message).toBe(
      'En Suc. Centro tras la venta V-12: Tornillo (0, mín. 5), Taladro (1, mín. 5), Clavos (2, mín. 5) y 2 más.',
    );

    await t.api.post('/v1/stock/movements', {
      branchId: 'norte',
      items: items.slice(0, 2).map((i) => ({ ...i, qty: 10 })),
    });
    const moved = await t.api.post('/v1/stock/movements', {
      branchId: 'norte',
      reference: { type: 'transfer', id: 'TR-7' },
      items: [{ ...items[0]!, qty: 1 }],
    });
    expect((await messageOf(t, moved.body.notification.id)).message).toBe(
      'El producto “Tornillo” tiene stock bajo (1 unidad, mínimo 5) en Suc. Norte tras el traspaso TR-7.',
    );
  });

  it('counts units and products, and uses plural forms and typographic quotes', async () => {
    const t = await shop();
    const transfer = await t.api.post('/v1/events', {
      type: 'TRASPASO_ENVIADO',
      entityId: 'TR-7',
      data: { originBranchId: 'centro', destinationBranchId: 'norte', items: [{ productId: 'P1', qty: 3 }] },
    });
    expect((await messageOf(t, transfer.body.id)).message).toBe(
      'Desde “Suc. Centro” hacia “Suc. Norte”: 3 unidades de 1 producto.',
    );
    const one = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_POR_VENCER',
      data: { days: 1 },
    });
    expect((await messageOf(t, one.body.id)).message).toBe('Tu suscripción vence en 1 día.');
    const english = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_POR_VENCER',
      locale: 'en',
      data: { days: 1 },
    });
    expect((await messageOf(t, english.body.id)).message).toBe('Your subscription expires in 1 day.');
    const portuguese = await t.api.post('/v1/events', {
      type: 'RESERVA_CREADA',
      locale: 'pt-BR',
      data: { branchId: 'centro', code: 'R-9', people: 2, dateTime: '2026-03-01T20:00:00Z' },
    });
    const pt = await messageOf(t, portuguese.body.id);
    expect(pt.title).toBe('Reserva criada');
    expect(pt.message).toMatch(/^Reserva R-9 para 2 pessoas em .* em Suc\. Centro: criada\.$/);
    const quoted = await t.api.post('/v1/events', {
      type: 'NUEVO_PROVEEDOR',
      data: { supplierName: 'Truper' },
    });
    expect((await messageOf(t, quoted.body.id)).message).toBe(
      'Se ha registrado un nuevo proveedor: “Truper”.',
    );
  });

  it('warns about missing data in the answer, the preview, and on the notification', async () => {
    const t = await shop();
    const res = await t.api.post('/v1/events', { type: 'NUEVO_PROVEEDOR', data: {} });
    expect(res.status).toBe(202);
    const warning = { field: 'message', code: 'MISSING_DATA', variables: ['supplierName'] };
    expect(res.body.warnings).toEqual([warning]);
    expect((await messageOf(t, res.body.id)).warnings).toEqual([warning]);
    const preview = await t.api.post('/v1/event-types/NUEVO_PROVEEDOR/preview', { locale: 'es', data: {} });
    expect(preview.body.warnings).toEqual([warning]);
    // Optional data behind an `if` is not missing; data that is there gives no warning.
    const fine = await t.api.post('/v1/events', {
      type: 'MULTIPLE_PRODUCTOS_STOCK_BAJO',
      data: { branchId: 'centro' },
    });
    expect(fine.body.warnings).toBeUndefined();
    expect((await messageOf(t, fine.body.id)).warnings).toBeNull();
  });

  it('sends a branded email with the type’s own subject and body and a plain-text part', async () => {
    const t = await shop({ name: 'Ferretería Norte', appUrl: 'https://pos.example.com' });
    const patched = await t.api.patch('/v1/tenant', {
      settings: { branding: { logoUrl: 'https://cdn.example.com/logo.png', color: '#0f766e' } },
    });
    expect(patched.status).toBe(200);
    const refused = await t.api.patch('/v1/tenant', {
      settings: { branding: { logoUrl: 'javascript:alert(1)', color: 'red' } },
    });
    expect(refused.status).toBe(400);
    await t.api.post('/v1/channels', {
      kind: 'email',
      name: 'SMTP',
      config: { host: '127.0.0.1', port: suite.smtp.port, from: 'avisos@ferreteria.test' },
    });
    const put = await t.api.put('/v1/event-types/SUSCRIPCION_VENCIDA', {
      email: {
        subject: { es: '{{ tenantLabel }} — tu plan venció' },
        body: { es: 'Hola:\n\n{{ notification.message }}\n\nRenueva hoy y conserva tus datos.' },
      },
    });
    expect(put.status).toBe(200);

    const preview = await t.api.post('/v1/event-types/SUSCRIPCION_VENCIDA/preview', {
      locale: 'es-MX',
      data: { tenantLabel: 'Norte' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.email.subject).toBe('Norte — tu plan venció');
    expect(preview.body.email.html).toContain('https://cdn.example.com/logo.png');
    expect(preview.body.email.html).toContain('#0f766e');
    expect(preview.body.email.text).toContain('Renueva hoy y conserva tus datos.');

    // The owner is offline: the type's fallback emails them at once.
    const res = await t.api.post('/v1/events', {
      type: 'SUSCRIPCION_VENCIDA',
      data: { tenantLabel: 'Norte' },
    });
    expect(res.status).toBe(202);
    await until(
      () => suite.smtp.received.some((m) => m.to_.includes('dueno@example.com')),
      'the email',
      20_000,
    );
    const mail = suite.smtp.received.find((m) => m.subject === 'Norte — tu plan venció')!;
    expect(mail).toBeDefined();
    const html = `${mail.html}`;
    expect(html).toContain('<img src="https://cdn.example.com/logo.png" alt="Ferretería Norte"');
    expect(html).toContain('background:#0f766e');
    expect(html).toContain('Tu suscripción ha vencido.');
    expect(html).toContain('Renueva hoy y conserva tus datos.');
    expect(mail.text).toContain('Hola:\n\nTu suscripción ha vencido.\n\nRenueva hoy y conserva tus datos.');
    // The preview is the email: same layout, same texts.
    expect(html.trim()).toBe(preview.body.email.html.trim());
  });
});
