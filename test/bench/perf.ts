// Where the hub's main thread spent its CPU over a phase, as Linux's `perf` samples it
// (`BENCH_PERF=<dir>`). V8's own profiles (`BENCH_PROFILE`) sample wall time: a system call during
// which the kernel ran a client instead, or a wait for a thread-pool job, is charged to the function
// that made it. `perf` samples the thread only while it runs, the kernel's share included.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { fmt, table } from './stats.ts';

const HZ = 499;

/** A phase being recorded; `stop` ends it and returns its summary. */
export interface PerfRecording {
  stop(events: number): Promise<string>;
}

let missing: string | undefined;

/** Starts recording this process's main thread, or says (once) why it cannot. */
export function startPerf(
  dir: string,
  phase: string,
  log: (line: string) => void,
): PerfRecording | undefined {
  if (missing === undefined) {
    const probe = spawnSync('perf', ['--version'], { encoding: 'utf8' });
    missing = probe.status === 0 ? '' : 'perf is not installed (Debian: apt-get install linux-perf)';
    if (missing) log(`BENCH_PERF: ${missing}; phases not recorded`);
  }
  if (missing) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/${phase}-${Date.now()}.data`;
  // `-t`: the main thread alone (its id is the process's), where the hub's JavaScript runs.
  const recorder: ChildProcess = spawn(
    'perf',
    ['record', '-F', String(HZ), '-g', '-t', String(process.pid), '-o', file],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  recorder.stderr?.on('data', (d) => {
    stderr += d;
  });
  // `perf record` ends on SIGINT, having written its file.
  const exited = new Promise<boolean>((resolve) =>
    recorder.once('exit', (code, signal) => resolve(code === 0 || signal === 'SIGINT')),
  );
  return {
    async stop(events) {
      recorder.kill('SIGINT');
      if (!(await exited)) return `perf record failed: ${stderr.trim().split('\n').at(-1)}`;
      return summarize(file, events);
    },
  };
}

/** `perf report` rows: samples per key (`--sort` keys), most first. */
function report(file: string, sort: string): { samples: number; key: string }[] {
  const out = spawnSync(
    'perf',
    ['report', '-i', file, '--no-children', '--sort', sort, '-g', 'none', '-n', '--stdio'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  ).stdout;
  const rows: { samples: number; key: string }[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s+[\d.]+%\s+(\d+)\s+(.+?)\s*$/.exec(line);
    if (m) rows.push({ samples: Number(m[1]), key: m[2]! });
  }
  return rows;
}

/** What a shared object is, for the reader: the kernel, V8 and Node, the JavaScript V8 compiled. */
function kindOf(dso: string): string {
  if (dso.startsWith('[kernel')) return 'the kernel (system calls, TCP, wake-ups)';
  if (dso === basename(process.execPath)) return 'V8 and Node (builtins, ICs, the collector, C++)';
  // Without `--perf-basic-prof` perf knows V8's code only as anonymous memory.
  if (dso.startsWith('[JIT]') || dso.startsWith('perf-') || dso === '[unknown]')
    return 'JavaScript compiled by V8';
  return 'other libraries (libc, …)';
}

/** What a recording shows, per event: the main thread by kind of code, and its hottest symbols. */
function summarize(file: string, events: number): string {
  const msPerSample = 1000 / HZ;
  const perEvent = (samples: number) => (samples * msPerSample) / Math.max(1, events);
  const kinds = new Map<string, number>();
  let total = 0;
  for (const { samples, key } of report(file, 'dso')) {
    const kind = kindOf(key);
    kinds.set(kind, (kinds.get(kind) ?? 0) + samples);
    total += samples;
  }
  const rows = [['main thread', 'samples', 'ms per event', 'share']];
  for (const [kind, samples] of [...kinds].sort((a, b) => b[1] - a[1])) {
    rows.push([kind, String(samples), fmt(perEvent(samples), 3), `${fmt((100 * samples) / total, 1)} %`]);
  }
  rows.push(['all', String(total), fmt(perEvent(total), 3), '100 %']);
  const symbols = [['hottest symbols', 'samples', 'ms per event']];
  for (const { samples, key } of report(file, 'dso,sym').slice(0, 15)) {
    symbols.push([key.replace(/\s+/g, ' ').slice(0, 90), String(samples), fmt(perEvent(samples), 3)]);
  }
  return `${file}: ${HZ} samples a second of the main thread's CPU, ${events} events\n\n${table(rows)}\n\n${table(symbols)}\n\n(JavaScript by name: start the bench with \`node --perf-basic-prof\`; then \`perf report -i ${file}\`)`;
}
