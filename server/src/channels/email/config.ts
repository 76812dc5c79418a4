import { type EmailConfig, EmailConfigSchema } from '@aviso/protocol';

export { type EmailConfig, type EmailConfigInput, EmailConfigSchema } from '@aviso/protocol';

/**
 * Builds an email config from an `smtp://user:pass@host:port` or `smtps://…` URL (the hub's
 * default SMTP for tenants that bring none).
 */
export function emailConfigFromUrl(url: string, from: string): EmailConfig {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  if (!secure && u.protocol !== 'smtp:') throw new Error('an SMTP URL starts with smtp:// or smtps://');
  return EmailConfigSchema.parse({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTls: u.searchParams.get('requireTls') === 'true',
    user: u.username ? decodeURIComponent(u.username) : undefined,
    pass: u.password ? decodeURIComponent(u.password) : undefined,
    from,
  });
}
