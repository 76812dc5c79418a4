import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { TenantRow } from '../../db/rows.ts';
import type { Store } from '../../db/store.ts';
import type { WidgetTokens } from '../../identity/widget-tokens.ts';
import { fail } from '../../lib/errors.ts';
import type { AppEnv } from '../context.ts';

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Guards operator routes with `AVISO_ADMIN_TOKEN`. */
export function adminAuth(adminToken: string): MiddlewareHandler<AppEnv> {
  const expected = Buffer.from(adminToken);
  return async function adminAuthMiddleware(c, next) {
    const given = Buffer.from(bearer(c.req.header('authorization')) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      fail('UNAUTHORIZED', { credential: 'operator token' });
    }
    await next();
  };
}

export interface ApiKeyAuthOptions {
  /** How long a verified key is trusted before it is looked up again (a revoke takes this long). */
  cacheMs?: number;
}

/** Puts the tenant of a valid API key, and its scoped store, on the context. */
export function apiKeyAuth(
  store: Store,
  { cacheMs = 5_000 }: ApiKeyAuthOptions = {},
): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, { tenant: TenantRow; keyId: string; until: number }>();
  return async function apiKeyAuthMiddleware(c, next) {
    const key = bearer(c.req.header('authorization'));
    if (!key) fail('UNAUTHORIZED', { credential: 'API key ("Authorization: Bearer ak_…")' });
    let hit = cache.get(key);
    if (!hit || hit.until < Date.now()) {
      const found = key.startsWith('ak_') ? await store.tenants.byApiKey(key) : undefined;
      if (!found) {
        cache.delete(key);
        fail('UNAUTHORIZED', { credential: 'API key' });
      }
      if (cache.size > 10_000) cache.clear();
      // Looked up at least every `cacheMs` while in use: often enough for a last-used time.
      store.tenants.touchApiKey(found.keyId).catch(() => {});
      hit = { ...found, until: Date.now() + cacheMs };
      cache.set(key, hit);
    }
    c.set('tenant', hit.tenant);
    c.set('apiKeyId', hit.keyId);
    c.set('store', store.forTenant(hit.tenant.id));
    await next();
  };
}

/** Puts the tenant and recipient of a valid widget token on the context. */
export function widgetAuth(tokens: WidgetTokens): MiddlewareHandler<AppEnv> {
  return async function widgetAuthMiddleware(c, next) {
    const session = await tokens.verify(bearer(c.req.header('authorization')));
    c.set('tenant', session.tenant);
    c.set('store', session.store);
    c.set('recipient', session.recipient);
    await next();
  };
}
