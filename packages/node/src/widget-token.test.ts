import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../test/hub.ts';
import { Aviso, mintWidgetToken } from './index.ts';

describe('mintWidgetToken against a real hub', () => {
  let hub: Hub;
  let tenant: Awaited<ReturnType<Hub['tenant']>>;

  beforeAll(async () => {
    hub = await startHub();
    tenant = await hub.tenant();
  });
  afterAll(() => hub?.close());

  const unreadCount = async (token: string) => {
    const res = await fetch(`${hub.url}/v1/me/unread-count`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: (await res.json()) as { count?: number; error?: { code: string } } };
  };

  it('mints a token the hub accepts; its claims create the recipient, who sees their branch', async () => {
    const aviso = new Aviso({ url: hub.url, apiKey: tenant.apiKey });
    await aviso.publish({ type: 'NUEVA_VENTA', branchIds: ['norte'], entityId: 'V-1' });
    await aviso.publish({ type: 'NUEVA_VENTA', branchIds: ['sur'], entityId: 'V-2' });
    const token = mintWidgetToken({
      secret: tenant.widgetSecret,
      tenantId: tenant.id,
      recipientId: 'luisa',
      name: 'Luisa',
      role: 'staff',
      branchIds: ['norte'],
      email: 'luisa@example.com',
      locale: 'es',
    });
    await expect(unreadCount(token)).resolves.toEqual({ status: 200, body: { count: 1 } });
    await expect(aviso.recipients.get('luisa')).resolves.toMatchObject({
      name: 'Luisa',
      role: 'staff',
      branchIds: ['norte'],
      email: 'luisa@example.com',
    });
  });

  it('writes sub, tid, iat and exp, and nothing it was not given', () => {
    const now = new Date('2026-05-01T10:00:00Z');
    const token = mintWidgetToken({ secret: 's', tenantId: 't', recipientId: 'r', expiresIn: 600, now });
    const [header, claims] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p!, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toEqual({ sub: 'r', tid: 't', iat: 1777629600, exp: 1777630200 });
  });

  it('is refused when signed with another secret, or expired', async () => {
    const forged = mintWidgetToken({ secret: 'not-the-secret', tenantId: tenant.id, recipientId: 'luisa' });
    await expect(unreadCount(forged)).resolves.toMatchObject({
      status: 401,
      body: { error: { code: 'INVALID_TOKEN' } },
    });
    const expired = mintWidgetToken({
      secret: tenant.widgetSecret,
      tenantId: tenant.id,
      recipientId: 'luisa',
      expiresIn: 60,
      now: new Date(Date.now() - 3600_000),
    });
    await expect(unreadCount(expired)).resolves.toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_EXPIRED' } },
    });
  });
});
