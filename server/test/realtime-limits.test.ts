import { SOCKET_PATH } from '@aviso/protocol';
import { io } from 'socket.io-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, testNode } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const POS = 'https://pos.example.com';

/** The error code a refused connection carries, or 'connected'. */
const codeOf = (url: string, token: string, headers: Record<string, string> = {}) =>
  new Promise<string | undefined>((resolve) => {
    const socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
    });
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve(err.data?.code ?? err.message);
    });
  });

describe('socket limits', () => {
  const hub = testNode({
    corsOrigins: [POS],
    trustProxy: 1,
    limits: {
      socketsPerPerson: 2,
      person: { points: 3, durationS: 60 },
      authFailures: { points: 2, durationS: 60 },
    },
  });
  let t: TestTenant;

  beforeAll(async () => {
    t = await makeTenant(hub.fetcher);
  });

  it('refuses a person’s socket past the cap with TOO_MANY_CONNECTIONS, keeping the older ones', async () => {
    const ana = await t.person('cap-ana', { role: 'staff', branchIds: ['C'] });
    const first = await connect(hub.node.url, { token: ana.token });
    const second = await connect(hub.node.url, { token: ana.token });
    expect(await codeOf(hub.node.url, ana.token)).toBe('TOO_MANY_CONNECTIONS');
    // Someone else is not affected.
    const bea = await t.person('cap-bea', { role: 'staff', branchIds: ['C'] });
    expect(await codeOf(hub.node.url, bea.token)).toBe('connected');

    // The two older sockets are still live.
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'C', total: 1 } });
    await until(() => first.received.length === 1 && second.received.length === 1, 'the sale on both');

    // Closing one makes room for a new one.
    first.close();
    await settle(100);
    const third = await connect(hub.node.url, { token: ana.token });
    expect(third.connected).toBe(true);
    second.close();
    third.close();
  });

  it('limits socket events per person, sharing the budget with the widget routes', async () => {
    const cam = await t.person('ev-cam', { role: 'staff', branchIds: [] });
    const s = await connect(hub.node.url, { token: cam.token });
    const readAll = () => s.timeout(2_000).emitWithAck('read-all');
    expect(await readAll()).toMatchObject({ ok: true });
    expect(await readAll()).toMatchObject({ ok: true });
    expect((await cam.me.get('/v1/me/unread-count')).status).toBe(200);
    const refused = await readAll();
    expect(refused).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await cam.me.get('/v1/me/unread-count')).status).toBe(429);
    // The socket stays open; another person is not limited.
    expect(s.connected).toBe(true);
    const dan = await t.person('ev-dan', { role: 'staff', branchIds: [] });
    const other = await connect(hub.node.url, { token: dan.token });
    expect(await other.timeout(2_000).emitWithAck('read-all')).toMatchObject({ ok: true });
    s.close();
    other.close();
  });

  it('counts wrong tokens per client address, then refuses that address before checking its token', async () => {
    const eva = await t.person('auth-eva', { role: 'staff', branchIds: [] });
    const attacker = { 'x-forwarded-for': '203.0.113.50' };
    expect(await codeOf(hub.node.url, 'not-a-jwt', attacker)).toBe('INVALID_TOKEN');
    expect(await codeOf(hub.node.url, '', attacker)).toBe('UNAUTHORIZED');
    expect(await codeOf(hub.node.url, eva.token, attacker)).toBe('RATE_LIMITED');
    // The address is refused on the HTTP API too, and no other address is.
    const res = await hub.fetcher('/v1/me/unread-count', {
      headers: { authorization: `Bearer ${eva.token}`, ...attacker },
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(await codeOf(hub.node.url, eva.token, { 'x-forwarded-for': '198.51.100.50' })).toBe('connected');
  });

  describe('the handshake’s Origin', () => {
    const handshake = (origin?: string) =>
      fetch(`${hub.node.url}${SOCKET_PATH}/?EIO=4&transport=polling`, {
        headers: origin ? { origin } : {},
      });

    it('answers long-polling from an allowed origin, without allowing credentials', async () => {
      const res = await handshake(POS);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(POS);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      await res.text();
    });

    it('refuses long-polling and WebSocket handshakes from any other origin', async () => {
      const res = await handshake('https://evil.example');
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      await res.text();
      const ana = await t.person('origin-ana', { role: 'staff', branchIds: [] });
      expect(await codeOf(hub.node.url, ana.token, { origin: 'https://evil.example' })).not.toBe('connected');
      expect(await codeOf(hub.node.url, ana.token, { origin: POS })).toBe('connected');
      // The hub's own pages (same origin) and programs that send no Origin are let in.
      expect(await codeOf(hub.node.url, ana.token, { origin: hub.node.url })).toBe('connected');
      expect(await codeOf(hub.node.url, ana.token)).toBe('connected');
    });
  });
});
