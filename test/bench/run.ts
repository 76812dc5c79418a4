// `pnpm bench`: Aviso's live push (HTTP POST → socket) beside raw Socket.IO room emits to the
// same sockets, in one run. See BENCHMARKS.md for the method and the recorded figures. Long because
// it is one measurement script read top to bottom: set-up, connects, phases, storm, table.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SOCKET_PATH } from '@aviso/protocol';
import { createLogger, rooms, startNode } from '@aviso/server';
import { SignJWT } from 'jose';
import { Child } from './children.ts';
import { now, sleep } from './clock.ts';
import { type BenchConfig, loadConfig } from './config.ts';
import { freshDatabase } from './database.ts';
import type { FromClients, FromPublisher, ToClients, ToPublisher } from './messages.ts';
import { startPerf } from './perf.ts';
import { phaseCpu } from './phase-cpu.ts';
import { summarizeProfile } from './profile.ts';
import { fmt, percentile, table } from './stats.ts';

const WATCHDOG_MS = 10 * 60_000;
const ADMIN_TOKEN = 'adm_bench';
/** A phase's deliveries are done when all arrived or none arrived for this long. */
const QUIET_MS = 10_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use after two full collections. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(100);
  }
  return process.memoryUsage().heapUsed;
}

/** CPU time of this process (the hub's) since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/**
 * CPU time of every PostgreSQL process on this machine, in ms (Linux `/proc`; 0 elsewhere). The
 * bench's database runs here, so a storm's share of it can be read beside the hub's own.
 */
function postgresCpuMs(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        const fields = stat.slice(close + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended meanwhile.
      }
    }
  } catch {
    return 0;
  }
  return ticks * 10;
}

/** Waits until this process (the hub) has used under 10 % of a core for 250 ms; how long it took, ms. */
async function idle(maxMs = 30_000): Promise<number> {
  const start = now();
  while (now() - start < maxMs) {
    const cpu = process.cpuUsage();
    await sleep(250);
    if (cpuMsSince(cpu) < 25) break;
  }
  return now() - start;
}

/** What one measured phase found. */
interface PhaseResult {
  name: string;
  events: number;
  expected: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
  deliveriesPerSecond: number;
  sendSeconds: number;
  /** CPU time of the server's process over the phase, per socket receipt. */
  serverCpuUsPerDelivery: number;
  /** The part of it spent in the kernel (system time: socket writes, wake-ups), per socket receipt. */
  serverSystemUsPerDelivery: number;
  /** One-minute load average of the machine at the end of the phase. */
  load: number;
  /** What rounds of the same phase are merged from (not written to the JSON). */
  parts: {
    latencies: Float64Array;
    seconds: number;
    cpuUs: number;
    systemUs: number;
    /** The receipts at or over the p99: the index of each one's event and its latency, ms. */
    tail?: { event: Int32Array; latency: Float64Array };
  };
}

/** A phase's figures without the samples they came from. */
function figuresOf<T extends PhaseResult>({ parts: _, ...figures }: T) {
  return figures;
}

/** Samples of several rounds as one, sorted. */
function pooled(samples: Float64Array[]): Float64Array<ArrayBuffer> {
  const all = new Float64Array(samples.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of samples) {
    all.set(s, at);
    at += s.length;
  }
  return all.sort();
}

/**
 * Rounds of one phase as one: latencies pooled, throughput over the rounds' summed durations, CPU
 * summed. The baseline's and Aviso's rounds alternate, so a machine that slows down for a while
 * slows both (BENCHMARKS.md, Method).
 */
function merge(rounds: PhaseResult[]): PhaseResult {
  const last = rounds.at(-1)!;
  const sum = (f: (r: PhaseResult) => number) => rounds.reduce((s, r) => s + f(r), 0);
  const n = sum((r) => r.received);
  const sample = pooled(rounds.map((r) => r.parts.latencies));
  const parts = {
    latencies: sample,
    seconds: sum((r) => r.parts.seconds),
    cpuUs: sum((r) => r.parts.cpuUs),
    systemUs: sum((r) => r.parts.systemUs),
  };
  return {
    name: last.name,
    events: sum((r) => r.events),
    expected: sum((r) => r.expected),
    received: n,
    p50: percentile(sample, 50),
    p99: percentile(sample, 99),
    max: sample[n - 1] ?? Number.NaN,
    deliveriesPerSecond: n / parts.seconds,
    sendSeconds: sum((r) => r.sendSeconds),
    serverCpuUsPerDelivery: parts.cpuUs / n,
    serverSystemUsPerDelivery: parts.systemUs / n,
    load: last.load,
    parts,
  };
}

type Clients = Child<ToClients, FromClients>;
type Publisher = Child<ToPublisher, FromPublisher>;

async function main(config: BenchConfig) {
  const log = (line: string) => console.log(`[bench] ${line}`);
  const database = await benchDatabase(config.databaseUrl);
  log(
    `${config.sockets} sockets over ${config.branches} branches, ${config.rate} events/s for ${config.seconds} s per phase, ` +
      `${config.clientProcesses} client process(es), database ${database.label}`,
  );
  log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );

  const node = await startNode(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: database.url,
      ...(config.dbPool ? { dbPool: config.dbPool } : {}),
      redisUrl: null,
      adminToken: ADMIN_TOKEN,
      secretKeys: [{ id: 'k', key: Buffer.alloc(32, 7) }],
      corsOrigins: '*',
    },
    createLogger('warn'),
  );
  const children: { clients: Clients[]; publisher?: Publisher } = { clients: [] };
  try {
    return await measure(config, node, children, log, database);
  } finally {
    await Promise.all([
      ...children.clients.map((c) => c.stop({ type: 'close' })),
      children.publisher?.stop({ type: 'close' }),
    ]);
    await node.close();
    await database.drop();
  }
}

/**
 * On PostgreSQL, a database made anew for the run and dropped after it: runs do not inherit each
 * other's rows (or their dead ones, where autovacuum is off, as on the CI machine). None given, the
 * hub's default: PGlite on a data folder of its own, removed after the run (`memory:` keeps its
 * files in JavaScript arrays, which a growing table copies whole: stalls the default never has).
 * Other URLs as given.
 */
async function benchDatabase(given: string): Promise<BenchDatabase> {
  if (!given) {
    const dir = mkdtempSync(join(os.tmpdir(), 'aviso-bench-live-'));
    return {
      url: dir,
      label: 'embedded PGlite (on disk)',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      analyzeIfNoAutovacuum: async () => false,
    };
  }
  if (!given.startsWith('postgres')) {
    return { url: given, label: given, drop: async () => {}, analyzeIfNoAutovacuum: async () => false };
  }
  const database = await freshDatabase(given, 'aviso_bench_live');
  return {
    url: database.url,
    label: given.replace(/\/\/[^@/]*@/, '//…@'),
    drop: database.drop,
    // Where autovacuum is off (this machine's PostgreSQL), what it would have done by then.
    analyzeIfNoAutovacuum: async () => {
      const [row] = await database.run('show autovacuum');
      if (row?.autovacuum !== 'off') return false;
      await database.run('analyze');
      return true;
    },
  };
}

interface BenchDatabase {
  url: string;
  /** What the first line calls it (no password). */
  label: string;
  drop(): Promise<void>;
  /** Runs ANALYZE when the server's autovacuum is off; whether it did. */
  analyzeIfNoAutovacuum(): Promise<boolean>;
}

async function api<T>(base: string, path: string, method: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function measure(
  config: BenchConfig,
  node: Awaited<ReturnType<typeof startNode>>,
  children: { clients: Clients[]; publisher?: Publisher },
  log: (line: string) => void,
  database: BenchDatabase,
) {
  const tenant = await api<{ id: string; apiKey: string; widgetSecret: string }>(
    node.url,
    '/v1/admin/tenants',
    'POST',
    ADMIN_TOKEN,
    { name: `bench ${new Date().toISOString()}` },
  );
  const branchIds = Array.from({ length: config.branches }, (_, b) => `b${b}`);
  for (const b of branchIds)
    await api(node.url, `/v1/branches/${b}`, 'PUT', tenant.apiKey, { name: `Sucursal ${b}` });

  // Host-minted widget tokens carrying role and branch: each recipient is created on connect.
  const secret = new TextEncoder().encode(tenant.widgetSecret);
  const tokens = await Promise.all(
    Array.from({ length: config.sockets }, (_, i) =>
      new SignJWT({ tid: tenant.id, role: 'staff', branchIds: [branchIds[i % config.branches]!] })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(`r${i}`)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(secret),
    ),
  );
  const perBranch = branchIds.map((_, b) => Math.ceil((config.sockets - b) / config.branches));

  children.clients = Array.from(
    { length: config.clientProcesses },
    (_, k) => new Child<ToClients, FromClients>('./clients.ts', `clients#${k}`),
  );
  children.publisher = new Child<ToPublisher, FromPublisher>('./publisher.ts', 'publisher');
  const clients = children.clients;
  const publisher = children.publisher;
  const offsets = await Promise.all(clients.map((c) => c.clockOffset()));
  const publisherOffset = await publisher.clockOffset();
  for (const [k, o] of [
    ...offsets.map((o, k) => [`clients#${k}`, o] as const),
    ['publisher', publisherOffset] as const,
  ]) {
    log(`clock of ${k}: ${fmt(o.offset, 3)} ms from ours (±${fmt(o.rtt / 2, 3)} ms)`);
  }

  const connectAll = async (url: string, since?: string) => {
    const start = now();
    const replies = await Promise.all(
      clients.map((c, k) => {
        const mine = tokens.filter((_, i) => i % clients.length === k);
        const done = c.next('connected', 120_000);
        c.send({
          type: 'connect',
          url,
          path: SOCKET_PATH,
          tokens: mine,
          concurrency: config.connectConcurrency,
          ...(since ? { since } : {}),
        });
        return done;
      }),
    );
    const failed = replies.reduce((s, c) => s + c.failed, 0);
    const firstError = replies.find((c) => c.firstError)?.firstError;
    return { ok: replies.reduce((s, c) => s + c.ok, 0), failed, firstError, seconds: (now() - start) / 1000 };
  };

  // Idle heap per socket: the server's heap after GC, before and after the sockets connect. Its
  // baseline is the same number of sockets on a bare namespace of the same Socket.IO server.
  const bare = node.io.of('/bench-bare');
  bare.on('connection', (socket) => socket.emit('unread', { count: 0 }));
  let heapBefore = await settledHeap();
  const bareCpu = process.cpuUsage();
  const bareSockets = await connectAll(`${node.url}/bench-bare`);
  const bareCpuMs = cpuMsSince(bareCpu) / bareSockets.ok;
  await sleep(1000);
  const bareHeapPerSocket = ((await settledHeap()) - heapBefore) / bareSockets.ok;
  log(
    `bare Socket.IO: ${bareSockets.ok} sockets in ${fmt(bareSockets.seconds)} s, ${fmt(bareHeapPerSocket / 1024)} KiB of heap each`,
  );
  await Promise.all(
    clients.map((c) => {
      const done = c.next('dropped', 30_000);
      c.send({ type: 'drop' });
      return done;
    }),
  );
  await sleep(1000);

  heapBefore = await settledHeap();
  const { ok, failed, firstError, seconds } = await connectAll(node.url);
  log(
    `${ok} Aviso sockets connected in ${fmt(seconds)} s (${fmt(ok / seconds, 0)}/s), ${failed} failed${failed ? ` (${firstError})` : ''}`,
  );
  if (!ok) throw new Error('no socket connected');
  await sleep(1000);
  const heapAfter = await settledHeap();
  const heapPerSocket = (heapAfter - heapBefore) / ok;
  log(
    `server heap ${fmt(heapBefore / 2 ** 20)} → ${fmt(heapAfter / 2 ** 20)} MiB: ${fmt(heapPerSocket / 1024)} KiB per idle socket`,
  );

  let received = 0;
  const totals = clients.map(() => 0);
  for (const [k, c] of clients.entries()) {
    c.on((m) => {
      if (m.type === 'progress') {
        received += m.received - totals[k]!;
        totals[k] = m.received;
      }
    });
  }

  /** Waits for the phase's deliveries, collects the receipts and turns them into latencies. */
  async function finish(
    name: string,
    firstSeq: number,
    sentAt: Float64Array,
    sendSeconds: number,
    cpuStart: NodeJS.CpuUsage,
    toNobody = false,
  ): Promise<PhaseResult> {
    const expected = Array.from(sentAt, (t, i) =>
      Number.isNaN(t) || toNobody ? 0 : perBranch[i % config.branches]!,
    ).reduce((a, b) => a + b, 0);
    const target = received + expected;
    let last = received;
    let quietSince = now();
    while (received < target && now() - quietSince < QUIET_MS) {
      await sleep(50);
      if (received !== last) {
        last = received;
        quietSince = now();
      }
    }
    const cpu = process.cpuUsage(cpuStart);
    const batches = await Promise.all(
      clients.map(async (c, k) => {
        const r = c.next('receipts', 30_000);
        c.send({ type: 'collect' });
        return { ...(await r), offset: offsets[k]!.offset };
      }),
    );
    const latencies = new Float64Array(batches.reduce((s, b) => s + b.seq.length, 0));
    const eventOf = new Int32Array(latencies.length);
    let n = 0;
    let lastReceipt = Number.NEGATIVE_INFINITY;
    for (const b of batches) {
      for (let j = 0; j < b.seq.length; j++) {
        const i = b.seq[j]! - firstSeq;
        const sent = sentAt[i];
        if (sent === undefined || Number.isNaN(sent)) continue;
        const at = b.at[j]! - b.offset;
        eventOf[n] = i;
        latencies[n++] = at - sent;
        if (at > lastReceipt) lastReceipt = at;
      }
    }
    const sample = latencies.slice(0, n).sort();
    const p99 = percentile(sample, 99);
    const inTail: number[] = [];
    for (let j = 0; j < n; j++) if (latencies[j]! >= p99) inTail.push(j);
    const tail = {
      event: Int32Array.from(inTail, (j) => eventOf[j]!),
      latency: Float64Array.from(inTail, (j) => latencies[j]!),
    };
    const firstSent = sentAt.find((t) => !Number.isNaN(t)) ?? Number.NaN;
    return {
      name,
      events: sentAt.filter((t) => !Number.isNaN(t)).length,
      expected,
      received: n,
      p50: percentile(sample, 50),
      p99,
      max: sample[n - 1] ?? Number.NaN,
      deliveriesPerSecond: n / ((lastReceipt - firstSent) / 1000),
      sendSeconds,
      serverCpuUsPerDelivery: (cpu.user + cpu.system) / n,
      serverSystemUsPerDelivery: cpu.system / n,
      load: os.loadavg()[0]!,
      parts: {
        latencies: sample,
        seconds: (lastReceipt - firstSent) / 1000,
        cpuUs: cpu.user + cpu.system,
        systemUs: cpu.system,
        tail,
      },
    };
  }

  /**
   * The hub runs in this process: with BENCH_PROFILE its CPU is profiled over each measured phase
   * (the baseline's emits, Aviso's, the storm), each into a folder of its own, and summarized; with
   * BENCH_PERF its main thread is recorded by Linux's `perf` over the same phases (`perf.ts`); with
   * BENCH_HEAP_SNAPSHOT its heap is written out halfway through each.
   * The returned function ends the phase's recordings; `events` divides what `perf` saw.
   */
  async function profile(phase: string): Promise<(events: number) => Promise<void>> {
    const snapshot = config.heapSnapshotDir
      ? setTimeout(() => {
          mkdirSync(config.heapSnapshotDir!, { recursive: true });
          const file = writeHeapSnapshot(
            join(config.heapSnapshotDir!, `${phase}-${Date.now()}.heapsnapshot`),
          );
          log(`heap snapshot halfway through the ${phase} phase: ${file}`);
        }, config.seconds * 500)
      : undefined;
    const recording = config.perfDir ? startPerf(config.perfDir, phase, log) : undefined;
    const stopPerf = async (events: number) => {
      clearTimeout(snapshot);
      if (recording)
        log(
          `where the hub's main thread ran during the ${phase} phase (perf):\n\n${await recording.stop(events)}\n`,
        );
    };
    if (!config.profileDir) return stopPerf;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    // What the phase allocated, the garbage included (open the file in Chrome's DevTools, Memory).
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return async (events) => {
      await stopPerf(events);
      const { profile: allocations } = await session.post('HeapProfiler.stopSampling');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const dir = `${config.profileDir}/${phase}`;
      const name = `${dir}/${phase}-${Date.now()}`;
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${name}.cpuprofile`, JSON.stringify(profile));
      writeFileSync(`${name}.heapprofile`, JSON.stringify(allocations));
      log(`where the hub's CPU went during the ${phase} phase:\n\n${summarizeProfile(dir, 25)}\n`);
    };
  }

  let seq = 0;
  /**
   * Notifications the tenant holds: what a reconnection's count reads grows with it (BENCHMARKS.md,
   * "What was not reached"), so the storm says at what size it ran.
   */
  let stored = 0;

  /** Aviso: the publisher POSTs `NUEVA_VENTA` events, each for one branch's ~100 sockets. */
  async function avisoPhase(name: string, seconds: number) {
    const firstSeq = seq;
    const total = Math.round(config.rate * seconds);
    seq += total;
    const cpuStart = process.cpuUsage();
    const done = publisher.next('published', (seconds + 60) * 1000);
    publisher.send({
      type: 'publish',
      url: node.url,
      apiKey: tenant.apiKey,
      rate: config.rate,
      seconds,
      branches: config.branches,
      firstSeq,
      maxInFlight: config.maxInFlight,
      toNobody: config.toNobody,
    });
    const out = await done;
    const accepted = Array.from(out.status, (s) => s === 202);
    stored += accepted.filter(Boolean).length;
    const sentAt = out.scheduled.map((t, i) => (accepted[i] ? t - publisherOffset.offset : Number.NaN));
    const responses = out.responseMs.filter((_, i) => accepted[i]).sort();
    const result = await finish(name, firstSeq, sentAt, seconds, cpuStart, config.toNobody);
    // Where the slowest 1 % of receipts spent their time: the publisher sending late, the POST
    // waiting for its 202, or what came after the commit (the push, the clients' own loop).
    const tail = result.parts.tail;
    const median = (f: (k: number) => number) =>
      tail ? percentile(Float64Array.from(tail.event, (_, k) => f(k)).sort(), 50) : Number.NaN;
    const tailSays = tail?.event.length
      ? `the slowest 1 % of receipts (${new Set(tail.event).size} events) had, at their median, ` +
        `${fmt(median((k) => out.lateMs[tail.event[k]!]!))} ms of the publisher sending late, ` +
        `${fmt(median((k) => out.responseMs[tail.event[k]!]!))} ms of POST→202 and ` +
        `${fmt(median((k) => tail.latency[k]! - out.lateMs[tail.event[k]!]! - out.responseMs[tail.event[k]!]!))} ms besides`
      : '';
    const refused = accepted.filter((a) => !a).length;
    // What the refused ones got (0: no answer at all), so that a refusal is never a bare number.
    const codes = new Map<number, number>();
    for (const [i, ok] of accepted.entries())
      if (!ok) codes.set(out.status[i]!, (codes.get(out.status[i]!) ?? 0) + 1);
    const refusedAs = [...codes]
      .map(([code, n]) => {
        const why = code
          ? ''
          : `: ${Object.entries(out.failures)
              .map(([e, k]) => `${k} × ${e}`)
              .join(', ')}`;
        return `${n} × ${code}${why}`;
      })
      .join(', ');
    return {
      ...result,
      post: {
        p50: percentile(responses, 50),
        p99: percentile(responses, 99),
        refused,
        refusedAs,
        skipped: out.skipped,
        responses,
        tailSays,
      },
    };
  }
  type AvisoResult = Awaited<ReturnType<typeof avisoPhase>>;

  /** Aviso's rounds as one, its POSTs' answers pooled too. */
  function mergeAviso(rounds: AvisoResult[]): AvisoResult {
    const responses = pooled(rounds.map((r) => r.post.responses));
    return {
      ...merge(rounds),
      post: {
        p50: percentile(responses, 50),
        p99: percentile(responses, 99),
        refused: rounds.reduce((s, r) => s + r.post.refused, 0),
        refusedAs: rounds
          .map((r) => r.post.refusedAs)
          .filter(Boolean)
          .join('; '),
        skipped: rounds.reduce((s, r) => s + r.post.skipped, 0),
        responses,
        tailSays: rounds
          .map((r) => r.post.tailSays)
          .filter(Boolean)
          .join('; '),
      },
    };
  }

  /** Baseline: the same payload shape, emitted with `io.to(room).emit` in the server's process. */
  async function baselinePhase(name: string, seconds: number) {
    const firstSeq = seq;
    const total = Math.round(config.rate * seconds);
    seq += total;
    const interval = 1000 / config.rate;
    const sentAt = new Float64Array(total);
    const cpuStart = process.cpuUsage();
    const start = now() + 5;
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor((now() - start) / interval) + 1);
      for (; sent < due; sent++) {
        const s = firstSeq + sent;
        const branchId = branchIds[sent % config.branches]!;
        sentAt[sent] = start + sent * interval;
        node.io.to(rooms.branch(tenant.id, branchId)).emit('notification', {
          id: randomUUID(),
          type: 'NUEVA_VENTA',
          title: 'Nueva venta',
          message: 'Nueva venta de $1,234.50 registrada en tu sucursal.',
          entityId: `v${s}`,
          branchIds: [branchId],
          data: { branchId, total: 1234.5, seq: s },
          link: `#/ventas/v${s}`,
          severity: 'success',
          icon: 'sale',
          actions: null,
          createdAt: new Date().toISOString(),
          readAt: null,
          seenAt: null,
          archivedAt: null,
          actionId: null,
        });
      }
      await sleep(1);
    }
    return finish(name, firstSeq, sentAt, seconds, cpuStart);
  }

  // Both paths warmed up alike before either is measured: the hub's longer one needs V8 to have
  // compiled it, or the measured phase pays for that compiling (BENCHMARKS.md, Method).
  if (config.warmupSeconds) {
    const raw = await baselinePhase('warm-up', config.warmupSeconds);
    const warm = await avisoPhase('warm-up', config.warmupSeconds);
    log(
      `warm-up, ${config.warmupSeconds} s each (discarded): raw emits ${raw.received}/${raw.expected} deliveries, ` +
        `Aviso ${warm.received}/${warm.expected}, p99 ${fmt(warm.p99)} ms`,
    );
  }
  // The measured phases: the baseline and Aviso in turn, `config.rounds` times, each round's
  // figures printed, the table from the rounds pooled.
  const baselines: PhaseResult[] = [];
  const avisos: AvisoResult[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const of = config.rounds > 1 ? `round ${round}/${config.rounds}, ` : '';
    const stopBaselineProfile = await profile('baseline');
    let cpu = phaseCpu();
    const baseline = await baselinePhase('baseline', config.seconds);
    const baselineCpu = cpu(baseline.events);
    await stopBaselineProfile(baseline.events);
    baselines.push(baseline);
    log(
      `${of}baseline: ${baseline.received}/${baseline.expected} deliveries, p50 ${fmt(baseline.p50)} ms, p99 ${fmt(baseline.p99)} ms; ${baselineCpu}`,
    );
    const stopAvisoProfile = await profile('aviso');
    cpu = phaseCpu();
    const aviso = await avisoPhase('aviso', config.seconds);
    const avisoCpu = cpu(aviso.events);
    await stopAvisoProfile(aviso.events);
    avisos.push(aviso);
    log(
      `${of}aviso: ${aviso.received}/${aviso.expected} deliveries, p50 ${fmt(aviso.p50)} ms, p99 ${fmt(aviso.p99)} ms; ` +
        `POST→202 p50 ${fmt(aviso.post.p50)} ms p99 ${fmt(aviso.post.p99)} ms; ${aviso.post.refused} not accepted${aviso.post.refused ? ` (${aviso.post.refusedAs})` : ''}, ${aviso.post.skipped} skipped; ${avisoCpu}; ${aviso.post.tailSays}`,
    );
  }
  const baseline = merge(baselines);
  const aviso = mergeAviso(avisos);

  // Connect storm: every widget reconnects at once, as after a restart, asking for what it missed
  // (one notification per branch published while they were away), against the bare namespace's rate.
  await Promise.all(
    clients.map((c) => {
      const done = c.next('dropped', 30_000);
      c.send({ type: 'drop' });
      return done;
    }),
  );
  // A restarted node has nothing left to do for the sockets it lost; this one still writes their
  // presence-log closes. The storm starts once the hub is idle again, as the bare connects did.
  // A node that restarts has run for a while: PostgreSQL has statistics of its tables by then.
  if (await database.analyzeIfNoAutovacuum()) log('database analyzed (its autovacuum is off)');
  const settled = await idle();
  log(`the hub settled ${fmt(settled / 1000)} s after the drop (presence-log closes written)`);
  const mark = await api<{ id: string }>(node.url, '/v1/events', 'POST', tenant.apiKey, {
    type: 'NUEVA_VENTA',
    branchIds: [branchIds[0]],
    data: { total: 1 },
  });
  for (const b of branchIds) {
    await api(node.url, '/v1/events', 'POST', tenant.apiKey, {
      type: 'NUEVA_VENTA',
      branchIds: [b],
      data: { total: 2 },
    });
  }
  stored += 1 + branchIds.length;
  const stopProfile = await profile('storm');
  const stormCpu = process.cpuUsage();
  // PostgreSQL's own processes, when the hub's database is one (none to count on PGlite).
  const onPostgres = config.databaseUrl.startsWith('postgres');
  const stormPgCpu = onPostgres ? postgresCpuMs() : 0;
  const storm = await connectAll(node.url, mark.id);
  const stormCpuMs = cpuMsSince(stormCpu) / storm.ok;
  const stormPgCpuMs = onPostgres ? (postgresCpuMs() - stormPgCpu) / storm.ok : 0;
  await stopProfile(storm.ok);
  const stormRate = storm.ok / storm.seconds;
  const bareRate = bareSockets.ok / bareSockets.seconds;
  log(
    `connect storm: ${storm.ok} sockets reconnected with replay in ${fmt(storm.seconds)} s (${fmt(stormRate, 0)}/s), ` +
      `${storm.failed} failed; bare namespace ${fmt(bareRate, 0)}/s; ` +
      `the hub's CPU per connection ${fmt(stormCpuMs, 2)} ms, bare ${fmt(bareCpuMs, 2)} ms` +
      (stormPgCpuMs ? `, PostgreSQL's ${fmt(stormPgCpuMs, 2)} ms` : '') +
      `; the tenant held ${fmt(stored, 0)} notifications (about ${fmt(stored / config.branches, 0)} per reader); ` +
      `load ${fmt(os.loadavg()[0]!, 2)}`,
  );
  // What the hub spends per event on top of the raw emit: CPU per delivery × deliveries per event.
  const perEvent = (r: PhaseResult, usPerDelivery = r.serverCpuUsPerDelivery) =>
    (usPerDelivery * r.received) / Math.max(1, r.events) / 1000;
  const aboveRaw = perEvent(aviso) - perEvent(baseline);
  const kernelPerEvent = (r: PhaseResult) => perEvent(r, r.serverSystemUsPerDelivery);

  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;
  const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${fmt(Math.abs(ms), 3)}`;
  const rows = [
    ['figure', 'Aviso', 'baseline', 'ratio', 'SPEC target'],
    ['events/s offered', fmt(config.rate, 0), fmt(config.rate, 0), '', '1,000'],
    [
      'events delivered (of sent)',
      `${fmt(aviso.events, 0)} / ${fmt(config.rounds * Math.round(config.rate * config.seconds), 0)}`,
      `${fmt(baseline.events, 0)} / ${fmt(config.rounds * Math.round(config.rate * config.seconds), 0)}`,
      '',
      '',
    ],
    [
      'socket receipts (of expected)',
      `${fmt(aviso.received, 0)} / ${fmt(aviso.expected, 0)}`,
      `${fmt(baseline.received, 0)} / ${fmt(baseline.expected, 0)}`,
      '',
      'no loss',
    ],
    ['p50 latency, ms', fmt(aviso.p50), fmt(baseline.p50), ratio(aviso.p50, baseline.p50), ''],
    ['p99 latency, ms', fmt(aviso.p99), fmt(baseline.p99), ratio(aviso.p99, baseline.p99), '≤ 25'],
    ['max latency, ms', fmt(aviso.max), fmt(baseline.max), ratio(aviso.max, baseline.max), ''],
    [
      'deliveries/s',
      fmt(aviso.deliveriesPerSecond, 0),
      fmt(baseline.deliveriesPerSecond, 0),
      `${fmt((100 * aviso.deliveriesPerSecond) / baseline.deliveriesPerSecond, 0)} %`,
      '≥ 70 % of baseline',
    ],
    ['POST→202 p50 / p99, ms', `${fmt(aviso.post.p50)} / ${fmt(aviso.post.p99)}`, '—', '', ''],
    [
      'server CPU per delivery, µs',
      fmt(aviso.serverCpuUsPerDelivery),
      fmt(baseline.serverCpuUsPerDelivery),
      ratio(aviso.serverCpuUsPerDelivery, baseline.serverCpuUsPerDelivery),
      '',
    ],
    [
      'server CPU per event, ms',
      fmt(perEvent(aviso), 3),
      fmt(perEvent(baseline), 3),
      `${signed(aboveRaw)} ms`,
      '≤ +0.3 ms above the raw emit',
    ],
    [
      '… of it in the kernel (system time), ms',
      fmt(kernelPerEvent(aviso), 3),
      fmt(kernelPerEvent(baseline), 3),
      `${signed(kernelPerEvent(aviso) - kernelPerEvent(baseline))} ms`,
      '',
    ],
    [
      'connect storm (reconnect with since), sockets/s',
      fmt(stormRate, 0),
      fmt(bareRate, 0),
      `${fmt((100 * stormRate) / bareRate, 0)} %`,
      '≥ 50 % of bare connects',
    ],
    [
      'server heap per idle socket, KiB',
      fmt(heapPerSocket / 1024),
      fmt(bareHeapPerSocket / 1024),
      ratio(heapPerSocket, bareHeapPerSocket),
      '≤ 12',
    ],
    ['machine load (1 min) after phase', fmt(aviso.load, 2), fmt(baseline.load, 2), '', '≤ 2 (2 cores)'],
  ];
  console.log(`\n${table(rows)}\n`);
  const results = {
    config: { ...config, databaseUrl: config.databaseUrl.replace(/\/\/[^@/]*@/, '//…@') },
    connected: ok,
    failed,
    heapPerSocket,
    storm: {
      ...storm,
      notifications: stored,
      rate: stormRate,
      bareRate,
      cpuMsPerSocket: stormCpuMs,
      postgresCpuMsPerSocket: stormPgCpuMs,
      bareCpuMsPerSocket: bareCpuMs,
    },
    cpuPerEventAboveRawMs: aboveRaw,
    baseline: figuresOf(baseline),
    aviso: { ...figuresOf(aviso), post: { ...aviso.post, responses: undefined } },
    offsets,
    publisherOffset,
  };
  if (config.jsonOut) writeFileSync(config.jsonOut, JSON.stringify(results, null, 2));
  return results;
}

const watchdog = setTimeout(() => {
  console.error('[bench] gave up after 10 minutes');
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main(loadConfig()).then(
  () => process.exit(0),
  (err) => {
    console.error('[bench] failed:', err);
    process.exit(1);
  },
);
