// `pnpm bench:ingest`: how many events per second one hub stores and answers, with no sockets, beside
// the floor: the least an events endpoint can do on the same database (ingest-floor.ts). Three
// processes: the load generator, the floor server and the hub (compiled, as in production), each
// measured with the same bodies and the same concurrency, in alternating rounds.
//
// AVISO_BENCH_DATABASE_URL=postgres://… measures on PostgreSQL (in a database of its own,
// `aviso_bench_ingest`, made anew); without it, on the embedded default (PGlite in a folder).
// BENCH_INGEST_SECONDS (default 5) per phase, BENCH_INGEST_ROUNDS (default 2),
// BENCH_INGEST_WARMUP_SECONDS (default 5) of each mode on each server before the rounds, discarded,
// BENCH_PROFILE=<dir> writes a CPU profile of the hub there and prints where its time went.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Child } from './children.ts';
import { loadConfig } from './config.ts';
import { freshDatabase } from './database.ts';
import type { FromLoad, FromServer, LoadPhase, ToLoad, ToServer } from './messages.ts';
import { summarizeProfile } from './profile.ts';
import { fmt, table } from './stats.ts';

type Server = Child<ToServer, FromServer>;
type Result = Extract<FromLoad, { type: 'result' }>;

const config = loadConfig();
const seconds = Number(process.env.BENCH_INGEST_SECONDS || 5);
const rounds = Number(process.env.BENCH_INGEST_ROUNDS || 2);
const warmupSeconds = Number(process.env.BENCH_INGEST_WARMUP_SECONDS ?? 5);
const profileDir = process.env.BENCH_PROFILE || undefined;
const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (line: string) => console.log(`[ingest] ${line}`);

// The hub runs compiled: build what is stale first.
if (spawnSync('node', ['scripts/build-stale.mjs', '@aviso/server'], { cwd: root, stdio: 'inherit' }).status) {
  throw new Error('the hub could not be built');
}

/** The database each server gets: one PostgreSQL database made anew, or a PGlite folder each. */
async function databases(): Promise<{
  hub: string;
  floor: string;
  kind: string;
  cleanup: () => Promise<void>;
}> {
  if (config.databaseUrl.startsWith('postgres')) {
    const database = await freshDatabase(config.databaseUrl, 'aviso_bench_ingest');
    const [row] = await database.run('show server_version');
    return {
      hub: database.url,
      floor: database.url,
      kind: `PostgreSQL ${row?.server_version ?? '?'}`,
      cleanup: database.drop,
    };
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'aviso-bench-ingest-'));
  return {
    hub: join(dir, 'hub'),
    floor: join(dir, 'floor'),
    kind: 'embedded PGlite (on disk)',
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function startServer(script: string, name: string, databaseUrl: string, compiled: boolean) {
  const execArgv = compiled ? ['--import', 'tsx'] : ['--conditions=aviso-source', '--import', 'tsx'];
  // Both as the hub is started in production (scripts/start.mjs, the Dockerfile).
  execArgv.unshift('--max-semi-space-size=64', '--no-memory-reducer');
  if (profileDir && name === 'hub') execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  const child: Server = new Child(script, name, {
    execArgv,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
  });
  const listening = await child.next('listening', 60_000);
  return { child, url: listening.url, headers: listening.headers };
}

async function cpuMs(server: Server): Promise<number> {
  const answer = server.next('cpu', 5_000);
  server.send({ type: 'cpu' });
  return (await answer).ms;
}

const db = await databases();
log(
  `${db.kind}, ${seconds} s per phase after 1 s of warm-up, ${rounds} rounds after ${warmupSeconds} s of warm-up per mode, load ${os.loadavg()[0]!.toFixed(1)}`,
);
const load = new Child<ToLoad, FromLoad>('./ingest-load.ts', 'load');
await load.next('ready', 30_000);
const floor = await startServer('./ingest-floor.ts', 'floor', db.floor, false);
const hub = await startServer('./ingest-hub.ts', 'hub', db.hub, true);

let nextId = 0;
async function measure(
  server: { child: Server; url: string; headers: Record<string, string> },
  mode: Mode,
  phaseSeconds = seconds,
) {
  const phase: LoadPhase = {
    url: `${server.url}${mode.path}`,
    headers: server.headers,
    perRequest: mode.perRequest,
    concurrency: mode.concurrency,
    warmupSeconds: 1,
    seconds: phaseSeconds,
    firstId: nextId,
  };
  const cpuBefore = await cpuMs(server.child);
  const answer = load.next('result', (seconds + 120) * 1000);
  load.send({ type: 'run', phase });
  const result = await answer;
  const cpu = (await cpuMs(server.child)) - cpuBefore;
  nextId = result.nextId;
  return { ...result, rate: result.events / result.seconds, cpuMsPerEvent: cpu / Math.max(1, result.events) };
}

interface Mode {
  name: string;
  path: string;
  perRequest: number;
  concurrency: number;
  /** Run only when BENCH_INGEST_ONLY names it: a diagnosis, not a target. */
  asked?: boolean;
}
// BENCH_INGEST_ONLY=batches (or =single) runs one mode, to profile it alone. `=1 in flight` runs
// single events one at a time: what each costs when nothing shares its wake-ups and round trips,
// as at a few hundred events a second (BENCHMARKS.md, "What was not reached").
const only = process.env.BENCH_INGEST_ONLY;
const modes: Mode[] = [
  { name: 'single events, 32 in flight', path: '/v1/events', perRequest: 1, concurrency: 32 },
  { name: 'batches of 500, 4 in flight', path: '/v1/events/batch', perRequest: 500, concurrency: 4 },
  { name: 'single events, 1 in flight', path: '/v1/events', perRequest: 1, concurrency: 1, asked: true },
].filter((m) => (only ? m.name.includes(only) : !m.asked));
/** The rate a mode must reach, as the table prints it. */
function rateTargetOf(mode: Mode, embedded: boolean): string {
  if (mode.asked) return '—';
  const batch = mode.perRequest > 1;
  if (embedded) return batch ? '—' : '≥ 2,000/s';
  return batch ? '≥ 50 % and ≥ 20,000/s' : '≥ 50 %';
}
type Measured = Result & { rate: number; cpuMsPerEvent: number };
const best = new Map<string, Measured>();
const keep = (key: string, m: Measured) => {
  const seen = best.get(key);
  if (!seen || m.rate > seen.rate) best.set(key, m);
};
// Every server and mode warmed up alike before any is measured: the hub's longer path needs V8 to
// have compiled it, or the first round pays for that compiling (one event at a time, it ran at 2–3
// times its warm CPU per event) while the floor's few functions are compiled within a second.
if (warmupSeconds) {
  for (const mode of modes) {
    for (const server of [floor, hub]) await measure(server, mode, warmupSeconds);
  }
  log(`warmed up: ${warmupSeconds} s of each mode on each server (discarded)`);
}
for (let round = 1; round <= rounds; round++) {
  for (const mode of modes) {
    for (const [name, server] of [
      ['floor', floor],
      ['hub', hub],
    ] as const) {
      const m = await measure(server, mode);
      keep(`${name} ${mode.name}`, m);
      log(
        `round ${round}, ${name.padEnd(5)} ${mode.name}: ${fmt(m.rate, 0)} events/s, p99 ${fmt(m.p99)} ms, ` +
          `${fmt(m.cpuMsPerEvent, 4)} ms CPU per event, ${m.refused} refused, load ${os.loadavg()[0]!.toFixed(1)}`,
      );
    }
  }
}
const loadAtEnd = os.loadavg()[0]!;

await Promise.all([hub.child.stop({ type: 'exit' }, 15_000), floor.child.stop({ type: 'exit' })]);
await load.stop({ type: 'exit' });
await db.cleanup();

const rows = [['figure', 'hub', 'floor (same run)', 'hub ÷ floor', 'target']];
const embedded = !config.databaseUrl.startsWith('postgres');
for (const mode of modes) {
  const h = best.get(`hub ${mode.name}`)!;
  const f = best.get(`floor ${mode.name}`)!;
  const rateTarget = rateTargetOf(mode, embedded);
  rows.push([
    `${mode.name}: events/s`,
    fmt(h.rate, 0),
    fmt(f.rate, 0),
    `${fmt((100 * h.rate) / f.rate, 0)} %`,
    rateTarget,
  ]);
  rows.push([
    `${mode.name}: p99 ms`,
    fmt(h.p99),
    fmt(f.p99),
    `${fmt(h.p99 / f.p99)} ×`,
    mode.asked ? '—' : '≤ 2 ×',
  ]);
  rows.push([
    `${mode.name}: CPU ms per event`,
    fmt(h.cpuMsPerEvent, 3),
    fmt(f.cpuMsPerEvent, 3),
    `${fmt(h.cpuMsPerEvent / f.cpuMsPerEvent)} ×`,
    '—',
  ]);
}
console.log(`\n${db.kind}, best of ${rounds} rounds each, load average ${loadAtEnd.toFixed(1)} at the end\n`);
console.log(table(rows));
if (config.jsonOut) {
  writeFileSync(
    config.jsonOut,
    JSON.stringify({ database: db.kind, load: loadAtEnd, best: Object.fromEntries(best) }),
  );
}
if (profileDir) console.log(`\nWhere the hub's CPU went:\n\n${summarizeProfile(profileDir)}`);
process.exit(0);
