import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EgressPolicy } from '../lib/egress.ts';
import { MAX_REPLY_BYTES, ProviderHttp, shortCode } from './http.ts';
import { failure, localHttp, standIn } from './testing.ts';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function client(http = localHttp({ timeoutMs: 2000 })) {
  closers.push(() => http.close());
  return http;
}

describe('ProviderHttp', () => {
  it('reads at most 64 KiB of an answer, however much the server sends', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // 16 MiB: far more than anything a provider needs to say.
      let left = 16;
      const more = () => {
        while (left > 0 && res.write(chunk)) left--;
        if (left > 0) res.once('drain', more);
        else res.end();
      };
      more();
    }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    const reply = await client().post(`http://127.0.0.1:${port}/big`, {});
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBe(MAX_REPLY_BYTES);
    expect(reply.json).toBeUndefined();
  });

  it('returns a redirect as it is, without calling its Location', async () => {
    const target = await standIn(() => ({ status: 200 }));
    const redirector = await standIn(() => ({ status: 301, headers: { location: `${target.url}/x` } }));
    closers.push(target.close, redirector.close);
    const reply = await client().post(`${redirector.url}/hook`, { a: 1 });
    expect(reply.status).toBe(301);
    expect(reply.headers.get('location')).toBe(`${target.url}/x`);
    expect(target.requests).toHaveLength(0);
  });

  it('refuses an internal literal before connecting, in any notation, and a name resolving inside', async () => {
    const hook = await standIn(() => ({ status: 200 }));
    closers.push(hook.close);
    const port = new URL(hook.url).port;
    const strict = client(
      new ProviderHttp({
        egress: new EgressPolicy({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] }),
      }),
    );
    for (const host of [
      '127.0.0.1',
      '2130706433',
      '0x7f.0.0.1',
      '[::ffff:127.0.0.1]',
      '[::1]',
      'sneaky.test',
    ]) {
      const err = await failure(strict.post(`http://${host}:${port}/x`, {}));
      expect(err, host).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', retryable: false });
    }
    expect(hook.requests).toHaveLength(0);
  });

  it('times out a silent provider as a retryable TIMEOUT', async () => {
    const slow = await standIn(() => ({ status: 200, delayMs: 1000 }));
    closers.push(slow.close);
    const err = await failure(client(localHttp({ timeoutMs: 100 })).post(slow.url, {}));
    expect(err).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('refuses what is not an http(s) URL as a configuration error', async () => {
    for (const url of ['not a url', 'file:///etc/passwd', 'gopher://127.0.0.1/']) {
      expect(await failure(client().post(url, {}))).toMatchObject({
        code: 'INVALID_CONFIG',
        retryable: false,
      });
    }
  });
});

describe('shortCode', () => {
  it('keeps a provider code and drops free text', () => {
    expect(shortCode('no_service')).toBe('no_service');
    expect(shortCode(131026)).toBe('131026');
    expect(shortCode('The token <b>abc</b> is invalid')).toBeUndefined();
    expect(shortCode('x'.repeat(65))).toBeUndefined();
    expect(shortCode({ code: 1 })).toBeUndefined();
  });
});
