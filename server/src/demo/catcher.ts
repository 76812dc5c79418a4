import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email the catcher received. */
export interface CaughtMail {
  id: number;
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Options of `MailCatcher`; it keeps the newest `keep` emails in memory. */
export interface MailCatcherOptions {
  keep?: number;
}

/**
 * A tiny SMTP server on a free local port that keeps what it receives in memory, so the demo can
 * show the fallback emails the hub sends without any real mailbox.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  private next = 1;
  private readonly keep: number;
  private readonly server: SMTPServer;

  constructor({ keep = 50 }: MailCatcherOptions = {}) {
    this.keep = keep;
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.unshift({
              id: this.next++,
              at: new Date().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
            });
            this.mails.length = Math.min(this.mails.length, this.keep);
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    // A client that drops its connection must not take the hub down with an unhandled 'error'.
    this.server.on('error', () => {});
  }

  /** Listens on 127.0.0.1 and a free port; resolves to that port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
