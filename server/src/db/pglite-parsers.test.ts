import { createRequire } from 'node:module';
import { PGlite as PGliteEsm } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';

/**
 * PGlite made each query's table of parsers by copying its own (`{...this.parsers, ...options.parsers}`):
 * 316 entries once its array types are read, 89 µs a query on this VM, a third of a `select $1`.
 * Our patch (patches/@electric-sql__pglite@0.4.6.patch) reads a query's own parsers first and the
 * instance's behind them, without copying (BENCHMARKS.md, item 24). The server's worker loads the
 * CommonJS build; an ES module import gets the other one: both are patched.
 */
const PGliteCjs = (
  createRequire(import.meta.url)('@electric-sql/pglite') as typeof import('@electric-sql/pglite')
).PGlite;

describe.each([
  { name: 'ES module', PGlite: PGliteEsm },
  { name: 'CommonJS', PGlite: PGliteCjs },
])("PGlite's result parsers ($name build, patched)", ({ PGlite }) => {
  it("parses with a query's own parsers and the instance's behind them, never copying the instance's", async () => {
    const pg = new PGlite();
    try {
      await pg.waitReady;
      await pg.query('select 1');
      // A parser nobody asks for, which counts every read: copying the table reads it.
      let reads = 0;
      Object.defineProperty(pg.parsers, '999999', {
        enumerable: true,
        get: () => {
          reads++;
          return undefined;
        },
      });
      const same = (value: string) => value;
      const { rows } = await pg.query<{ tags: unknown; at: unknown; data: unknown; n: unknown }>(
        `select array['Centro', 'Norte']::text[] as tags, timestamptz '2026-12-02 01:00:00+00' as at,
           '{"total": 12}'::jsonb as data, 5::int as n`,
        [],
        { parsers: { 1184: same } },
      );
      // The instance's array type, the query's own parser for timestamps, the defaults for the rest.
      expect(rows).toEqual([
        { tags: ['Centro', 'Norte'], at: '2026-12-02 01:00:00+00', data: { total: 12 }, n: 5 },
      ]);
      const plain = await pg.query<{ at: unknown }>(`select timestamptz '2026-12-02 01:00:00+00' as at`);
      expect(plain.rows[0]!.at).toBeInstanceOf(Date);
      expect(reads).toBe(0);
    } finally {
      await pg.close();
    }
  });
});
