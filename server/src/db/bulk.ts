import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/** A column's default as SQL: its own expression (`now()`), or the value as a typed literal. */
function literal(value: unknown): SQL {
  if (is(value, SQL)) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return sql.raw(String(value));
  if (typeof value === 'string') return sql`${value}`;
  return sql`${JSON.stringify(value)}::jsonb`;
}

/**
 * Inserts many rows with one statement and one parameter: the rows as a JSON array, turned back
 * into rows by PostgreSQL (`jsonb_populate_recordset`). The query builder's multi-row INSERT spends
 * most of the hot path's CPU on per-value bookkeeping; this spends one `JSON.stringify`. Keys are
 * the table's TypeScript field names; a column with a default takes it when a row leaves it out
 * (or null). Dates travel as ISO strings, arrays as PostgreSQL arrays, objects as jsonb.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table));
  const json = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [field, column] of columns) {
      const value = (row as Record<string, unknown>)[field];
      if (value !== undefined) out[column.name] = value;
    }
    return out;
  });
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const values = sql.join(
    columns.map(([, c]) => {
      const name = sql.identifier(c.name);
      if (!c.hasDefault || c.default === undefined) return name;
      return sql`coalesce(${name}, ${literal(c.default)})`;
    }),
    sql`, `,
  );
  const target = sql.identifier(getTableName(table));
  await db.execute(
    sql`insert into ${target} (${names}) select ${values} from jsonb_populate_recordset(null::${target}, ${JSON.stringify(json)}::jsonb)`,
  );
}
