import { CHANNEL_KINDS, SECRET_MASK, WEBHOOK_EVENT_TYPES, WebhookSecretSchema } from '@aviso/protocol';
import { describe, expect, it } from 'vitest';
import { configFromForm, configProblems, initialConfig, KIND_FIELDS } from './channel-kinds.ts';

const keys = (kind: keyof typeof KIND_FIELDS, values: Record<string, unknown> = {}) =>
  KIND_FIELDS[kind].filter((f) => !f.when || f.when(values)).map((f) => f.key);

describe('channel forms drawn from the protocol schemas', () => {
  it('has a form for every kind, with the fields a tenant fills and none of the API-only ones', () => {
    for (const kind of CHANNEL_KINDS) expect(KIND_FIELDS[kind].length, kind).toBeGreaterThan(0);
    expect(keys('email')).toEqual([
      'host',
      'port',
      'secure',
      'requireTls',
      'user',
      'pass',
      'from',
      'replyTo',
    ]);
    expect(keys('sms')).toEqual(['accountSid', 'authToken', 'from']);
    expect(keys('telegram')).toEqual(['botToken', 'botUsername', 'webhookSecret', 'apiRoot']);
    expect(keys('webhook')).toEqual(['url', 'secret', 'events']);
  });

  it('marks required fields, secrets, defaults and examples as the schema has them', () => {
    const email = Object.fromEntries(KIND_FIELDS.email.map((f) => [f.key, f]));
    expect(email.host).toMatchObject({ input: 'text', required: true, placeholder: 'smtp.example.com' });
    expect(email.port).toMatchObject({ input: 'number', required: false, placeholder: '587' });
    expect(email.secure).toMatchObject({ input: 'checkbox', required: false });
    expect(email.pass).toMatchObject({ input: 'secret', required: false });
    const slack = KIND_FIELDS.slack[0];
    expect(slack).toMatchObject({ key: 'url', input: 'secret', required: true });
  });

  it('shows WhatsApp fields for the chosen provider, Twilio by default', () => {
    expect(initialConfig('whatsapp')).toEqual({ provider: 'twilio' });
    expect(initialConfig('email')).toEqual({});
    expect(KIND_FIELDS.whatsapp[0]).toMatchObject({ key: 'provider', options: ['twilio', 'meta', 'http'] });
    expect(keys('whatsapp', {})).toEqual(['provider', 'accountSid', 'authToken', 'from']);
    expect(keys('whatsapp', { provider: 'meta' })).toEqual([
      'provider',
      'phoneNumberId',
      'accessToken',
      'apiVersion',
      'appSecret',
      'verifyToken',
    ]);
    expect(keys('whatsapp', { provider: 'http' })).toEqual(['provider', 'url', 'apiKey', 'apiKeyHeader']);
  });

  it('offers the webhook events of the protocol and generates valid webhook secrets', () => {
    const [, secret, events] = KIND_FIELDS.webhook;
    expect(events?.options).toEqual(WEBHOOK_EVENT_TYPES);
    const generated = secret?.generate?.();
    expect(WebhookSecretSchema.safeParse(generated).success).toBe(true);
    expect(secret?.generate?.()).not.toBe(generated);
  });

  it('turns a filled form into a config the hub accepts, leaving out hidden and empty fields', () => {
    const config = configFromForm('whatsapp', {
      provider: 'meta',
      phoneNumberId: ' 1234567890 ',
      accessToken: 'EAAG…',
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      apiVersion: '',
    });
    expect(config).toEqual({ provider: 'meta', phoneNumberId: '1234567890', accessToken: 'EAAG…' });
    expect(configProblems('whatsapp', config)).toEqual([]);
    const email = configFromForm('email', {
      host: 'smtp.example.com',
      port: '2525',
      secure: false,
      from: 'a@b.co',
    });
    expect(email).toEqual({ host: 'smtp.example.com', port: 2525, from: 'a@b.co' });
    expect(configProblems('email', email)).toEqual([]);
  });

  it('says what the schema finds wrong, but never judges a masked secret', () => {
    const paths = (kind: keyof typeof KIND_FIELDS, config: Record<string, unknown>) =>
      configProblems(kind, config).map((i) => `${i.path.join('.')}:${i.code}`);
    // The webhook's "secret or secrets" rule is reported at the field the form shows.
    expect(paths('webhook', { url: 'https://example.com/hook' })).toEqual(['secret:invalid_type']);
    expect(paths('telegram', { botToken: 'nope' })).toEqual(['botToken:invalid_format']);
    expect(paths('email', { host: 'h', from: 'a@b.co', port: 70000 })).toEqual(['port:too_big']);
    expect(configProblems('telegram', { botToken: `${SECRET_MASK}1234` })).toEqual([]);
    expect(
      configProblems('webhook', { url: 'https://example.com/hook', secrets: [`${SECRET_MASK}abcd`] }),
    ).toEqual([]);
  });

  it('refuses an email sender that is not an address, alone or with a name', () => {
    const from = (value: string) => configProblems('email', { host: 'smtp.example.com', from: value });
    expect(from('esto no es un correo').map((i) => i.path.join('.'))).toEqual(['from']);
    expect(from('Tienda <ventas@tienda>')).toHaveLength(1);
    expect(from('ventas@tienda.mx')).toEqual([]);
    expect(from('Ferretería Central <avisos@ferreteria.mx>')).toEqual([]);
    expect(from('"Central, S.A." <avisos@ferreteria.mx>')).toEqual([]);
    expect(
      configProblems('email', { host: 'h', from: 'a@b.co', replyTo: 'nadie' }).map((i) => i.path[0]),
    ).toEqual(['replyTo']);
  });
});
