import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './processes.ts';

/**
 * Helpers that break a dependency on purpose without touching the machine's own services: a Redis
 * of the test's own, killed and started again on the same port, and a TCP proxy in front of
 * PostgreSQL that can go silent or refuse.
 */

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * A Redis server of the test's own (no persistence): `kill` is a crash, `restart` comes back empty,
 * `freeze` leaves connections open and unanswered.
 */
export async function startRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const killNow = () => child?.kill('SIGKILL');
  process.once('exit', killNow);

  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const started = Date.now();
    while (!(await answersPing(port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() - started > 10_000) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode) return;
    running.kill('SIGKILL');
    await once(running, 'exit');
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill,
    restart: launch,
    /** Redis hangs with its connections open (SIGSTOP): nothing is refused, nothing answered. */
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    async stop() {
      await kill();
      process.off('exit', killNow);
    },
  };
}

/** How the proxy fails: `silence` forwards nothing (a partition), `reset` closes every connection at once. */
export type Cut = 'silence' | 'reset';

interface Pair {
  client: Socket;
  upstream?: Socket;
}

/** A TCP proxy to `host:port` (PostgreSQL) that a test can cut and restore. */
export async function startTcpProxy(target: { host: string; port: number }) {
  const pairs = new Set<Pair>();
  let cut: Cut | undefined;

  const link = (pair: Pair) => {
    const upstream = connect(target.port, target.host);
    pair.upstream = upstream;
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    const drop = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('error', drop).on('close', drop);
    pair.client.on('error', drop).on('close', drop);
  };

  const server: Server = createServer((client) => {
    if (cut === 'reset') return void client.destroy();
    const pair: Pair = { client };
    pairs.add(pair);
    if (cut === 'silence') client.pause();
    else link(pair);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    port: (server.address() as { port: number }).port,
    /** Makes the database unreachable in the way `how` says. */
    cut(how: Cut) {
      cut = how;
      for (const pair of [...pairs]) {
        if (how === 'reset') {
          pair.client.destroy();
          pair.upstream?.destroy();
          pairs.delete(pair);
        } else {
          // Unpiped, or the pipe would resume reading on the next drain.
          pair.client.unpipe();
          pair.upstream?.unpipe();
          pair.client.pause();
          pair.upstream?.pause();
        }
      }
    },
    /** Forwards again; what waited in a silent connection goes through. */
    restore() {
      cut = undefined;
      for (const pair of pairs) {
        if (pair.upstream) {
          pair.client.pipe(pair.upstream);
          pair.upstream.pipe(pair.client);
        } else {
          pair.client.resume();
          link(pair);
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
      server.close();
    },
  };
}
