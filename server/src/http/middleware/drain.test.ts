import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../context.ts';
import { Drain } from './drain.ts';

describe('Drain', () => {
  it('lets requests in flight finish, refuses new ones with 503 SHUTTING_DOWN, and says when it settled', async () => {
    const drain = new Drain();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const app = new Hono<AppEnv>();
    app.use('*', drain.middleware());
    app.get('/slow', async (c) => {
      await gate;
      return c.json({ done: true });
    });
    app.get('/fast', (c) => c.json({ done: true }));

    const slow = app.request('/slow');
    await new Promise((r) => setTimeout(r, 10));
    drain.begin();
    let settled = false;
    const waiting = drain.settled(5_000).then(() => {
      settled = true;
    });

    const refused = await app.request('/fast');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('connection')).toBe('close');
    const body = (await refused.json()) as { error: { code: string } };
    expect(body.error.code).toBe('SHUTTING_DOWN');

    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    release();
    expect((await slow).status).toBe(200);
    await waiting;
    expect(settled).toBe(true);
  });

  it('settles at once when nothing is in flight, and after its bound when a request hangs', async () => {
    const drain = new Drain();
    drain.begin();
    await drain.settled(10);
    const hanging = new Drain();
    const app = new Hono<AppEnv>();
    app.use('*', hanging.middleware());
    app.get('/never', () => new Promise<Response>(() => {}));
    void app.request('/never');
    await new Promise((r) => setTimeout(r, 10));
    hanging.begin();
    const started = Date.now();
    await hanging.settled(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });
});
