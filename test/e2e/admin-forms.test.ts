import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, SHOTS } from '../support/console.ts';
import { consoleShop } from './console-shop.ts';

/** The message shown beside a field: the element its `aria-describedby` names first. */
async function messageOf(field: Locator): Promise<string> {
  // The hub's answer may take a moment: wait for the field to be marked.
  await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const error = ids.find((id) => id.startsWith('err-'));
  expect(error, 'the field points at its error').toBeTruthy();
  return (await field.page().locator(`[id="${error}"]`).textContent())?.trim() ?? '';
}

describe.skipIf(!hasChromium)('console forms in a real browser', () => {
  const shop = consoleShop('Ferretería Norte', { locale: 'es-MX' });
  let page: Page;

  beforeAll(async () => {
    page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Ferretería Norte');
  });

  const channelForm = async () => {
    // A fresh page (the session survives a reload), so no form is left open from before.
    await page.goto(`${shop.rig.hub.url}/admin/#/channels`);
    await page.reload();
    await page.getByRole('button', { name: 'Nuevo canal' }).click();
    return page.getByRole('form', { name: 'Nuevo canal' });
  };

  it('labels every channel field for people, each label attached to its own input', async () => {
    const form = await channelForm();
    for (const kind of ['email', 'whatsapp', 'telegram', 'sms', 'slack', 'webhook']) {
      await form.getByLabel('Tipo', { exact: true }).selectOption(kind);
      expect(await axeViolations(page), kind).toEqual([]);
      // No label is a raw configuration key.
      const labels = await form.locator('label, legend').allTextContents();
      for (const raw of ['url', 'secret', 'events', 'host', 'from', 'botToken', 'accountSid']) {
        expect(
          labels.map((l) => l.trim()),
          kind,
        ).not.toContain(raw);
      }
    }
    await form.getByLabel('Dirección que recibe los eventos').fill('https://example.com/hooks/aviso');
    await form.getByRole('button', { name: 'Generar' }).click();
    expect(await form.getByLabel('Secreto de firma').inputValue()).toMatch(/^whsec_/);
    await form.getByRole('group', { name: 'Eventos que se envían' }).getByLabel('Falla un envío').check();
  });

  it('shows problems at their fields: a sender that is not an address, a port too big', async () => {
    const form = await channelForm();
    await form.getByLabel('Nombre', { exact: true }).fill('Correo');
    await form.getByLabel('Servidor de correo (SMTP)').fill('smtp.example.com');
    await form.getByLabel('Puerto', { exact: true }).fill('70000');
    await form.getByLabel('Remitente (De)').fill('esto no es un correo');
    await form.getByRole('button', { name: 'Guardar' }).click();
    expect(await messageOf(form.getByLabel('Remitente (De)'))).toMatch(/^No es un correo/);
    expect(await messageOf(form.getByLabel('Puerto', { exact: true }))).toBe('Como máximo 65535');
    await form.getByRole('alert').getByText('Revisa los campos marcados.').waitFor();
    expect((await shop.tenant.call<{ items: unknown[] }>('GET', '/v1/channels')).body.items).toEqual([]);
  });

  it('shows the hub’s DESTINATION_NOT_ALLOWED at the host and SECRET_REQUIRED at the secret', async () => {
    let form = await channelForm();
    await form.getByLabel('Nombre', { exact: true }).fill('Correo interno');
    await form.getByLabel('Servidor de correo (SMTP)').fill('10.0.0.5');
    await form.getByLabel('Remitente (De)').fill('Tienda <avisos@tienda.mx>');
    await form.getByRole('button', { name: 'Guardar' }).click();
    expect(await messageOf(form.getByLabel('Servidor de correo (SMTP)'))).toMatch(/interna/);
    expect(await form.locator('[data-error-code]').getAttribute('data-error-code')).toBe(
      'DESTINATION_NOT_ALLOWED',
    );
    expect(await form.getByRole('alert').textContent()).toMatch(/AVISO_EGRESS_ALLOW/);

    const created = await shop.tenant.call<{ id: string }>('POST', '/v1/channels', {
      kind: 'webhook',
      name: 'ERP',
      config: {
        url: 'https://erp.example.com/hooks/aviso',
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    });
    expect(created.status).toBe(201);
    await page.reload();
    await page.getByRole('row', { name: /ERP/ }).getByRole('button', { name: 'Editar' }).click();
    form = page.getByRole('form', { name: 'Editar canal' });
    await form.getByLabel('Dirección que recibe los eventos').fill('https://otro.example.com/hooks/aviso');
    await form.getByRole('button', { name: 'Guardar' }).click();
    expect(await messageOf(form.getByLabel('Secreto de firma'))).toBe(
      'Escríbelo de nuevo: cambió el destino.',
    );
    expect(await form.locator('[data-error-code]').getAttribute('data-error-code')).toBe('SECRET_REQUIRED');
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/admin-field-errors.png` });
  });

  it('limits a channel to categories, types and a rate per minute', async () => {
    const form = await channelForm();
    await form.getByLabel('Tipo', { exact: true }).selectOption('slack');
    await form.getByLabel('Nombre', { exact: true }).fill('Slack inventario');
    await form
      .getByLabel('Dirección del webhook entrante de Slack')
      .fill('https://hooks.slack.com/services/T0/B0/X');
    await form.getByRole('group', { name: 'Categorías' }).getByLabel('Inventario').check();
    await form
      .getByRole('group', { name: 'Tipos de evento' })
      .getByLabel(/PRODUCTO_STOCK_BAJO/)
      .check();
    await form.getByLabel('Mensajes por minuto').fill('30');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('row', { name: /Slack inventario/ }).waitFor();
    const { items } = (await shop.tenant.call<{ items: Record<string, unknown>[] }>('GET', '/v1/channels'))
      .body;
    expect(items.find((c) => c.name === 'Slack inventario')).toMatchObject({
      categories: ['inventory'],
      types: ['PRODUCTO_STOCK_BAJO'],
      ratePerMinute: 30,
    });
    await page
      .getByRole('row', { name: /Slack inventario/ })
      .getByRole('button', { name: 'Editar' })
      .click();
    const edit = page.getByRole('form', { name: 'Editar canal' });
    expect(await edit.getByRole('group', { name: 'Categorías' }).getByLabel('Inventario').isChecked()).toBe(
      true,
    );
    await edit.getByLabel('Mensajes por minuto').fill('');
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await edit.waitFor({ state: 'detached' });
    const after = (await shop.tenant.call<{ items: Record<string, unknown>[] }>('GET', '/v1/channels')).body
      .items;
    expect(after.find((c) => c.name === 'Slack inventario')?.ratePerMinute).toBeNull();
  });

  it('creates, edits and deletes recipients with their preferences; Telegram links only with a Telegram channel', async () => {
    await page.goto(`${shop.rig.hub.url}/admin/#/recipients`);
    await page.reload();
    await page.getByRole('button', { name: 'Nuevo destinatario' }).click();
    let form = page.getByRole('form', { name: 'Nuevo destinatario' });
    await form.getByLabel('Id en tu sistema').fill('norte-1');
    await form.getByLabel('Nombre', { exact: true }).fill('Norte');
    await form.getByLabel('Rol').selectOption({ label: 'Encargado' });
    await form.getByLabel('Sucursales').fill('norte, centro');
    await form.getByLabel('Teléfono (SMS)').fill('5512345678');
    await form.getByRole('button', { name: 'Guardar' }).click();
    expect(await messageOf(form.getByLabel('Teléfono (SMS)'))).toBe('No tiene la forma esperada');
    await form.getByLabel('Teléfono (SMS)').fill('+5215512345678');
    await form.getByRole('textbox', { name: 'Correo' }).fill('norte@ferreteria.mx');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Guardar' }).click();
    const row = page.locator('tr[data-recipient="norte-1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Encargado');
    // No Telegram channel yet: no link to offer.
    expect(await row.getByRole('button', { name: 'Enlace de Telegram' }).count()).toBe(0);

    await row.getByRole('button', { name: 'Editar' }).click();
    form = page.getByRole('form', { name: 'Editar destinatario' });
    await form.getByRole('group', { name: 'Recibe' }).getByLabel('Ventas').uncheck();
    await form.getByRole('group', { name: 'Se le puede avisar por' }).getByLabel('SMS').uncheck();
    await form.getByLabel('Desde').fill('22:00');
    await form.getByLabel('Hasta').fill('07:00');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = (await shop.tenant.call<Record<string, unknown>>('GET', '/v1/recipients/norte-1')).body;
    expect(saved).toMatchObject({
      name: 'Norte',
      role: 'manager',
      branchIds: ['norte', 'centro'],
      phone: '+5215512345678',
      preferences: {
        categories: { sales: false },
        channels: { sms: false },
        quietHours: { start: '22:00', end: '07:00' },
      },
    });

    await shop.tenant.call('POST', '/v1/channels', {
      kind: 'telegram',
      name: 'Bot',
      config: { botToken: '123456:ABCdefGhIJKlmNoPQRsTUVwxyZ12345', botUsername: 'FerreNorteBot' },
    });
    await page.reload();
    await row.getByRole('button', { name: 'Enlace de Telegram' }).click();
    await page.getByRole('link', { name: /t\.me\/FerreNorteBot\?start=/ }).waitFor();
    await page.getByRole('img', { name: 'Enlace de Telegram' }).waitFor();

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Eliminar' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await shop.tenant.call('GET', '/v1/recipients/norte-1')).status).toBe(404);
  });

  it('keeps every section in view at 768 px, without scrolling the navigation', async () => {
    const tablet = await shop.rig.page({ width: 768, height: 1024 });
    await shop.rig.signIn(tablet, shop.tenant.apiKey, 'Ferretería Norte');
    const nav = tablet.getByRole('navigation', { name: 'Secciones' });
    const links = nav.getByRole('link');
    expect(await links.count()).toBe(8);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(768);
    }
    const overflow = await nav.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await tablet.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await nav.getByRole('link', { name: 'Canales' }).click();
    await tablet.getByRole('row', { name: /Slack inventario/ }).waitFor();
    expect(await tablet.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await tablet.screenshot({ path: `${SHOTS}/admin-tablet.png` });
    await tablet.context().close();
  });
});
