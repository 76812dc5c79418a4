// Starts a throwaway hub process (in-memory database) for the end-to-end browser tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
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

/** Spawns `server/src/main.ts` and resolves once `/healthz` answers. */
export async function startHub({ timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const adminToken = `adm_${randomBytes(12).toString('hex')}`;
  const child = spawn(process.execPath, [...FROM_SOURCES, 'server/src/main.ts'], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: 'memory:',
      REDIS_URL: '',
      AVISO_ADMIN_TOKEN: adminToken,
      AVISO_SECRET_KEYS: `k:${randomBytes(32).toString('base64')}`,
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
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the hub exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, adminToken, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error('the hub did not start in time');
}
