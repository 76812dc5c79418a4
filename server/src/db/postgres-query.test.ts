import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/env.ts';
import { gc } from '../../test/gc.ts';

/**
 * postgres.js made two closures per query in its `Query` constructor (`this.resolve = x => …`,
 * `this.reject = …`). On Node 20 that kept every finished query, with its statement, parameters
 * and rows, reachable to V8's young-generation collections until the next full one: each query's
 * objects were promoted to the old generation, to be freed only by a full collection (the hub
 * taking single events one at a time: 737 KB per young collection; BENCHMARKS.md, item 19). Our
 * patch (patches/postgres@3.4.9.patch) settles a query with methods instead. One `select` at a
 * time, with no full collection in between, grew the old generation by 370–720 bytes a query
 * upstream and by 30–90 with the patch.
 *
 * Its `Query` and `Result` declared `Symbol.species` with a getter. With it, V8 gave up optimizing
 * both constructors every time it tried ("dependency change"), so every query ran them, and the
 * code that makes them, unoptimized (BENCHMARKS.md, item 20). The patch declares it as data.
 */
const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;

describe.skipIf(!testEnv.postgresUrl)("postgres.js's queries (patched)", () => {
  const sql = postgres(testEnv.postgresUrl ?? '', { max: 9, onnotice: () => {} });
  afterAll(() => sql.end({ timeout: 5 }));

  it('settles a query with methods of the class, not closures made for each query', async () => {
    const query = sql.unsafe('select $1::int as n', [1]);
    expect(Object.hasOwn(query, 'resolve')).toBe(false);
    expect(Object.hasOwn(query, 'reject')).toBe(false);
    expect(await query).toEqual([{ n: 1 }]);
    await expect(sql.unsafe('select 1/0')).rejects.toThrow(/division by zero/);
    // A cursor still settles through the functions it sets on its query.
    const seen: number[] = [];
    for await (const rows of sql.unsafe('select generate_series(1, 5) as n').cursor(2)) {
      seen.push(...rows.map((r) => r.n as number));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves nothing of a finished query to the old generation', async () => {
    let fullCollections = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { detail } = entry as unknown as { detail?: { kind?: number } };
        if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections++;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      for (let i = 0; i < 2_000; i++) await sql.unsafe('select $1::int as n', [i]);
      const perQuery: number[] = [];
      // A full collection in the middle would free what was promoted: such a pass does not count.
      for (let pass = 0; pass < 6 && perQuery.length < 3; pass++) {
        gc();
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const collections = fullCollections;
        const before = oldSpace();
        const queries = 5_000;
        for (let i = 0; i < queries; i++) await sql.unsafe('select $1::int as n', [i]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (fullCollections === collections) perQuery.push((oldSpace() - before) / queries);
      }
      expect(perQuery.length).toBeGreaterThan(0);
      // Upstream 370–720 bytes a query in every pass (three runs), with the patch 30–90.
      expect(Math.max(...perQuery)).toBeLessThan(250);
    } finally {
      observer.disconnect();
    }
  }, 60_000);

  it('lets V8 optimize its query and result classes, whose derived objects stay plain', async () => {
    setFlagsFromString('--allow-natives-syntax');
    // V8's own status bits: 16 is "optimized" (Node 20 and later).
    const optimized = new Function('f', 'return (%GetOptimizationStatus(f) & 16) !== 0') as (
      f: unknown,
    ) => boolean;
    const query = sql.unsafe('select 1 as n');
    const rows = await query;
    const Query = query.constructor;
    const Result = rows.constructor;
    expect(Query.name).toBe('Query');
    expect(Result.name).toBe('Result');
    // What species says: a query's `then` makes a Promise, a result's `map` an Array.
    const then = query.then((r) => r);
    expect(then.constructor).toBe(Promise);
    await then;
    expect(rows.map((r) => r).constructor).toBe(Array);
    expect(rows.slice(0).constructor).toBe(Array);
    // With the getters, V8 had not optimized `Query` after 20,000 queries here (nor either class
    // after 10,000 in a script of their own); as data, both are within 2,000.
    let queries = 0;
    while (queries < 20_000 && !(optimized(Query) && optimized(Result))) {
      for (let i = 0; i < 1_000; i++) await sql.unsafe('select $1::int as n', [i]);
      queries += 1_000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect({ query: optimized(Query), result: optimized(Result) }).toEqual({ query: true, result: true });
  }, 60_000);
});
