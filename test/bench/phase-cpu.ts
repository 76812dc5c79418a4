// Where a phase's CPU went in the hub's process, beside `process.cpuUsage()`: the main thread
// against the others (V8's compiler and collector threads), and the collections the phase ran.
import { readdirSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fmt } from './stats.ts';

/** CPU time of this process's main thread and of its other threads, in ms (Linux `/proc`; else none). */
function threadCpuMs(): { main: number; others: number } | undefined {
  let main = 0;
  let others = 0;
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime and stime, in clock ticks of 10 ms.
        const ms = (Number(fields[11]) + Number(fields[12])) * 10;
        // Node names none of its threads: the main thread is the one whose id is the process's.
        if (Number(tid) === process.pid) main += ms;
        else others += ms;
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    return undefined;
  }
  return { main, others };
}

const KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/** The event loop's lateness is read from a timer of this period, in ms. */
const TIMER_MS = 5;

/** Starts counting; the function returned says, per event, what the phase cost each thread, and its collections. */
export function phaseCpu(): (events: number) => string {
  const threads = threadCpuMs();
  const collections = new Map<string, { n: number; ms: number }>();
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const { detail } = e as unknown as { detail: { kind: number; flags: number } };
      // V8's memory reducer marks its collections so: those it starts when it takes the process
      // for idle, to shrink the heap (docs/decisions/0020-no-memory-reducer.md).
      const reducing = detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY;
      const kind = `${KINDS[detail.kind] ?? 'other'}${reducing ? ' to shrink the heap' : ''}`;
      const c = collections.get(kind) ?? { n: 0, ms: 0 };
      collections.set(kind, { n: c.n + 1, ms: c.ms + e.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  // How late the hub's event loop ran a 5 ms timer: a stall here is a stall of every request and
  // push. Node records each whole interval between two runs of the timer, so 5 ms is on time.
  const delay = monitorEventLoopDelay({ resolution: TIMER_MS });
  delay.enable();
  return (events) => {
    observer.disconnect();
    delay.disable();
    const lateMs = (ns: number) => fmt(Math.max(0, ns / 1e6 - TIMER_MS), 1);
    const now = threadCpuMs();
    const per = (ms: number) => fmt(ms / Math.max(1, events), 3);
    const gc = [...collections].map(([kind, c]) => `${kind} ${c.n}× ${fmt(c.ms, 0)} ms`).join(', ');
    const split =
      threads && now
        ? `main thread ${per(now.main - threads.main)} ms, other threads ${per(now.others - threads.others)} ms per event`
        : 'threads not readable here';
    return (
      `${split}; collections on the main thread: ${gc || 'none'}; ` +
      `event loop late p99 ${lateMs(delay.percentile(99))} ms, max ${lateMs(delay.max)} ms`
    );
  };
}
