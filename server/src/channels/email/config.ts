import { z } from 'zod';

/** An SMTP account. `secure: true` is implicit TLS (port 465); otherwise STARTTLS when offered, or always with `requireTls`. */
export const EmailConfigSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  secure: z.boolean().default(false),
  requireTls: z.boolean().default(false),
  user: z.string().min(1).optional(),
  pass: z.string().min(1).optional(),
  /** `Name <address>` or a bare address. */
  from: z.string().min(3),
  replyTo: z.string().min(3).optional(),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;
export type EmailConfigInput = z.input<typeof EmailConfigSchema>;

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
