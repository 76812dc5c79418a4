import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const children = new Set<ChildProcess>();
// Whatever ends the suite (a failure, Ctrl-C, a timeout), no hub or Redis it started outlives it.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Keeps `child` in the set killed when the suite's process exits. */
export function owned(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Sends one command to a Redis with the RESP protocol and returns its reply (enough for tests). */
export function redisCommand(port: number, ...args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    socket.setTimeout(2_000, () => socket.destroy(new Error('redis command timed out')));
    socket.on('error', reject);
    socket.on('data', (d) => {
      buffer += d.toString('utf8');
      const parsed = parseResp(buffer, 0);
      if (parsed) {
        socket.end();
        if (parsed.value instanceof Error) reject(parsed.value);
        else resolve(parsed.value);
      }
    });
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

type Parsed = { value: unknown; end: number } | undefined;

function parseResp(s: string, at: number): Parsed {
  const eol = s.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const head = s.slice(at + 1, eol);
  switch (s[at]) {
    case '+':
      return { value: head, end: eol + 2 };
    case '-':
      return { value: new Error(head), end: eol + 2 };
    case ':':
      return { value: Number(head), end: eol + 2 };
    case '$': {
      const len = Number(head);
      if (len < 0) return { value: null, end: eol + 2 };
      if (s.length < eol + 2 + len + 2) return undefined;
      return { value: s.slice(eol + 2, eol + 2 + len), end: eol + 2 + len + 2 };
    }
    case '*': {
      const items: unknown[] = [];
      let end = eol + 2;
      for (let i = 0; i < Number(head); i++) {
        const item = parseResp(s, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`unexpected RESP reply: ${s.slice(at, at + 40)}`);
  }
}

/**
 * A Redis of the suite's own (never the machine's): a child `redis-server` on its own port, without
 * persistence, so a restart comes back empty as after a real crash.
 */
export class RedisChild {
  private child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const child = owned(
      spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      ),
    );
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if ((await redisCommand(this.port, 'PING').catch(() => null)) === 'PONG') return;
      await sleep(100);
    }
    throw new Error('redis-server did not answer PING');
  }

  /** kill -9: the data goes with it. */
  async kill() {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  get running() {
    return this.child !== undefined;
  }
}

/**
 * A TCP proxy between the hubs and a service (PostgreSQL) that can be cut: `cut()` closes every
 * connection and stops listening (clients get "connection refused", as when the service is down),
 * `restore()` listens again on the same port.
 */
export class CuttableProxy {
  private server: Server | undefined;
  private readonly open = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen() {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on('close', () => this.open.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  cut() {
    this.server?.close();
    this.server = undefined;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  async restore() {
    if (!this.server) await this.listen();
  }

  get isCut() {
    return this.server === undefined;
  }
}

/**
 * The load balancer in front of the widgets: each new connection goes to the backend with the
 * fewest open connections (ties in turn), and to another when that one refuses (a stopped or
 * stopping node), as a TCP balancer with passive health checks does.
 */
export class Balancer {
  private server: Server | undefined;
  private readonly open = new Set<Socket>();
  private turn = 0;
  /** Open client connections by the backend port they were sent to. */
  readonly active = new Map<number, number>();
  port = 0;

  constructor(private backends: number[]) {}

  setBackends(ports: number[]) {
    this.backends = ports;
  }

  async listen() {
    const server = createServer((client) => {
      client.pause();
      this.open.add(client);
      client.on('close', () => this.open.delete(client));
      client.on('error', () => client.destroy());
      this.route(client);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  private route(client: Socket, refused: number[] = []) {
    const candidates = this.backends.filter((p) => !refused.includes(p));
    if (!candidates.length || client.destroyed) {
      client.destroy();
      return;
    }
    const load = (p: number) => this.active.get(p) ?? 0;
    const least = Math.min(...candidates.map(load));
    const tied = candidates.filter((p) => load(p) === least);
    const port = tied[this.turn++ % tied.length]!;
    // Counted from the choice, so a burst of connections spreads instead of piling on one node.
    this.active.set(port, load(port) + 1);
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.open.add(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.on('close', () => upstream.destroy());
    });
    upstream.once('close', () => {
      this.active.set(port, load(port) - 1);
      this.open.delete(upstream);
      if (connected) client.destroy();
      else this.route(client, [...refused, port]);
    });
    upstream.on('error', () => {});
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async close() {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
