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
 * into rows by PostgreSQL (`jsonb_to_recordset`, each column read by its TypeScript field name and
 * type). The query builder's multi-row INSERT spends most of the hot path's CPU on per-value
 * bookkeeping; this spends one `JSON.stringify` of the rows as they are. A column with a default
 * takes it when a row leaves it out (or null). Dates travel as ISO strings, arrays as JSON arrays
 * (read into PostgreSQL arrays), objects as jsonb; fields the table does not have are ignored.
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
): Promise<void> {
  if (!rows.length) return;
  const { insert, record } = statementOf(table);
  await db.execute(sql`${insert} ${JSON.stringify(rows)}::jsonb) as x(${record})`);
}

const statements = new WeakMap<PgTable, { insert: SQL; record: SQL }>();

/**
 * `insert into t (…) select … from jsonb_to_recordset(` and the record's columns (each field name
 * with its column's type), built once per table.
 */
function statementOf(table: PgTable) {
  let found = statements.get(table);
  if (!found) {
    const columns = Object.entries(getTableColumns(table));
    const names = sql.join(
      columns.map(([, c]) => sql.identifier(c.name)),
      sql`, `,
    );
    const values = sql.join(
      columns.map(([field, c]) => {
        const value = sql`x.${sql.identifier(field)}`;
        if (!c.hasDefault || c.default === undefined) return value;
        return sql`coalesce(${value}, ${literal(c.default)})`;
      }),
      sql`, `,
    );
    const record = sql.join(
      columns.map(([field, c]) => sql`${sql.identifier(field)} ${sql.raw(c.getSQLType())}`),
      sql`, `,
    );
    const target = sql.identifier(getTableName(table));
    found = {
      insert: sql`insert into ${target} (${names}) select ${values} from jsonb_to_recordset(`,
      record,
    };
    statements.set(table, found);
  }
  return found;
}
