import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { owned } from './services.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Workspace packages resolve to their TypeScript sources under this condition, as in test/support.
const FROM_SOURCES = ['--conditions=aviso-source', '--import', 'tsx'];

/**
 * One hub node as its own process (`server/src/main.ts`, as the README starts it), on a port that
 * stays its own across restarts, so the balancer in front keeps its list.
 */
export class HubNode {
  private child: ChildProcess | undefined;
  private log = '';

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Exits nobody asked for (a crash), with the last lines the process wrote. */
  readonly crashes: string[] = [];
  /** Which life of the process this is (one per start). */
  life = 0;
  /** Started and answering, with no stop asked. */
  up = false;

  get running() {
    return this.child !== undefined;
  }

  /** The last lines the process wrote (for failure messages). */
  output(lines = 30) {
    return this.log.split('\n').slice(-lines).join('\n');
  }

  /** Starts the process and waits until `/healthz` answers. */
  async start(timeoutMs = 120_000) {
    const child = owned(
      spawn(process.execPath, [...FROM_SOURCES, 'server/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.up = false;
      this.crashes.push(`${this.name} exited by itself (${signal ?? code}):\n${this.output(12)}`);
    });
    const keep = (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited (${child.exitCode}):\n${this.output()}`);
      if (Date.now() - started > timeoutMs) {
        child.kill('SIGKILL');
        throw new Error(`${this.name} did not start in ${timeoutMs} ms:\n${this.output()}`);
      }
      try {
        if ((await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok) {
          this.life++;
          this.up = true;
          return;
        }
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Sends `signal` and waits for the exit; a graceful stop that overruns `graceMs` is killed. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<{ exitMs: number }> {
    const child = this.child;
    this.child = undefined;
    this.up = false;
    const started = Date.now();
    if (!child || child.exitCode !== null || child.signalCode !== null) return { exitMs: 0 };
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
    });
    return { exitMs: Date.now() - started };
  }
}
