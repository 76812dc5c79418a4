import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoProcess, ensureDemoBuilt, startDemoProcess } from '../support/demo.ts';
import { freePort, type HubProcess, startHubProcess } from '../support/processes.ts';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}docs/screenshots`;
const haveChromium = existsSync(CHROMIUM);
// A toast waits on two processes (the demo's backend calls the hub, the hub pushes): slow on a busy machine.
const LIVE = { timeout: 10_000 };

if (!haveChromium) console.warn(`[demo e2e] skipped: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

/** Builds what `pnpm start` would build, when it is missing. */
function ensureBuilt(pkg: string, output: string) {
  if (existsSync(`${ROOT}${output}`)) return;
  const r = spawnSync('pnpm', ['--filter', pkg, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${pkg} did not build`);
}

describe.skipIf(!haveChromium)('the demo POS, its own process, in a real browser', () => {
  let hub: HubProcess;
  let demo: DemoProcess;
  let browser: Browser;
  const stateDir = mkdtempSync(join(tmpdir(), 'aviso-demo-'));
  let page: Page;
  const pane = (as: string) => page.frame({ url: new RegExp(`pane\\.html\\?as=${as}`) }) as Frame;
  const toasts = (as: string, text: string) => pane(as).locator('[part~="toast"]', { hasText: text });

  // Builds (when stale) and starts two processes: a loaded machine needs minutes.
  beforeAll(async () => {
    ensureBuilt('@aviso/widget', 'widget/dist/aviso.js');
    ensureDemoBuilt();
    mkdirSync(SHOTS, { recursive: true });
    const adminToken = 'adm_demo_e2e_token_0123456789';
    // The hub must be allowed to reach the demo's mail catcher and its stand-in of the Telegram Bot
    // API (on the demo's own port), as the demo says when it starts.
    const smtpPort = await freePort();
    const demoPort = await freePort();
    [hub, browser] = await Promise.all([
      startHubProcess(
        {
          DATABASE_URL: 'memory:',
          AVISO_ADMIN_TOKEN: adminToken,
          AVISO_SECRET_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
          AVISO_EGRESS_ALLOW: `127.0.0.1:${smtpPort},127.0.0.1:${demoPort}`,
        },
        150_000,
      ),
      chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    demo = await startDemoProcess(hub.url, {
      AVISO_ADMIN_TOKEN: adminToken,
      DEMO_SMTP_PORT: String(smtpPort),
      DEMO_PORT: String(demoPort),
      DEMO_STATE_FILE: join(stateDir, 'demo.json'),
    });
    // The hub serves nothing of the demo: it lives in its own process only.
    expect((await fetch(`${hub.url}/demo/`)).status).toBe(404);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${demo.url}/`);
    for (const as of ['central', 'norte', 'owner']) {
      await page.waitForFunction(`!!document.querySelector('iframe[src*="as=${as}"]')`);
      await page.waitForTimeout(50);
      // Online: the bell's socket is connected, so live toasts can arrive.
      await pane(as).waitForFunction(
        "document.querySelector('aviso-bell')?.connection?.value?.status === 'online'",
      );
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await hub?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('a sale at Central toasts Central’s cashier and the owner, not Norte’s; the toast opens the sale', async () => {
    const central = pane('central');
    await central.locator('input[name="p6"]').fill('2');
    await central.getByRole('button', { name: 'Registrar venta' }).click();
    await expect.poll(() => toasts('central', 'Nueva venta').count(), LIVE).toBe(1);
    await expect.poll(() => toasts('owner', 'Nueva venta').count(), LIVE).toBe(1);
    await page.screenshot({ path: `${SHOTS}/demo-sale.png` });
    // Give Norte's socket every chance to (wrongly) receive it.
    await page.waitForTimeout(800);
    expect(await toasts('norte', 'Nueva venta').count()).toBe(0);

    await toasts('central', 'Nueva venta').locator('[part~="item-button"]').click();
    await expect.poll(() => central.evaluate<string>('location.hash')).toMatch(/^#\/ventas\/V-\d+$/);
    await expect
      .poll(() => central.locator('[data-testid="detail"]').textContent())
      .toContain('Leche entera 1 L');
  });

  it('the owner’s inbox filters by branch, by the branches’ names, and a row’s clock opens snooze choices', async () => {
    const owner = pane('owner');
    await owner.locator('aviso-bell [part="button"]').click();
    const branches = owner.locator('select[aria-label="Sucursal"] option');
    await expect
      .poll(() => branches.allTextContents(), LIVE)
      .toEqual(['Todas las sucursales', 'Suc. Central', 'Suc. Norte', 'Suc. Sur']);
    await owner.locator('[part~="snooze"]').first().click();
    const choices = owner.locator('[part="snooze-menu"] button');
    const labels = async () => (await choices.allTextContents()).map((text) => text.trim());
    await expect.poll(labels, LIVE).toEqual(['1 hora', '3 horas', 'Mañana, 9:00']);
    await page.locator('iframe[src*="as=owner"]').screenshot({ path: `${SHOTS}/demo-inbox.png` });
    await owner.locator('aviso-bell [part="button"]').click();
    await expect.poll(() => owner.locator('[part="panel"]').count()).toBe(0);
  });

  it('a multi-product low-stock sale makes one grouped notification whose link filters the inventory; the offline owner gets it by email', async () => {
    // Its start-up test send reached the catcher: the hub's egress policy lets the demo's channel through.
    expect(demo.output()).not.toContain('cannot deliver');
    expect(demo.output()).not.toContain('refused the demo');
    const central = pane('central');
    const owner = pane('owner');
    await owner.locator('#online').uncheck();
    await expect.poll(() => owner.locator('aviso-bell').count()).toBe(0);

    await central.locator('nav a[href="#/ventas"]').click();
    await central.getByRole('button', { name: /Llenar una venta/ }).click();
    await central.getByRole('button', { name: 'Registrar venta' }).click();
    await expect.poll(() => toasts('central', 'stock bajo').count(), LIVE).toBe(1);
    // Grouped: one notification for both products, not one per product.
    await page.waitForTimeout(500);
    expect(await toasts('central', 'stock bajo').count()).toBe(1);
    expect(await toasts('central', 'Varios productos').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/demo-low-stock-toast.png` });

    await toasts('central', 'Varios productos').locator('[part~="item-button"]').click();
    await expect.poll(() => central.evaluate<string>('location.hash')).toBe('#/inventarios?status=low_stock');
    await expect.poll(() => central.locator('[data-testid="filter"]').textContent()).toContain('Stock bajo');
    const rows = await central.locator('[data-testid="inventory"] tbody tr').all();
    const skus = await Promise.all(rows.map((r) => r.getAttribute('data-sku')));
    expect(skus).toEqual(expect.arrayContaining(['ARR-1K', 'FRI-900']));
    expect(skus).not.toContain('LEC-1L');

    // Unseen by the owner for 5 s (the demo's low-stock rule) → the fallback email reaches the mail panel.
    const mail = page.locator('#mail li', { hasText: 'Varios productos' });
    await expect.poll(() => mail.count(), { timeout: 25_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('#mail li').first().textContent())
      .toContain('sofia@abarrotes-demo.mx');
    // The same alert went, once, to Suc. Central's Telegram group of managers (groups: true).
    const group = page.locator('#chats li', { hasText: 'Varios productos' });
    await expect.poll(() => group.count(), { timeout: 25_000 }).toBe(1);
    await expect
      .poll(() => page.locator('#deliveries li', { hasText: 'grupo de Suc. Central' }).first().textContent())
      .toContain('telegram');

    // The caught email's HTML part is the hub's layout in the shop's colour (the seed's branding),
    // handed out as JSON one email at a time; the list only says it has one.
    const caught = (await (await fetch(`${demo.url}/api/mail`)).json()) as {
      items: { id: number; text: string; hasHtml: boolean }[];
    };
    const lowStock = caught.items.find((m) => m.text.includes('Varios productos'));
    expect(lowStock).toMatchObject({ hasHtml: true });
    expect(lowStock).not.toHaveProperty('html');
    const one = await fetch(`${demo.url}/api/mail/${lowStock!.id}`);
    expect(one.headers.get('content-type')).toContain('application/json');
    const full = (await one.json()) as { html: string; text: string };
    expect(full.html).toContain('Abarrotes La Esquina (demo)');
    expect(full.html.toLowerCase()).toContain('#c2410c');
    expect(full.text).toContain('Varios productos');
    const missing = await fetch(`${demo.url}/api/mail/999999`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');

    // Opened, the page shows it in a sandboxed frame (srcdoc, no scripts), the plain text one click away.
    const opened = page.locator(`#mail li[data-mail="${lowStock!.id}"]`);
    await opened.locator('summary').first().click();
    const frame = opened.locator('iframe.mail-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect
      .poll(() => opened.frameLocator('iframe.mail-html').locator('body').textContent())
      .toContain('Varios productos');
    await expect.poll(() => opened.locator('details.plain pre').textContent()).toContain('Varios productos');
    await opened.scrollIntoViewIfNeeded();
    // The frame's first paint comes a moment after its document loads.
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/demo-fallback-email.png`, fullPage: true });
  });

  it('“¿Quién lo vio?” shows a notification’s receipts through the demo backend, and links to the console', async () => {
    const published = (await (await fetch(`${demo.url}/api/notifications`)).json()) as {
      items: { id: string; type: string; activityUrl: string }[];
    };
    const grouped = published.items.find((n) => n.type === 'MULTIPLE_PRODUCTOS_STOCK_BAJO');
    expect(grouped?.activityUrl).toBe(`${hub.url}/admin/#/activity/${grouped?.id}`);
    const res = await fetch(`${demo.url}/api/notifications/${grouped!.id}/receipts`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // The tenant's API key stays in the demo's backend.
    expect(text).not.toMatch(/ak_[A-Za-z0-9]/);
    const receipts = JSON.parse(text) as {
      counts: { audience: number; deliveries: number };
      people: {
        recipientId: string;
        live: boolean | null;
        deliveries: { channel: string | null; status: string }[];
      }[];
    };
    expect(receipts.counts.audience).toBeGreaterThanOrEqual(2);
    const owner = receipts.people.find((p) => p.recipientId === 'duena');
    expect(owner?.live).toBe(false);
    expect(owner?.deliveries).toEqual(
      expect.arrayContaining([expect.objectContaining({ channel: 'email', status: 'sent' })]),
    );
    for (const bad of ['no-such-id', '00000000-0000-4000-8000-000000000000']) {
      expect((await fetch(`${demo.url}/api/notifications/${bad}/receipts`)).status).toBe(404);
    }

    const item = page.locator(`#notifications li[data-notification="${grouped!.id}"]`);
    await expect.poll(() => item.count(), LIVE).toBe(1);
    expect(await item.getByRole('link', { name: 'Abrir en la consola' }).getAttribute('href')).toBe(
      grouped!.activityUrl,
    );
    await item.getByRole('button', { name: '¿Quién lo vio?' }).click();
    await expect.poll(() => item.locator('.receipts').textContent()).toContain('Sofía Herrera');
    await expect.poll(() => item.locator('.receipts').textContent()).toContain('email enviado');
    await item.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/demo-receipts.png`, fullPage: true });
  });

  it('a restarted demo keeps its tenant and store without the operator token, and says what the hub needs', async () => {
    const before = (await (await fetch(`${demo.url}/api/state`)).json()) as { sales: { id: string }[] };
    expect(before.sales.length).toBeGreaterThan(0);
    await demo.stop();
    demo = await startDemoProcess(hub.url, {
      AVISO_ADMIN_TOKEN: '',
      AVISO_DEV_SECRETS_FILE: join(stateDir, 'no-such-file.json'),
      DEMO_SMTP_PORT: '0',
      DEMO_STATE_FILE: join(stateDir, 'demo.json'),
    });
    const after = (await (await fetch(`${demo.url}/api/state`)).json()) as { sales: { id: string }[] };
    expect(after.sales.map((s) => s.id)).toEqual(before.sales.map((s) => s.id));
    // Its catcher moved to a port the hub was not allowed: it still runs, and says what the hub needs.
    const port = /smtp:\/\/127\.0\.0\.1:(\d+)/.exec(demo.output())?.[1];
    expect(demo.output()).toContain('cannot deliver to the mail catcher');
    expect(demo.output()).toContain(`restart the hub with AVISO_EGRESS_ALLOW=127.0.0.1:${port}`);
  });
});
