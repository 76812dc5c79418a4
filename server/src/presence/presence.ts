import type { Redis } from 'ioredis';

/** Who has a live socket, shared by every node when Redis is configured. */
export interface Presence {
  connected(tenantId: string, recipientId: string, socketId: string): Promise<void>;
  disconnected(tenantId: string, recipientId: string, socketId: string): Promise<void>;
  /** Of these recipients, the ones with at least one live socket on any node. */
  online(tenantId: string, recipientIds: readonly string[]): Promise<Set<string>>;
  /** How many live sockets one person has, on every node. */
  count(tenantId: string, recipientId: string): Promise<number>;
  close(): Promise<void>;
}

const key = (tenantId: string, recipientId: string) => `${tenantId}:${recipientId}`;

/** Presence of a single node. */
export class MemoryPresence implements Presence {
  private readonly sockets = new Map<string, Set<string>>();

  async connected(tenantId: string, recipientId: string, socketId: string) {
    const k = key(tenantId, recipientId);
    const set = this.sockets.get(k) ?? new Set();
    set.add(socketId);
    this.sockets.set(k, set);
  }

  async disconnected(tenantId: string, recipientId: string, socketId: string) {
    const k = key(tenantId, recipientId);
    const set = this.sockets.get(k);
    set?.delete(socketId);
    if (set && !set.size) this.sockets.delete(k);
  }

  async online(tenantId: string, recipientIds: readonly string[]) {
    return new Set(recipientIds.filter((r) => this.sockets.has(key(tenantId, r))));
  }

  async count(tenantId: string, recipientId: string) {
    return this.sockets.get(key(tenantId, recipientId))?.size ?? 0;
  }

  async close() {}
}

export interface RedisPresenceOptions {
  nodeId: string;
  /** A socket not refreshed for this long counts as gone (its node died). */
  ttlMs?: number;
  heartbeatMs?: number;
}

/**
 * Presence in Redis: one sorted set per recipient, members `node:socket`, scored by when they
 * expire. Each node refreshes its own members, so a node that dies stops counting after `ttlMs`.
 */
export class RedisPresence implements Presence {
  private readonly local = new Map<string, { tenantId: string; recipientId: string }>();
  private readonly timer: NodeJS.Timeout;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPresenceOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 45_000;
    this.timer = setInterval(() => void this.heartbeat(), options.heartbeatMs ?? 15_000);
    this.timer.unref();
  }

  private redisKey(tenantId: string, recipientId: string) {
    return `aviso:presence:${tenantId}:${recipientId}`;
  }

  private member(socketId: string) {
    return `${this.options.nodeId}:${socketId}`;
  }

  async connected(tenantId: string, recipientId: string, socketId: string) {
    this.local.set(socketId, { tenantId, recipientId });
    const k = this.redisKey(tenantId, recipientId);
    await this.redis
      .multi()
      .zadd(k, Date.now() + this.ttlMs, this.member(socketId))
      .pexpire(k, this.ttlMs * 2)
      .exec();
  }

  async disconnected(tenantId: string, recipientId: string, socketId: string) {
    this.local.delete(socketId);
    await this.redis.zrem(this.redisKey(tenantId, recipientId), this.member(socketId));
  }

  async online(tenantId: string, recipientIds: readonly string[]) {
    if (!recipientIds.length) return new Set<string>();
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const r of recipientIds) pipeline.zcount(this.redisKey(tenantId, r), now, '+inf');
    const results = (await pipeline.exec()) ?? [];
    return new Set(recipientIds.filter((_, i) => Number(results[i]?.[1] ?? 0) > 0));
  }

  async count(tenantId: string, recipientId: string) {
    return this.redis.zcount(this.redisKey(tenantId, recipientId), Date.now(), '+inf');
  }

  private async heartbeat() {
    if (!this.local.size) return;
    const expires = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const [socketId, { tenantId, recipientId }] of this.local) {
      const k = this.redisKey(tenantId, recipientId);
      pipeline.zadd(k, expires, this.member(socketId)).pexpire(k, this.ttlMs * 2);
      pipeline.zremrangebyscore(k, '-inf', Date.now());
    }
    await pipeline.exec().catch(() => {});
  }

  async close() {
    clearInterval(this.timer);
    const pipeline = this.redis.pipeline();
    for (const [socketId, { tenantId, recipientId }] of this.local) {
      pipeline.zrem(this.redisKey(tenantId, recipientId), this.member(socketId));
    }
    this.local.clear();
    await pipeline.exec().catch(() => {});
  }
}
