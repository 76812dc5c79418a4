import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ChannelRegistry, createChannelRegistry, emailConfigFromUrl } from './channels/index.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { Store } from './db/store.ts';
import { planDeliveries } from './delivery/planner.ts';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery/worker.ts';
import type { DemoHost } from './demo/host.ts';
import { type AvisoApp, createApp } from './http/app.ts';
import { WidgetTokens } from './identity/widget-tokens.ts';
import type { Broadcaster } from './inbox/broadcaster.ts';
import { Inbox } from './inbox/inbox.ts';
import type { PlanDeliveries } from './ingest/events.ts';
import { createMetrics } from './lib/metrics.ts';
import { SecretBox } from './lib/secrets.ts';
import { MemoryPresence, type Presence, RedisPresence } from './presence/presence.ts';
import { type AvisoServer, SocketBroadcaster } from './realtime/broadcaster.ts';
import { attachRealtime } from './realtime/hub.ts';
import { scheduleRetention } from './retention/retention.ts';
import { ScheduleWorker, type ScheduleWorkerOptions } from './scheduling/worker.ts';
import { scheduleStockSweep } from './stock/sweep.ts';

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
  worker: DeliveryWorker;
  scheduler: ScheduleWorker;
  close(): Promise<void>;
}

export type NodeConfig = Pick<
  Config,
  'port' | 'host' | 'databaseUrl' | 'redisUrl' | 'adminToken' | 'secretKeys' | 'corsOrigins'
> &
  Partial<Pick<Config, 'smtp' | 'deliveryRetentionDays' | 'apiRateLimit' | 'publicUrl'>>;

/** What tests (and only tests) swap in a node. */
export interface NodeOptions {
  /** The demo POS's backend, served by the app when given (`main.ts` seeds it after listening). */
  demo?: DemoHost;
  registry?: ChannelRegistry;
  now?: () => Date;
  delivery?: Partial<
    Pick<DeliveryWorkerOptions, 'pollMs' | 'maxAttempts' | 'backoffBaseMs' | 'backoffCapMs' | 'leaseMs'>
  >;
  scheduler?: Partial<Pick<ScheduleWorkerOptions, 'pollMs' | 'leaseMs' | 'batch' | 'retryMs'>>;
}

/** Opens the database (migrating it), connects Redis when configured, and listens. */
export async function startNode(
  config: NodeConfig,
  log: Logger,
  options: NodeOptions = {},
): Promise<AvisoNode> {
  const now = options.now ?? (() => new Date());
  const nodeId = randomUUID().slice(0, 8);
  const database = await openDatabase(config.databaseUrl);
  const applied = await migrate(database.db);
  if (applied.length) log.info({ applied }, 'database migrated');
  const box = new SecretBox(config.secretKeys);
  const store = new Store(database.db, box);
  const tokens = new WidgetTokens(store, box);

  let redis: { pub: Redis; sub: Redis; presence: Redis } | undefined;
  if (config.redisUrl) {
    const open = () => new Redis(config.redisUrl!, { maxRetriesPerRequest: null, lazyConnect: false });
    redis = { pub: open(), sub: open(), presence: open() };
    for (const [name, client] of Object.entries(redis)) {
      client.on('error', (err) => log.warn({ err: err.message, client: name }, 'redis error'));
    }
  }
  const presence: Presence = redis ? new RedisPresence(redis.presence, { nodeId }) : new MemoryPresence();

  // The broadcaster needs the Socket.IO server, which needs the HTTP server, which needs the app.
  const late: { broadcaster?: Broadcaster; io?: AvisoServer } = {};
  const metrics = createMetrics(() => late.io?.engine.clientsCount ?? 0);
  const broadcaster: Broadcaster = {
    notification: (row) => {
      metrics.notifications.inc();
      late.broadcaster?.notification(row);
    },
    updated: (...a) => late.broadcaster?.updated(...a),
    unread: (...a) => late.broadcaster?.unread(...a),
    recipientChanged: (...a) => late.broadcaster?.recipientChanged(...a),
  };
  const inbox = new Inbox(broadcaster);
  const registry = options.registry ?? createChannelRegistry();
  const worker = new DeliveryWorker({
    store,
    registry,
    log,
    now,
    defaultEmail: config.smtp?.url ? emailConfigFromUrl(config.smtp.url, config.smtp.from) : undefined,
    metrics,
    ...options.delivery,
  });
  const plan: PlanDeliveries = (n, def, s) => planDeliveries(n, def, s, presence, now());
  const scheduler: ScheduleWorker = new ScheduleWorker({
    store,
    log,
    now,
    hooks: {
      onCreated: (row, queued) => {
        broadcaster.notification(row);
        if (queued) worker.wake();
      },
      plan,
      onScheduled: () => scheduler.wake(),
      now,
    },
    ...options.scheduler,
  });
  const app = createApp({
    metrics,
    demo: options.demo,
    registry,
    plan,
    onQueued: () => worker.wake(),
    onScheduled: () => scheduler.wake(),
    now,
    publicUrl: config.publicUrl,
    apiRateLimit: config.apiRateLimit ? { ...config.apiRateLimit, redis: redis?.presence } : undefined,
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

  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s as HttpServer),
    ) as HttpServer;
  });
  const io = attachRealtime(server, {
    tokens,
    store,
    inbox,
    presence,
    log,
    corsOrigins: config.corsOrigins,
    ...(redis ? { redis: { pub: redis.pub, sub: redis.sub } } : {}),
  });
  late.broadcaster = new SocketBroadcaster(io);
  late.io = io;
  const port = (server.address() as AddressInfo).port;
  worker.start();
  scheduler.start();
  const stopRetention = scheduleRetention(store, { days: config.deliveryRetentionDays ?? 90, log });
  const stopStockSweep = scheduleStockSweep(store, {
    log,
    now,
    hooks: {
      onCreated: (row, queued) => {
        broadcaster.notification(row);
        if (queued) worker.wake();
      },
      plan,
      now,
    },
  });
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
    worker,
    scheduler,
    async close() {
      stopRetention();
      stopStockSweep();
      await scheduler.stop();
      await worker.stop();
      await registry.close();
      io.disconnectSockets(true);
      await presence.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (redis) await Promise.all(Object.values(redis).map((c) => c.quit().catch(() => {})));
      await database.close();
    },
  };
}
