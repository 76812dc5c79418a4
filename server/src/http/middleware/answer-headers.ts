import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { setAnswerHeader } from '../../lib/answer-header.ts';
import type { AppEnv } from '../context.ts';

type Header = readonly [name: string, value: string];

/**
 * What every answer carries, pages and API alike: hono's `secureHeaders` defaults, less
 * `Cross-Origin-Resource-Policy` (the API and the widget bundle are used from other origins; CORS
 * decides who may read them) and `Strict-Transport-Security` (TLS and HSTS belong to the
 * operator's proxy, which knows whether the hub is served over HTTPS), with framing denied.
 */
const common: Header[] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/** The hub's own pages (API docs, admin console): scripts, styles and calls from the hub only. */
const pageHeaders: Header[] = [
  ...common,
  [
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      // Swagger UI and the console's components set inline styles.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  ],
];

/** Everything else (JSON, the widget bundle): nothing in an answer may run, load or be framed. */
const apiHeaders: Header[] = [
  ...common,
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
];

const PAGES = ['/docs', '/admin'];
const isPage = (path: string) => PAGES.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * The headers of every answer, errors included, set before the route runs (`setAnswerHeader`):
 * security headers (a Content-Security-Policy with `frame-ancestors 'none'`,
 * `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`; the hub's pages get a policy that
 * lets their own scripts and styles run) and CORS (`Access-Control-Allow-Origin` for an allowed
 * origin, or `*`; `Vary: Origin` when the origins are a list). Preflights (`OPTIONS`) go to hono's
 * `cors`.
 *
 * Hono's own `secureHeaders` and `cors` write theirs through `c.res`, the answer the route made:
 * each answer then became a web `Response` with a web `Headers`, or a copy of one with a stream
 * for a body, and most requests, a host's backend publishing without an `Origin`, paid for it
 * (BENCHMARKS.md, items 13 and 28).
 */
export function answerHeaders(origins: string[] | '*'): MiddlewareHandler<AppEnv> {
  const preflight = cors({
    origin: origins,
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    maxAge: 600,
  });
  const allowed = new Set(origins === '*' ? [] : origins);
  return async function answerHeadersMiddleware(c, next) {
    for (const [name, value] of isPage(c.req.path) ? pageHeaders : apiHeaders)
      setAnswerHeader(c, name, value);
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    if (origins === '*') setAnswerHeader(c, 'Access-Control-Allow-Origin', '*');
    else {
      const origin = c.req.header('origin');
      if (origin && allowed.has(origin)) setAnswerHeader(c, 'Access-Control-Allow-Origin', origin);
      setAnswerHeader(c, 'Vary', 'Origin');
    }
    await next();
  };
}
