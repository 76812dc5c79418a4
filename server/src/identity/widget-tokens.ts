import { webcrypto } from 'node:crypto';
import { type WidgetClaims, WidgetClaimsSchema } from '@aviso/protocol';
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import type { RecipientRow, TenantRow } from '../db/rows.ts';
import type { Store, TenantStore } from '../db/store.ts';
import type { Broadcaster } from '../inbox/broadcaster.ts';
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
type CryptoKey = webcrypto.CryptoKey;
const DEFAULT_TTL_S = 12 * 3600;
/** How far in the future a token's `iat` may be (clocks of host and hub differ a little). */
const MAX_SKEW_MS = 5 * 60_000;
const PROFILE_CLAIMS = ['name', 'role', 'branchIds', 'email', 'locale'] as const;

/** Mints and verifies widget tokens: HS256 JWTs signed with each tenant's `widgetSecret`. */
export class WidgetTokens {
  /** `broadcaster` moves a person's live sockets when a token's claims change their rooms. */
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly broadcaster?: Pick<Broadcaster, 'recipientChanged'>,
  ) {}

  // Opening a sealed secret costs an AES decryption, and jose imports a raw secret for HMAC again on
  // every verification: keep the opened secret, and its imported key, per sealed value.
  private readonly keys = new Map<string, { raw: Uint8Array; verifier?: Promise<CryptoKey> }>();

  private opened(sealed: string, tenantId: string) {
    let key = this.keys.get(sealed);
    if (!key) {
      if (this.keys.size >= 10_000) this.keys.clear();
      key = { raw: encoder.encode(this.box.decrypt(sealed, widgetSecretAt(tenantId))) };
      this.keys.set(sealed, key);
    }
    return key;
  }

  private verifier(sealed: string, tenantId: string): Promise<CryptoKey> {
    const key = this.opened(sealed, tenantId);
    key.verifier ??= webcrypto.subtle.importKey('raw', key.raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'verify',
    ]);
    return key.verifier;
  }

  secretOf(tenant: TenantRow): Uint8Array {
    return this.opened(tenant.widgetSecretEnc, tenant.id).raw;
  }

  /** The keys a token may be signed with now: the current one, and the previous during a rotation's grace. */
  private verifiersOf(tenant: TenantRow): Promise<CryptoKey>[] {
    const { previousWidgetSecretEnc: previous, previousWidgetSecretUntil: until } = tenant;
    const current = this.verifier(tenant.widgetSecretEnc, tenant.id);
    return previous && until && until.getTime() > Date.now()
      ? [current, this.verifier(previous, tenant.id)]
      : [current];
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
    let sub: unknown;
    try {
      ({ tid, sub } = decodeJwt(token));
    } catch {
      fail('INVALID_TOKEN', { reason: 'it is malformed' });
    }
    // The person is read with the tenant, before the signature is checked: a read, used only once
    // the token proves to be the tenant's.
    const found =
      typeof tid === 'string'
        ? await this.store.tenants.withRecipient(tid, typeof sub === 'string' ? sub : '')
        : undefined;
    if (!found) fail('INVALID_TOKEN', { reason: 'it names no known tenant' });
    const { tenant } = found;
    let payload: unknown;
    const secrets = this.verifiersOf(tenant);
    for (const [i, secret] of secrets.entries()) {
      try {
        ({ payload } = await jwtVerify(token, await secret, { algorithms: ['HS256'] }));
        break;
      } catch (err) {
        // Expiry is checked after the signature: this secret signed it.
        if (err instanceof errors.JWTExpired) fail('TOKEN_EXPIRED');
        if (i === secrets.length - 1) fail('INVALID_TOKEN', { reason: 'its signature or claims are wrong' });
      }
    }
    const parsed = WidgetClaimsSchema.safeParse(payload);
    if (!parsed.success) fail('INVALID_TOKEN', { reason: 'its claims are not valid' });
    const claims = parsed.data;
    const issuedMs = claims.iat === undefined ? undefined : claims.iat * 1000;
    const fromClaims = Object.fromEntries(
      PROFILE_CLAIMS.filter((k) => claims[k] !== undefined).map((k) => [k, claims[k]]),
    );
    const hasClaims = Object.keys(fromClaims).length > 0;
    // Claims are only ordered against changes made through the API by when they were issued.
    if (hasClaims && issuedMs === undefined) {
      fail('INVALID_TOKEN', { reason: 'a token with profile claims needs its issue time (iat)' });
    }
    if (issuedMs !== undefined && issuedMs > Date.now() + MAX_SKEW_MS) {
      fail('INVALID_TOKEN', { reason: 'its issue time (iat) is in the future' });
    }
    const store = this.store.forTenant(tenant.id);
    let recipient = claims.sub === sub ? found.recipient : await store.recipients.get(claims.sub);
    const validAfter = recipient?.tokensValidAfter?.getTime();
    if (validAfter !== undefined && (issuedMs === undefined || issuedMs < validAfter)) {
      fail('INVALID_TOKEN', { reason: 'it was revoked' });
    }
    if (hasClaims) {
      const applied = await store.recipients.applyClaims(claims.sub, fromClaims, new Date(issuedMs!), {
        row: recipient,
      });
      recipient = applied.row;
      if (applied.before) this.broadcaster?.recipientChanged(tenant.id, applied.before, applied.row);
    }
    if (!recipient) fail('RECIPIENT_NOT_FOUND', { id: claims.sub });
    return { tenant, store, recipient, claims };
  }
}
