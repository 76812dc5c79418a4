import { startSmtp } from '@aviso/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, SHOTS } from '../support/console.ts';
import { consoleShop } from './console-shop.ts';

if (!hasChromium) console.warn('[admin e2e] skipped: no Chromium (apt-get install chromium)');

describe.skipIf(!hasChromium)('admin console in a real browser', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let page: Page;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  // The SMTP server is on loopback, which the hub's egress policy refuses unless it is listed.
  const shop = consoleShop(
    'Ferretería Central',
    { locale: 'es-MX', timezone: 'America/Mexico_City' },
    () => ({
      AVISO_EGRESS_ALLOW: `127.0.0.1:${smtp.port}`,
    }),
  );
  beforeAll(async () => {
    // Tablet width, Spanish browser: the console must default to Spanish.
    page = await shop.rig.page();
  });

  afterAll(async () => {
    await smtp?.close();
  });

  it('signs in, creates an email channel, sends a test and finds it in the delivery log', async () => {
    await page.goto(`${shop.rig.hub.url}/admin`);
    // Sign-in says where a key comes from.
    await page.getByText('¿De dónde sale una key?').waitFor();
    await page.getByLabel('API key').fill('ak_wrong');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Esa API key no fue aceptada.').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-signin.png` });

    await page.getByLabel('API key').fill(shop.tenant.apiKey);
    await page.keyboard.press('Enter');
    await page.getByText('Ferretería Central').waitFor();
    await page.getByRole('heading', { name: 'Resumen' }).waitFor();

    await page.getByRole('link', { name: 'Canales' }).click();
    await page.getByRole('button', { name: 'Nuevo canal' }).click();
    const form = page.getByRole('form', { name: 'Nuevo canal' });
    await form.getByLabel('Nombre', { exact: true }).fill('Correo local');
    await form.getByLabel('Servidor de correo (SMTP)').fill('127.0.0.1');
    await form.getByLabel('Puerto', { exact: true }).fill(String(smtp.port));
    await form.getByLabel('Remitente (De)').fill('Aviso <alertas@aviso.test>');
    await page.screenshot({ path: `${SHOTS}/admin-channel-form.png` });
    await form.getByRole('button', { name: 'Guardar' }).click();
    const row = page.getByRole('row', { name: /Correo local/ });
    await row.waitFor();

    await row.getByRole('button', { name: 'Enviar prueba' }).click();
    const test = page.getByRole('form', { name: 'Enviar prueba' });
    await test.getByLabel('Enviar a').fill('dueno@ferreteria.test');
    await test.getByRole('button', { name: 'Enviar', exact: true }).click();
    const result = test.locator('[data-test-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-test-result')).toBe('ok');
    expect(await result.textContent()).toMatch(/Enviado en \d+([.,]\d)? m?s\b/);
    expect(smtp.received.some((m) => m.to_.includes('dueno@ferreteria.test'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/admin-channel-test.png` });

    await page.getByRole('link', { name: 'Registro de envíos' }).click();
    const logged = page.locator('tr[data-step="test"]').first();
    await logged.waitFor();
    // Statuses, steps and channels in Spanish, with the channel's own name.
    expect(await logged.textContent()).toContain('enviado');
    expect(await logged.textContent()).toContain('Prueba');
    expect(await logged.textContent()).toContain('Correo local · Correo');
    await logged.getByRole('button', { name: 'Detalles' }).click();
    const attempts = page.getByRole('table', { name: 'Intentos' });
    await attempts.waitFor();
    expect(await attempts.locator('tr[data-attempt="1"]').textContent()).toMatch(/\d+([.,]\d)? m?s\b/);

    await page.getByRole('link', { name: 'Resumen' }).click();
    await page.getByRole('img', { name: 'Envíos por día y estado' }).waitFor();
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-overview.png` });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});
