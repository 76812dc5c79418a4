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
  /** The HTML part, when the email has one (the hub's branded layout). */
  html: string | null;
}

/** Options of `MailCatcher`: it keeps the newest `keep` emails, and never those sent only to `ignore`. */
export interface MailCatcherOptions {
  keep?: number;
  ignore?: string;
}

/**
 * A tiny SMTP server that keeps what it receives in memory, so the demo can show the fallback
 * emails the hub sends without any real mailbox.
 */
export class MailCatcher {
  readonly mails: CaughtMail[] = [];
  /** How many emails to `ignore` arrived (the start-up check that the hub can reach the catcher). */
  ignored = 0;
  private next = 1;
  private readonly server: SMTPServer;

  constructor({ keep = 50, ignore }: MailCatcherOptions = {}) {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address);
            if (ignore && to.every((a) => a === ignore)) {
              this.ignored += 1;
              return callback();
            }
            this.mails.unshift({
              id: this.next++,
              at: new Date().toISOString(),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to,
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: mail.html || null,
            });
            this.mails.length = Math.min(this.mails.length, keep);
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    // A client that drops its connection must not take the demo down with an unhandled 'error'.
    this.server.on('error', () => {});
  }

  /** Listens on `host:port` (port 0: a free one); resolves to the port it got. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.server.off('error', reject);
        resolve((this.server.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
