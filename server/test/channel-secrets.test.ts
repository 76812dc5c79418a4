import { beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '../src/channels/index.ts';
import { databaseBackends } from './env.ts';
import { makeTenant, type TestTenant, testApp } from './harness.ts';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const OTHER_SID = `AC${'fedcba9876543210'.repeat(2)}`;
const BOT = '123456:AAE_telegram_bot_token_value_1234';

/**
 * Per kind: a channel with secrets, the changes of a destination or identity field that must make
 * every secret be typed again, and the secret fields that then must be typed.
 */
const CASES = [
  {
    kind: 'email',
    config: {
      host: 'smtp.example.com',
      port: 587,
      user: 'mailer',
      pass: 'sm7p-pa55',
      from: 'Aviso <a@aviso.test>',
    },
    changes: [{ host: 'smtp.evil.test' }, { port: 2525 }, { user: 'someone-else' }, { secure: true }],
    secrets: ['config.pass'],
  },
  {
    kind: 'webhook',
    config: {
      url: 'https://crm.example.com/hooks',
      secret: newWebhookSecret(),
      headers: { 'X-Gateway-Key': 'gateway-key-0123456789-zyxw' },
    },
    changes: [{ url: 'https://collector.evil.test/steal' }],
    secrets: ['config.secret', 'config.headers'],
  },
  {
    kind: 'telegram',
    config: { botToken: BOT, webhookSecret: 'tg-hook', botUsername: 'FerreBot' },
    changes: [{ apiRoot: 'https://telegram.evil.test' }, { botUsername: 'OtherBot' }],
    secrets: ['config.botToken', 'config.webhookSecret'],
  },
  {
    kind: 'whatsapp',
    config: {
      provider: 'meta',
      phoneNumberId: '106',
      accessToken: 'EAAG-access-token-0123456789',
      appSecret: 'app-secret',
    },
    changes: [{ apiRoot: 'https://graph.evil.test' }, { phoneNumberId: '107' }],
    secrets: ['config.accessToken', 'config.appSecret'],
  },
  {
    kind: 'whatsapp',
    config: { provider: 'http', url: 'https://gateway.example.com/send', apiKey: 'gw-key-0123456789abcdef' },
    changes: [{ url: 'https://gateway.evil.test/send' }],
    secrets: ['config.apiKey'],
  },
  {
    kind: 'whatsapp',
    config: {
      provider: 'twilio',
      accountSid: SID,
      authToken: 'twilio-auth-token-0123456',
      from: '+14155238886',
    },
    changes: [{ apiBase: 'https://twilio.evil.test' }, { accountSid: OTHER_SID }, { region: 'au1' }],
    secrets: ['config.authToken'],
  },
  {
    kind: 'sms',
    config: { accountSid: SID, authToken: 'twilio-auth-token-0123456', from: '+15005550006' },
    changes: [{ apiBase: 'https://twilio.evil.test' }, { accountSid: OTHER_SID }, { edge: 'sydney' }],
    secrets: ['config.authToken'],
  },
] as const;

describe.each(databaseBackends)(
  'a stored secret never follows a changed destination, on $name',
  ({ url }) => {
    const hub = testApp(url);
    let t: TestTenant;
    beforeAll(async () => {
      t = await makeTenant(hub.fetcher);
    });

    const stored = async (id: string) => (await hub.store.forTenant(t.id).channels.get(id))!.config;

    it.each(CASES.map((c) => [`${c.kind} ${'provider' in c.config ? c.config.provider : ''}`, c] as const))(
      '%s: a masked secret sent back with a changed destination is 422 SECRET_REQUIRED',
      async (_name, c) => {
        const created = await t.api.post('/v1/channels', { kind: c.kind, name: 'x', config: c.config });
        expect(created.status).toBe(201);
        const { id, config: read } = created.body;
        const before = await stored(id);

        for (const change of c.changes) {
          const res = await t.api.patch(`/v1/channels/${id}`, { config: { ...read, ...change } });
          expect(res.status, JSON.stringify(change)).toBe(422);
          expect(res.body.error.code).toBe('SECRET_REQUIRED');
          const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
          expect(paths).toEqual([...c.secrets].sort());
          expect(res.body.error.message).toContain(`config.${Object.keys(change)[0]}`);
          expect(await stored(id)).toEqual(before);
        }

        // Unchanged destinations: the masked secrets keep their stored values.
        const same = await t.api.patch(`/v1/channels/${id}`, { name: 'renamed', config: read });
        expect(same.status).toBe(200);
        expect(await stored(id)).toEqual(before);

        // Typed again, the change goes through with the new values.
        const typed = Object.fromEntries(
          c.secrets.map((p) => {
            const field = p.slice('config.'.length);
            const value = (c.config as Record<string, unknown>)[field];
            return [field, field === 'secret' ? newWebhookSecret() : value];
          }),
        );
        const change = c.changes[0];
        const retyped = await t.api.patch(`/v1/channels/${id}`, { config: { ...read, ...change, ...typed } });
        expect(retyped.status).toBe(200);
        expect(await stored(id)).toMatchObject({ ...change, ...typed });
      },
    );

    it('a destination change that drops the secrets, or a change of anything else, needs nothing typed', async () => {
      const created = await t.api.post('/v1/channels', { kind: 'email', name: 'x', config: CASES[0].config });
      const { id, config: read } = created.body;
      const from = await t.api.patch(`/v1/channels/${id}`, {
        config: { ...read, from: 'Otro <o@aviso.test>' },
      });
      expect(from.status).toBe(200);
      expect((await stored(id)).pass).toBe('sm7p-pa55');
      const { pass: _, ...withoutPass } = read;
      const moved = await t.api.patch(`/v1/channels/${id}`, {
        config: { ...withoutPass, host: 'smtp.other.test' },
      });
      expect(moved.status).toBe(200);
      expect(await stored(id)).not.toHaveProperty('pass');
    });
  },
);
