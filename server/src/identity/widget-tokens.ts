import { type WidgetClaims, WidgetClaimsSchema } from '@aviso/protocol';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import type { RecipientRow, TenantRow } from '../db/rows.ts';
import type { Store, TenantStore } from '../db/store.ts';
import { fail } from '../lib/errors.ts';
import { type SecretBox, widgetSecretAt } from '../lib/secrets.ts';

/** Who a valid widget token speaks for. */
export interface WidgetSession {
  tenant: TenantRow;
  store: TenantStore;
  recipient: RecipientRow;
  claims: WidgetClaims;
}

const encoder = new TextEncoder();
const DEFAULT_TTL_S = 12 * 3600;

/** Mints and verifies widget tokens: HS256 JWTs signed with each tenant's `widgetSecret`. */
export class WidgetTokens {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  // Opening a sealed secret costs an AES decryption: keep the opened key per sealed value.
  private readonly keys = new Map<string, Uint8Array>();

  secretOf(tenant: TenantRow): Uint8Array {
    let key = this.keys.get(tenant.widgetSecretEnc);
    if (!key) {
      if (this.keys.size >= 10_000) this.keys.clear();
      key = encoder.encode(this.box.decrypt(tenant.widgetSecretEnc, widgetSecretAt(tenant.id)));
      this.keys.set(tenant.widgetSecretEnc, key);
    }
    return key;
  }

  async mint(tenant: TenantRow, recipientId: string, expiresIn = DEFAULT_TTL_S) {
    const exp = Math.floor(Date.now() / 1000) + expiresIn;
    const token = await new SignJWT({ tid: tenant.id })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(recipientId)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.secretOf(tenant));
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Verifies a token and returns its recipient, created or refreshed from the token's claims. */
  async verify(token: string | undefined): Promise<WidgetSession> {
    if (!token) fail('UNAUTHORIZED', { credential: 'widget token' });
    let tid: unknown;
    try {
      tid = decodeJwt(token).tid;
    } catch {
      fail('INVALID_TOKEN', { reason: 'it is malformed' });
    }
    const tenant = typeof tid === 'string' ? await this.store.tenants.get(tid) : undefined;
    if (!tenant) fail('INVALID_TOKEN', { reason: 'it names no known tenant' });
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.secretOf(tenant), { algorithms: ['HS256'] }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) fail('TOKEN_EXPIRED');
      fail('INVALID_TOKEN', { reason: 'its signature or claims are wrong' });
    }
    const parsed = WidgetClaimsSchema.safeParse(payload);
    if (!parsed.success) fail('INVALID_TOKEN', { reason: 'its claims are not valid' });
    const claims = parsed.data;
    const store = this.store.forTenant(tenant.id);
    const fromClaims = Object.fromEntries(
      (['name', 'role', 'branchIds', 'email', 'locale'] as const)
        .filter((k) => claims[k] !== undefined)
        .map((k) => [k, claims[k]]),
    );
    const recipient = Object.keys(fromClaims).length
      ? await store.recipients.applyClaims(claims.sub, fromClaims)
      : await store.recipients.get(claims.sub);
    if (!recipient) fail('RECIPIENT_NOT_FOUND', { id: claims.sub });
    return { tenant, store, recipient, claims };
  }
}
