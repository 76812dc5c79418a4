import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { type HubProcess, startHubProcess } from './processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.AVISO_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = `${ROOT}docs/screenshots`;
export const hasChromium = existsSync(CHROMIUM);
const ADMIN_TOKEN = 'adm_e2e_admin_console';

/** A tenant made through the operator route, with its first API key and a client for its API. */
export interface ConsoleTenant {
  id: string;
  apiKey: string;
  /** Calls the tenant API with its key; answers the parsed body (null for 204) and the status. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface ConsoleRig {
  hub: HubProcess;
  browser: Browser;
  tenant(name: string, extra?: Record<string, string>): Promise<ConsoleTenant>;
  /** A new browser page, Spanish (es-MX) and tablet-wide unless told otherwise. */
  page(options?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  /** Opens the console and signs in with a key; resolves once the tenant's name shows. */
  signIn(page: Page, key: string, tenantName: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real hub process (PGlite in memory), Debian's Chromium and a way to make tenants: what every
 * console test needs. The console is built first when a fresh clone has no build.
 */
export async function startConsoleRig(env: Record<string, string> = {}): Promise<ConsoleRig> {
  if (!existsSync(`${ROOT}packages/admin/dist/index.html`)) {
    execFileSync('pnpm', ['--filter', '@aviso/admin', 'build'], { cwd: ROOT, stdio: 'ignore' });
  }
  mkdirSync(SHOTS, { recursive: true });
  const { chromium } = await import('playwright-core');
  const [hub, browser] = await Promise.all([
    startHubProcess({ DATABASE_URL: 'memory:', AVISO_ADMIN_TOKEN: ADMIN_TOKEN, ...env }),
    chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }),
  ]);
  const call = async (key: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    hub,
    browser,
    async tenant(name, extra = {}) {
      const created = await call(ADMIN_TOKEN, 'POST', '/v1/admin/tenants', { name, ...extra });
      if (created.status !== 201) throw new Error(`tenant not created: ${JSON.stringify(created.body)}`);
      const { id, apiKey } = created.body as { id: string; apiKey: string };
      return {
        id,
        apiKey,
        call: (method, path, body) => call(apiKey, method, path, body) as never,
      };
    },
    async page({ width = 1024, height = 768, locale = 'es-MX' } = {}) {
      // CSP bypassed only so that tests can inject axe-core; the console itself runs under the hub's CSP.
      const context = await browser.newContext({ viewport: { width, height }, locale, bypassCSP: true });
      return context.newPage();
    },
    async signIn(page, key, tenantName) {
      await page.goto(`${hub.url}/admin`);
      await page.locator('#key').fill(key);
      await page.keyboard.press('Enter');
      await page.getByText(tenantName).first().waitFor();
    },
    async close() {
      await browser.close();
      await hub.stop();
    },
  };
}

const require = createRequire(import.meta.url);

/** Runs axe-core in the page; answers the violations of these rules (labels by default). */
export async function axeViolations(
  page: Page,
  rules = ['label', 'select-name', 'aria-input-field-name', 'form-field-multiple-labels'],
) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (only) => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run({ runOnly: { type: 'rule', values: only } });
    return result.violations as { id: string; nodes: { target: unknown; html: string }[] }[];
  }, rules);
}
