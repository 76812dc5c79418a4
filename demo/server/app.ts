import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import type { Persona } from '../src/model.ts';
import { BRANCHES, branchName, PERSONAS } from './backoffice.ts';
import { DEMO_LOGO_SVG } from './brand.ts';
import type { MailCatcher } from './catcher.ts';
import type { ChatCatcher } from './chat-catcher.ts';
import { type Body, DemoError } from './hub.ts';
import { DEMO_LOW_STOCK_AFTER } from './seed.ts';
import type { Shop } from './shop.ts';

/** What the demo's HTTP app is built from. */
export interface DemoAppOptions {
  shop: Shop;
  mail: MailCatcher;
  /** The demo's stand-in of the Telegram Bot API, where the branch group's messages land. */
  chats: ChatCatcher;
  tenantName: string;
  /** Where browsers load the widget from and open its socket. */
  hubPublicUrl: string;
  /** The built pages (`demo/dist`). */
  distDir: string;
  /** Unexpected errors are reported here before the 500. */
  onError?: (err: unknown) => void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function body(c: Context): Promise<Body> {
  const value = await c.req.json().catch(() => undefined);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new DemoError(400, 'INVALID_JSON', 'send a JSON object');
  }
  return value as Body;
}

function persona(key: string | undefined): Persona {
  const p = PERSONAS[key as Persona['key']];
  if (!p) throw new DemoError(404, 'NOT_FOUND', 'no such demo screen (as=central|norte|owner)');
  return p;
}

/**
 * The demo POS over HTTP: its pages at `/`, and `/api/*`, which the pages call for widget tokens
 * and to act as the store's backend. It never listens: `main.ts` does.
 */
export function createDemoApp(o: DemoAppOptions) {
  const { shop, mail } = o;
  const app = new Hono();
  app.onError((err, c) => {
    if (err instanceof DemoError) return c.json(err.toJSON(), err.status);
    o.onError?.(err);
    return c.json(new DemoError(500, 'INTERNAL', 'internal error').toJSON(), 500);
  });
  app.notFound((c) => {
    const built = existsSync(join(o.distDir, 'index.html'));
    const message =
      built || c.req.path.startsWith('/api/')
        ? `no route for ${c.req.method} ${c.req.path}`
        : 'the demo pages are not built: run `pnpm --filter @aviso/demo build`';
    return c.json(new DemoError(404, 'NOT_FOUND', message).toJSON(), 404);
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/api/session', async (c) => {
    const p = persona(c.req.query('as'));
    return c.json({
      persona: p,
      token: await shop.token(p),
      tenantName: o.tenantName,
      branches: BRANCHES,
      lowStockAfter: DEMO_LOW_STOCK_AFTER,
      hubUrl: o.hubPublicUrl,
    });
  });
  app.get('/api/state', (c) => {
    const { seq: _, ...office } = shop.office.data;
    return c.json(office);
  });
  // The list without the HTML parts, which the page asks for one email at a time when it is opened.
  app.get('/api/mail', (c) =>
    c.json({ items: mail.mails.map(({ html, ...m }) => ({ ...m, hasHtml: html !== null })) }),
  );
  // JSON, never text/html: an email's HTML must not run as a page of the demo's origin.
  app.get('/api/mail/:id', (c) => {
    const found = mail.mails.find((m) => String(m.id) === c.req.param('id'));
    if (!found) throw new DemoError(404, 'NOT_FOUND', `no caught email ${c.req.param('id')}`);
    return c.json(found);
  });
  app.get('/logo.svg', (c) => c.body(DEMO_LOGO_SVG, 200, { 'content-type': 'image/svg+xml' }));
  // "Did they see it?": the tenant's recent notifications and one's receipts, through the demo's
  // backend, which holds the API key; the page also links to the console's Activity view.
  const activityUrl = (id: string) => `${o.hubPublicUrl}/admin/#/activity/${id}`;
  app.get('/api/notifications', async (c) => {
    const res = await shop.hub.ok('GET', '/v1/notifications?days=1&limit=15');
    const items = ((res.items ?? []) as Body[]).map((n) => ({
      id: n.id,
      type: n.type,
      title: n.title,
      message: n.message,
      createdAt: n.createdAt,
      activityUrl: activityUrl(String(n.id)),
    }));
    return c.json({ items });
  });
  app.get('/api/notifications/:id/receipts', async (c) => {
    const id = c.req.param('id');
    if (!UUID.test(id)) throw new DemoError(404, 'NOT_FOUND', `no notification ${id}`);
    const receipts = await shop.hub.ok('GET', `/v1/notifications/${id}/receipts`);
    return c.json({ ...receipts, activityUrl: activityUrl(id) });
  });
  app.get('/api/chats', (c) => c.json({ items: o.chats.chats }));
  app.route('/telegram', o.chats.routes());
  app.get('/api/deliveries', async (c) => {
    const res = await shop.hub.ok('GET', '/v1/deliveries?days=1');
    const names = Object.fromEntries(Object.values(PERSONAS).map((p) => [p.id, p.name]));
    const items = ((res.items ?? []) as Body[]).slice(0, 30).map((d) => {
      // A group chat's row names no person: it names the branch whose group got it.
      const group = d.group as { branchId: string | null } | null | undefined;
      const to = group ? `grupo de ${group.branchId ? branchName(group.branchId) : 'la empresa'}` : undefined;
      return { ...d, recipientName: to ?? names[String(d.recipientId)] ?? d.recipientId };
    });
    return c.json({ items });
  });

  const actions: Record<string, (b: Body) => Promise<unknown>> = {
    sale: (b) => shop.sale(b),
    expense: (b) => shop.expense(b),
    purchase: (b) => shop.purchase(b),
    transfer: (b) => shop.sendTransfer(b),
    product: (b) => shop.product(b),
    customer: (b) => shop.customer(b),
    order: (b) => shop.order(b),
    reservation: (b) => shop.reservation(b),
  };
  app.post('/api/transfer/:id/receive', async (c) => {
    const transfer = await shop.receiveTransfer(c.req.param('id'));
    if (!transfer) throw new DemoError(404, 'NOT_FOUND', `no transfer ${c.req.param('id')}`);
    return c.json(transfer);
  });
  app.post('/api/:action', async (c) => {
    const run = actions[c.req.param('action')];
    if (!run) throw new DemoError(404, 'NOT_FOUND', `no demo action ${c.req.param('action')}`);
    return c.json(await run(await body(c)), 201);
  });

  const assets = join(o.distDir, 'assets');
  app.use(
    '*',
    serveStatic({
      root: o.distDir,
      onFound: (path, c) => {
        // Vite fingerprints everything under assets/; the pages themselves are revalidated.
        const immutable = path.startsWith(assets);
        c.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  return app;
}
