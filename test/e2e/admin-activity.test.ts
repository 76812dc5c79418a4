import { newWebhookSecret } from '@aviso/protocol';
import { standIn, startSmtp } from '@aviso/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, SHOTS } from '../support/console.ts';
import { consoleShop } from './console-shop.ts';

interface Delivery {
  id: string;
  status: string;
  recipientId: string | null;
  notificationId: string | null;
}

describe.skipIf(!hasChromium)('"Did Norte see it?" and delivery details in a real browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  // A webhook endpoint that is down, for a channel test that fails.
  let down: Awaited<ReturnType<typeof standIn>>;
  let notificationId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    down = await standIn(() => ({ status: 500, body: { error: 'down for maintenance' } }));
  });
  const shop = consoleShop(
    'Ferretería Central',
    { locale: 'es-MX', timezone: 'America/Mexico_City', currency: 'MXN' },
    () => ({ AVISO_EGRESS_ALLOW: `127.0.0.1:${smtp.port},127.0.0.1:${new URL(down.url).port}` }),
  );

  beforeAll(async () => {
    const channel = await shop.tenant.call('POST', '/v1/channels', {
      kind: 'email',
      name: 'Correo local',
      config: { host: '127.0.0.1', port: smtp.port, from: 'Aviso <alertas@aviso.test>' },
    });
    expect(channel.status).toBe(201);
    // A type of the shop's own: the branch's people, by email at once when they are offline.
    const type = await shop.tenant.call('PUT', '/v1/event-types/VENTA_GRANDE', {
      category: 'sales',
      target: { kind: 'branches', from: ['branchId'] },
      title: { es: 'Venta grande' },
      message: { es: 'Venta grande de {{total}} en {{branchId}}.' },
      formats: { total: 'currency' },
      rules: { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['email'] } },
    });
    expect(type.status).toBe(200);
    for (const [id, name, branch] of [
      ['norte', 'Norte', 'norte'],
      ['lupita', 'Lupita', 'norte'],
      ['centro', 'Centro', 'centro'],
    ]) {
      const put = await shop.tenant.call('PUT', `/v1/recipients/${id}`, {
        name,
        role: 'manager',
        branchIds: [branch],
        email: `${id}@ferreteria.mx`,
      });
      expect(put.status).toBe(201);
    }
    const event = await shop.tenant.call<{ id: string }>('POST', '/v1/events', {
      type: 'VENTA_GRANDE',
      entityId: 'V-77',
      data: { total: 1250.5, branchId: 'norte' },
    });
    expect(event.status).toBe(202);
    notificationId = event.body.id;
    // Norte reads it in the widget; Lupita never opens it.
    const token = await shop.tenant.call<{ token: string }>('POST', '/v1/widget-tokens', {
      recipientId: 'norte',
    });
    const read = await fetch(`${shop.rig.hub.url}/v1/me/notifications/${notificationId}/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.body.token}` },
    });
    expect(read.status).toBe(200);
    // Both fallback emails go out.
    const sent = async () => {
      const { items } = (await shop.tenant.call<{ items: Delivery[] }>('GET', '/v1/deliveries')).body;
      return items.filter((d) => d.notificationId === notificationId && d.status === 'sent').length;
    };
    for (let i = 0; i < 60 && (await sent()) < 2; i++) await new Promise((r) => setTimeout(r, 500));
    expect(await sent()).toBe(2);
  });

  afterAll(async () => {
    await down?.close();
    await smtp?.close();
  });

  it('answers who it was for, who read it and when, and what went out by email', async () => {
    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Ferretería Central');
    await page.getByRole('link', { name: 'Actividad' }).click();
    // Filtered by the person asked about.
    await page.getByLabel('Persona').selectOption({ label: 'Norte' });
    await page.getByRole('button', { name: 'Aplicar' }).click();
    const row = page.locator(`tr[data-notification="${notificationId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Venta grande de $1,250.50 en norte.');
    await row.getByRole('button', { name: 'Quién la vio' }).click();

    const receipts = page.locator(`[data-receipts="${notificationId}"]`);
    const norte = receipts.locator('tr[data-person="norte"]');
    const lupita = receipts.locator('tr[data-person="lupita"]');
    await norte.waitFor();
    // Centro is of another branch: it was not for them.
    expect(await receipts.locator('tr[data-person="centro"]').count()).toBe(0);
    const cells = await norte.getByRole('cell').allTextContents();
    expect(cells[0]).toContain('Norte');
    expect(cells[3]).toMatch(/\d{4}/); // read, with its date
    expect(await lupita.getByRole('cell').nth(3).textContent()).toContain('todavía no');
    // The fallback email of each, with its outcome, in words.
    expect((await lupita.textContent())?.replace(/\s+/g, ' ')).toMatch(
      /enviado Respaldo si está desconectado · Correo local · Correo · \d/,
    );
    await page.screenshot({ path: `${SHOTS}/admin-activity.png`, fullPage: true });
    await page.context().close();
  });

  it('shows a delivery with the person’s and channel’s names, the message as sent and its attempt', async () => {
    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Ferretería Central');
    await page.getByRole('link', { name: 'Registro de envíos' }).click();
    const { items } = (await shop.tenant.call<{ items: Delivery[] }>('GET', '/v1/deliveries')).body;
    const lupita = items.find((d) => d.recipientId === 'lupita')!;
    const row = page.locator(`tr[data-delivery="${lupita.id}"]`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('Lupita');
    expect(text).toContain('Correo local · Correo');
    expect(text).toContain('Venta grande');
    await row.getByRole('button', { name: 'Detalles' }).click();
    await page.locator('[data-sent-message]').getByText('Venta grande de $1,250.50 en norte.').waitFor();
    const attempt = page.getByRole('table', { name: 'Intentos' }).locator('tr[data-attempt="1"]');
    expect(await attempt.textContent()).toMatch(/\d+([.,]\d)? m?s\b/);
    expect(await attempt.textContent()).toContain('enviado');
    // Each try names its channel and when it was made, in the tenant's locale.
    expect(await attempt.textContent()).toContain('Correo local · Correo');
    expect(await attempt.textContent()).toMatch(/\d{4}/);
    expect(await page.getByRole('table', { name: 'Intentos' }).locator('tr[data-attempt]').count()).toBe(1);
    expect(smtp.received.some((m) => m.to_.includes('lupita@ferreteria.mx'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/admin-deliveries.png`, fullPage: true });
    // From the delivery to who saw the notification.
    await page.getByRole('link', { name: 'Quién la vio' }).click();
    await page.locator(`[data-receipts="${notificationId}"] tr[data-person="norte"]`).waitFor();
    await page.context().close();
  });

  it('retries a failed channel test and lists both attempts, the first one kept', async () => {
    const channel = await shop.tenant.call<{ id: string }>('POST', '/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      // Subscribed to an event the other tests never raise: only its tests reach it.
      config: { url: `${down.url}/hook`, secret: newWebhookSecret(), events: ['notification.action'] },
    });
    expect(channel.status).toBe(201);
    const test = await shop.tenant.call<{ ok: boolean; deliveryId: string }>(
      'POST',
      `/v1/channels/${channel.body.id}/test`,
      {},
    );
    expect(test.body.ok).toBe(false);
    const id = test.body.deliveryId;

    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Ferretería Central');
    await page.getByRole('link', { name: 'Registro de envíos' }).click();
    const row = page.locator(`tr[data-delivery="${id}"]`);
    await row.getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText('En cola de nuevo.').waitFor();
    // The hub's worker sends the test again to the same endpoint, which is still down.
    let tries = 0;
    for (let i = 0; i < 100 && tries < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      tries = (await shop.tenant.call<{ attemptLog: unknown[] }>('GET', `/v1/deliveries/${id}`)).body
        .attemptLog.length;
    }
    expect(tries).toBe(2);
    await page.getByRole('button', { name: 'Aplicar' }).click();
    await row.getByRole('button', { name: 'Detalles' }).click();
    const attempts = page.getByRole('table', { name: 'Intentos' }).locator('tr[data-attempt]');
    await attempts.nth(1).waitFor();
    expect(await attempts.count()).toBe(2);
    for (const text of await attempts.allTextContents()) {
      expect(text).toContain('CRM · Webhook');
      expect(text).toContain('fallido');
      expect(text).toMatch(/\d+([.,]\d)? m?s\b/);
    }
    await page.context().close();
  });
});
