import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../../server/test/smtp.ts';
import { type HubProcess, startHubProcess } from '../support/processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.AVISO_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = `${ROOT}docs/screenshots`;
const ADMIN_TOKEN = 'adm_e2e_admin_console';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[admin e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!hasChromium)('admin console in a real browser', () => {
  let hub: HubProcess;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let browser: Browser;
  let page: Page;
  let apiKey: string;

  beforeAll(async () => {
    // A fresh clone has no build: make the console the way `pnpm start` does.
    if (!existsSync(`${ROOT}packages/admin/dist/index.html`)) {
      execFileSync('pnpm', ['--filter', '@aviso/admin', 'build'], { cwd: ROOT, stdio: 'ignore' });
    }
    mkdirSync(SHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    // The SMTP server is on loopback, which the hub's egress policy refuses unless it is listed.
    smtp = await startSmtp();
    [hub, browser] = await Promise.all([
      startHubProcess({
        DATABASE_URL: 'memory:',
        AVISO_ADMIN_TOKEN: ADMIN_TOKEN,
        AVISO_EGRESS_ALLOW: `127.0.0.1:${smtp.port}`,
      }),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    const res = await fetch(`${hub.url}/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ferretería Central', locale: 'es' }),
    });
    expect(res.status).toBe(201);
    apiKey = ((await res.json()) as { apiKey: string }).apiKey;
    // Tablet width, Spanish browser: the console must default to Spanish.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'es-MX' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([hub?.stop(), smtp?.close()]);
  });

  it('signs in, creates an email channel, sends a test and finds it in the delivery log', async () => {
    await page.goto(`${hub.url}/admin`);
    await page.getByLabel('API key').fill('ak_wrong');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByText('Esa API key no fue aceptada.').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-signin.png` });

    await page.getByLabel('API key').fill(apiKey);
    await page.keyboard.press('Enter');
    await page.getByText('Ferretería Central').waitFor();
    await page.getByRole('heading', { name: 'Resumen' }).waitFor();

    await page.getByRole('link', { name: 'Canales' }).click();
    await page.getByRole('button', { name: 'Nuevo canal' }).click();
    const form = page.getByRole('form', { name: 'Nuevo canal' });
    await form.getByLabel('Nombre').fill('Correo local');
    await form.getByLabel('host').fill('127.0.0.1');
    await form.getByLabel('port').fill(String(smtp.port));
    await form.getByLabel('from').fill('Aviso <alertas@aviso.test>');
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
    expect(await result.textContent()).toMatch(/Enviado en \d+ ms/);
    expect(smtp.received.some((m) => m.to_.includes('dueno@ferreteria.test'))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/admin-channel-test.png` });

    await page.getByRole('link', { name: 'Registro de envíos' }).click();
    const logged = page.locator('tr[data-delivery]', { hasText: 'test' }).first();
    await logged.waitFor();
    expect(await logged.textContent()).toContain('sent');
    await logged.getByRole('button', { name: 'Detalles' }).click();
    await page.getByText('providerMessageId').waitFor();
    await page.screenshot({ path: `${SHOTS}/admin-deliveries.png` });

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
