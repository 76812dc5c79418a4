import type { Logger } from 'pino';
import type { BackgroundJob } from './background.ts';

export interface PollingLoopOptions {
  /** Names the loop in logs. */
  name: string;
  log: Logger;
  now: () => Date;
  /** A round that took this many items runs again at once. */
  batch: number;
  /** Longest sleep between rounds when nothing is due sooner (work added by other nodes). */
  pollMs: number;
}

/**
 * A queue's background job: runs `round` until nothing is due, then sleeps until the next due time
 * (or `pollMs`). `wake()` starts a round at once. Rounds never overlap: `runNow()` (operators,
 * tests) waits for the one running. Each queue's worker extends it with its `round` and `nextDue`.
 */
export abstract class PollingLoop implements BackgroundJob {
  private timer: NodeJS.Timeout | undefined;
  private looping = false;
  private stopped = true;
  private rerun = false;
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly loopOptions: PollingLoopOptions) {}

  /** Handles one batch of due work; resolves to how many items it took. */
  protected abstract round(): Promise<number>;

  /** When the next item is due, to sleep until then. */
  protected abstract nextDue(): Promise<Date | undefined>;

  get name() {
    return this.loopOptions.name;
  }

  start() {
    this.stopped = false;
    this.wake();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.looping) await new Promise((r) => setTimeout(r, 20));
    await this.current.catch(() => {});
  }

  wake() {
    if (this.stopped) return;
    if (this.looping) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.timer);
    void this.loop();
  }

  /** Runs one round now, after the one under way; resolves to how many items it took. */
  runNow(): Promise<number> {
    const next = this.current.catch(() => {}).then(() => this.round());
    this.current = next;
    return next;
  }

  private async loop() {
    this.looping = true;
    let delay = this.loopOptions.pollMs;
    try {
      do {
        this.rerun = false;
        if ((await this.runNow()) >= this.loopOptions.batch) this.rerun = true;
      } while (this.rerun && !this.stopped);
      const next = await this.nextDue();
      if (next) delay = Math.max(10, Math.min(delay, next.getTime() - this.loopOptions.now().getTime()));
    } catch (err) {
      this.loopOptions.log.warn(
        { err: (err as Error).message },
        `${this.loopOptions.name} round failed; will retry`,
      );
    } finally {
      this.looping = false;
    }
    if (!this.stopped) this.timer = setTimeout(() => this.wake(), delay);
  }
}
