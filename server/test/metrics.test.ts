import { describe, expect, it } from 'vitest';
import { makeTenant, testNode } from './harness.ts';
import { connect, until } from './sockets.ts';

describe('GET /metrics', () => {
  const hub = testNode();

  it('counts requests by route pattern, notifications and live sockets, with no tenant data', async () => {
    const t = await makeTenant(hub.fetcher);
    const ana = await t.person('ana-42', { role: 'staff', branchIds: ['A'] });
    const socket = await connect(hub.node.url, { token: ana.token });
    await t.api.post('/v1/events', { type: 'NUEVA_VENTA', data: { branchId: 'A', total: 3 } });
    await until(() => socket.received.length === 1, 'the notification');
    await t.api.get('/v1/recipients/ana-42');
    const text = await (await fetch(`${hub.node.url}/metrics`)).text();
    expect(text).toMatch(/aviso_notifications_total 1\b/);
    expect(text).toMatch(/aviso_sockets 1\b/);
    expect(text).toContain('aviso_http_requests_total{method="POST",route="/v1/events",status="202"} 1');
    expect(text).toContain('route="/v1/recipients/:recipientId"');
    expect(text).toContain('aviso_process_cpu_seconds_total');
    expect(text).not.toContain('ana-42');
    expect(text).not.toContain(t.id);
    socket.close();
  });
});
