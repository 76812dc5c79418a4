import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { client, makeTenant, type TestTenant, testNode } from './harness.ts';
import { connect, settle, until } from './sockets.ts';

const seconds = () => Math.floor(Date.now() / 1000);
const DAY = 24 * 3600;

/** A host-minted widget token: claims, issued at `iat` (seconds; none when null), valid a day. */
const mint = (secret: string, claims: Record<string, unknown>, iat: number | null = seconds()) => {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(seconds() + DAY);
  if (iat !== null) jwt.setIssuedAt(iat);
  return jwt.sign(new TextEncoder().encode(secret));
};

/** The error code a refused connection carries, or 'connected' (the socket is closed again). */
const codeOf = (url: string, token: string) =>
  connect(url, { token }).then(
    (s) => {
      s.close();
      return 'connected';
    },
    (err: Error & { data?: { code: string } }) => err.data?.code,
  );

describe.each(databaseBackends)('widget identity on $name', ({ url }) => {
  const hub = testNode({ databaseUrl: url });
  let t: TestTenant;
  const sale = (branchId: string) =>
    t.api
      .post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId, total: 1 } })
      .then((r) => r.body.id as string);

  beforeAll(async () => {
    t = await makeTenant(hub.fetcher);
  });

  it('does not let a week-old owner token undo a demotion made through PUT /v1/recipients', async () => {
    const weekOld = await mint(
      t.widgetSecret,
      { sub: 'demoted', tid: t.id, role: 'owner', branchIds: [] },
      seconds() - 7 * DAY,
    );
    await t.api.put('/v1/recipients/demoted', { role: 'owner', branchIds: [] });
    await t.api.put('/v1/recipients/demoted', { role: 'staff', branchIds: ['D1'] });

    const s = await connect(hub.node.url, { token: weekOld });
    const own = await sale('D1');
    await sale('D2');
    await until(() => s.received.length >= 1, 'the sale at D1');
    await settle();
    expect(s.received.map((n) => n.id)).toEqual([own]);
    expect((await t.api.get('/v1/recipients/demoted')).body).toMatchObject({
      role: 'staff',
      branchIds: ['D1'],
    });
    // The same over HTTP: the token still authenticates, its stale claims are ignored.
    expect((await client(hub.fetcher, weekOld).get('/v1/me/unread-count')).status).toBe(200);
    expect((await t.api.get('/v1/recipients/demoted')).body.role).toBe('staff');
    s.close();
  });

  it('requires iat on a token with profile claims, and refuses one issued in the future', async () => {
    await t.api.put('/v1/recipients/plain', { role: 'staff', branchIds: [] });
    expect(
      await codeOf(
        hub.node.url,
        await mint(t.widgetSecret, { sub: 'plain', tid: t.id, role: 'owner' }, null),
      ),
    ).toBe('INVALID_TOKEN');
    const future = await mint(t.widgetSecret, { sub: 'plain', tid: t.id, role: 'owner' }, seconds() + 3600);
    expect((await client(hub.fetcher, future).get('/v1/me/unread-count')).body.error.code).toBe(
      'INVALID_TOKEN',
    );
    // A token without claims needs no iat.
    expect(await codeOf(hub.node.url, await mint(t.widgetSecret, { sub: 'plain', tid: t.id }, null))).toBe(
      'connected',
    );
    expect((await t.api.get('/v1/recipients/plain')).body.role).toBe('staff');
  });

  it('applies a newer token’s claims and moves the person’s live sockets to their new rooms', async () => {
    await t.api.put('/v1/recipients/mover', { role: 'staff', branchIds: ['M1'] });
    const s = await connect(hub.node.url, { token: await mint(t.widgetSecret, { sub: 'mover', tid: t.id }) });
    await until(() => s.counts.length > 0, 'the first count');
    // Issued after the PUT above (iat has whole seconds).
    const newer = await mint(t.widgetSecret, { sub: 'mover', tid: t.id, branchIds: ['M2'] }, seconds() + 2);
    expect((await client(hub.fetcher, newer).get('/v1/me/unread-count')).status).toBe(200);
    expect((await t.api.get('/v1/recipients/mover')).body.branchIds).toEqual(['M2']);
    const moved = await sale('M2');
    await sale('M1');
    await until(() => s.received.length >= 1, 'the sale at M2');
    await settle();
    expect(s.received.map((n) => n.id)).toEqual([moved]);
    // A change through the API after it wins again over the same token.
    await new Promise((r) => setTimeout(r, 2_100));
    await t.api.put('/v1/recipients/mover', { role: 'staff', branchIds: ['M3'] });
    expect((await client(hub.fetcher, newer).get('/v1/me/unread-count')).status).toBe(200);
    expect((await t.api.get('/v1/recipients/mover')).body.branchIds).toEqual(['M3']);
    s.close();
  });

  it('revokes a person’s tokens issued before now and closes their sockets', async () => {
    const ana = await t.person('revoked', { role: 'staff', branchIds: [] });
    const s = await connect(hub.node.url, { token: ana.token });
    const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
    const other = await t.person('untouched', { role: 'staff', branchIds: [] });
    const keeps = await connect(hub.node.url, { token: other.token });
    // Revocation works to the second: a token from an earlier second is refused.
    await new Promise((r) => setTimeout(r, 1_000));

    const res = await t.api.post('/v1/recipients/revoked/revoke-tokens');
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('revoked');
    expect(Date.parse(res.body.tokensValidAfter)).toBeLessThanOrEqual(Date.now());
    expect(await closed).toBe('io server disconnect');
    expect(await codeOf(hub.node.url, ana.token)).toBe('INVALID_TOKEN');
    expect((await ana.me.get('/v1/me/unread-count')).body.error.code).toBe('INVALID_TOKEN');
    // A token minted now works; the other person was not touched.
    const fresh = (await t.api.post('/v1/widget-tokens', { recipientId: 'revoked' })).body.token;
    expect(await codeOf(hub.node.url, fresh)).toBe('connected');
    expect(keeps.connected).toBe(true);
    keeps.close();
    expect((await t.api.post('/v1/recipients/nobody/revoke-tokens')).body.error.code).toBe(
      'RECIPIENT_NOT_FOUND',
    );
  });

  describe('POST /v1/widget-secret/rotate', () => {
    it('stops the old secret at once and closes the tenant’s sockets', async () => {
      const u = await makeTenant(hub.fetcher);
      const bob = await u.person('bob', { role: 'staff', branchIds: [] });
      const hostMinted = await mint(u.widgetSecret, { sub: 'bob', tid: u.id });
      const s = await connect(hub.node.url, { token: bob.token });
      const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
      // Another tenant's sockets stay.
      const other = await connect(hub.node.url, {
        token: (await t.person('bystander', { role: 'staff', branchIds: [] })).token,
      });

      const res = await u.api.post('/v1/widget-secret/rotate');
      expect(res.status).toBe(200);
      expect(res.body.widgetSecret).toMatch(/^wsec_/);
      expect(res.body.widgetSecret).not.toBe(u.widgetSecret);
      expect(res.body.previousValidUntil).toBeNull();
      expect(await closed).toBe('io server disconnect');
      expect(other.connected).toBe(true);
      other.close();

      for (const old of [bob.token, hostMinted]) {
        expect(await codeOf(hub.node.url, old)).toBe('INVALID_TOKEN');
        expect((await client(hub.fetcher, old).get('/v1/me/unread-count')).status).toBe(401);
      }
      // Tokens of the new secret work, minted by the hub at once or by the host.
      const minted = (await u.api.post('/v1/widget-tokens', { recipientId: 'bob' })).body.token;
      expect(await codeOf(hub.node.url, minted)).toBe('connected');
      expect(await codeOf(hub.node.url, await mint(res.body.widgetSecret, { sub: 'bob', tid: u.id }))).toBe(
        'connected',
      );
    });

    it('lets both secrets verify during a grace period', async () => {
      const u = await makeTenant(hub.fetcher);
      const cai = await u.person('cai', { role: 'staff', branchIds: [] });
      const s = await connect(hub.node.url, { token: cai.token });
      const res = await u.api.post('/v1/widget-secret/rotate', { graceSeconds: 2 });
      expect(res.status).toBe(200);
      const until = Date.parse(res.body.previousValidUntil);
      expect(until - Date.now()).toBeGreaterThan(1_000);
      expect(until - Date.now()).toBeLessThanOrEqual(2_000);
      await settle(100);
      expect(s.connected).toBe(true);
      expect((await cai.me.get('/v1/me/unread-count')).status).toBe(200);
      const fresh = await mint(res.body.widgetSecret, { sub: 'cai', tid: u.id });
      expect((await client(hub.fetcher, fresh).get('/v1/me/unread-count')).status).toBe(200);

      await new Promise((r) => setTimeout(r, until - Date.now() + 100));
      expect((await cai.me.get('/v1/me/unread-count')).body.error.code).toBe('INVALID_TOKEN');
      expect((await client(hub.fetcher, fresh).get('/v1/me/unread-count')).status).toBe(200);
      s.close();
    });

    it('refuses a grace period that is negative or longer than a week', async () => {
      for (const graceSeconds of [-1, 7 * DAY + 1, 1.5]) {
        const res = await t.api.post('/v1/widget-secret/rotate', { graceSeconds });
        expect(res.status, String(graceSeconds)).toBe(400);
      }
    });
  });
});
