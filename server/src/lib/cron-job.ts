import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { BackgroundJob } from './background.ts';

export interface CronJobOptions {
  /** Names the job in logs and in `Background.run(name)`. */
  name: string;
  /** Cron pattern (server time). */
  pattern: string;
  /** The work of one run; what it resolves to is logged at debug level. */
  run: () => Promise<unknown>;
  log: Logger;
  /** A first run this long after start, so a node that was down at the scheduled time still runs it. */
  startDelayMs?: number;
}

/**
 * A periodic job: runs on its cron pattern (and once after start when asked), never two runs of
 * the same job at once on one node. Jobs that must run on one node at a time take their own lock
 * inside `run` (the advisory locks of the stock sweep and of retention).
 */
export class CronJob implements BackgroundJob {
  private cron: Cron | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly o: CronJobOptions) {}

  get name() {
    return this.o.name;
  }

  start() {
    this.cron = new Cron(this.o.pattern, { unref: true }, () => void this.runNow());
    if (this.o.startDelayMs !== undefined) {
      this.first = setTimeout(() => void this.runNow(), this.o.startDelayMs);
      this.first.unref();
    }
  }

  async stop() {
    this.cron?.stop();
    clearTimeout(this.first);
    await this.running;
  }

  /** Runs the job now, or joins the run already under way; failures are logged, never thrown. */
  runNow(): Promise<unknown> {
    this.running ??= this.o
      .run()
      .catch((err) => {
        this.o.log.warn({ err, job: this.o.name }, `${this.o.name} failed; retrying at the next run`);
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
