import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode, type TestTenant } from './harness.ts';
import { startSmtp } from './smtp.ts';
import { until } from './sockets.ts';

const M = 60_000;

describe.each(databaseBackends)('channel filters, Slack and escalation end to end on $name', ({ url }) => {
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let slack: Awaited<ReturnType<typeof standIn>>;
  let sales: Awaited<ReturnType<typeof startSmtp>>;
  let general: Awaited<ReturnType<typeof startSmtp>>;
  /** Moves the clock and lets the delivery worker do what is due by then. */
  const advance = async (ms: number) => {
    clock += ms;
    while ((await hub.node.worker.runNow()) > 0) {}
  };
  const deliveriesOf = async (t: TestTenant, id: string) =>
    (await t.api.get(`/v1/notifications/${id}/receipts`)).body as {
      people: {
        recipientId: string;
        deliveries: { step: string; status: string; lastError: string | null }[];
      }[];
      endpoints: {
        step: string;
        channel: string;
        channelId: string;
        status: string;
        lastError: string | null;
      }[];
    };
  const publish = async (t: TestTenant, type: string, data: Record<string, unknown> = {}) => {
    const res = await t.api.post('/v1/events', { type, data: { branchId: 'A', total: 10, ...data } });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };

  beforeAll(async () => {
    slack = await standIn(() => ({ status: 200, body: 'ok' }));
    sales = await startSmtp();
    general = await startSmtp();
    hub = await startTestNode(
      { databaseUrl: url },
      { now: () => new Date(clock), delivery: { pollMs: 3_600_000 } },
    );
  });
  afterAll(async () => {
    await hub.node.close();
    await Promise.all([slack.close(), sales.close(), general.close()]);
  });

  it('posts a rule’s Slack step only through the Slack channels whose category or type matches', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'es-MX', currency: 'MXN' });
    const channel = async (name: string, filter: Record<string, unknown>) =>
      (
        await t.api.post('/v1/channels', {
          kind: 'slack',
          name,
          config: { url: `${slack.url}/${t.id}/${name}` },
          ...filter,
        })
      ).body.id as string;
    const ventas = await channel('ventas', { categories: ['sales'] });
    const stock = await channel('stock', { types: ['PRODUCTO_STOCK_BAJO'] });
    const toSlack = { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['slack'] } };
    for (const type of ['NUEVA_VENTA', 'NUEVO_GASTO', 'PRODUCTO_STOCK_BAJO']) {
      expect((await t.api.put(`/v1/event-types/${type}`, { rules: toSlack })).status).toBe(200);
    }
    const sale = await publish(t, 'NUEVA_VENTA');
    const expense = await publish(t, 'NUEVO_GASTO');
    const low = await publish(t, 'PRODUCTO_STOCK_BAJO', { productName: 'Martillo', qty: 1 });
    await advance(0);

    const posts = () => slack.requests.filter((r) => r.path.startsWith(`/${t.id}/`));
    expect(posts().map((r) => r.path)).toEqual([`/${t.id}/ventas`, `/${t.id}/stock`]);
    expect(JSON.parse(posts()[0]!.body).text).toContain('Nueva venta de $10.00');
    expect(JSON.parse(posts()[1]!.body).text).toContain('Martillo');

    expect((await deliveriesOf(t, sale)).endpoints).toEqual([
      expect.objectContaining({ step: 'fallback', channel: 'slack', channelId: ventas, status: 'sent' }),
    ]);
    expect((await deliveriesOf(t, low)).endpoints).toEqual([
      expect.objectContaining({ channel: 'slack', channelId: stock, status: 'sent' }),
    ]);
    // No Slack channel takes expenses: the step is skipped, and says why.
    expect((await deliveriesOf(t, expense)).endpoints).toEqual([
      expect.objectContaining({
        status: 'skipped',
        lastError: 'no enabled channel and address for this person',
      }),
    ]);
  });

  it('skips an email provider limited to another category and uses the next one', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'es-MX', currency: 'MXN' });
    const smtp = (port: number) => ({ host: '127.0.0.1', port, from: 'avisos@shop.test' });
    await t.api.post('/v1/channels', {
      kind: 'email',
      name: 'Ventas',
      config: smtp(sales.port),
      categories: ['sales'],
      priority: 0,
    });
    await t.api.post('/v1/channels', {
      kind: 'email',
      name: 'General',
      config: smtp(general.port),
      priority: 1,
    });
    await t.person('ana', { role: 'staff', branchIds: ['A'], email: 'ana@shop.test' });
    const toEmail = { fallback: { after: '0s', if: 'offline', to: 'targets', channels: ['email'] } };
    await t.api.put('/v1/event-types/NUEVA_VENTA', { rules: toEmail });
    await t.api.put('/v1/event-types/NUEVO_GASTO', { rules: toEmail });
    await publish(t, 'NUEVA_VENTA', { total: 111 });
    await publish(t, 'NUEVO_GASTO', { total: 222 });
    await advance(0);
    await until(() => sales.received.length + general.received.length >= 2, 'two emails');
    const texts = (box: typeof sales) =>
      box.received.filter((m) => m.to_.includes('ana@shop.test')).map((m) => m.text);
    expect(texts(sales)).toEqual([expect.stringContaining('Nueva venta de $111.00')]);
    expect(texts(general)).toEqual([expect.stringContaining('Nuevo gasto de $222.00')]);
  });

  it('escalates to the owner when no target read it in time, and not when one did', async () => {
    const t = await makeTenant(hub.fetcher, { locale: 'es-MX', currency: 'MXN' });
    await t.api.post('/v1/channels', {
      kind: 'email',
      name: 'General',
      config: { host: '127.0.0.1', port: general.port, from: 'avisos@shop.test' },
    });
    const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
    await t.person('dueno', { role: 'owner', branchIds: [], email: 'dueno@shop.test' });
    await t.api.put('/v1/event-types/ATENCION_PENDIENTE', {
      rules: { escalate: { after: '10m', if: 'unread', to: ['owner'], channels: ['email'] } },
    });
    const toOwner = () => general.received.filter((m) => m.to_.includes('dueno@shop.test'));

    const ignored = await publish(t, 'ATENCION_PENDIENTE', { minutes: 5 });
    const handled = await publish(t, 'ATENCION_PENDIENTE', { minutes: 7 });
    expect((await ana.me.post(`/v1/me/notifications/${handled}/read`)).status).toBe(200);
    await advance(5 * M);
    expect(toOwner()).toHaveLength(0);
    await advance(6 * M);
    await until(() => toOwner().length >= 1, 'the escalation email');
    await new Promise((r) => setTimeout(r, 300));
    expect(toOwner()).toHaveLength(1);
    expect(toOwner()[0]!.text).toContain('esperando atención desde hace 5 min');

    const escalated = await deliveriesOf(t, ignored);
    expect(escalated.people.find((p) => p.recipientId === 'dueno')!.deliveries).toEqual([
      expect.objectContaining({ step: 'escalate', status: 'sent' }),
    ]);
    const moot = await deliveriesOf(t, handled);
    expect(moot.people.find((p) => p.recipientId === 'dueno')!.deliveries).toEqual([
      expect.objectContaining({ step: 'escalate', status: 'cancelled' }),
    ]);
  });
});
