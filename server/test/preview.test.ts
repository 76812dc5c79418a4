import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeTenant, type TestTenant } from './harness.ts';

describe('POST /v1/event-types/:type/preview', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  let t: TestTenant;

  beforeAll(async () => {
    hub = await createTestApp('memory:');
    t = await makeTenant(hub.fetcher, { currency: 'MXN', timezone: 'America/Mexico_City' });
  });
  afterAll(() => hub.close());

  it('renders the catalog templates per locale, with formats and the deep link', async () => {
    const data = { branchName: 'Suc. Central', total: 1250.5, folio: 'V-1001' };
    const es = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
      locale: 'es',
      data,
      entityId: 'v-9',
    });
    expect(es.status).toBe(200);
    expect(es.body.link).toBe('#/ventas/v-9');
    expect(es.body.message).toMatch(/^Nueva venta de .*1250,50/);
    const en = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
      locale: 'en',
      data,
      entityId: 'v-9',
    });
    expect(en.status).toBe(200);
    expect(en.body.message).toMatch(/^New sale of .*1,250\.50/);
    expect(en.body.title).toBeTruthy();
  });

  it('previews unsaved drafts, and a saved override once stored', async () => {
    const draft = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
      locale: 'es',
      data: { folio: 'V-7' },
      title: 'Venta {{ folio }}',
      message: 'Hola {{ folio | downcase }} {{ nadie }}',
      link: '#/v/{folio}',
    });
    expect(draft.body).toMatchObject({ title: 'Venta V-7', message: 'Hola v-7', link: '#/v/V-7' });
    // What the draft could not fill is told, and the branded email shows what a mail would say.
    expect(draft.body.warnings).toEqual([{ field: 'message', code: 'MISSING_DATA', variables: ['nadie'] }]);
    expect(draft.body.email.subject).toBe('[Ferretería] Venta V-7');
    expect(draft.body.email.text).toContain('Hola v-7');

    await t.api.put('/v1/event-types/NUEVA_VENTA', { message: { en: 'Sold {{ folio }}' } });
    const saved = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
      locale: 'en-US',
      data: { folio: 'A' },
    });
    expect(saved.body.message).toBe('Sold A');
  });

  it('answers 422 for a template that does not render and 404 for an unknown type', async () => {
    const bad = await t.api.post('/v1/event-types/NUEVA_VENTA/preview', {
      locale: 'es',
      message: '{{ x | nope }}',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('TEMPLATE_ERROR');
    const unknown = await t.api.post('/v1/event-types/NO_EXISTE/preview', { locale: 'es' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const anon = await hub.fetcher('/v1/event-types/NUEVA_VENTA/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"locale":"es"}',
    });
    expect(anon.status).toBe(401);
  });
});
