import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives; `options` change how it answers
 * (e.g. an `onRcptTo` that refuses some addresses).
 */
export async function startSmtp({
  port = 0,
  delayMs = 0,
  ...options
}: { port?: number; delayMs?: number } & Partial<SMTPServerOptions> = {}) {
  const received: (ParsedMail & { to_: string[] })[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        setTimeout(() => {
          received.push(Object.assign(mail, { to_: session.envelope.rcptTo.map((r) => r.address) }));
          callback(null, 'Ok: queued');
        }, delayMs);
      }, callback);
    },
    ...options,
  });
  // A client killed mid-session resets its connection; that is the test's doing, not a failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.server.address() as AddressInfo).port;
  return {
    port: bound,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
