import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { BRANCHES, PERSONAS, type Persona } from '../../demo/backoffice.ts';
import type { DemoHost } from '../../demo/host.ts';
import { DEMO_LOW_STOCK_AFTER } from '../../demo/seed.ts';
import { AppError } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';

/** Options of `demoRoutes`; the default files are the demo package's build output. */
export interface DemoRoutesOptions {
  distDir?: string;
}

const DEFAULT_DIST = fileURLToPath(new URL('../../../../demo/dist', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

async function body(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const value = await c.req.json().catch(() => undefined);
  if (!value || typeof value !== 'object') throw new AppError(400, 'INVALID_JSON', 'send a JSON object');
  return value as Record<string, unknown>;
}

function persona(key: string | undefined): Persona {
  const p = PERSONAS[key as Persona['key']];
  if (!p) throw new AppError(404, 'NOT_FOUND', 'no such demo screen (as=central|norte|owner)');
  return p;
}

/**
 * The demo POS: its pages (`demo/dist`) at `/demo/` (and `/` redirects there), and `/demo/api/*`,
 * which the pages call to get widget tokens and to act as the store's backend, with the demo
 * tenant's API key kept on the server. Mounted only when `AVISO_DEMO` is on.
 */
export function demoRoutes(
  app: Hono<AppEnv>,
  demo: DemoHost,
  { distDir = DEFAULT_DIST }: DemoRoutesOptions = {},
) {
  app.get('/', (c) => c.redirect('/demo/'));
  app.get('/demo', (c) => c.redirect('/demo/'));

  app.get('/demo/api/session', async (c) => {
    const p = persona(c.req.query('as'));
    return c.json({
      persona: p,
      token: await demo.token(p),
      tenantName: demo.tenantName,
      branches: BRANCHES,
      lowStockAfter: DEMO_LOW_STOCK_AFTER,
    });
  });
  app.get('/demo/api/state', (c) =>
    c.json({ ...demo.office, stockApi: demo.stockApi, remindersApi: demo.remindersApi }),
  );
  app.get('/demo/api/mail', (c) => c.json({ items: demo.mail.mails }));
  app.get('/demo/api/deliveries', async (c) => {
    const res = await demo.call('GET', '/v1/deliveries?days=1');
    const recipients = Object.fromEntries(Object.values(PERSONAS).map((p) => [p.id, p.name]));
    const items = ((res.body.items ?? []) as Record<string, unknown>[]).slice(0, 30).map((d) => ({
      ...d,
      recipientName: recipients[String(d.recipientId)] ?? d.recipientId,
    }));
    return c.json({ items });
  });

  const actions: Record<string, (b: Record<string, unknown>) => Promise<unknown>> = {
    sale: (b) => demo.sale(b),
    expense: (b) => demo.expense(b),
    purchase: (b) => demo.purchase(b),
    transfer: (b) => demo.sendTransfer(b),
    product: (b) => demo.product(b),
    customer: (b) => demo.customer(b),
    order: (b) => demo.order(b),
    reservation: (b) => demo.reservation(b),
  };
  app.post('/demo/api/transfer/:id/receive', async (c) =>
    c.json(await demo.receiveTransfer(c.req.param('id'))),
  );
  app.post('/demo/api/:action', async (c) => {
    const run = actions[c.req.param('action')];
    if (!run) throw new AppError(404, 'NOT_FOUND', `no demo action ${c.req.param('action')}`);
    return c.json(await run(await body(c)), 201);
  });

  app.get('/demo/*', async (c) => {
    const rel = normalize(decodeURIComponent(c.req.path.slice('/demo/'.length)) || 'index.html');
    if (rel.startsWith('..') || rel.includes('\0')) throw new AppError(404, 'NOT_FOUND', 'not found');
    const file = join(distDir, rel);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      const built = await stat(join(distDir, 'index.html')).catch(() => undefined);
      throw new AppError(
        404,
        'NOT_FOUND',
        built
          ? `no demo file ${rel}`
          : 'the demo is not built: run `pnpm start` or `pnpm --filter @aviso/demo build`',
      );
    }
    return c.body(await readFile(file), 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
