import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { EgressPolicy } from '../../lib/egress.ts';
import { message, STAND_IN_HOST } from '../testing.ts';
import { SendError } from '../types.ts';
import { type EmailConfigInput, EmailConfigSchema, emailConfigFromUrl } from './config.ts';
import { EmailSender } from './sender.ts';

interface Received {
  mail: ParsedMail;
  from: string;
  to: string[];
  secure: boolean;
  user?: string;
}

async function startSmtp(options: Partial<SMTPServerOptions> = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({
          mail,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          secure: session.secure,
          ...(session.user ? { user: String(session.user) } : {}),
        });
        callback(null, 'Ok: queued as ABC123');
      }, callback);
    },
    ...options,
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function smtpError(message: string, responseCode: number) {
  return Object.assign(new Error(message), { responseCode });
}

const config = (port: number, extra: Partial<EmailConfigInput> = {}) =>
  EmailConfigSchema.parse({ host: '127.0.0.1', port, from: 'Aviso <alerts@aviso.test>', ...extra });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function sender(options = {}) {
  const s = new EmailSender({
    egress: new EgressPolicy({ allow: [STAND_IN_HOST] }),
    connectionTimeoutMs: 2000,
    ...options,
  });
  cleanups.push(() => s.close());
  return s;
}

async function smtp(options: Partial<SMTPServerOptions> = {}) {
  const s = await startSmtp(options);
  cleanups.push(s.close);
  return s;
}

describe('EmailSender', () => {
  it('delivers an HTML email with a text part, the tenant, the title and an absolute link', async () => {
    const { port, received } = await smtp();
    const result = await sender().send(message(), 'owner@example.com', config(port));

    expect(result.providerMessageId).toMatch(/^<[0-9a-f]{32}\.aviso@aviso\.test>$/);
    expect(result.providerStatus).toBe(250);
    expect(received).toHaveLength(1);
    const { mail, from, to } = received[0]!;
    expect(from).toBe('alerts@aviso.test');
    expect(to).toEqual(['owner@example.com']);
    expect(mail.messageId).toBe(result.providerMessageId);
    expect(mail.subject).toBe('[Ferretería Central] Stock bajo');
    expect(mail.text).toContain('Ferretería Central');
    expect(mail.text).toContain("El producto 'Martillo' tiene stock bajo (2 unidades) en tu sucursal.");
    expect(mail.text).toContain('Abrir: https://pos.example.com/#/inventarios?search=MRT-1');
    expect(mail.html).toContain('href="https://pos.example.com/#/inventarios?search=MRT-1"');
    expect(mail.headers.get('x-aviso-notification-id')).toBe('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
  });

  it('escapes HTML in every value of the email', async () => {
    const { port, received } = await smtp();
    await sender().send(
      message({
        tenantName: 'Tienda <b>Uno</b>',
        title: 'Hola "amigo"',
        text: '<script>alert(1)</script> & <img src=x onerror=alert(2)>',
        link: 'https://pos.example.com/#/x?a=1&b="2"',
      }),
      'owner@example.com',
      config(port),
    );
    const html = String(received[0]!.mail.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Uno');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Tienda &lt;b&gt;Uno&lt;/b&gt;');
    expect(html).toContain('href="https://pos.example.com/#/x?a=1&amp;b=%222%22"');
    // The text part carries the message as written.
    expect(received[0]!.mail.text).toContain('<script>alert(1)</script>');
  });

  it('drops a link that is not http(s) instead of making it a button', async () => {
    const { port, received } = await smtp();
    await sender().send(message({ link: 'javascript:alert(1)' }), 'owner@example.com', config(port));
    expect(String(received[0]!.mail.html)).not.toContain('javascript:');
    expect(received[0]!.mail.text).not.toContain('javascript:');
  });

  it('upgrades with STARTTLS and authenticates when the account asks for it', async () => {
    const { port, received } = await smtp({
      disabledCommands: [],
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 's3cret') callback(null, { user: 'mailer' });
        else callback(smtpError('Invalid username or password', 535));
      },
    });
    const s = sender({ tlsRejectUnauthorized: false });
    await s.send(
      message(),
      'owner@example.com',
      config(port, { requireTls: true, user: 'mailer', pass: 's3cret' }),
    );
    expect(received[0]).toMatchObject({ secure: true, user: 'mailer' });

    const err = await s
      .send(message(), 'owner@example.com', config(port, { requireTls: true, user: 'mailer', pass: 'wrong' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err).toMatchObject({ code: 'AUTH_FAILED', retryable: false, providerStatus: 535 });
    expect((err as Error).message).not.toContain('wrong');
  });

  it('treats a 4xx reply as retryable', async () => {
    const { port, received } = await smtp({
      onRcptTo(_address, _session, callback) {
        callback(smtpError('Mailbox busy, try later', 451));
      },
    });
    const err = await sender()
      .send(message(), 'owner@example.com', config(port))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SMTP_TEMPORARY', retryable: true, providerStatus: 451 });
    expect(received).toHaveLength(0);
  });

  it('treats a 421 at DATA as retryable', async () => {
    const { port } = await smtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('Service not available, closing channel', 421)));
      },
    });
    const err = await sender()
      .send(message(), 'owner@example.com', config(port))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, providerStatus: 421 });
  });

  it('treats a refused connection as retryable', async () => {
    const { port, close } = await startSmtp();
    await close();
    const err = await sender()
      .send(message(), 'owner@example.com', config(port))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONNECTION_FAILED', retryable: true });
  });

  it('treats a 550 for the recipient as permanent, and a 554 for the message too', async () => {
    const { port } = await smtp({
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('nobody')) callback(smtpError('No such user here', 550));
        else callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError('Message rejected as spam', 554)));
      },
    });
    const s = sender();
    const rcpt = await s.send(message(), 'nobody@example.com', config(port)).catch((e: unknown) => e);
    expect(rcpt).toMatchObject({ code: 'RECIPIENT_REJECTED', retryable: false, providerStatus: 550 });
    const data = await s.send(message(), 'owner@example.com', config(port)).catch((e: unknown) => e);
    expect(data).toMatchObject({ code: 'SMTP_REJECTED', retryable: false, providerStatus: 554 });
  });

  it('connects only to an allowed address, and still speaks TLS to the host name', async () => {
    const names: string[] = [];
    let connections = 0;
    const { port, received } = await smtp({
      secure: true,
      onConnect: (_session, callback) => {
        connections++;
        callback();
      },
      SNICallback: (name, callback) => {
        names.push(name);
        callback(null, undefined as never);
      },
    });
    const tls = { host: 'localhost', secure: true };
    const refused = await sender({ egress: new EgressPolicy(), tlsRejectUnauthorized: false })
      .send(message(), 'owner@example.com', config(port, tls))
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'DESTINATION_NOT_ALLOWED', retryable: false });
    expect(connections).toBe(0);

    const allowed = sender({
      egress: new EgressPolicy({ allow: ['localhost'] }),
      tlsRejectUnauthorized: false,
    });
    await allowed.send(message(), 'owner@example.com', config(port, tls));
    expect(received[0]).toMatchObject({ secure: true, to: ['owner@example.com'] });
    // The socket went to the checked address; TLS was asked for the configured name.
    expect(names).toEqual(['localhost']);
  });

  it('rejects an address that cannot be an email without connecting', async () => {
    const err = await sender()
      .send(message(), 'not-an-email', config(1))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_ADDRESS', retryable: false });
  });

  it('reads the default SMTP account from a URL', () => {
    expect(emailConfigFromUrl('smtps://u%40x:p%3Aw@mail.example.com', 'Aviso <a@b.co>')).toMatchObject({
      host: 'mail.example.com',
      port: 465,
      secure: true,
      user: 'u@x',
      pass: 'p:w',
    });
  });
});
