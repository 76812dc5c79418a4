import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, SHOTS } from '../support/console.ts';
import { consoleShop } from './console-shop.ts';

const TZ = 'Pacific/Kiritimati';

describe.skipIf(!hasChromium)('console language, session and event types in a real browser', () => {
  // UTC+14: the tenant's calendar day is not the server's most of the time.
  const shop = consoleShop('Tlapalería Sur', { locale: 'es-MX', timezone: TZ, currency: 'MXN' });

  it('speaks the browser’s language, Spanish first, with no raw values and dates as the tenant writes them', async () => {
    const es = await shop.rig.page({ locale: 'es-MX' });
    await shop.rig.signIn(es, shop.tenant.apiKey, 'Tlapalería Sur');
    const nav = es.getByRole('navigation', { name: 'Secciones' });
    for (const name of ['Resumen', 'Actividad', 'Canales', 'Registro de envíos', 'Claves de API']) {
      await nav.getByRole('link', { name }).waitFor();
    }
    // Chart days are the tenant's ("23 nov"), not "11-23".
    const today = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'short', timeZone: TZ }).format(
      new Date(),
    );
    const axis = await es.getByRole('img', { name: 'Envíos por día y estado' }).textContent();
    expect(axis).toContain(today);
    expect(axis).not.toMatch(/\b\d\d-\d\d\b/);
    // "Todas" the alerts, "Todos" the statuses.
    await nav.getByRole('link', { name: 'Alertas de stock' }).click();
    await es.getByLabel('Estado').getByRole('option', { name: 'Todas' }).waitFor({ state: 'attached' });
    await nav.getByRole('link', { name: 'Registro de envíos' }).click();
    const statuses = await es.getByLabel('Estado').locator('option').allTextContents();
    expect(statuses.map((s) => s.trim())).toEqual([
      'Todos',
      'pendiente',
      'enviándose',
      'enviado',
      'fallido',
      'rebotado',
      'cancelado',
      'omitido',
    ]);
    // The key's creation date, in the tenant's zone.
    await nav.getByRole('link', { name: 'Claves de API' }).click();
    await es
      .getByRole('cell', { name: new RegExp(today) })
      .first()
      .waitFor();
    await es.context().close();

    const pt = await shop.rig.page({ locale: 'pt-BR' });
    await shop.rig.signIn(pt, shop.tenant.apiKey, 'Tlapalería Sur');
    await pt.getByRole('heading', { name: 'Resumo' }).waitFor();
    await pt.getByRole('link', { name: 'Chaves de API' }).click();
    await pt.getByRole('button', { name: 'Revogar' }).waitFor();
    await pt.context().close();

    const en = await shop.rig.page({ locale: 'en-US' });
    await shop.rig.signIn(en, shop.tenant.apiKey, 'Tlapalería Sur');
    await en.getByRole('heading', { name: 'Overview' }).waitFor();
    // The switch is saved: Portuguese after a reload.
    await en.getByRole('button', { name: 'PT' }).click();
    await en.reload();
    await en.getByRole('heading', { name: 'Resumo' }).waitFor();
    await en.context().close();
  });

  it('writes the API’s errors in the reader’s language', async () => {
    await shop.tenant.call('PUT', '/v1/recipients/caja-1', {
      name: 'Caja',
      role: 'staff',
      branchIds: ['sur'],
    });
    const bot = await shop.tenant.call<{ id: string }>('POST', '/v1/channels', {
      kind: 'telegram',
      name: 'Bot sin usuario',
      config: { botToken: '123456:ABCdefGhIJKlmNoPQRsTUVwxyZ12345' },
    });
    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Tlapalería Sur');
    await page.getByRole('link', { name: 'Destinatarios' }).click();
    await page
      .locator('tr[data-recipient="caja-1"]')
      .getByRole('button', { name: 'Enlace de Telegram' })
      .click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-error-code')).toBe('TELEGRAM_BOT_USERNAME_MISSING');
    expect(await alert.textContent()).toContain('Indica el nombre de usuario del bot');
    await page.getByRole('button', { name: 'PT' }).click();
    await page.getByText('Informe o nome de usuário do bot').waitFor();
    await page.getByRole('button', { name: 'ES', exact: true }).click();
    await page.context().close();
    await shop.tenant.call('DELETE', `/v1/channels/${bot.body.id}`);
  });

  it('creates a type of its own, resets a catalog type and deletes its own type', async () => {
    const page = await shop.rig.page();
    await shop.rig.signIn(page, shop.tenant.apiKey, 'Tlapalería Sur');
    await page.getByRole('link', { name: 'Tipos de evento' }).click();
    await page.getByRole('button', { name: 'Nuevo tipo de evento' }).click();
    const form = page.getByRole('form', { name: 'Nuevo tipo de evento' });
    await form.getByLabel('Nombre del tipo').fill('corte de caja');
    await form.getByRole('button', { name: 'Crear' }).click();
    expect(await form.getByLabel('Nombre del tipo').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Nombre del tipo').fill('CORTE_DE_CAJA');
    await form.getByLabel('Categoría').selectOption({ label: 'Ventas' });
    await form.getByRole('group', { name: 'ES' }).getByLabel('Mensaje').fill('Corte de caja de {{cajero}}.');
    await form.getByRole('button', { name: 'Crear' }).click();
    // Created, listed as the tenant's own, and open with its preview.
    const editor = page.getByRole('form', { name: 'CORTE_DE_CAJA' });
    await editor.locator('.preview[data-locale="es"]').getByText('Corte de caja de').waitFor();
    await page.locator('tr[data-type="CORTE_DE_CAJA"]').getByText('propio').waitFor();
    await editor.getByLabel('Datos de ejemplo (JSON)').fill('{"cajero": "Ana"}');
    await editor.locator('.preview[data-locale="es"]').getByText('Corte de caja de Ana.').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/admin-event-types.png` });
    const types = (
      await shop.tenant.call<{
        items: { type: string; custom: boolean; definition: { category: string } }[];
      }>('GET', '/v1/event-types')
    ).body.items;
    expect(types.find((t) => t.type === 'CORTE_DE_CAJA')).toMatchObject({
      custom: true,
      definition: { category: 'sales' },
    });

    const gasto = async () =>
      (
        await shop.tenant.call<{ items: { type: string; definition: { message: { es: string } } }[] }>(
          'GET',
          '/v1/event-types',
        )
      ).body.items.find((t) => t.type === 'NUEVO_GASTO')!.definition.message.es;
    const original = await gasto();
    const row = page.locator('tr[data-type="NUEVO_GASTO"]');
    await row.getByRole('button', { name: 'Editar' }).click();
    const edit = page.getByRole('form', { name: 'NUEVO_GASTO' });
    await edit.getByRole('group', { name: 'ES' }).getByLabel('Mensaje').fill('Gasto registrado.');
    await edit.getByRole('button', { name: 'Guardar' }).click();
    await page.getByText('Guardado.').waitFor();
    expect(await gasto()).toBe('Gasto registrado.');
    let warned = '';
    page.once('dialog', (d) => {
      warned = d.message();
      void d.accept();
    });
    await row.getByRole('button', { name: 'Restaurar catálogo' }).click();
    await page.getByText('NUEVO_GASTO vuelve a estar como en el catálogo.').waitFor();
    expect(warned).toContain('Se pierden tus cambios');
    expect(await gasto()).toBe(original);

    page.once('dialog', (d) => void d.accept());
    await page.locator('tr[data-type="CORTE_DE_CAJA"]').getByRole('button', { name: 'Eliminar' }).click();
    await page.getByText('Se eliminó CORTE_DE_CAJA.').waitFor();
    const after = (await shop.tenant.call<{ items: { type: string }[] }>('GET', '/v1/event-types')).body
      .items;
    expect(after.some((t) => t.type === 'CORTE_DE_CAJA')).toBe(false);
    await page.context().close();
  });

  it('warns before revoking the key in use, and any 401 returns to sign-in', async () => {
    const second = (
      await shop.tenant.call<{ id: string; key: string; prefix: string }>('POST', '/v1/api-keys', {
        name: 'Consola',
      })
    ).body;
    const page: Page = await shop.rig.page();
    await shop.rig.signIn(page, second.key, 'Tlapalería Sur');
    await page.getByRole('link', { name: 'Claves de API' }).click();
    const own = page.locator(`tr[data-key="${second.prefix}"]`);
    await own.getByText('esta sesión').waitFor();
    // Declining the warning keeps the key.
    let warned = '';
    page.once('dialog', (d) => {
      warned = d.message();
      void d.dismiss();
    });
    await own.getByRole('button', { name: 'Revocar' }).click();
    await expect.poll(() => warned).toContain('es con la que entraste');
    expect(
      (await shop.tenant.call<{ items: { id: string }[] }>('GET', '/v1/api-keys')).body.items.map(
        (k) => k.id,
      ),
    ).toContain(second.id);

    // Revoked elsewhere: the next call answers 401 and the console goes back to sign-in, saying why.
    // The hub may accept a revoked key for a few more seconds (its key cache); moving around finds out.
    await shop.tenant.call('DELETE', `/v1/api-keys/${second.id}`);
    const ended = page.getByText('Tu sesión terminó');
    for (let i = 0; i < 40 && !(await ended.isVisible()); i++) {
      await page
        .getByRole('link', { name: i % 2 ? 'Canales' : 'Resumen' })
        .click({ timeout: 2000 })
        .catch(() => {});
      await page.waitForTimeout(500);
    }
    await ended.waitFor();
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    // Revoking one's own key, once warned, signs out at once.
    const third = (
      await shop.tenant.call<{ id: string; key: string; prefix: string }>('POST', '/v1/api-keys', {})
    ).body;
    await shop.rig.signIn(page, third.key, 'Tlapalería Sur');
    await page.getByRole('link', { name: 'Claves de API' }).click();
    page.once('dialog', (d) => void d.accept());
    await page.locator(`tr[data-key="${third.prefix}"]`).getByRole('button', { name: 'Revocar' }).click();
    await page.getByText('Tu sesión terminó').waitFor();
    expect(
      (await shop.tenant.call<{ items: { id: string }[] }>('GET', '/v1/api-keys')).body.items.map(
        (k) => k.id,
      ),
    ).not.toContain(third.id);
    await page.context().close();
  });
});
