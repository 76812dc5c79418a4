import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

const FOLDER = fileURLToPath(new URL('../../drizzle/', import.meta.url));
/** Any constant: it serialises migrations when several nodes start at once. */
const LOCK_ID = 4_242_017;

interface Journal {
  entries: { idx: number; tag: string }[];
}

/**
 * Applies the checked-in drizzle-kit migrations that are not applied yet, each in its own
 * transaction under an advisory lock, the same way on PGlite and PostgreSQL.
 */
export async function migrate(db: Db): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${FOLDER}meta/_journal.json`, 'utf8')) as Journal;
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);
    await tx.execute(
      sql`create table if not exists aviso_migrations (tag text primary key, applied_at timestamptz not null default now())`,
    );
  });
  for (const { tag } of journal.entries) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);
      const done = await tx
        .select({ tag: sql<string>`tag` })
        .from(sql`aviso_migrations`)
        .where(sql`tag = ${tag}`);
      if (done.length) return;
      const statements = readFileSync(`${FOLDER}${tag}.sql`, 'utf8').split('--> statement-breakpoint');
      for (const statement of statements) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into aviso_migrations (tag) values (${tag})`);
      applied.push(tag);
    });
  }
  return applied;
}
