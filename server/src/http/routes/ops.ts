import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono, MiddlewareHandler } from 'hono';
import type { Database } from '../../db/client.ts';
import { fail } from '../../lib/errors.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { AppEnv } from '../context.ts';

/** How long `/readyz` waits for the database's answer. */
const READY_DEADLINE_MS = 800;

const SWAGGER_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'] as const;

function swaggerDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Aviso API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-init.js"></script></body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true });`;

/** Counts and times every request; registered before the routes so it sees them all. */
export function metricsMiddleware(metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async function recordRequest(c, next) {
    const started = performance.now();
    await next();
    // The route pattern, never the raw path: ids must not become label values.
    const route = c.req.routePath || 'unmatched';
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  };
}

/** Health, readiness and the browsable API docs (served from the package, no CDN). */
export function opsRoutes(app: Hono<AppEnv>, deps: { database: Database; metrics?: Metrics }) {
  const { metrics } = deps;
  if (metrics) {
    app.get('/metrics', async (c) =>
      c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
    );
  }
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Always answers within a second: a balancer's health check must never hang with the database.
  app.get('/readyz', async (c) => {
    const { database } = deps;
    const unavailable = () =>
      fail('DATABASE_UNAVAILABLE', { retryAfter: 1 }, { headers: { 'Retry-After': '1' } });
    if (!database.available()) unavailable();
    try {
      await database.ping(READY_DEADLINE_MS);
      return c.json({ ok: true, database: database.kind });
    } catch {
      unavailable();
    }
  });
  app.get('/docs', (c) => c.html(DOCS_HTML));
  app.get('/docs/swagger-ui-init.js', (c) => c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript' }));
  const cache = new Map<string, string>();
  for (const asset of SWAGGER_ASSETS) {
    app.get(`/docs/${asset}`, (c) => {
      let body = cache.get(asset);
      if (!body) {
        body = readFileSync(join(swaggerDir(), asset), 'utf8');
        cache.set(asset, body);
      }
      const type = asset.endsWith('.css') ? 'text/css' : 'text/javascript';
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
  }
}
