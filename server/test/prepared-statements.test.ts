// Statements with few parameters are prepared on their PostgreSQL connection and reused (one round
// trip each instead of two); lists with many parameters, whose text varies with their length, are not.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import { testEnv } from './env.ts';

describe.skipIf(!testEnv.postgresUrl)('prepared statements on PostgreSQL', () => {
  it('prepares a statement with a few parameters once per connection, and a long list never', async () => {
    // One connection, so that what it prepared is what `pg_prepared_statements` shows.
    const database = await openDatabase(testEnv.postgresUrl!, { max: 1 });
    try {
      const { db } = database;
      const prepared = async () =>
        (
          (await db.execute(sql`select statement from pg_prepared_statements`)) as unknown as {
            statement: string;
          }[]
        ).map((r) => r.statement);
      for (const n of [1, 2, 3]) await db.execute(sql`select ${n}::int as few`);
      const many = Array.from({ length: 17 }, (_, i) => sql`${i}::int`);
      await db.execute(sql`select array[${sql.join(many, sql`, `)}] as many`);
      const seen = await prepared();
      expect(seen.filter((s) => s.includes('as few'))).toHaveLength(1);
      expect(seen.filter((s) => s.includes('as many'))).toHaveLength(0);
      // In a transaction too: its connection is the pool's.
      await db.transaction(async (tx) => {
        await tx.execute(sql`select ${1}::int as in_tx`);
      });
      expect((await prepared()).filter((s) => s.includes('as in_tx'))).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
