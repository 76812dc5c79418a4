import { io } from 'socket.io-client';
import { BOUNDS, type Broken, presenceSettles, sleep } from './checks.ts';
import type { Cluster } from './cluster.ts';

/**
 * Quick open/close storms: `count` sockets of `people` people opened over 4 s, a third closed at a
 * random moment of the handshake, the others 0–30 ms after the hub accepted them (while it still
 * sets them up: replay, unread count, presence). Afterwards none
 * of them is online anywhere, and an overdue payment to each goes out by email at once (a ghost
 * would have suppressed that fallback). Returns how long presence took to be right, and the storm.
 */
export async function socketStorm(cluster: Cluster, broken: Broken, { count = 300, people = 30 } = {}) {
  const ids: { id: string; token: string }[] = [];
  for (let i = 0; i < people; i++) {
    const id = `tormenta-${i}`;
    await cluster.tenant.api.put(`/v1/recipients/${id}`, {
      role: 'staff',
      branchIds: ['B'],
      email: `${id}@example.com`,
    });
    const minted = await cluster.tenant.api.post('/v1/widget-tokens', { recipientId: id });
    ids.push({ id, token: minted.body.token });
  }
  const started = Date.now();
  let opened = 0;
  const waves = Array.from({ length: count }, (_, i) =>
    (async () => {
      await sleep(Math.random() * 4_000);
      const who = ids[i % ids.length]!;
      const socket = io(cluster.balancer.url, {
        auth: { token: who.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      socket.on('connect', () => opened++);
      if (i % 3 === 0) {
        // Closed at any moment of the handshake.
        await sleep(Math.random() * 60);
      } else {
        // Closed just after the hub accepted it: while it replays and counts, before presence.
        await new Promise<void>((resolve) => {
          socket.once('connect', () => setTimeout(resolve, Math.random() * 30));
          socket.once('connect_error', () => resolve());
          setTimeout(resolve, 10_000);
        });
      }
      socket.close();
    })(),
  );
  await Promise.all(waves);
  const stormMs = Date.now() - started;
  const presence = await presenceSettles(
    cluster,
    ids.map((p) => p.id),
    BOUNDS.presenceMs,
  );
  if (presence.wrong) broken.add('presence ghost', `after the storm: ${presence.wrong}`);

  const mailsBefore = cluster.smtp.mails.length;
  const asked = Date.now();
  for (const p of ids.slice(0, 5)) {
    const res = await cluster.tenant.api.post('/v1/events', {
      type: 'PAGO_VENCIDO',
      recipientIds: [p.id],
      message: `Pago vencido tras la tormenta de ${p.id}.`,
      data: { amount: 1, dueDate: '2026-11-01' },
    });
    if (res.status !== 202) broken.add('storm fallback', `POST /v1/events ${res.status}`);
  }
  const mailed = () =>
    new Set(
      cluster.smtp.mails
        .slice(mailsBefore)
        .map((m) => /tormenta de (tormenta-\d+)/.exec(m.text)?.[1])
        .filter(Boolean),
    );
  while (mailed().size < 5 && Date.now() - asked < 15_000) await sleep(100);
  const unmailed = ids.slice(0, 5).filter((p) => !mailed().has(p.id));
  if (unmailed.length) broken.add('storm fallback', `no mail for ${unmailed.map((p) => p.id)} (a ghost?)`);
  return { opened, stormMs, presenceMs: presence.ms, mailMs: Date.now() - asked };
}
