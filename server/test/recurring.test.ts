import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standIn } from '../src/channels/testing.ts';
import { newWebhookSecret } from '../src/channels/webhook/sign.ts';
import { databaseBackends } from './env.ts';
import { ADMIN_TOKEN, type Client, client, makeTenant, startTestNode } from './harness.ts';
import { until } from './sockets.ts';

const MX = 'America/Mexico_City'; // UTC-6 all year
const at = (local: string) => new Date(`${local}-06:00`).getTime();

async function inbox(me: Client): Promise<{ id: string; type: string; message: string; actions: unknown }[]> {
  return [...(await me.get('/v1/me/notifications?limit=100')).body.items].reverse();
}

describe.each(databaseBackends)(
  'recurring schedules, answers that cancel, and operator jobs on $name',
  ({ url }) => {
    let clock = at('2026-01-10T09:00:00');
    let hub: Awaited<ReturnType<typeof startTestNode>>;
    let crm: Awaited<ReturnType<typeof standIn>>;
    let operator: Client;
    /** Moves the clock and runs the scheduler through the operator's route until nothing is due. */
    const fireAt = async (ms: number) => {
      clock = ms;
      for (;;) {
        const run = await operator.post('/v1/jobs/schedule/run');
        expect(run.status).toBe(200);
        if (!run.body.result) return;
      }
    };

    beforeAll(async () => {
      crm = await standIn(() => ({ status: 200, body: { ok: true } }));
      hub = await startTestNode(
        { databaseUrl: url },
        { now: () => new Date(clock), scheduler: { pollMs: 3_600_000 }, delivery: { pollMs: 50 } },
      );
      operator = client(hub.fetcher, ADMIN_TOKEN);
    });
    afterAll(async () => {
      await hub.node.close();
      await crm.close();
    });

    const tenant = () => makeTenant(hub.fetcher, { timezone: MX, locale: 'es-MX', currency: 'MXN' });
    const pending = async (t: { api: Client }, cancelKey: string) =>
      (await t.api.get(`/v1/schedules?cancelKey=${cancelKey}`)).body.items as {
        label: string;
        dueAt: string;
        recurrence: { occurrence: string; remaining: number | null } | null;
      }[];

    it('publishes a payment reminder before every due date of a cycle, and stops when cancelled', async () => {
      clock = at('2026-01-10T09:00:00');
      const t = await tenant();
      const client_ = await t.person('cliente-7', { role: 'staff', branchIds: [] });
      const created = await t.api.post('/v1/schedules', {
        cancelKey: 'plan-7',
        cron: '0 9 1 * *',
        reminders: ['-3d', '0m'],
        maxRuns: 2,
        event: { type: 'PAGO_PROXIMO', recipientIds: ['cliente-7'], data: { amount: 500 } },
      });
      expect(created.status).toBe(201);
      expect(created.body.nextOccurrences).toEqual(['2026-02-01T15:00:00.000Z', '2026-03-01T15:00:00.000Z']);
      expect(created.body.scheduled.map((s: { label: string; dueAt: string }) => [s.label, s.dueAt])).toEqual(
        [
          ['-3d', '2026-01-29T15:00:00.000Z'],
          ['0m', '2026-02-01T15:00:00.000Z'],
        ],
      );
      const listed = await pending(t, 'plan-7');
      expect(listed).toHaveLength(2);
      expect(listed[0]).toMatchObject({
        label: '-3d',
        recurrence: { cron: '0 9 1 * *', timezone: MX, occurrence: '2026-02-01T15:00:00.000Z', remaining: 1 },
      });

      await fireAt(at('2026-01-29T09:00:00'));
      expect((await inbox(client_.me)).map((n) => n.message)).toEqual([
        'Tu pago de $500.00 vence el 1 de febrero de 2026.',
      ]);
      // The next -3d row is for March; the 0m row of February is still to come.
      expect((await pending(t, 'plan-7')).map((r) => [r.label, r.dueAt])).toEqual([
        ['0m', '2026-02-01T15:00:00.000Z'],
        ['-3d', '2026-02-26T15:00:00.000Z'],
      ]);
      await fireAt(at('2026-02-01T09:00:00'));
      await fireAt(at('2026-02-26T09:00:00'));
      expect((await inbox(client_.me)).map((n) => n.message)).toEqual([
        'Tu pago de $500.00 vence el 1 de febrero de 2026.',
        'Tu pago de $500.00 vence el 1 de febrero de 2026.',
        'Tu pago de $500.00 vence el 1 de marzo de 2026.',
      ]);
      // Two runs asked for: after March's 0m row nothing more is stored; cancelling stops it sooner.
      expect((await pending(t, 'plan-7')).map((r) => r.label)).toEqual(['0m']);
      expect((await t.api.delete('/v1/schedules/plan-7')).body).toEqual({ cancelled: 1 });
      await fireAt(at('2026-06-01T09:00:00'));
      expect(await inbox(client_.me)).toHaveLength(3);
      expect(await pending(t, 'plan-7')).toEqual([]);
      const cancelled = await t.api.get('/v1/schedules?cancelKey=plan-7&status=cancelled');
      expect(cancelled.body.items.map((r: { dueAt: string }) => r.dueAt)).toEqual([
        '2026-03-01T15:00:00.000Z',
      ]);
    });

    it('refuses patterns croner cannot read, or that fire more than once a minute', async () => {
      clock = at('2026-01-10T09:00:00');
      const t = await tenant();
      const event = { type: 'MANTENIMIENTO_PROGRAMADO', recipientIds: ['x'], data: { subject: 'la caja' } };
      for (const cron of ['every month', '* * * * * *', '2026-01-01T00:00:00']) {
        const res = await t.api.post('/v1/schedules', { cancelKey: 'm', cron, event });
        expect(res.status).toBe(400);
        expect(res.body.error.details[0].path).toBe('cron');
      }
      const withDue = await t.api.post('/v1/schedules', {
        cancelKey: 'm',
        cron: '0 9 1 */3 *',
        event: { ...event, dueAt: '2026-01-01T00:00:00Z', reminders: ['-1d'] },
      });
      expect(withDue.status).toBe(400);
      const unknown = await t.api.post('/v1/schedules', {
        cancelKey: 'm',
        cron: '0 9 1 */3 *',
        event: { ...event, type: 'NO_EXISTE' },
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.code).toBe('UNKNOWN_EVENT_TYPE');
      const ended = await t.api.post('/v1/schedules', {
        cancelKey: 'm',
        cron: '0 9 1 */3 *',
        until: '2025-01-01T00:00:00Z',
        event,
      });
      expect(ended.status).toBe(400);
      // Every three months: the maintenance reminder of the series, listed with its rule.
      const ok = await t.api.post('/v1/schedules', { cancelKey: 'caja-1', cron: '0 9 1 */3 *', event });
      expect(ok.status).toBe(201);
      expect(ok.body.nextOccurrences.slice(0, 2)).toEqual([
        '2026-04-01T15:00:00.000Z',
        '2026-07-01T15:00:00.000Z',
      ]);
      const again = await t.api.raw(
        'POST',
        '/v1/schedules',
        { cancelKey: 'caja-2', cron: '0 9 * * 1', event },
        { 'idempotency-key': 'weekly' },
      );
      const same = await t.api.raw(
        'POST',
        '/v1/schedules',
        { cancelKey: 'caja-2', cron: '0 9 * * 1', event },
        { 'idempotency-key': 'weekly' },
      );
      expect(again.status).toBe(201);
      expect(same.status).toBe(200);
      expect(same.body.id).toBe(again.body.id);
      expect((await pending(t, 'caja-2')).length).toBe(1);
    });

    it('an answer cancels what its action names: confirming stops the T-2h reminder', async () => {
      clock = at('2026-01-10T09:00:00');
      const t = await tenant();
      const guest = await t.person('guest', { role: 'staff', branchIds: [] });
      const res = await t.api.post('/v1/events', {
        type: 'RECORDATORIO_RESERVA',
        recipientIds: ['guest'],
        entityId: 'R-9',
        dueAt: new Date(at('2026-01-12T21:00:00')).toISOString(),
        reminders: ['-24h', '-2h'],
        cancelKey: 'reserva-R-9',
        actions: [
          { id: 'confirm', label: 'Confirmar', cancels: ['reserva-R-9'] },
          { id: 'cancel', label: 'Cancelar', cancels: ['reserva-R-9'] },
        ],
      });
      expect(res.body.status).toBe('scheduled');
      await fireAt(at('2026-01-11T21:00:00'));
      const [reminder] = await inbox(guest.me);
      // The reader sees the actions, not what they cancel.
      expect(reminder!.actions).toEqual([
        { id: 'confirm', label: 'Confirmar' },
        { id: 'cancel', label: 'Cancelar' },
      ]);
      expect((await pending(t, 'reserva-R-9')).map((r) => r.label)).toEqual(['-2h']);
      const answer = await guest.me.post(`/v1/me/notifications/${reminder!.id}/actions/confirm`);
      expect(answer.body).toMatchObject({ recorded: true, actionId: 'confirm' });
      expect(await pending(t, 'reserva-R-9')).toEqual([]);
      await fireAt(at('2026-01-12T20:00:00'));
      expect(await inbox(guest.me)).toHaveLength(1);
    });

    it('sends notification.read once per person, and one for a read-all', async () => {
      const t = await tenant();
      const secret = newWebhookSecret();
      await t.api.post('/v1/channels', {
        kind: 'webhook',
        name: 'CRM',
        config: { url: `${crm.url}/${t.id}`, secret, events: ['notification.read'] },
      });
      const ana = await t.person('ana', { role: 'staff', branchIds: ['A'] });
      const first = await t.api.post('/v1/events', {
        type: 'NUEVA_VENTA',
        data: { branchId: 'A', total: 1 },
      });
      const second = await t.api.post('/v1/events', {
        type: 'NUEVA_VENTA',
        data: { branchId: 'A', total: 2 },
      });
      const third = await t.api.post('/v1/events', {
        type: 'NUEVA_VENTA',
        data: { branchId: 'A', total: 3 },
      });
      const events = () =>
        crm.requests
          .filter((r) => r.path === `/${t.id}`)
          .map((r) => {
            const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
            return new Webhook(secret).verify(r.body, headers) as {
              type: string;
              data: Record<string, unknown>;
            };
          });

      const read = await ana.me.post(`/v1/me/notifications/${first.body.id}/read`);
      await ana.me.post(`/v1/me/notifications/${first.body.id}/read`);
      await until(() => events().length >= 1, 'the read webhook');
      await ana.me.post(`/v1/me/notifications/${second.body.id}/archive`);
      await ana.me.post('/v1/me/notifications/read-all');
      await until(() => events().length >= 3, 'three read webhooks');
      await new Promise((r) => setTimeout(r, 300));
      const got = events();
      expect(got).toHaveLength(3);
      expect(got[0]).toEqual({
        type: 'notification.read',
        timestamp: expect.any(String),
        data: {
          notificationId: first.body.id,
          type: 'NUEVA_VENTA',
          recipientId: 'ana',
          readAt: read.body.readAt,
        },
      });
      expect(got[1]!.data).toMatchObject({ notificationId: second.body.id, recipientId: 'ana' });
      expect(got[2]!.data).toMatchObject({ notificationId: third.body.id, recipientId: 'ana', all: true });
    });

    it('lets the operator list and run the node’s jobs, and no one else', async () => {
      const jobs = await operator.get('/v1/jobs');
      expect(jobs.body.items.map((j: { name: string }) => j.name)).toEqual(
        expect.arrayContaining(['delivery', 'schedule', 'retention', 'stock-sweep', 'stock-settle']),
      );
      const sweep = await operator.post('/v1/jobs/stock-sweep/run');
      expect(sweep.status).toBe(200);
      expect(sweep.body).toMatchObject({ name: 'stock-sweep', result: expect.any(Object) });
      const unknown = await operator.post('/v1/jobs/nope/run');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.details.jobs).toContain('schedule');
      const t = await tenant();
      expect((await t.api.post('/v1/jobs/schedule/run')).status).toBe(401);
      expect((await client(hub.fetcher).get('/v1/jobs')).status).toBe(401);
    });
  },
);
