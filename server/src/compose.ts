import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  type ChannelRegistry,
  createChannelRegistry,
  emailConfigFromUrl,
  hubEgressAllow,
} from './channels/index.ts';
import type { Config } from './config.ts';
import { type Database, defaultPoolSize, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { Store } from './db/store.ts';
import { planDeliveries } from './delivery/planner.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery/worker.ts';
import { type AvisoApp, createApp } from './http/app.ts';
import { Drain } from './http/middleware/drain.ts';
import { WidgetTokens } from './identity/widget-tokens.ts';
import type { Broadcaster } from './inbox/broadcaster.ts';
import { Inbox } from './inbox/inbox.ts';
import type { IngestHooks, PlanDeliveries } from './ingest/events.ts';
import { ingestHooks } from './ingest/hooks.ts';
import { Background } from './lib/background.ts';
import { ChannelRateLimiter, createLimits, type LimitSettings } from './lib/limiter.ts';
import { createMetrics } from './lib/metrics.ts';
import { SecretBox } from './lib/secrets.ts';
import { MemoryPresence, type Presence, RedisPresence } from './presence/presence.ts';
import { PresenceLog } from './presence/sessions.ts';
import { type AvisoServer, SocketBroadcaster } from './realtime/broadcaster.ts';
import { attachRealtime, createSocketServer } from './realtime/hub.ts';
import { retentionJob } from './retention/retention.ts';
import { ScheduleWorker, type ScheduleWorkerOptions } from './scheduling/worker.ts';
import { stockSweepJobs } from './stock/sweep.ts';

/** A running hub node: HTTP API and Socket.IO on one port. */
export interface AvisoNode {
  url: string;
  port: number;
  nodeId: string;
  app: AvisoApp;
  io: AvisoServer;
  database: Database;
  store: Store;
  presence: Presence;
  broadcaster: Broadcaster;
  /** What every ingestion path hands new notifications to (live push, planning, wake-ups). */
  hooks: IngestHooks;
  /** Every background job of the node, by name. */
  background: Background;
  worker: DeliveryWorker;
  scheduler: ScheduleWorker;
  close(): Promise<void>;
}

export type NodeConfig = {
  /** The limits the node enforces (each absent one is off). */
  limits?: LimitSettings;
} & Pick<Config, 'port' | 'host' | 'databaseUrl' | 'redisUrl' | 'adminToken' | 'secretKeys' | 'corsOrigins'> &
  Partial<
    Pick<
      Config,
      | 'smtp'
      | 'deliveryRetentionDays'
      | 'trustProxy'
      | 'publicUrl'
      | 'egressAllow'
      | 'dbTimeoutMs'
      | 'dbPool'
      | 'redisTimeoutMs'
    >
  >;

/** What tests (and only tests) swap in a node. */
export interface NodeOptions {
  registry?: ChannelRegistry;
  now?: () => Date;
  delivery?: Partial<
    Pick<DeliveryWorkerOptions, 'pollMs' | 'maxAttempts' | 'backoffBaseMs' | 'backoffCapMs' | 'leaseMs'>
  >;
  scheduler?: Partial<Pick<ScheduleWorkerOptions, 'pollMs' | 'leaseMs' | 'batch' | 'retryMs'>>;
}

/** How long a stopping node waits for its requests in flight before closing their connections. */
const DRAIN_BOUND_MS = 10_000;

/**
 * The three Redis connections of a node: adapter publisher, adapter subscriber, presence and
 * limits. Each reconnects within a second of Redis coming back. The adapter's publisher queues
 * while Redis is away (nobody awaits it); presence and limits fail at once or after `timeoutMs`,
 * so that no request or socket set-up waits on Redis (ADR 0012).
 */
function connectRedis(url: string, log: Logger, timeoutMs: number) {
  const retryStrategy = (times: number) => Math.min(times * 100, 1_000);
  const open = () => new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const redis = {
    pub: open(),
    sub: open(),
    presence: new Redis(url, {
      retryStrategy,
      enableOfflineQueue: false,
      commandTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
    }),
  };
  for (const [name, client] of Object.entries(redis)) {
    // One warning per outage, not one per reconnection attempt.
    let away = false;
    client.on('error', (err) => {
      if (!away) log.warn({ err: err.message, client: name }, 'redis unreachable');
      away = true;
    });
    client.on('ready', () => {
      if (away) log.info({ client: name }, 'redis back');
      away = false;
    });
  }
  return redis;
}

/**
 * The composition root: builds every piece of a node once, each from the pieces it needs, in an
 * order with no late binding (Socket.IO server → broadcaster → inbox and ingestion hooks →
 * workers → HTTP app → HTTP server, to which Socket.IO is then attached), and listens.
 */
export async function startNode(
  config: NodeConfig,
  log: Logger,
  options: NodeOptions = {},
): Promise<AvisoNode> {
  const now = options.now ?? (() => new Date());
  const nodeId = randomUUID().slice(0, 8);
  const pool = config.dbPool ?? defaultPoolSize();
  const database = await openDatabase(config.databaseUrl, {
    timeoutMs: config.dbTimeoutMs ?? 3_000,
    max: pool,
  });
  database.onAvailability((up) =>
    up ? log.info('database available again') : log.error('database unavailable'),
  );
  const applied = await migrate(database.db);
  if (applied.length) log.info({ applied }, 'database migrated');
  const box = new SecretBox(config.secretKeys);
  // Group commit, each group gathered over a turn of the event loop: PGlite has one connection (on
  // its own thread), so one group at a time; PostgreSQL writes a few groups at once.
  const embedded = database.kind === 'pglite';
  // A connection stays free of group commits for the sockets and the API's reads.
  const store = new Store(database.db, box, {
    maxInFlight: embedded ? 1 : Math.max(1, Math.min(4, pool - 1)),
    linger: true,
  });
  const redisTimeoutMs = config.redisTimeoutMs ?? 1_000;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log, redisTimeoutMs) : undefined;
  const shared = redis ? new RedisPresence(redis.presence, { nodeId }) : undefined;
  const presence: Presence = shared ?? new MemoryPresence();
  // A node may start while Redis is away: it then serves without it (presence unknown) until it is back.
  if (shared && !(await shared.known(2 * redisTimeoutMs))) log.warn('redis unreachable at start');
  const limits = createLimits(config.limits ?? {}, {
    redis: redis?.presence,
    trustedProxies: config.trustProxy ?? 0,
  });

  const io = createSocketServer({ corsOrigins: config.corsOrigins, ...(redis ? { redis } : {}) });
  const metrics = createMetrics(() => io.engine?.clientsCount ?? 0);
  const broadcaster = new SocketBroadcaster(io, !!redis);
  const tokens = new WidgetTokens(store, box, broadcaster);
  // The workers are built below; a read, an answer or a snooze wakes them only once the node runs.
  const inbox = new Inbox(broadcaster, {
    onQueued: () => worker.wake(),
    onScheduled: () => scheduler.wake(),
    now,
  });
  const registry =
    options.registry ??
    createChannelRegistry({ egressAllow: hubEgressAllow(config.egressAllow, config.smtp?.url) });
  const background = new Background();
  const worker = background.add(
    new DeliveryWorker({
      store,
      registry,
      log,
      now,
      defaultEmail: config.smtp?.url ? emailConfigFromUrl(config.smtp.url, config.smtp.from) : undefined,
      metrics,
      limiter: new ChannelRateLimiter({ redis: redis?.presence }),
      presence,
      ...options.delivery,
    }),
  );
  const plan: PlanDeliveries = (n, def, s) => planDeliveries(n, def, s, presence, now());
  // The scheduler is woken by the hooks it publishes through, so it is given them by reference.
  const wakeScheduler = () => scheduler.wake();
  const hooks = ingestHooks({
    broadcaster,
    plan,
    onQueued: () => worker.wake(),
    onScheduled: wakeScheduler,
    onNotification: () => metrics.notifications.inc(),
    now,
    log,
  });
  const scheduler: ScheduleWorker = background.add(
    new ScheduleWorker({
      store,
      log,
      now,
      hooks,
      onSnoozeEnded: (tenantStore, recipientId, id, until) =>
        inbox.snoozeEnded(tenantStore, recipientId, id, until),
      ...options.scheduler,
    }),
  );
  background.add(retentionJob(database, { deliveryDays: config.deliveryRetentionDays ?? 90, metrics, log }));
  for (const job of stockSweepJobs(store, { log, now, hooks })) background.add(job);
  const presenceLog = background.add(new PresenceLog({ repo: store.presenceLog, nodeId, log, now }));

  const drain = new Drain();
  const app = createApp({
    drain,
    metrics,
    registry,
    hooks,
    onQueued: () => worker.wake(),
    now,
    publicUrl: config.publicUrl,
    limits,
    jobs: background,
    adminToken: config.adminToken,
    corsOrigins: config.corsOrigins,
    database,
    store,
    box,
    tokens,
    inbox,
    broadcaster,
    presence,
    log,
  });

  const server: HttpServer = createServer(getRequestListener(app.fetch));
  attachRealtime(io, server, {
    tokens,
    store,
    inbox,
    // The hub's joins and leaves also go to the presence log, for the receipts of notifications.
    presence: presenceLog.wrap(presence),
    log,
    corsOrigins: config.corsOrigins,
    limits,
    database,
    pushes: broadcaster,
    ...(redis ? { redis } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  background.startAll();
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    nodeId,
    app,
    io,
    database,
    store,
    presence,
    broadcaster,
    hooks,
    background,
    worker,
    scheduler,
    async close() {
      // A graceful stop of this node only: no broadcast to the cluster (io.disconnectSockets would
      // go through the Redis adapter to every node's sockets).
      drain.begin();
      server.close();
      server.closeIdleConnections();
      await drain.settled(DRAIN_BOUND_MS);
      // Rounds in flight finish and write their outcome, so this node holds no lease when it exits.
      await background.stopAll();
      await registry.close();
      await presence.close();
      // Closes this node's sockets without a disconnect packet: each widget sees a transport
      // close and reconnects (to another node behind the balancer), with `since` for replay.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      server.closeAllConnections();
      if (redis) await Promise.all(Object.values(redis).map((c) => c.quit().catch(() => {})));
      await database.close();
    },
  };
}
