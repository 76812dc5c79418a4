import { createHmac } from 'node:crypto';
import type { RecipientInput } from './types.ts';

export interface MintWidgetTokenOptions {
  /** The tenant's `widgetSecret` (shown once, when the tenant was created). */
  secret: string;
  /** The tenant's id (`tid`). */
  tenantId: string;
  /** The host's user id (`sub`). */
  recipientId: string;
  /** Seconds until the token expires. */
  expiresIn?: number;
  /** Given claims create or refresh the recipient when the widget connects. */
  name?: string;
  role?: RecipientInput['role'];
  branchIds?: string[];
  email?: string;
  locale?: string;
  /** The clock, for tests. */
  now?: Date;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/**
 * Mints a widget token locally, without a call to the hub: an HS256 JWT signed with the tenant's
 * widget secret, with the claims the hub expects (`sub`, `tid`, `iat`, `exp` and the optional
 * recipient fields). Give it to the browser for `<aviso-bell token="…">`.
 */
export function mintWidgetToken({
  secret,
  tenantId,
  recipientId,
  expiresIn = 12 * 3600,
  now = new Date(),
  ...profile
}: MintWidgetTokenOptions): string {
  if (!secret) throw new TypeError('mintWidgetToken: secret is required');
  if (!tenantId || !recipientId)
    throw new TypeError('mintWidgetToken: tenantId and recipientId are required');
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) {
    throw new TypeError('mintWidgetToken: expiresIn is a positive number of seconds');
  }
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = { sub: recipientId, tid: tenantId, iat, exp: iat + expiresIn };
  for (const [key, value] of Object.entries(profile)) if (value !== undefined) claims[key] = value;
  const signed = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}
