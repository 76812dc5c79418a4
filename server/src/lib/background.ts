/** Something the node runs in the background: a queue's polling loop or a periodic job. */
export interface BackgroundJob {
  readonly name: string;
  start(): void;
  /** Stops taking new work and waits for the work under way. */
  stop(): Promise<void>;
  /** Runs one round now (operators, tests); resolves when it is done. */
  runNow(): Promise<unknown>;
}

/** Every background job of a node, started and stopped in one place, runnable by name. */
export class Background {
  private readonly jobs = new Map<string, BackgroundJob>();

  /** Registers a job (names are unique) and returns it. */
  add<T extends BackgroundJob>(job: T): T {
    if (this.jobs.has(job.name)) throw new Error(`background job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
    return job;
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  has(name: string): boolean {
    return this.jobs.has(name);
  }

  startAll() {
    for (const job of this.jobs.values()) job.start();
  }

  /** Stops every job, in the reverse order of registration. */
  async stopAll() {
    for (const job of [...this.jobs.values()].reverse()) await job.stop();
  }

  /** Runs the named job once now; undefined when there is no such job. */
  run(name: string): Promise<unknown> | undefined {
    return this.jobs.get(name)?.runNow();
  }
}
