// Starts throwaway hub processes for the end-to-end browser tests: one shared hub (in-memory
// database), and hubs a test stops and starts again on the same port and database folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// Workspace packages resolve to their TypeScript sources under this condition, not to `dist`.
const FROM_SOURCES = ['--conditions=aviso-source', '--import', 'tsx'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Spawns `server/src/main.ts` and resolves once `/healthz` answers. Pass the `port`, `databaseUrl`,
 * `adminToken` and `secretKeys` of a stopped hub to start it again as the same hub.
 */
export async function startHub({
  timeoutMs = 60_000,
  port,
  databaseUrl = 'memory:',
  adminToken = `adm_${randomBytes(12).toString('hex')}`,
  secretKeys = `k:${randomBytes(32).toString('base64')}`,
} = {}) {
  port ??= await freePort();
  const child = spawn(process.execPath, [...FROM_SOURCES, 'server/src/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      AVISO_ADMIN_TOKEN: adminToken,
      AVISO_SECRET_KEYS: secretKeys,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Never outlive the test runner, even when it dies without calling stop().
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  const url = `http://127.0.0.1:${port}`;
  /** SIGTERM, the signal a deploy sends: the hub stops gracefully. */
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    const running = () => child.exitCode === null && child.signalCode === null;
    if (ok) return { url, port, adminToken, secretKeys, databaseUrl, stop, running };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the hub did not start in time');
}

/**
 * A database that outlives a hub process: one of its own on the test PostgreSQL server when
 * AVISO_TEST_DATABASE_URL is set (the hub starts faster there), else a PGlite folder.
 */
async function scratchDatabase() {
  const server = process.env.AVISO_TEST_DATABASE_URL;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), 'aviso-widget-hub-'));
    return { url: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // The server's own client: the widget package does not depend on it.
  const fromServer = createRequire(join(repo, 'server', 'package.json'));
  const { default: postgres } = await import(fromServer.resolve('postgres'));
  const name = `aviso_w_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(server, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await again.end();
    },
  };
}

/**
 * A TCP pass-through to `port` that can be shut, as a network that is down for the browser only:
 * while shut it refuses new connections and cuts the open ones.
 */
export async function startGate(port) {
  const open = new Set();
  let shut = false;
  const server = createServer((down) => {
    if (shut) return down.destroy();
    const up = createConnection({ port, host: '127.0.0.1' });
    const pair = [down, up];
    open.add(pair);
    const cut = () => {
      open.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.on('error', cut).on('close', cut);
    up.on('error', cut).on('close', cut);
    down.pipe(up).pipe(down);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    shut() {
      shut = true;
      for (const [down, up] of open) {
        down.destroy();
        up.destroy();
      }
      open.clear();
    },
    open() {
      shut = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The `aviso-hub` server command of the browser tests: `start` a hub of its own (PGlite folder,
 * behind a gate), `stop` it with SIGTERM, `start` it again, `shut`/`open` its gate, bring it back
 * `up` after a failed test, `dispose` it.
 * A command answers within 15 s (the runner's limit is 20 s) with `done: false` while a start or
 * stop is still under way; `wait` then waits for it again.
 */
export function hubCommands() {
  const hubs = new Map();
  let next = 0;
  const within = async (entry) => {
    const done = await Promise.race([
      entry.pending.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (done) await entry.pending;
    return { id: entry.id, url: entry.url, gateUrl: entry.gate.url, adminToken: entry.adminToken, done };
  };
  return {
    async run({ action, id }) {
      if (action === 'start' && id === undefined) {
        const database = await scratchDatabase();
        const port = await freePort();
        const adminToken = `adm_${randomBytes(12).toString('hex')}`;
        const secretKeys = `k:${randomBytes(32).toString('base64')}`;
        const options = { port, databaseUrl: database.url, adminToken, secretKeys, timeoutMs: 120_000 };
        const entry = { id: String(++next), url: `http://127.0.0.1:${port}`, adminToken, database, options };
        entry.gate = await startGate(port);
        entry.pending = startHub(options).then((hub) => {
          entry.hub = hub;
        });
        entry.pending.catch(() => {});
        hubs.set(entry.id, entry);
        return within(entry);
      }
      const entry = hubs.get(id);
      if (!entry) throw new Error(`no hub ${id}`);
      if (action === 'wait') return within(entry);
      await (action === 'dispose' ? entry.pending.catch(() => {}) : entry.pending);
      if (action === 'stop') entry.pending = entry.hub.stop();
      else if (action === 'up') {
        // Whatever a failed test left behind: the gate open and the hub running.
        entry.gate.open();
        if (!entry.hub.running()) {
          entry.pending = startHub(entry.options).then((hub) => {
            entry.hub = hub;
          });
        }
      } else if (action === 'start') {
        entry.pending = startHub(entry.options).then((hub) => {
          entry.hub = hub;
        });
      } else if (action === 'shut') entry.gate.shut();
      else if (action === 'open') entry.gate.open();
      else if (action === 'dispose') {
        hubs.delete(id);
        await entry.hub?.stop();
        await entry.gate.close();
        await entry.database.drop();
      } else throw new Error(`unknown action ${action}`);
      entry.pending.catch(() => {});
      return within(entry);
    },
    async disposeAll() {
      await Promise.all([...hubs.keys()].map((id) => this.run({ action: 'dispose', id }).catch(() => {})));
    },
  };
}
