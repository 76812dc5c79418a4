import type {
  ClientToServerEvents,
  Notification,
  ServerToClientEvents,
  UnreadPayload,
} from '@aviso/protocol';
import { io, type Socket } from 'socket.io-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A widget's socket as `<aviso-bell>` keeps it: reconnects by itself (through the balancer, so to
 * whichever node is up) with `since` = the newest id it knows, and keeps every notification by id,
 * whether it came live, by replay or by a `resync`.
 */
export class Widget {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Notification id → when it first arrived (ms since epoch). */
  readonly received = new Map<string, number>();
  lastId: string | undefined;
  connects = 0;
  /** Disconnections the hub asked for ("io server disconnect"): a widget takes them as a revoked token. */
  kicked = 0;
  /** Hub refusals of the handshake, by error code. */
  readonly refusals: string[] = [];
  resyncs = 0;
  disconnectedAt: number | undefined;
  /** Longest time this socket spent disconnected, ms. */
  longestGapMs = 0;

  constructor(
    url: string,
    readonly person: string,
    token: string,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
      timeout: 5_000,
      auth: (cb) => cb(this.lastId ? { token, since: this.lastId } : { token }),
    });
    this.socket.on('notification', (n: Notification) => this.seen(n.id));
    this.socket.on('unread', (u: UnreadPayload) => {
      if (u.latestId && u.latestId > (this.lastId ?? '')) this.lastId = u.latestId;
    });
    this.socket.on('resync', () => {
      this.resyncs++;
    });
    this.socket.on('connect', () => {
      this.connects++;
      if (this.disconnectedAt !== undefined) {
        this.longestGapMs = Math.max(this.longestGapMs, Date.now() - this.disconnectedAt);
        this.disconnectedAt = undefined;
      }
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnectedAt ??= Date.now();
      if (reason === 'io server disconnect') {
        this.kicked++;
        // Counted as a failure by the suite; still reconnect, so one failure does not hide others.
        setTimeout(() => this.socket.connect(), 500);
      }
    });
    this.socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      this.disconnectedAt ??= Date.now();
      if (err.data?.code) this.refusals.push(err.data.code);
      // A refusal by the hub's middleware is not retried by socket.io itself; the widget retries.
      if (!this.socket.active) setTimeout(() => this.socket.connect(), 500);
    });
  }

  private seen(id: string) {
    if (!this.received.has(id)) this.received.set(id, Date.now());
    if (id > (this.lastId ?? '')) this.lastId = id;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  close() {
    this.socket.close();
  }
}

/** One answer the publisher got, or its failure. */
export interface Call {
  at: number;
  ms: number;
  status: number | 'error' | 'timeout';
  code?: string;
  url: string;
}

/** One event the POS publisher means to publish, under its own Idempotency-Key. */
export interface Sent {
  key: string;
  seq: number;
  kind: 'sale' | 'payment';
  body: Record<string, unknown>;
  firstTriedAt: number;
  acceptedAt?: number;
  /** When the attempt that was accepted started, and the node that accepted it. */
  acceptedTryAt?: number;
  acceptedBy?: string;
  /** Every id a 202 named for this key: exactly one when it is stored once. */
  ids: Set<string>;
  attempts: number;
}

export interface PublisherOptions {
  /** The nodes, tried in turn (a load balancer that retries elsewhere): events land on both. */
  urls: () => string[];
  apiKey: string;
  /** The event of sequence number `seq`. */
  event: (seq: number) => Pick<Sent, 'kind' | 'body'>;
  /** Events per second, all workers together. */
  rate: number;
  workers?: number;
  /** A request not answered in this long is abandoned (and retried): the suite's hang detector. */
  timeoutMs?: number;
}

/**
 * A POS backend: publishes events at a steady rate, and retries each one (same Idempotency-Key,
 * same body) after a network error, a timeout, a 5xx or a 429, honouring `Retry-After`, until
 * it is answered 202.
 */
export class Publisher {
  readonly sent: Sent[] = [];
  readonly calls: Call[] = [];
  private seq = 0;
  private turn = 0;
  private stopping = false;
  private running: Promise<void>[] = [];
  private readonly prefix = `pos-${Math.random().toString(36).slice(2, 8)}`;

  constructor(private readonly o: PublisherOptions) {}

  start() {
    this.stopping = false;
    const workers = this.o.workers ?? 4;
    const gap = (1_000 * workers) / this.o.rate;
    this.running = Array.from({ length: workers }, async (_, w) => {
      await sleep((gap / workers) * w);
      while (!this.stopping) {
        const started = Date.now();
        await this.publish(++this.seq);
        await sleep(Math.max(0, gap - (Date.now() - started)));
      }
    });
  }

  /** Stops publishing new events and waits until every one published so far was accepted. */
  async stop() {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async publish(seq: number) {
    const { kind, body } = this.o.event(seq);
    const sent: Sent = {
      key: `${this.prefix}-${seq}`,
      seq,
      kind,
      body,
      firstTriedAt: Date.now(),
      ids: new Set(),
      attempts: 0,
    };
    this.sent.push(sent);
    for (;;) {
      sent.attempts++;
      const at = Date.now();
      const urls = this.o.urls();
      const url = urls[this.turn++ % urls.length]!;
      let retryAfterMs = 250;
      try {
        const res = await fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.o.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': sent.key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 20_000),
        });
        const payload = (await res.json().catch(() => ({}))) as { id?: string; error?: { code?: string } };
        this.calls.push({ at, ms: Date.now() - at, status: res.status, code: payload.error?.code, url });
        if (res.status === 202 && payload.id) {
          sent.ids.add(payload.id);
          sent.acceptedAt ??= Date.now();
          sent.acceptedTryAt ??= at;
          sent.acceptedBy ??= url;
          return;
        }
        if (res.status < 429 || (res.status > 429 && res.status < 500)) {
          throw new Error(`event ${sent.key}: ${res.status} ${JSON.stringify(payload)}`);
        }
        const header = Number(res.headers.get('retry-after'));
        if (header > 0) retryAfterMs = Math.min(header * 1_000, 2_000);
      } catch (err) {
        if ((err as Error).message.startsWith('event ')) throw err;
        const timedOut = (err as Error).name === 'TimeoutError';
        this.calls.push({ at, ms: Date.now() - at, status: timedOut ? 'timeout' : 'error', url });
        // Refused or reset: the next attempt goes to the next node at once, as a balancer would.
        retryAfterMs = 50;
      }
      await sleep(retryAfterMs);
    }
  }
}

/** A node as the probe sees it: `up` changes with every stop and start. */
export interface ProbedNode {
  name: string;
  url: string;
  /** Which life of the process this is, and whether it is up (started, no stop asked). */
  life: number;
  up: boolean;
}

/**
 * Asks each node's `/readyz` every `everyMs`, with a client timeout, and keeps the answers of a
 * node that was up from the question to the answer (a node being stopped is expected to refuse).
 */
export class ReadyProbe {
  readonly answers: { at: number; node: string; status: number | 'error' | 'timeout'; ms: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly nodes: () => ProbedNode[]) {}

  start(everyMs = 250) {
    this.timer = setInterval(() => {
      for (const node of this.nodes()) {
        if (!node.up) continue;
        const { life } = node;
        const at = Date.now();
        const keep = (status: number | 'error' | 'timeout') => {
          if (node.up && node.life === life)
            this.answers.push({ at, node: node.name, status, ms: Date.now() - at });
        };
        fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(3_000) }).then(
          async (res) => {
            await res.arrayBuffer();
            keep(res.status);
          },
          (err: Error) => keep(err.name === 'TimeoutError' ? 'timeout' : 'error'),
        );
      }
    }, everyMs);
  }

  stop() {
    clearInterval(this.timer);
  }
}
