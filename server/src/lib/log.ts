import pino, { type Logger } from 'pino';

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-])[A-Za-z0-9.-]*\.([A-Za-z]{2,})/g;
const PHONE = /\+?\d[\d\s-]{5,}(\d{2})/g;

/** Masks emails and phone numbers in a string: `j***@g***.com`, `***45`. */
export function maskPii(text: string): string {
  return text.replace(EMAIL, '$1***@$2***.$3').replace(PHONE, '***$1');
}

/** The server's logger: JSON lines, secrets redacted, contact addresses masked. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'aviso' },
    redact: {
      paths: [
        'apiKey',
        'token',
        'widgetSecret',
        'secret',
        'password',
        '*.apiKey',
        '*.token',
        '*.secret',
        '*.password',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskPii(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  });
}
