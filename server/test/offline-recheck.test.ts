import { describe, expect, it } from 'vitest';
import { makeTenant, nodeWithSmtp } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

describe('an offline fallback', () => {
  let clock = Date.now();
  const suite = nodeWithSmtp({}, { now: () => new Date(clock), delivery: { pollMs: 50 } });

  it('checks presence again when it is due: whoever came online meanwhile gets no email', async () => {
    const t = await makeTenant(suite.hub.fetcher);
    await suite.emailChannel(t.id);
    const put = await t.api.put('/v1/event-types/CORTE_CAJA', {
      category: 'sales',
      target: { kind: 'recipients' },
      message: { es: 'Corte de caja pendiente.' },
      rules: { fallback: { after: '5m', if: 'offline', to: 'targets', channels: ['email'] } },
    });
    expect(put.status).toBe(200);
    const back = await t.person('vuelve', { role: 'staff', branchIds: ['A'], email: 'vuelve@example.com' });
    await t.person('fuera', { role: 'staff', branchIds: ['A'], email: 'fuera@example.com' });

    // Both are offline when the notification is created: both get a fallback row.
    const res = await t.api.post('/v1/events', { type: 'CORTE_CAJA', recipientIds: ['vuelve', 'fuera'] });
    expect(res.status).toBe(202);
    const rows = async () =>
      (await suite.hub.node.store.forTenant(t.id).deliveries.list({ limit: 10 })).items.filter(
        (d) => d.notificationId === res.body.id,
      );
    expect((await rows()).map((d) => d.recipientId).sort()).toEqual(['fuera', 'vuelve']);

    // One of them opens the app before the step is due (and gets the notification by replay).
    const socket = await connect(suite.hub.node.url, { token: back.token });
    await until(() => socket.counts.length > 0, 'the socket to be set up');

    clock += 6 * 60_000;
    await suite.hub.node.worker.runNow();
    await until(() => suite.smtp.received.length >= 1, 'the email to the one still offline', 10_000);
    await settle(300);
    expect(suite.smtp.received.map((m) => m.to_)).toEqual([['fuera@example.com']]);
    const byPerson = Object.fromEntries((await rows()).map((d) => [d.recipientId, d]));
    expect(byPerson.fuera).toMatchObject({ status: 'sent' });
    expect(byPerson.vuelve).toMatchObject({
      status: 'cancelled',
      lastError: 'online when the step fell due',
    });
    socket.close();
  });
});
