import { beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './env.ts';
import { client, makeTenant, type TestTenant, testApp } from './harness.ts';

// The costliest templates a tenant can save: one loop, as many outputs as allowed (199 nodes), under
// 4,000 characters. Over 32 KB of data (16,000 items) one render would run for seconds; over the
// largest range allowed, with no data at all, for a few hundred milliseconds. The budget stops both.
const WORST = `{% for i in items %}${'{{i|plus:1}}'.repeat(198)}{% endfor %}`;
const ITEMS = Array(16_000).fill(0);
const WORST_WITHOUT_DATA = `{% for i in (1..100) %}${'{{i|plus:1}}'.repeat(198)}{% endfor %}`;

describe.each(databaseBackends)('template budget on $name', ({ url }) => {
  const hub = testApp(url);
  let t: TestTenant;
  let owner: Awaited<ReturnType<TestTenant['person']>>;

  beforeAll(async () => {
    t = await makeTenant(hub.fetcher, { locale: 'es' });
    owner = await t.person('own', { role: 'owner', branchIds: [] });
  });

  it('refuses, when saved or previewed, templates that cannot be bounded', async () => {
    const refused = {
      'nested loops': '{% for a in items %}{% for b in items %}{{ b }}{% endfor %}{% endfor %}',
      'huge range': '{% for i in (1..100000000) %}x{% endfor %}',
      'range bound from data': '{% for i in (1..n) %}x{% endfor %}',
      include: '{% include "other" %}',
      'too many tags': '{{ a }}'.repeat(201),
      'sorting a list': '{{ items | sort | join }}',
    };
    for (const [what, source] of Object.entries(refused)) {
      const put = await t.api.put('/v1/event-types/COSTOSO', { message: { es: source }, category: 'sales' });
      expect(put.status, what).toBe(422);
      expect(put.body.error.code, what).toBe(
        what === 'sorting a list' ? 'TEMPLATE_ERROR' : 'TEMPLATE_TOO_COSTLY',
      );
      const title = await t.api.put('/v1/event-types/NUEVA_VENTA', { title: { en: source } });
      expect(title.status, what).toBe(422);
      const preview = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
        locale: 'es',
        message: source,
      });
      expect(preview.status, what).toBe(422);
      expect(preview.body.error.code, what).toMatch(/^TEMPLATE_(TOO_COSTLY|ERROR)$/);
    }
    // Longer than 4,000 characters: refused by the schema itself.
    const long = await t.api.put('/v1/event-types/COSTOSO', { message: { es: 'x'.repeat(4001) } });
    expect(long.status).toBe(400);
    expect(
      (await t.api.get('/v1/event-types')).body.items.some((x: { type: string }) => x.type === 'COSTOSO'),
    ).toBe(false);
    // What can be bounded is saved.
    for (const [type, source] of [
      ['PEOR', WORST],
      ['PEOR_SIN_DATOS', WORST_WITHOUT_DATA],
    ]) {
      const ok = await t.api.put(`/v1/event-types/${type}`, {
        category: 'sales',
        target: { kind: 'roles', roles: ['owner'] },
        title: { es: source },
        message: { es: source },
      });
      expect(ok.status).toBe(200);
    }
  });

  it('renders an event’s own title and message as literal text', async () => {
    const res = await t.api.post('/v1/events', {
      type: 'NUEVO_CLIENTE',
      title: '{{ 6 | times: 7 }} {% for i in (1..3) %}x{% endfor %}',
      message: '{{ customerName }}',
      data: { customerName: 'Ana' },
    });
    expect(res.status).toBe(202);
    const [n] = (await owner.me.get('/v1/me/notifications')).body.items;
    expect(n.title).toBe('{{ 6 | times: 7 }} {% for i in (1..3) %}x{% endfor %}');
    expect(n.message).toBe('{{ customerName }}');
  });

  it('falls back to plain text when a saved template runs over its budget, and says why', async () => {
    const res = await t.api.post('/v1/events', { type: 'PEOR', entityId: 'E-1', data: { items: ITEMS } });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('created');
    expect(res.body.templateFallback).toEqual([
      { field: 'message', code: 'TEMPLATE_TOO_COSTLY', reason: expect.stringMatching(/limit exceeded/) },
      { field: 'title', code: 'TEMPLATE_TOO_COSTLY', reason: expect.any(String) },
    ]);
    const [n] = (await owner.me.get('/v1/me/notifications')).body.items;
    expect(n).toMatchObject({ type: 'PEOR', message: 'PEOR E-1', title: null });
  });

  it('keeps /healthz fast while batches and single events render the worst template', async () => {
    // Small events, so that what /healthz waits for is the templates, not storing 32 KB of data each.
    const events = Array.from({ length: 1000 }, (_, i) => ({ type: 'PEOR_SIN_DATOS', entityId: `B-${i}` }));
    const latencies: number[] = [];
    let done = false;
    const started = performance.now();
    const batch = t.api.post('/v1/events/batch', { events });
    // Single events too: each request has a budget of its own, so each renders the template.
    const singles = Array.from({ length: 20 }, (_, i) =>
      t.api.post('/v1/events', { type: 'PEOR_SIN_DATOS', entityId: `S-${i}` }),
    );
    const all = Promise.all([batch, ...singles]).finally(() => {
      done = true;
    });
    const anon = client(hub.fetcher);
    while (!done) {
      const before = performance.now();
      const health = await anon.get('/healthz');
      latencies.push(performance.now() - before);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const [res, ...single] = await all;
    const elapsed = performance.now() - started;
    for (const one of single) {
      expect(one.status).toBe(202);
      expect(one.body.templateFallback?.[0]?.code).toBe('TEMPLATE_TOO_COSTLY');
    }
    expect(res.status).toBe(202);
    expect(res.body.results).toHaveLength(1000);
    // Rendered once, failed, remembered: every event of the batch carries that first failure. Rendered
    // again for each event, the batch's 500 ms would have run out ("the render time … is spent").
    const reasons = new Set<string>();
    for (const r of res.body.results) {
      expect(r.status).toBe('created');
      for (const f of r.templateFallback) reasons.add(f.reason);
    }
    expect([...reasons]).toEqual([expect.stringMatching(/^template render limit exceeded/)]);
    latencies.sort((a, b) => a - b);
    const max = latencies.at(-1)!;
    const p50 = latencies[Math.floor(latencies.length / 2)]!;
    console.info(
      `[template budget] ${url.startsWith('postgres') ? 'postgres' : 'pglite'}: 1,000-event batch and 20 single events of the worst template in ${elapsed.toFixed(0)} ms; /healthz ${latencies.length} probes, p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(1);
    // Generous for a shared machine; the real figures are printed above.
    expect(max).toBeLessThan(250);
  });
});
