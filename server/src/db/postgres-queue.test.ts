import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gc } from '../../test/gc.ts';

/**
 * postgres.js keeps its connections in queues (idle, busy, …) of its own `Queue`: our patch
 * (patches/postgres@3.4.9.patch) keeps one that never empties from growing. Upstream, while idle
 * connections wait, every query on another one left a hole in the idle queue's array and walked all
 * the holes before it: with a pool of 9 and one query at a time, the array grew by a slot per
 * query and each query cost about a third of a nanosecond more than the one before, for as long as
 * the hub ran (+27 µs of CPU per query after 50,000 queries; BENCHMARKS.md, item 18).
 */
interface Queue<T> {
  readonly length: number;
  push(x: T): T;
  shift(): T | undefined;
  remove(x: T): T | null;
}

// The hub imports postgres.js as ES modules: test that copy (`src/`), beside the package's main.
const main = createRequire(import.meta.url).resolve('postgres');
const esm = join(dirname(main), '..', '..', 'src', 'queue.js');
const Queue = ((await import(pathToFileURL(esm).href)) as { default: <T>() => Queue<T> }).default;

const settledHeap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe("postgres.js's connection queue (patched)", () => {
  it('keeps first-in first-out order, length and removal exact under any mix of operations', () => {
    const q = Queue<{ n: number }>();
    const model: { n: number }[] = [];
    const items = Array.from({ length: 20 }, (_, n) => ({ n }));
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let step = 0; step < 100_000; step++) {
      const r = random();
      const item = items[Math.floor(random() * items.length)]!;
      if (r < 0.45) {
        q.push(item);
        model.push(item);
      } else if (r < 0.8) {
        if (model.length) expect(q.shift()).toBe(model.shift());
      } else {
        const at = model.indexOf(item);
        expect(q.remove(item)).toBe(at === -1 ? null : item);
        if (at !== -1) model.splice(at, 1);
      }
      if (q.length !== model.length) expect(q.length).toBe(model.length);
    }
  });

  it('does not grow while it never empties (idle connections, one taken and given back at a time)', () => {
    const connections = Array.from({ length: 9 }, (_, n) => ({ n }));
    const open = Queue<{ n: number }>();
    for (const c of connections) open.push(c);
    const cycle = (times: number) => {
      for (let i = 0; i < times; i++) {
        // What postgres.js does per query: take the first idle connection, move it to `busy`
        // (removing it from the queue it was in, which it no longer is), then give it back.
        const c = open.shift()!;
        open.remove(c);
        open.push(c);
      }
    };
    cycle(10_000);
    const before = settledHeap();
    cycle(300_000);
    const grown = settledHeap() - before;
    // Upstream the array gained a slot per query (2.4 MB here), and the cycles took quadratic time.
    expect(grown).toBeLessThan(1024 * 1024);
    expect(open.length).toBe(9);
    expect(new Set(Array.from({ length: 9 }, () => open.shift())).size).toBe(9);
  });
});
