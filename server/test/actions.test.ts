import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, startTestNode } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const ACTIONS = [
  { id: 'confirm', label: 'Confirmar', style: 'primary' },
  { id: 'cancel', label: 'Cancelar', style: 'danger' },
];

describe.each(databaseBackends)('actions from the widget on $name', ({ url }) => {
  let hub: Awaited<ReturnType<typeof startTestNode>>;
  let crm: Awaited<ReturnType<typeof standIn>>;

  beforeAll(async () => {
    crm = await standIn(() => ({ status: 200, body: { ok: true } }));
    hub = await startTestNode({ databaseUrl: url }, { delivery: { pollMs: 50 } });
  });
  afterAll(async () => {
    await hub.node.close();
    await crm.close();
  });

  async function setup() {
    const t = await makeTenant(hub.fetcher);
    const secret = newWebhookSecret();
    await t.api.post('/v1/channels', {
      kind: 'webhook',
      name: 'CRM',
      config: { url: `${crm.url}/${t.id}`, secret, events: ['notification.action'] },
    });
    const boss = await t.person('boss', { role: 'owner', branchIds: [] });
    const clerk = await t.person('clerk', { role: 'staff', branchIds: ['A'] });
    const other = await t.person('other', { role: 'staff', branchIds: ['B'] });
    const event = await t.api.post('/v1/events', {
      type: 'RESERVA_CREADA',
      branchIds: ['A'],
      entityId: 'R-9',
      message: 'Mesa para 4 a las 21:00',
      actions: ACTIONS,
    });
    expect(event.status).toBe(202);
    return { t, secret, boss, clerk, other, id: event.body.id as string };
  }
  const hooksOf = (tenantId: string) => crm.requests.filter((r) => r.path === `/${tenantId}`);

  it('records the first answer, marks it read, tells every tab, and sends one signed webhook', async () => {
    const { t, secret, boss, clerk, id } = await setup();
    const tab = await connect(hub.node.url, { token: clerk.token });
    try {
      const first = await clerk.me.post(`/v1/me/notifications/${id}/actions/confirm`);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id, recorded: true, actionId: 'confirm', unreadCount: 0 });
      expect(first.body.readAt).toEqual(expect.any(String));
      await until(() => tab.updates.length > 0, 'notification:updated');
      expect(tab.updates[0]).toEqual({ ids: [id], actionId: 'confirm', readAt: first.body.readAt });

      await until(() => hooksOf(t.id).length === 1, 'the notification.action webhook');
      const req = hooksOf(t.id)[0]!;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      expect(new Webhook(secret).verify(req.body, headers)).toMatchObject({
        type: 'notification.action',
        data: {
          notificationId: id,
          type: 'RESERVA_CREADA',
          actionId: 'confirm',
          label: 'Confirmar',
          recipientId: 'clerk',
          via: 'widget',
        },
      });

      // Someone else, later, and the same person changing their mind: ignored, and said so.
      const late = await boss.me.post(`/v1/me/notifications/${id}/actions/cancel`);
      expect(late.body).toMatchObject({ recorded: false, actionId: 'confirm' });
      const again = await clerk.me.post(`/v1/me/notifications/${id}/actions/cancel`);
      expect(again.body).toMatchObject({ recorded: false, actionId: 'confirm' });
      await settle(200);
      expect(hooksOf(t.id)).toHaveLength(1);

      const item = (await clerk.me.get('/v1/me/notifications')).body.items[0];
      expect(item).toMatchObject({ id, actionId: 'confirm', actions: ACTIONS });
      // The late answer still counts as reading it.
      expect((await boss.me.get('/v1/me/unread-count')).body.count).toBe(0);
    } finally {
      tab.close();
    }
  });

  it('lets exactly one of many simultaneous answers win', async () => {
    const { t, id } = await setup();
    const people = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.person(`p${i}`, { role: 'staff', branchIds: ['A'] })),
    );
    const answers = await Promise.all(
      people.map((p, i) => p.me.post(`/v1/me/notifications/${id}/actions/${i % 2 ? 'cancel' : 'confirm'}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const winners = answers.filter((a) => a.body.recorded);
    expect(winners).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.actionId))).toEqual(new Set([winners[0]!.body.actionId]));
    await until(() => hooksOf(t.id).length === 1, 'one webhook');
    await settle(200);
    expect(hooksOf(t.id)).toHaveLength(1);
  });

  it('refuses unknown actions and notifications the person cannot see', async () => {
    const { t, clerk, other, id } = await setup();
    const unknown = await clerk.me.post(`/v1/me/notifications/${id}/actions/maybe`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'ACTION_NOT_FOUND',
      details: { actions: ['confirm', 'cancel'] },
    });
    const hidden = await other.me.post(`/v1/me/notifications/${id}/actions/confirm`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    const stranger = await makeTenant(hub.fetcher);
    const outsider = await stranger.person('boss', { role: 'owner', branchIds: [] });
    expect((await outsider.me.post(`/v1/me/notifications/${id}/actions/confirm`)).status).toBe(404);
    expect((await clerk.me.post('/v1/me/notifications/not-a-uuid/actions/confirm')).status).toBe(404);

    const plain = await t.api.post('/v1/events', {
      type: 'RESERVA_CREADA',
      branchIds: ['A'],
      message: 'Sin botones',
    });
    const none = await clerk.me.post(`/v1/me/notifications/${plain.body.id}/actions/confirm`);
    expect(none.body.error).toMatchObject({ code: 'ACTION_NOT_FOUND', details: { actions: [] } });
    // Nothing was recorded by any of it.
    expect(
      (await clerk.me.get('/v1/me/notifications')).body.items.every(
        (n: { actionId: unknown }) => n.actionId === null,
      ),
    ).toBe(true);
    expect(hooksOf(t.id)).toHaveLength(0);
  });
});
