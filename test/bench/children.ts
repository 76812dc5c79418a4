import { type ChildProcess, fork } from 'node:child_process';
import { now, sleep } from './clock.ts';
import type { ClockPong } from './messages.ts';

/** A forked bench process speaking typed IPC messages. */
export class Child<In extends { type: string }, Out extends { type: string }> {
  readonly process: ChildProcess;
  private readonly listeners = new Set<(m: Out) => void>();

  /**
   * `execArgv` defaults to running the workspace from its TypeScript sources; without
   * `--conditions=aviso-source`, `@aviso/*` imports resolve to the compiled packages.
   */
  constructor(
    script: string,
    readonly name: string,
    options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {},
  ) {
    this.process = fork(new URL(script, import.meta.url), {
      execArgv: options.execArgv ?? ['--conditions=aviso-source', '--import', 'tsx'],
      ...(options.env ? { env: options.env } : {}),
      serialization: 'advanced', // typed arrays cross as typed arrays
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.process.on('message', (m) => {
      for (const l of this.listeners) l(m as Out);
    });
  }

  send(message: In) {
    this.process.send(message);
  }

  on(listener: (m: Out) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next message of `type`, or an error after `timeoutMs`. */
  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.name}: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on((m) => {
        if (m.type !== type) return;
        clearTimeout(timer);
        off();
        resolve(m as Extract<Out, { type: T }>);
      });
    });
  }

  /**
   * How far the child's clock is ahead of ours, from the ping with the shortest round trip
   * (its error is at most half that round trip, which is also returned).
   */
  async clockOffset(pings = 30): Promise<{ offset: number; rtt: number }> {
    let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
    for (let i = 0; i < pings; i++) {
      const t0 = now();
      const pong = this.next('pong' as Out['type'], 5_000) as unknown as Promise<ClockPong>;
      this.process.send({ type: 'ping', t0 });
      const { tc } = await pong;
      const t2 = now();
      if (t2 - t0 < best.rtt) best = { offset: tc - (t0 + t2) / 2, rtt: t2 - t0 };
      await sleep(2);
    }
    return best;
  }

  /** Asks the child to leave, then kills it if it has not after `graceMs`. */
  async stop(goodbye: In, graceMs = 5_000) {
    if (this.process.exitCode !== null || !this.process.connected) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.send(goodbye);
    await Promise.race([exited, sleep(graceMs)]);
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
  }
}
