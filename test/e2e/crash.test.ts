import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, client, makeTenant } from '@aviso/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEnv } from '../support/env.ts';
import { startHubProcess } from '../support/processes.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const backends = [
  {
    name: 'embedded PGlite on disk',
    url: () => {
      const dir = mkdtempSync(join(tmpdir(), 'aviso-crash-'));
      dirs.push(dir);
      return join(dir, 'data');
    },
  },
  ...(testEnv.postgresUrl ? [{ name: 'PostgreSQL', url: () => testEnv.postgresUrl! }] : []),
];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});
const own = async (url: string) => {
  const fresh = await freshDatabase(url);
  drops.push(fresh.drop);
  return fresh.url;
};

describe.each(backends)('kill -9 in the middle of a burst, on $name', ({ url }) => {
  it('loses no event that was answered 202', async () => {
    const env = {
      DATABASE_URL: await own(url()),
      AVISO_ADMIN_TOKEN: ADMIN_TOKEN,
      AVISO_SECRET_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    };
    const first = await startHubProcess(env);
    const t = await makeTenant((p, i) => fetch(`${first.url}${p}`, i));
    const owner = await t.person('owner', { role: 'owner', branchIds: [] });
    const accepted: string[] = [];
    let stop = false;
    // Four senders keep posting until the process dies under them.
    const senders = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await t.api.post('/v1/events', {
            type: 'NUEVA_VENTA',
            data: { branchId: 'A', total: i, w },
          });
          if (res.status === 202) accepted.push(res.body.id);
        } catch {
          return; // connection refused or reset: the process is gone
        }
      }
    });
    while (accepted.length < 150) await new Promise((r) => setTimeout(r, 20));
    await first.stop('SIGKILL');
    stop = true;
    await Promise.all(senders);

    const second = await startHubProcess(env);
    try {
      const me = client((p, i) => fetch(`${second.url}${p}`, i), owner.token);
      const stored = new Set<string>();
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await me.get(
          `/v1/me/notifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        );
        for (const n of page.body.items) stored.add(n.id);
        cursor = page.body.nextCursor;
      } while (cursor);
      const lost = accepted.filter((id) => !stored.has(id));
      expect(lost, `${lost.length} of ${accepted.length} accepted events lost`).toEqual([]);
      expect((await me.get('/v1/me/unread-count')).body.count).toBe(stored.size);
    } finally {
      await second.stop();
    }
  }, 180_000);
});

describe('kill -9 with deliveries queued', () => {
  it('delivers every one after a restart', async () => {
    const { startSmtp } = await import('@aviso/server/testing');
    // A slow mail server keeps the queue full when the hub dies.
    const smtp = await startSmtp({ delayMs: 100 });
    const dir = mkdtempSync(join(tmpdir(), 'aviso-crash-'));
    dirs.push(dir);
    const env = {
      DATABASE_URL: await own(testEnv.postgresUrl ?? join(dir, 'data')),
      AVISO_ADMIN_TOKEN: ADMIN_TOKEN,
      AVISO_SECRET_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      AVISO_DELIVERY_LEASE_MS: '2000',
    };
    try {
      const first = await startHubProcess(env);
      const t = await makeTenant((p, i) => fetch(`${first.url}${p}`, i));
      await t.api.put('/v1/recipients/deudor', { role: 'staff', branchIds: [], email: 'deudor@example.com' });
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) {
        // An overdue payment for someone offline goes out by email at once.
        const res = await t.api.post('/v1/events', {
          type: 'PAGO_VENCIDO',
          recipientIds: ['deudor'],
          data: { amount: 1000 + i, dueDate: '2026-11-01' },
        });
        expect(res.status).toBe(202);
        ids.push(res.body.id);
      }
      await first.stop('SIGKILL');
      const queuedAtKill = 25 - smtp.received.length;
      const second = await startHubProcess(env);
      try {
        const amounts = () =>
          new Set(smtp.received.map((m) => /10(\d\d),00/.exec(m.text ?? '')?.[1]).filter(Boolean));
        const start = Date.now();
        while (amounts().size < 25 && Date.now() - start < 60_000)
          await new Promise((r) => setTimeout(r, 200));
        expect(queuedAtKill, 'the kill should leave deliveries queued').toBeGreaterThan(0);
        expect(amounts().size).toBe(25);
        // Sends in flight at the kill (at most one worker batch) may go again: SMTP has no
        // idempotency, but a repeat carries the same Message-ID, so mail systems can drop it.
        expect(smtp.received.length - 25).toBeLessThanOrEqual(16);
        expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(25);
      } finally {
        await second.stop();
      }
    } finally {
      await smtp.close();
    }
  }, 180_000);
});
