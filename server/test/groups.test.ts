import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode, type TestTenant } from './harness.ts';
import { connect, settle, until } from './sockets.ts';
import { telegramStandIn } from './telegram-harness.ts';

const NORTE_GROUP = '-1001000000001';
const OWN_GROUP = '-1001000000009';

describe.each(databaseBackends)('branch and tenant group chats on $name', ({ url }) => {
  let clock = Date.now();
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  const telegram = telegramStandIn(() => hub.fetcher);
  const { calls, said, tenant, update } = telegram;

  beforeAll(async () => {
    await telegram.start();
    hub = await startTestNode({ databaseUrl: url }, { now: () => new Date(clock), delivery: { pollMs: 50 } });
  });
  afterAll(async () => {
    await hub.node.close();
    await telegram.close();
  });

  /** A message in a group chat, as Telegram posts it to the hook. */
  const inGroup = (channelId: string, chatId: string, text: string, extra: Record<string, unknown> = {}) =>
    update(channelId, {
      update_id: 5,
      message: {
        message_id: 1,
        chat: { id: Number(chatId), type: 'supergroup', title: 'Encargados' },
        text,
        ...extra,
      },
    });

  /** A shop whose low-stock alerts go at once to everyone's Telegram, and to the branch groups. */
  async function shop(rules: Record<string, unknown> = { groups: true }) {
    const { t, channelId } = await tenant({ name: 'Ferretería' });
    // Each shop has groups of its own: the stand-in records every test's messages.
    const norte = `-100${Math.floor(Math.random() * 1e10)}`;
    const own = `-100${Math.floor(Math.random() * 1e10)}`;
    await t.api.put('/v1/branches/norte', { name: 'Norte', addresses: { telegram: norte } });
    await t.api.put('/v1/branches/sur', { name: 'Sur' });
    const base = Math.floor(Math.random() * 1e9);
    for (const [i, [id, role, branchIds]] of (
      [
        ['ana', 'manager', ['norte']],
        ['beto', 'staff', ['norte']],
        ['caro', 'staff', ['norte']],
        ['dueno', 'owner', []],
      ] as const
    ).entries()) {
      await t.person(id, { role, branchIds: [...branchIds], telegramChatId: String(base + i) });
    }
    const fallback = { after: '0s', if: 'offline', to: 'targets', channels: ['telegram'], ...rules };
    for (const type of ['PRODUCTO_STOCK_BAJO', 'NUEVO_PRODUCTO', 'PRUEBA']) {
      expect((await t.api.put(`/v1/event-types/${type}`, { rules: { fallback } })).status).toBe(200);
    }
    return { t, channelId, norte, own, people: [0, 1, 2, 3].map((i) => String(base + i)) };
  }

  const lowStock = (t: TestTenant, branchId: string) =>
    t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      data: { branchId, productName: 'Martillo', sku: 'MRT-1', qty: 2 },
    });
  const toGroup = (chat: string) => calls('sendMessage', chat);

  it('takes branch addresses on PUT, keeps them when left out, and removes one given as null', async () => {
    const t = await makeTenant(hub.fetcher);
    const put = await t.api.put('/v1/branches/norte', {
      name: 'Norte',
      addresses: { telegram: NORTE_GROUP, whatsapp: '+5215512345678' },
    });
    expect(put.status).toBe(201);
    expect(put.body.addresses).toEqual({ telegram: NORTE_GROUP, whatsapp: '+5215512345678' });
    expect((await t.api.put('/v1/branches/norte', { name: 'Norte centro' })).body.addresses).toEqual({
      telegram: NORTE_GROUP,
      whatsapp: '+5215512345678',
    });
    const cleared = await t.api.put('/v1/branches/norte', { name: 'Norte', addresses: { whatsapp: null } });
    expect(cleared.body.addresses).toEqual({ telegram: NORTE_GROUP });
    expect((await t.api.get('/v1/branches')).body.items[0]).toMatchObject({
      addresses: { telegram: NORTE_GROUP },
    });
    for (const addresses of [
      { telegram: 'encargados' },
      { whatsapp: '5512345678' },
      { sms: '+5215512345678' },
    ]) {
      const bad = await t.api.put('/v1/branches/norte', { name: 'Norte', addresses });
      expect(bad.status, JSON.stringify(addresses)).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }

    const patched = await t.api.patch('/v1/tenant', { addresses: { telegram: OWN_GROUP } });
    expect(patched.status).toBe(200);
    expect(patched.body.addresses).toEqual({ telegram: OWN_GROUP });
    expect((await t.api.patch('/v1/tenant', { name: 'Otra' })).body.addresses).toEqual({
      telegram: OWN_GROUP,
    });
    expect((await t.api.get('/v1/tenant')).body.addresses).toEqual({ telegram: OWN_GROUP });
  });

  it('sends a branch notification to the branch group once, not once per member', async () => {
    const { t, people, norte: NORTE_GROUP } = await shop();
    const res = await lowStock(t, 'norte');
    await until(() => toGroup(NORTE_GROUP).length === 1, 'the group message');
    await until(() => people.every((p) => calls('sendMessage', p).length === 1), 'every member');
    await settle(300);
    expect(toGroup(NORTE_GROUP)).toHaveLength(1);
    expect(toGroup(NORTE_GROUP)[0].text).toContain('Martillo');
    const log = (await t.api.get('/v1/deliveries')).body.items.filter(
      (d: { notificationId: string }) => d.notificationId === res.body.id,
    );
    expect(log).toHaveLength(5);
    const group = log.filter((d: { group: unknown }) => d.group);
    expect(group).toEqual([
      expect.objectContaining({
        group: { branchId: 'norte' },
        recipientId: null,
        channel: 'telegram',
        status: 'sent',
      }),
    ]);
  });

  it('sends once to a group two branches share; nothing for personal notifications or rules without groups', async () => {
    const { t, norte: NORTE_GROUP } = await shop();
    await t.api.put('/v1/branches/sur', { name: 'Sur', addresses: { telegram: NORTE_GROUP } });
    await t.api.post('/v1/events', {
      type: 'PRODUCTO_STOCK_BAJO',
      branchIds: ['norte', 'sur'],
      data: { productName: 'Clavos', sku: 'CLV', qty: 1 },
    });
    await until(() => toGroup(NORTE_GROUP).some((m) => m.text.includes('Clavos')), 'the shared group');
    await t.api.post('/v1/events', { type: 'PRUEBA', recipientIds: ['ana'] });
    const plain = await shop({});
    await lowStock(plain.t, 'norte');
    await until(() => calls('sendMessage', plain.people[0]).length === 1, 'the member of the plain shop');
    await settle(400);
    expect(toGroup(NORTE_GROUP)).toHaveLength(1);
    expect(toGroup(NORTE_GROUP)[0].text).toContain('Clavos');
    expect(toGroup(plain.norte)).toHaveLength(0);
  });

  it('uses the tenant’s own group for global notifications and for branches without a group', async () => {
    const { t, norte: NORTE_GROUP, own: OWN_GROUP } = await shop();
    await t.api.patch('/v1/tenant', { addresses: { telegram: OWN_GROUP } });
    await t.api.post('/v1/events', {
      type: 'NUEVO_PRODUCTO',
      data: { userName: 'Ana', productName: 'Taladro' },
    });
    await lowStock(t, 'sur');
    await until(() => toGroup(OWN_GROUP).length === 2, 'both in the tenant group');
    await settle(200);
    expect(
      toGroup(OWN_GROUP)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/Taladro[\s\S]*Martillo|Martillo[\s\S]*Taladro/);
    expect(toGroup(NORTE_GROUP)).toHaveLength(0);
  });

  it('sends an unseen step to the group when it goes to anyone, and not once everyone it is for saw it', async () => {
    const { t, norte } = await shop({ to: ['owner'], if: 'unseen', after: '2m', groups: true });
    const owner = await t.api.post('/v1/widget-tokens', { recipientId: 'dueno' });
    const cashier = await t.api.post('/v1/widget-tokens', { recipientId: 'beto' });
    const [ownerSocket, cashierSocket] = await Promise.all([
      connect(hub.node.url, { token: owner.body.token }),
      connect(hub.node.url, { token: cashier.body.token }),
    ]);
    try {
      // The cashier saw it, the owner (whom the step is for) did not: the owner and the group get it.
      const first = (await lowStock(t, 'norte')).body.id as string;
      await until(() => cashierSocket.received.some((n) => n.id === first), 'the toast');
      await cashierSocket.emitWithAck('seen', { ids: [first] });
      clock += 3 * 60_000;
      await hub.node.worker.runNow();
      await until(() => toGroup(norte).length === 1, 'the group message');

      // This time the owner saw it: the step goes to nobody, nor to the group.
      const second = (await lowStock(t, 'norte')).body.id as string;
      await until(() => ownerSocket.received.some((n) => n.id === second), 'the owner’s toast');
      await ownerSocket.emitWithAck('seen', { ids: [second] });
      clock += 3 * 60_000;
      await hub.node.worker.runNow();
      await settle(400);
      expect(toGroup(norte)).toHaveLength(1);
      const row = (await t.api.get('/v1/deliveries')).body.items.find(
        (d: { notificationId: string; group: unknown }) => d.notificationId === second && d.group,
      );
      expect(row).toMatchObject({ status: 'cancelled', lastError: 'seen by everyone the step was for' });
    } finally {
      ownerSocket.close();
      cashierSocket.close();
    }
  });

  it('links a Telegram group to a branch with /start <token> in the group, and unlinks it with /stop', async () => {
    const { t, channelId } = await shop();
    await t.api.put('/v1/branches/sur', { name: 'Sur' });
    const link = await t.api.post('/v1/branches/sur/telegram-link', {});
    expect(link.status).toBe(201);
    expect(link.body.url).toMatch(/^https:\/\/t\.me\/FerreBot\?startgroup=[A-Za-z0-9_-]{20,64}$/);
    const token = new URL(link.body.url).searchParams.get('startgroup')!;
    expect((await t.api.post('/v1/branches/nope/telegram-link', {})).body.error.code).toBe(
      'BRANCH_NOT_FOUND',
    );

    // Sent in a private chat, a group token is explained and not spent.
    await telegram.text(channelId, '4242', `/start ${token}`);
    expect(said('4242').at(-1)).toContain('Este enlace es para un grupo');

    const group = '-1002000000123';
    expect(await inGroup(channelId, group, `/start@FerreBot ${token}`)).toBe(200);
    expect(said(group).at(-1)).toBe(
      'Listo: este grupo recibirá los avisos de la sucursal Sur de Ferretería.',
    );
    expect(
      (await t.api.get('/v1/branches')).body.items.find((b: { id: string }) => b.id === 'sur').addresses,
    ).toEqual({
      telegram: group,
    });
    // Single use: another group cannot take it.
    await inGroup(channelId, '-1002000000999', `/start ${token}`);
    expect(said('-1002000000999').at(-1)).toContain('ya no es válido');

    // A person's link in a group is refused and stays usable in a private chat.
    const personal = new URL(
      (await t.api.post('/v1/recipients/ana/telegram-link')).body.url,
    ).searchParams.get('start');
    await inGroup(channelId, group, `/start ${personal}`);
    expect(said(group).at(-1)).toContain('es para un chat privado');
    await inGroup(channelId, group, '/status');
    expect(said(group).at(-1)).toBe('Este grupo recibe los avisos de: sucursal Sur.');
    // Chatter in the group is not the bot's business.
    const before = said(group).length;
    await inGroup(channelId, group, 'alguien vio el martillo?');
    expect(said(group)).toHaveLength(before);

    await lowStock(t, 'sur');
    await until(() => said(group).some((m) => m.includes('Martillo')), 'the alert in the linked group');

    // Telegram turns the group into a supergroup: the address follows the new id.
    const bigger = '-1003000000123';
    await update(channelId, {
      update_id: 6,
      message: {
        message_id: 2,
        chat: { id: Number(group), type: 'group' },
        migrate_to_chat_id: Number(bigger),
      },
    });
    expect(
      (await t.api.get('/v1/branches')).body.items.find((b: { id: string }) => b.id === 'sur').addresses,
    ).toEqual({
      telegram: bigger,
    });
    await inGroup(channelId, bigger, '/stop');
    expect(said(bigger).at(-1)).toBe('Listo: ya no enviaré avisos a este grupo.');
    expect(
      (await t.api.get('/v1/branches')).body.items.find((b: { id: string }) => b.id === 'sur').addresses,
    ).toEqual({});
  });

  it('links the tenant’s own group the same way', async () => {
    const { t, channelId } = await shop();
    const link = await t.api.post('/v1/tenant/telegram-link');
    expect(link.status).toBe(201);
    const token = new URL(link.body.url).searchParams.get('startgroup')!;
    const group = '-1004000000001';
    await inGroup(channelId, group, `/start ${token}`);
    expect(said(group).at(-1)).toBe('Listo: este grupo recibirá los avisos generales de Ferretería.');
    expect((await t.api.get('/v1/tenant')).body.addresses).toEqual({ telegram: group });
  });
});
