import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../context.ts';

/** What every answer carries, pages and API alike. */
const common = {
  // The API and the widget bundle are used from other origins (CORS decides who may read them).
  crossOriginResourcePolicy: false,
  // TLS and HSTS belong to the operator's proxy, which knows whether the hub is served over HTTPS.
  strictTransportSecurity: false,
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
  xContentTypeOptions: 'nosniff',
} as const;

/** The hub's own pages (API docs, admin console): scripts, styles and calls from the hub only. */
const pageHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Swagger UI and the console's components set inline styles.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** Everything else (JSON, the widget bundle): nothing in an answer may run, load or be framed. */
const apiHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});

const PAGES = ['/docs', '/admin'];
const isPage = (path: string) => PAGES.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * Security headers on every answer, from one place: a Content-Security-Policy (with
 * `frame-ancestors 'none'`), `X-Content-Type-Options`, `Referrer-Policy` and `X-Frame-Options`.
 * The pages the hub serves get a policy that lets their own scripts and styles run.
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeadersMiddleware(c, next) {
    return (isPage(c.req.path) ? pageHeaders : apiHeaders)(c, next);
  };
}
