import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serve } from '../test/hub.ts';
import { Aviso, AvisoApiError, AvisoConnectionError } from './index.ts';
import { retryAfterMs } from './retry.ts';

type Reply = (res: ServerResponse, req: IncomingMessage) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const accepted = json(202, { id: 'n-1', status: 'created' });
const hubError = (status: number, code: string, headers?: Record<string, string>) =>
  json(status, { error: { code, message: code.toLowerCase() } }, headers);

/** A stand-in hub answering each request with the next reply (the last one repeats). */
async function standIn(...replies: Reply[]) {
  const calls: { at: number; path: string; key?: string; body: string }[] = [];
  const server = await serve((req, res, body) => {
    const key = req.headers['idempotency-key'];
    calls.push({
      at: Date.now(),
      path: req.url ?? '',
      key: typeof key === 'string' ? key : undefined,
      body: `${body}`,
    });
    replies[Math.min(calls.length, replies.length) - 1]!(res, req);
  });
  closers.push(server.close);
  return { ...server, calls };
}
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const event = { type: 'NUEVA_VENTA', branchIds: ['A'] };

describe('retries', () => {
  it('waits as long as a 429’s Retry-After says, then retries with the same idempotency key', async () => {
    const hub = await standIn(hubError(429, 'RATE_LIMITED', { 'retry-after': '1' }), accepted);
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', retryBaseMs: 1 });
    await expect(aviso.publish(event)).resolves.toEqual({ id: 'n-1', status: 'created' });
    expect(hub.calls).toHaveLength(2);
    expect(hub.calls[1]!.at - hub.calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(hub.calls[1]!.key).toBe(hub.calls[0]!.key);
    expect(hub.calls[1]!.body).toBe(hub.calls[0]!.body);
  });

  it('backs off on 5xx and 408 and gives up after `retries`, with the last error', async () => {
    const hub = await standIn(
      hubError(503, 'UNAVAILABLE'),
      hubError(408, 'TIMEOUT'),
      hubError(502, 'BAD_GATEWAY'),
    );
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', retries: 2, retryBaseMs: 5 });
    const err = await aviso.publish(event).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AvisoApiError);
    expect(err).toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
    expect(hub.calls).toHaveLength(3);
    expect(new Set(hub.calls.map((c) => c.key)).size).toBe(1);
  });

  it('never retries another 4xx', async () => {
    for (const [status, code] of [
      [400, 'VALIDATION_FAILED'],
      [401, 'UNAUTHORIZED'],
      [409, 'IDEMPOTENCY_CONFLICT'],
      [422, 'UNKNOWN_EVENT_TYPE'],
    ] as const) {
      const hub = await standIn(hubError(status, code), accepted);
      const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', retryBaseMs: 1 });
      await expect(aviso.publish(event)).rejects.toMatchObject({ status, code });
      expect(hub.calls, `${status}`).toHaveLength(1);
    }
  });

  it('goes to the caller at once when Retry-After is longer than maxRetryAfterMs', async () => {
    const hub = await standIn(hubError(429, 'RATE_LIMITED', { 'retry-after': '120' }), accepted);
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', maxRetryAfterMs: 5_000 });
    await expect(aviso.publish(event)).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(hub.calls).toHaveLength(1);
  });

  it('times out a silent hub and retries; the error says TIMEOUT', async () => {
    const hub = await standIn(() => {});
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', timeoutMs: 100, retries: 1, retryBaseMs: 1 });
    const err = await aviso.publish(event).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AvisoConnectionError);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect(hub.calls).toHaveLength(2);
  });

  it('retries a refused connection, and says NETWORK_ERROR when it stays down', async () => {
    const gone = await serve(() => {});
    await gone.close();
    const aviso = new Aviso({ url: gone.url, apiKey: 'ak_x', retries: 2, retryBaseMs: 1 });
    await expect(aviso.branches.list()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('does not retry a POST without an idempotency key, whatever the failure', async () => {
    const hub = await standIn(hubError(503, 'UNAVAILABLE'), accepted);
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x', retryBaseMs: 1 });
    await expect(aviso.request('POST', '/v1/channels', { kind: 'email' })).rejects.toMatchObject({
      status: 503,
    });
    expect(hub.calls).toHaveLength(1);
  });

  it('stops waiting when the caller aborts', async () => {
    const hub = await standIn(hubError(429, 'RATE_LIMITED', { 'retry-after': '30' }));
    const aviso = new Aviso({ url: hub.url, apiKey: 'ak_x' });
    const started = Date.now();
    const call = aviso.publish(event, { signal: AbortSignal.timeout(200) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Fri, 01 May 2026 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Fri, 01 May 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
