import { afterAll, describe, expect, it } from 'vitest';
import { PGliteThread } from './pglite-thread.ts';

describe('PGlite on a thread of its own', () => {
  const pg = new PGliteThread();
  afterAll(() => pg.close());

  it('answers queries in order, rows as objects or arrays, with drizzle’s text parsers', async () => {
    await pg.waitReady;
    await pg.query('create table t (id int primary key, at timestamptz, doc jsonb)');
    const at = '2026-11-30 08:00:00+00';
    const writes = [1, 2, 3].map((id) => pg.query('insert into t values ($1, $2, $3)', [id, at, { id }]));
    expect((await Promise.all(writes)).map((r) => r.affectedRows)).toEqual([1, 1, 1]);
    const objects = await pg.query('select id, doc from t order by id');
    expect(objects.rows).toEqual([1, 2, 3].map((id) => ({ id, doc: { id } })));
    const arrays = await pg.query('select id, at from t where id = $1', [2], {
      rowMode: 'array',
      parsers: { 1184: (v) => v },
    });
    expect(arrays.rows).toEqual([[2, '2026-11-30 08:00:00+00']]);
  });

  it('refuses with what PostgreSQL said, and goes on', async () => {
    const refused = await pg.query('insert into t values (1, null, null)').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: '23505', constraint: 't_pkey' });
    expect((await pg.query('select count(*)::int as n from t')).rows).toEqual([{ n: 3 }]);
  });

  it('holds the database for a transaction: others wait, a failure rolls back', async () => {
    let outside: Promise<unknown> | undefined;
    const seen = await pg.transaction(async (tx) => {
      await tx.query('insert into t values (10, null, null)');
      // Sent while the transaction is open: it runs after the commit, never inside it.
      outside = pg.query('delete from t where id = 10');
      return (await tx.query('select count(*)::int as n from t where id = 10')).rows;
    });
    expect(seen).toEqual([{ n: 1 }]);
    await outside;
    expect((await pg.query('select count(*)::int as n from t where id = 10')).rows).toEqual([{ n: 0 }]);

    const failed = pg.transaction(async (tx) => {
      await tx.query('insert into t values (11, null, null)');
      throw new Error('the caller changed its mind');
    });
    await expect(failed).rejects.toThrow('changed its mind');
    expect((await pg.query('select count(*)::int as n from t where id = 11')).rows).toEqual([{ n: 0 }]);
  });

  it('after close, refuses at once', async () => {
    const other = new PGliteThread();
    await other.waitReady;
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/ended/);
  });
});
