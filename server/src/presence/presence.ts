import type { Redis } from 'ioredis';
import { AppError } from '../lib/errors.ts';
import { PersonSockets } from './person-sockets.ts';

/** Presence cannot be known right now (Redis unreachable, or being rebuilt after it came back). */
export class PresenceUnknownError extends AppError<'UNAVAILABLE'> {
  constructor() {
    super('UNAVAILABLE', { what: 'presence (Redis)' }, { headers: { 'Retry-After': '2' } });
  }
}

/**
 * Who has a live socket, shared by every node when Redis is configured. Writes never throw and
 * never wait long; what the shared store missed is written again when it is back.
 */
export interface Presence {
  connected(tenantId: string, recipientId: string, socketId: string): Promise<void>;
  disconnected(tenantId: string, recipientId: string, socketId: string): Promise<void>;
  /** Of these recipients, the ones with a live socket on any node; rejects with `PresenceUnknownError` while unknown. */
  online(tenantId: string, recipientIds: readonly string[]): Promise<Set<string>>;
  /** How many live sockets one person has, on every node (on this node only while presence is unknown). */
  count(tenantId: string, recipientId: string): Promise<number>;
  /** How long presence has been unknown, in ms; undefined while it is known. */
  unknownForMs(): number | undefined;
  close(): Promise<void>;
}

/** Presence of a single node: exact at every moment, since it changes synchronously. */
export class MemoryPresence implements Presence {
  private readonly sockets = new PersonSockets();

  async connected(tenantId: string, recipientId: string, socketId: string) {
    this.sockets.add(tenantId, recipientId, socketId);
  }

  async disconnected(tenantId: string, recipientId: string, socketId: string) {
    this.sockets.delete(tenantId, recipientId, socketId);
  }

  async online(tenantId: string, recipientIds: readonly string[]) {
    return new Set(recipientIds.filter((r) => this.sockets.has(tenantId, r)));
  }

  async count(tenantId: string, recipientId: string) {
    return this.sockets.count(tenantId, recipientId);
  }

  unknownForMs() {
    return undefined;
  }

  async close() {}
}

export interface RedisPresenceOptions {
  nodeId: string;
  /** A socket not refreshed for this long counts as gone (its node died). */
  ttlMs?: number;
  heartbeatMs?: number;
  /**
   * After Redis comes back, how long presence stays unknown while every node re-adds its sockets
   * (Redis may have come back empty). Longer than the nodes' reconnection delay.
   */
  settleMs?: number;
}

interface LocalSocket {
  tenantId: string;
  recipientId: string;
}

/**
 * Presence in Redis: one sorted set per recipient, members `node:socket`, scored by when they
 * expire. Each node refreshes its own members, so a node that dies stops counting after `ttlMs`.
 * The node also keeps its own sockets in memory: the heartbeat and the rebuild after an outage
 * write them again, and removals Redis missed are redone, so no member outlives its socket.
 * The connection is expected to fail fast (no offline queue, a command timeout): a request never
 * waits on Redis, it gets "unknown" instead.
 */
export class RedisPresence implements Presence {
  private readonly local = new Map<string, LocalSocket>();
  private readonly here = new MemoryPresence();
  /** Members whose removal Redis did not get, by member, with their key. */
  private readonly stale = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private readonly ttlMs: number;
  private readonly settleMs: number;
  /** Since when presence is unknown (epoch ms); undefined once rebuilt and trusted. */
  private unknownSince: number | undefined = Date.now();
  private everReady = false;
  private generation = 0;
  private settleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisPresenceOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 45_000;
    this.settleMs = options.settleMs ?? 3_000;
    this.timer = setInterval(() => void this.heartbeat(), options.heartbeatMs ?? 15_000);
    this.timer.unref();
    redis.on('ready', this.onReady);
    redis.on('close', this.onLost);
    if (redis.status === 'ready') this.onReady();
  }

  private redisKey(tenantId: string, recipientId: string) {
    return `aviso:presence:${tenantId}:${recipientId}`;
  }

  private member(socketId: string) {
    return `${this.options.nodeId}:${socketId}`;
  }

  private readonly onLost = () => {
    this.generation++;
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    this.unknownSince ??= Date.now();
  };

  private readonly onReady = () => {
    void this.recover(!this.everReady);
    this.everReady = true;
  };

  /** A read failed on a connection that looked alive (a timeout): unknown until rebuilt again. */
  private failed() {
    this.onLost();
    setTimeout(() => void this.recover(false), 1_000).unref();
  }

  /**
   * Rebuilds this node's part of presence, then trusts presence again: at once at start (the other
   * nodes' members are already there), after `settleMs` after an outage (they may not be yet).
   */
  private async recover(first: boolean) {
    if (this.redis.status !== 'ready') return;
    // Only the latest recovery may declare presence known (a loss in between starts over).
    const generation = ++this.generation;
    if (!(await this.rebuild()) || generation !== this.generation) return;
    if (first) this.unknownSince = undefined;
    else {
      this.settleTimer = setTimeout(() => {
        if (generation === this.generation) this.unknownSince = undefined;
      }, this.settleMs);
      this.settleTimer.unref();
    }
  }

  /** Resolves once presence is known, or after `ms` (a node starts while Redis is away). */
  async known(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (this.unknownSince !== undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return this.unknownSince === undefined;
  }

  /** Writes this node's sockets again and redoes the removals Redis missed; false when Redis failed. */
  private async rebuild(): Promise<boolean> {
    const removals = [...this.stale];
    const expires = Date.now() + this.ttlMs;
    const pipeline = this.redis.pipeline();
    for (const [member, k] of removals) pipeline.zrem(k, member);
    for (const [socketId, { tenantId, recipientId }] of this.local) {
      const k = this.redisKey(tenantId, recipientId);
      pipeline.zadd(k, expires, this.member(socketId)).pexpire(k, this.ttlMs * 2);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      if (results.some(([err]) => err)) return false;
      for (const [member] of removals) this.stale.delete(member);
      return true;
    } catch {
      return false;
    }
  }

  async connected(tenantId: string, recipientId: string, socketId: string) {
    this.local.set(socketId, { tenantId, recipientId });
    await this.here.connected(tenantId, recipientId, socketId);
    const k = this.redisKey(tenantId, recipientId);
    // A failed write is redone by the rebuild on reconnection (or the next heartbeat).
    await this.redis
      .multi()
      .zadd(k, Date.now() + this.ttlMs, this.member(socketId))
      .pexpire(k, this.ttlMs * 2)
      .exec()
      .catch(() => {});
  }

  async disconnected(tenantId: string, recipientId: string, socketId: string) {
    this.local.delete(socketId);
    await this.here.disconnected(tenantId, recipientId, socketId);
    const k = this.redisKey(tenantId, recipientId);
    const member = this.member(socketId);
    await this.redis.zrem(k, member).catch(() => {
      this.stale.set(member, k);
    });
  }

  async online(tenantId: string, recipientIds: readonly string[]) {
    if (!recipientIds.length) return new Set<string>();
    if (this.unknownSince !== undefined) throw new PresenceUnknownError();
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const r of recipientIds) pipeline.zcount(this.redisKey(tenantId, r), now, '+inf');
    const results = await pipeline.exec().catch(() => null);
    if (!results || results.some(([err]) => err)) {
      this.failed();
      throw new PresenceUnknownError();
    }
    return new Set(recipientIds.filter((_, i) => Number(results[i]?.[1] ?? 0) > 0));
  }

  async count(tenantId: string, recipientId: string) {
    const mine = await this.here.count(tenantId, recipientId);
    if (this.unknownSince !== undefined) return mine;
    const all = await this.redis
      .zcount(this.redisKey(tenantId, recipientId), Date.now(), '+inf')
      .catch(() => {
        this.failed();
        return mine;
      });
    return Math.max(all, mine);
  }

  unknownForMs() {
    return this.unknownSince === undefined ? undefined : Math.max(0, Date.now() - this.unknownSince);
  }

  private async heartbeat() {
    // A rebuild that failed on a live connection (a command timeout) is tried again here.
    if (this.unknownSince !== undefined && !this.settleTimer) return this.recover(!this.everReady);
    if (this.stale.size && !(await this.rebuild())) return;
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
    clearTimeout(this.settleTimer);
    this.redis.off('ready', this.onReady);
    this.redis.off('close', this.onLost);
    const pipeline = this.redis.pipeline();
    for (const [socketId, { tenantId, recipientId }] of this.local) {
      pipeline.zrem(this.redisKey(tenantId, recipientId), this.member(socketId));
    }
    this.local.clear();
    await pipeline.exec().catch(() => {});
  }
}
