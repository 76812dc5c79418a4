import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
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

describe('statements PGlite’s thread prepares', () => {
  const pg = new PGliteThread();
  afterAll(() => pg.close());
  const preparedAs = async (text: string) =>
    (await pg.query('select name from pg_prepared_statements where statement = $1', [text])).rows;

  it('prepares a statement seen twice, and answers it the same way from then on', async () => {
    await pg.waitReady;
    await pg.query('create table p (id int primary key, at timestamptz, doc jsonb, tags text[], note text)');
    const insert = 'insert into p values ($1, $2, $3, $4, $5) returning id, doc, tags, note';
    const answers = [];
    for (const id of [1, 2, 3, 4]) {
      answers.push(
        await pg.query(insert, [
          id,
          '2026-11-30 08:00:00+00',
          { id, say: "it's" },
          ['a', 'b'],
          id === 4 ? null : 'x',
        ]),
      );
      // Sent as text the first time, prepared at the second.
      expect(await preparedAs(insert)).toHaveLength(id === 1 ? 0 : 1);
    }
    expect(answers.map((a) => a.rows)).toEqual(
      [1, 2, 3, 4].map((id) => [
        { id, doc: { id, say: "it's" }, tags: ['a', 'b'], note: id === 4 ? null : 'x' },
      ]),
    );
    expect(answers.map((a) => a.affectedRows)).toEqual([1, 1, 1, 1]);
    const read = 'select id, at from p where id = $1';
    const options = { rowMode: 'array' as const, parsers: { 1184: (v: string) => v } };
    for (let i = 0; i < 3; i++)
      expect((await pg.query(read, [2], options)).rows).toEqual([[2, '2026-11-30 08:00:00+00']]);
    expect(await preparedAs(read)).toHaveLength(1);
  });

  it('keeps them in order when many are in flight, and refuses the way PostgreSQL did', async () => {
    const insert = 'insert into p (id, note) values ($1, $2)';
    const count = 'select count(*)::int as n from p where note = $1';
    const sent = Array.from({ length: 40 }, (_, i) =>
      i % 2 ? pg.query(count, ['many']) : pg.query(insert, [100 + i, 'many']),
    );
    const answers = await Promise.all(sent);
    expect(answers.filter((_, i) => i % 2).map((a) => a.rows[0])).toEqual(
      Array.from({ length: 20 }, (_, k) => ({ n: k + 1 })),
    );
    const refused = await pg.query(insert, [100, 'again']).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).toMatchObject({ code: '23505', constraint: 'p_pkey' });
    expect((await pg.query(count, ['many'])).rows).toEqual([{ n: 20 }]);
    const failed = pg.transaction(async (tx) => {
      await tx.query(insert, [200, 'rolled back']);
      await tx.query(insert, [200, 'rolled back']);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect((await pg.query(count, ['rolled back'])).rows).toEqual([{ n: 0 }]);
  });

  it('prepares a statement anew when a change of the table made its plan stale', async () => {
    const all = 'select * from p where id = $1';
    for (let i = 0; i < 3; i++) await pg.query(all, [1]);
    expect(await preparedAs(all)).toHaveLength(1);
    await pg.query('alter table p drop column note');
    const stale = await pg.query(all, [1]).catch((e: unknown) => e);
    // PostgreSQL refuses a cached plan whose columns changed; the next call prepares it again.
    expect(stale).toMatchObject({ code: '0A000' });
    for (let i = 0; i < 2; i++) {
      const { rows } = await pg.query(all, [1]);
      expect(Object.keys(rows[0] as object)).toEqual(['id', 'at', 'doc', 'tags']);
    }
  });
});

describe('PGlite’s write-ahead log', () => {
  it('starts a new segment without writing it full of zeros first (a stall of every query)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aviso-pglite-wal-'));
    const pg = new PGliteThread(dir);
    try {
      await pg.waitReady;
      await pg.query('create table w (n int)');
      const segment = async () =>
        (await pg.query('select pg_walfile_name(pg_current_wal_insert_lsn()) as name')).rows[0] as {
          name: string;
        };
      const before = await segment();
      await pg.query('select pg_switch_wal()');
      await pg.query('insert into w values (1)');
      const after = await segment();
      expect(after.name).not.toBe(before.name);
      const file = statSync(join(dir, 'pg_wal', after.name));
      expect(file.size).toBe(16 * 1024 * 1024);
      // Made by writing its last byte: the blocks written so far, not 16 MiB of them.
      expect(file.blocks * 512).toBeLessThan(4 * 1024 * 1024);
    } finally {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a PGlite thread that dies', () => {
  /** What a WebAssembly abort does to the thread: it ends, whatever it was doing. */
  const kill = (pg: PGliteThread) => (pg as unknown as { worker: Worker }).worker.terminate();

  it('on a data folder, fails what it was answering, and another thread opens the same data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aviso-pglite-thread-'));
    const told: boolean[] = [];
    const pg = new PGliteThread(dir, (up) => told.push(up));
    try {
      await pg.waitReady;
      await pg.query('create table kept (n int)');
      await pg.query('insert into kept values (1)');
      const answering = pg.query('select pg_sleep(2)');
      await new Promise((r) => setTimeout(r, 100));
      await kill(pg);
      await expect(answering).rejects.toThrow(/PGlite thread ended/);
      expect((await pg.query('select n from kept')).rows).toEqual([{ n: 1 }]);
      expect(told).toEqual([false, true]);
      await pg.query('insert into kept values (2)');
      expect((await pg.query('select count(*)::int as n from kept')).rows).toEqual([{ n: 2 }]);
    } finally {
      await pg.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in memory, stays away: there is nothing to reopen', async () => {
    const told: boolean[] = [];
    const pg = new PGliteThread(undefined, (up) => told.push(up));
    await pg.waitReady;
    await kill(pg);
    await expect(pg.query('select 1')).rejects.toThrow(/PGlite thread ended/);
    expect(told).toEqual([false]);
    await pg.close();
  });
});
