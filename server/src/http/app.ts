import { OpenAPIHono } from '@hono/zod-openapi';
import { every } from 'hono/combine';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { type ChannelRegistry, createChannelRegistry } from '../channels/index.ts';
import type { Database } from '../db/client.ts';
import type { Store } from '../db/store.ts';
import type { WidgetTokens } from '../identity/widget-tokens.ts';
import type { Broadcaster } from '../inbox/broadcaster.ts';
import type { Inbox } from '../inbox/inbox.ts';
import type { IngestHooks, PlanDeliveries } from '../ingest/events.ts';
import { ingestHooks } from '../ingest/hooks.ts';
import type { Background } from '../lib/background.ts';
import { AppError, appError, errorRenderer, fail } from '../lib/errors.ts';
import { type Limits, personKey, rateLimit } from '../lib/limiter.ts';
import type { Metrics } from '../lib/metrics.ts';
import type { SecretBox } from '../lib/secrets.ts';
import { MemoryPresence, type Presence } from '../presence/presence.ts';
import type { AppEnv } from './context.ts';
import { answerHeaders } from './middleware/answer-headers.ts';
import { adminAuth, apiKeyAuth, widgetAuth } from './middleware/auth.ts';
import { boundedBody } from './middleware/body-limit.ts';
import type { Drain } from './middleware/drain.ts';
import { failedCredentials } from './middleware/failed-credentials.ts';
import type { Guard } from './openapi.ts';
import { adminRoutes } from './routes/admin.ts';
import { channelRoutes } from './routes/channels.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { eventRoutes } from './routes/events.ts';
import { hookRoutes } from './routes/hooks.ts';
import { jobRoutes } from './routes/jobs.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { metricsMiddleware, opsRoutes } from './routes/ops.ts';
import { peopleRoutes } from './routes/people.ts';
import { previewRoutes } from './routes/preview.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { stockRoutes } from './routes/stock.ts';
import { telegramRoutes } from './routes/telegram.ts';
import { tenantRoutes } from './routes/tenant.ts';
import { adminConsoleRoutes } from './static/admin-console.ts';
import { widgetRoutes } from './static/widget.ts';

/** What the HTTP app is built from; `main.ts` wires the real ones, tests their own. */
export interface AppDeps {
  adminToken: string;
  corsOrigins: string[] | '*';
  database: Database;
  store: Store;
  box: SecretBox;
  tokens: WidgetTokens;
  inbox: Inbox;
  broadcaster: Broadcaster;
  /** Prometheus metrics served at `/metrics`; none when absent. */
  metrics?: Metrics;
  /** The node's graceful stop: refuses new requests while the ones in flight finish. */
  drain?: Drain;
  /** Who is connected; a single node's memory when absent. */
  presence?: Presence;
  log: Logger;
  /** What new notifications are handed to; built from the fields below when absent (tests). */
  hooks?: IngestHooks;
  /** Plans the fallback, escalation, digest and webhook deliveries of each new notification. */
  plan?: PlanDeliveries;
  /** The senders of every channel kind (real ones unless a test gives its own). */
  registry?: ChannelRegistry;
  /** Wakes the delivery worker when a delivery was queued by hand (retry, test). */
  onQueued?: () => void;
  /** Wakes the scheduler when a schedule was stored (deliverAt, reminders, SLA checks). */
  onScheduled?: (earliest: Date) => void;
  /** The clock; tests move it. */
  now?: () => Date;
  /** `AVISO_PUBLIC_URL`, the URL providers call inbound hooks at (Twilio signs it). */
  publicUrl?: string;
  /** The node's request limits (per API key, tenant, person, failed credentials); none when absent. */
  limits?: Limits;
  /** The node's background jobs, which operators may run now (`POST /v1/jobs/:name/run`); none when absent. */
  jobs?: Pick<Background, 'names' | 'run'>;
}

const MAX_BODY = 4 * 1024 * 1024;

/**
 * Errors that Hono's own middleware throws, given our codes. Request validation is ours
 * (`router()`, decision 0019) and answers with its own; what is left is Hono's body limit and
 * anything added later.
 */
function fromHttpException(err: HTTPException): AppError {
  if (err.status === 413) return appError('PAYLOAD_TOO_LARGE');
  if (err.status === 401) return appError('UNAUTHORIZED', { credential: 'credential' });
  const details = err.message ? [{ path: '', message: err.message }] : undefined;
  return appError('VALIDATION_FAILED', { what: 'request' }, { details });
}

/** Builds the Hono app. It never listens: `main.ts` does, and tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const renderError = errorRenderer(deps.log);

  app.onError((err, c) => {
    if (err instanceof HTTPException && !(err instanceof AppError) && err.status < 500) {
      return renderError(fromHttpException(err), c);
    }
    return renderError(err, c);
  });
  app.notFound((c) =>
    renderError(appError('NOT_FOUND', { what: `route for ${c.req.method} ${c.req.path}` }), c),
  );

  if (deps.drain) app.use('*', deps.drain.middleware());
  app.use('*', answerHeaders(deps.corsOrigins));
  if (deps.metrics) app.use('*', metricsMiddleware(deps.metrics));
  // Every route, not only /v1: whatever reads a body (hooks, anything added later) is bounded too.
  app.use(
    '*',
    boundedBody(MAX_BODY, () => fail('PAYLOAD_TOO_LARGE', {}, { details: { maxBytes: MAX_BODY } })),
  );
  const limits = deps.limits;
  if (limits?.authFailures) app.use('/v1/*', failedCredentials(limits.authFailures, limits.trustedProxies));

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A tenant API key (`ak_…`)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'widgetToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A widget token: HS256 JWT signed with the tenant widget secret',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token AVISO_ADMIN_TOKEN',
  });

  const apiKey = apiKeyAuth(deps.store);
  const tenantGuard: Guard = {
    middleware: every(
      apiKey,
      rateLimit<AppEnv>([
        { limiter: limits?.apiKey, key: (c) => c.get('apiKeyId') },
        { limiter: limits?.tenant, key: (c) => c.get('tenant').id },
      ]),
    ),
    security: [{ apiKey: [] }],
  };
  const widgetGuard: Guard = {
    middleware: every(
      widgetAuth(deps.tokens),
      rateLimit<AppEnv>([
        { limiter: limits?.person, key: (c) => personKey(c.get('tenant').id, c.get('recipient').id) },
      ]),
    ),
    security: [{ widgetToken: [] }],
  };
  const adminGuard = { middleware: adminAuth(deps.adminToken), security: [{ adminToken: [] }] };
  const hooks =
    deps.hooks ??
    ingestHooks({
      broadcaster: deps.broadcaster,
      plan: deps.plan,
      onQueued: deps.onQueued,
      onScheduled: deps.onScheduled,
      now: deps.now,
      log: deps.log,
    });

  app.route('/', adminRoutes({ store: deps.store, box: deps.box, guard: adminGuard }));
  const jobs = deps.jobs ?? { names: () => [], run: () => undefined };
  app.route('/', jobRoutes({ guard: adminGuard, jobs }));
  app.route('/', tenantRoutes({ guard: tenantGuard, box: deps.box, broadcaster: deps.broadcaster }));
  app.route(
    '/',
    peopleRoutes({
      guard: tenantGuard,
      tokens: deps.tokens,
      broadcaster: deps.broadcaster,
      presence: deps.presence ?? new MemoryPresence(),
    }),
  );
  app.route('/', eventRoutes({ guard: tenantGuard, hooks }));
  app.route('/', scheduleRoutes({ guard: tenantGuard, now: deps.now, hooks }));
  app.route('/', stockRoutes({ guard: tenantGuard, hooks, now: deps.now }));
  app.route('/', previewRoutes({ guard: tenantGuard }));
  const registry = deps.registry ?? createChannelRegistry();
  app.route('/', channelRoutes({ guard: tenantGuard, registry, log: deps.log, now: deps.now }));
  app.route('/', deliveryRoutes({ guard: tenantGuard, onQueued: deps.onQueued, now: deps.now }));
  app.route(
    '/',
    notificationRoutes({ guard: tenantGuard, presenceLog: deps.store.presenceLog, now: deps.now }),
  );
  app.route('/', meRoutes({ guard: widgetGuard, inbox: deps.inbox, onQueued: deps.onQueued, now: deps.now }));
  app.route('/', telegramRoutes({ guard: tenantGuard, now: deps.now }));
  app.route('/', hookRoutes({ ...deps, http: registry.http, publicUrl: deps.publicUrl }));
  opsRoutes(app, { database: deps.database, metrics: deps.metrics });
  widgetRoutes(app);
  adminConsoleRoutes(app);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Aviso',
      version: '1.0.0',
      description: 'Real-time, branch-scoped notifications for multi-branch POS and ERP software.',
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    // Relative when the public URL is unknown: clients resolve it against where they fetched the document.
    servers: [{ url: deps.publicUrl ?? '/' }],
  });
  return app;
}

export type AvisoApp = ReturnType<typeof createApp>;
