import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Workspace packages resolve to their TypeScript sources under this condition, not to `dist`.
const FROM_SOURCES = ['--conditions=aviso-source', '--import', 'tsx'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A child process that serves HTTP: its URL, everything it printed, and a stop. */
export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends `signal` (SIGTERM by default); a process still running after `graceMs` is killed. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}
export type HubProcess = ServiceProcess;

/**
 * Starts `node <args>` in `cwd` and waits until `http://127.0.0.1:<port><readyPath>` answers 2xx;
 * fails with what it printed when it exits first or takes longer than `timeoutMs`.
 */
export async function startService(
  name: string,
  args: string[],
  o: {
    cwd: string;
    env: Record<string, string | undefined>;
    port: number;
    readyPath: string;
    timeoutMs: number;
    graceMs: number;
  },
): Promise<ServiceProcess> {
  let output = '';
  const child = spawn(process.execPath, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${o.port}`;
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    if (Date.now() - start > o.timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start in ${o.timeoutMs} ms:\n${output}`);
    }
    const ready = await fetch(`${url}${o.readyPath}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
        setTimeout(() => child.kill('SIGKILL'), o.graceMs).unref();
      }),
  };
}

/** Starts `server/src/main.ts` as its own process, exactly as the README does, and waits for /healthz. */
export async function startHubProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<HubProcess> {
  const port = await freePort();
  return startService('hub', [...FROM_SOURCES, 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    port,
    readyPath: '/healthz',
    timeoutMs,
    // A node that does not finish a graceful shutdown in time is killed.
    graceMs: 10_000,
  });
}
