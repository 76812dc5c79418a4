import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openapiTypes, TYPES_FILE } from '../scripts/openapi-types.ts';
import { droppingProxy, type Hub, startHub } from '../test/hub.ts';
import { Aviso, AvisoApiError, mintWidgetToken } from './index.ts';

describe('Aviso against a real hub', () => {
  let hub: Hub;
  let tenant: Awaited<ReturnType<Hub['tenant']>>;
  let aviso: Aviso;

  beforeAll(async () => {
    hub = await startHub();
    tenant = await hub.tenant();
    aviso = new Aviso({ url: hub.url, apiKey: tenant.apiKey, retryBaseMs: 10 });
  });
  afterAll(() => hub?.close());

  const proxies: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  /** The SDK through a proxy to the hub that loses the hub's first `drop` answers. */
  async function viaProxy(drop: number, apiKey = tenant.apiKey) {
    const proxy = await droppingProxy(hub.url, drop);
    proxies.push(proxy);
    return { seen: proxy.seen, sdk: new Aviso({ url: proxy.url, apiKey, retryBaseMs: 10 }) };
  }

  /** The notifications a staff member of `branch` sees, read through the widget API. */
  async function inboxOf(recipientId: string, branch: string) {
    const token = mintWidgetToken({
      secret: tenant.widgetSecret,
      tenantId: tenant.id,
      recipientId,
      role: 'staff',
      branchIds: [branch],
    });
    const res = await fetch(`${hub.url}/v1/me/notifications?filter=all`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { id: string; entityId: string | null }[] }).items;
  }

  it('publishes an event and answers a second call with the same key as a duplicate', async () => {
    const event = { type: 'NUEVA_VENTA', branchIds: ['A'], entityId: 'V-1', data: { total: 7 } };
    const first = await aviso.publish(event, { idempotencyKey: 'venta-V-1' });
    expect(first.status).toBe('created');
    const again = await aviso.publish(event, { idempotencyKey: 'venta-V-1' });
    expect(again).toMatchObject({ id: first.id, status: 'duplicate' });
    const other = await aviso.publish(event);
    expect(other.status).toBe('created');
    expect(other.id).not.toBe(first.id);
  });

  it('retries after a dropped answer with the same key, and the hub stores one notification', async () => {
    const { seen, sdk } = await viaProxy(1);
    const accepted = await sdk.publish({ type: 'NUEVA_VENTA', branchIds: ['B'], entityId: 'V-2' });
    expect(seen).toHaveLength(2);
    // The hub stored the first attempt (202) although its answer never reached the SDK.
    expect(seen.map((s) => s.answered)).toEqual([202, 202]);
    expect(seen[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]!.idempotencyKey).toBe(seen[0]!.idempotencyKey);
    expect(accepted.status).toBe('duplicate');
    const items = (await inboxOf('cajero-b', 'B')).filter((n) => n.entityId === 'V-2');
    expect(items.map((n) => n.id)).toEqual([accepted.id]);
  });

  it('publishes a batch with one result per event, and a retried batch stores nothing twice', async () => {
    const { seen, sdk } = await viaProxy(1);
    const { results } = await sdk.publishBatch([
      { type: 'NUEVA_VENTA', branchIds: ['C'], entityId: 'V-3' },
      { type: 'not a type' },
      { type: 'NUEVA_VENTA', branchIds: ['C'], entityId: 'V-4' },
    ]);
    expect(seen).toHaveLength(2);
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ status: 'duplicate' });
    expect(results[1]).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(results[2]).toMatchObject({ status: 'duplicate' });
    const items = await inboxOf('cajero-c', 'C');
    expect(items.map((n) => n.entityId).sort()).toEqual(['V-3', 'V-4']);
  });

  it('throws the hub’s stable error code and never retries a 4xx', async () => {
    const { seen, sdk } = await viaProxy(0);
    const err = await sdk.publish({ type: 'not a type' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AvisoApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((err as AvisoApiError).details).toBeTruthy();
    const wrongKey = await viaProxy(0, 'ak_wrong');
    await expect(wrongKey.sdk.branches.list()).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(seen).toHaveLength(1);
    expect(wrongKey.seen).toHaveLength(1);
  });

  it('manages branches, recipients, widget tokens and schedules', async () => {
    await expect(aviso.branches.put('centro', { name: 'Centro' })).resolves.toMatchObject({
      id: 'centro',
      name: 'Centro',
    });
    const branches = await aviso.branches.list();
    expect(branches.items.map((b) => b.id)).toContain('centro');
    const ana = await aviso.recipients.put('ana', { name: 'Ana', role: 'manager', branchIds: ['centro'] });
    expect(ana).toMatchObject({ id: 'ana', role: 'manager', branchIds: ['centro'] });
    await expect(aviso.recipients.get('ana')).resolves.toMatchObject({ name: 'Ana' });
    const { token } = await aviso.widgetTokens.create({ recipientId: 'ana', expiresIn: 600 });
    const count = await fetch(`${hub.url}/v1/me/unread-count`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(count.status).toBe(200);

    const dueAt = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const scheduled = await aviso.publish({
      type: 'NUEVA_VENTA',
      branchIds: ['centro'],
      dueAt,
      reminders: ['-24h', '-2h'],
      cancelKey: 'reserva-9',
    });
    expect(scheduled.status).toBe('scheduled');
    await expect(aviso.schedules.cancel('reserva-9')).resolves.toEqual({ cancelled: 2 });
    await expect(aviso.schedules.cancel('reserva-9')).rejects.toMatchObject({
      status: 404,
      code: 'SCHEDULE_NOT_FOUND',
    });

    await aviso.recipients.delete('ana');
    await expect(aviso.recipients.get('ana')).rejects.toMatchObject({ status: 404 });
  });

  it('has its types generated from this hub’s /openapi.json (src/openapi.d.ts is not stale)', async () => {
    const document = (await (await fetch(`${hub.url}/openapi.json`)).json()) as object;
    const stale = 'src/openapi.d.ts is stale: run `pnpm --filter @aviso/node openapi:types`';
    expect(readFileSync(TYPES_FILE, 'utf8'), stale).toBe(await openapiTypes(document));
  });
});
