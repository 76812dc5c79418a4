import type { Logger } from 'pino';
import { newId } from '../db/ids.ts';
import type { PresenceLogRepo } from '../db/repos/presence-log.ts';
import type { BackgroundJob } from '../lib/background.ts';
import { PersonSockets } from './person-sockets.ts';
import type { Presence } from './presence.ts';

export interface PresenceLogOptions {
  repo: PresenceLogRepo;
  nodeId: string;
  log: Pick<Logger, 'warn'>;
  now?: () => Date;
  /** How often the node says its open sessions still last. */
  heartbeatMs?: number;
  /** How long sessions are kept. */
  keepDays?: number;
}

interface OpenBatch {
  kind: 'open';
  rows: Parameters<PresenceLogRepo['open']>[0];
}

interface CloseBatch {
  kind: 'close';
  rows: { tenantId: string; recipientId: string; at: Date }[];
}

/**
 * Keeps the presence log of this node's sockets: a session opens with a person's first socket here
 * and closes with their last, so the receipts of a notification can say who had the widget open
 * when it was created. Writes are queued in order, off the socket's path; a failed write is logged
 * and dropped (the log answers "who got it live", it never decides a delivery).
 */
export class PresenceLog implements BackgroundJob {
  readonly name = 'presence-log';
  /** The sockets of each person with a session open here. */
  private open = new PersonSockets();
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The last write queued, while it has not started: opens or closes that come meanwhile join it
   * (a reconnection storm, or the drop before it). Anything else queued after it ends its turn to
   * take more, so a person's open and close are written in the order they happened.
   */
  private tail: OpenBatch | CloseBatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private beats = 0;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly o: PresenceLogOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Queues one write after the ones before it (a close never overtakes its open). */
  private write(what: string, op: () => Promise<unknown>) {
    // Stopped: the node closed its sessions in one statement, and the database goes next.
    if (this.stopped) return this.queue;
    this.tail = undefined;
    this.queue = this.queue
      .then(op)
      .catch((err) => this.o.log.warn({ err: (err as Error).message, what }, 'presence log write failed'));
    return this.queue;
  }

  /** Notes a socket that joined. */
  connected(tenantId: string, recipientId: string, socketId: string) {
    if (!this.open.add(tenantId, recipientId, socketId)) return;
    // Opens that wait together go in one statement (a reconnection storm).
    const row = { id: newId(), tenantId, recipientId, nodeId: this.o.nodeId, at: this.now() };
    if (this.tail?.kind === 'open') this.tail.rows.push(row);
    else this.queueBatch({ kind: 'open', rows: [row] });
  }

  /** Queues a batch that takes the opens or closes that come before it starts. */
  private queueBatch(batch: OpenBatch | CloseBatch) {
    void this.write(batch.kind, () => {
      if (this.tail === batch) this.tail = undefined;
      if (batch.kind === 'open') return this.o.repo.open(batch.rows);
      // One statement for every close that waited (a drop of a whole node's sockets).
      return this.o.repo.close(this.o.nodeId, batch.rows);
    });
    this.tail = batch;
  }

  /** Notes a socket that left (one that never joined changes nothing). */
  disconnected(tenantId: string, recipientId: string, socketId: string) {
    if (!this.open.delete(tenantId, recipientId, socketId)) return;
    const row = { tenantId, recipientId, at: this.now() };
    if (this.tail?.kind === 'close') this.tail.rows.push(row);
    else this.queueBatch({ kind: 'close', rows: [row] });
  }

  /** The node's presence, with this log told of every socket that joins or leaves. */
  wrap(presence: Presence): Presence {
    return new Proxy(presence, {
      get: (target, prop) => {
        // Noted before the presence's own (awaited) write, so that a leave that follows at once
        // always finds its join.
        if (prop === 'connected') {
          return (tenantId: string, recipientId: string, socketId: string) => {
            this.connected(tenantId, recipientId, socketId);
            return target.connected(tenantId, recipientId, socketId);
          };
        }
        if (prop === 'disconnected') {
          return (tenantId: string, recipientId: string, socketId: string) => {
            this.disconnected(tenantId, recipientId, socketId);
            return target.disconnected(tenantId, recipientId, socketId);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  start() {
    this.timer = setInterval(() => void this.runNow(), this.o.heartbeatMs ?? 30_000);
    this.timer.unref();
  }

  /** One heartbeat (and, once an hour of them, the purge of old sessions). */
  runNow(): Promise<unknown> {
    const at = this.now();
    const purge = this.beats++ % 120 === 0;
    return this.write('heartbeat', async () => {
      await this.o.repo.heartbeat(this.o.nodeId, at);
      if (purge) await this.o.repo.purge(new Date(at.getTime() - (this.o.keepDays ?? 90) * 86_400_000));
    });
  }

  async stop() {
    clearInterval(this.timer);
    this.open = new PersonSockets();
    await this.write('stop', () => this.o.repo.closeNode(this.o.nodeId, this.now()));
    this.stopped = true;
  }
}
