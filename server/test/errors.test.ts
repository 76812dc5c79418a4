import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS, type ErrorCode, errorMessage } from '@aviso/protocol';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../src/lib/errors.ts';
import { type Call, client, createTestApp, makeTenant } from './harness.ts';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return Promise.resolve(e.name.endsWith('.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}

/** The body and status the catalog promises for a code. */
function expectCatalog(res: Call, code: ErrorCode) {
  expect(res.body.error.code).toBe(code);
  expect(res.status, code).toBe(ERRORS[code].status);
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message).not.toMatch(/\{\w+\}/);
}

describe('errors are raised by code, never by status number', () => {
  it('leaves no `new AppError(` outside lib/errors.ts', async () => {
    const offenders: string[] = [];
    const files = await sources(SRC);
    expect(files.length).toBeGreaterThan(50); // the scan sees the whole server, not an empty folder
    for (const file of files) {
      const rel = relative(SRC, file).split('\\').join('/');
      if (rel === 'lib/errors.ts') continue;
      const text = await readFile(file, 'utf8');
      for (const [i, line] of text.split('\n').entries()) {
        if (/new\s+AppError\s*\(/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('takes the status and message from the catalog', () => {
    const e = appError('CHANNEL_NOT_FOUND', { id: 'c-9' }, { details: { hint: 1 } });
    expect(e.status).toBe(404);
    expect(e.message).toBe(errorMessage('CHANNEL_NOT_FOUND', { id: 'c-9' }));
    expect(e.toJSON()).toEqual({
      error: { code: 'CHANNEL_NOT_FOUND', message: 'channel c-9 not found', details: { hint: 1 } },
    });
    expect(appError('INVALID_JSON').toJSON()).toEqual({
      error: { code: 'INVALID_JSON', message: 'the body is not valid JSON' },
    });
  });
});

describe('HTTP error answers follow the catalog', () => {
  let hub: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    hub = await createTestApp('memory:');
  });
  afterAll(() => hub.close());

  it('answers each failure with its code’s one status', async () => {
    const t = await makeTenant(hub.fetcher);
    const anon = client(hub.fetcher);
    expectCatalog(await anon.get('/v1/tenant'), 'UNAUTHORIZED');
    expectCatalog(await anon.get('/v1/nothing-here'), 'NOT_FOUND');
    expectCatalog(await t.api.raw('POST', '/v1/events', '{"type":'), 'INVALID_JSON');
    expectCatalog(await t.api.post('/v1/events', { type: 7 }), 'VALIDATION_FAILED');
    expectCatalog(await t.api.post('/v1/events', { type: 'NO_SUCH_TYPE' }), 'UNKNOWN_EVENT_TYPE');
    expectCatalog(await t.api.get('/v1/recipients/nobody'), 'RECIPIENT_NOT_FOUND');
    expectCatalog(await t.api.delete('/v1/branches/nowhere'), 'BRANCH_NOT_FOUND');
    expectCatalog(await t.api.put('/v1/event-types/MI_TIPO', { icon: 'bell' }), 'MESSAGE_REQUIRED');
    const missing = await t.api.get('/v1/recipients/nobody');
    expect(missing.body.error.message).toBe('recipient nobody not found');
  });

  it('refuses a widget token naming nobody with RECIPIENT_NOT_FOUND, as the tenant API does', async () => {
    const t = await makeTenant(hub.fetcher);
    const token = await new SignJWT({ tid: t.id, sub: 'ghost' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
      .sign(new TextEncoder().encode(t.widgetSecret));
    const res = await client(hub.fetcher, token).get('/v1/me/unread-count');
    expectCatalog(res, 'RECIPIENT_NOT_FOUND');
    expect(res.body.error.message).toBe('recipient ghost not found');
  });
});
