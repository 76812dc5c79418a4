/** The bench's settings: the only reader of `process.env` under `test/bench`. */
export interface BenchConfig {
  sockets: number;
  branches: number;
  /** Events per second in each measured phase. */
  rate: number;
  seconds: number;
  /** Measured rounds: the baseline and Aviso in turn, each `seconds` long, this many times. */
  rounds: number;
  warmupSeconds: number;
  clientProcesses: number;
  connectConcurrency: number;
  maxInFlight: number;
  /**
   * `AVISO_BENCH_DATABASE_URL`: a PostgreSQL URL, a PGlite data folder or `memory:`. Unset (empty
   * here), the hub's own default: an embedded PGlite on a data folder, made for the run.
   */
  databaseUrl: string;
  /** The hub's PostgreSQL pool (`BENCH_DB_POOL`); unset, the hub's own default. */
  dbPool: number | undefined;
  /** Where to write the figures as JSON, if anywhere. */
  jsonOut: string | undefined;
  /** Where to write CPU profiles of the hub over each measured phase (`BENCH_PROFILE`), if anywhere. */
  profileDir: string | undefined;
  /** Where to write `perf` recordings of the hub's main thread over each measured phase (`BENCH_PERF`), if anywhere. */
  perfDir: string | undefined;
  /**
   * Where to write a heap snapshot of the hub halfway through each measured phase
   * (`BENCH_HEAP_SNAPSHOT`), if anywhere: what is alive then. Writing one stalls the hub for
   * seconds, so the phase's own figures are not to be read.
   */
  heapSnapshotDir: string | undefined;
  /**
   * Aviso's phase publishes to a branch nobody is in (`BENCH_TO_NOBODY=1`): what ingestion alone
   * costs the hub at the phase's rate, beside the same idle sockets. A diagnosis, not a figure.
   */
  toNobody: boolean;
}

function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${name} must be a number ≥ ${min}, got ${raw}`);
  return value;
}

export function loadConfig(): BenchConfig {
  const config = {
    sockets: int('BENCH_SOCKETS', 2000),
    branches: int('BENCH_BRANCHES', 20),
    rate: int('BENCH_RATE', 1000),
    seconds: int('BENCH_SECONDS', 10),
    rounds: int('BENCH_ROUNDS', 2),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 10, 0),
    clientProcesses: int('BENCH_CLIENT_PROCESSES', 1),
    connectConcurrency: int('BENCH_CONNECT_CONCURRENCY', 50),
    maxInFlight: int('BENCH_MAX_IN_FLIGHT', 1000),
    databaseUrl: process.env.AVISO_BENCH_DATABASE_URL || '',
    dbPool: process.env.BENCH_DB_POOL ? int('BENCH_DB_POOL', 1) : undefined,
    jsonOut: process.env.BENCH_JSON || undefined,
    profileDir: process.env.BENCH_PROFILE || undefined,
    perfDir: process.env.BENCH_PERF || undefined,
    heapSnapshotDir: process.env.BENCH_HEAP_SNAPSHOT || undefined,
    toNobody: process.env.BENCH_TO_NOBODY === '1',
  };
  if (config.branches > config.sockets) throw new Error('BENCH_BRANCHES must not exceed BENCH_SOCKETS');
  return config;
}
