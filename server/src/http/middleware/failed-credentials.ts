import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress, isWrongCredential, type Limiter, rateLimited } from '../../lib/limiter.ts';
import type { AppEnv } from '../context.ts';

/** The address of the client behind a request: the connection's peer, or a trusted proxy's hop. */
export function requestAddress(c: Context, trustedProxies: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return clientAddress(incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'), trustedProxies);
}

/**
 * Counts failed credentials (API key, operator token, widget token, hook secret or signature) per
 * client address. Once an address has spent its budget, every request from it that needs a
 * credential is answered 429 `RATE_LIMITED` before the credential is even looked at, until the
 * window ends: guessing stops there, and a valid credential from that address waits too.
 */
export function failedCredentials(limiter: Limiter, trustedProxies: number): MiddlewareHandler<AppEnv> {
  return async function failedCredentialsMiddleware(c, next) {
    const address = requestAddress(c, trustedProxies);
    const wait = limiter.blockedMs(address);
    if (wait > 0) throw rateLimited(wait);
    await next();
    if (isWrongCredential(c.error)) await limiter.consume(address);
  };
}
