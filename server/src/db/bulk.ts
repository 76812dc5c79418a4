import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import { PgDialect, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

/** A string as an SQL literal, quotes doubled (the text is ours: column defaults of the schema). */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A column's default as SQL text: its own expression (`now()`), or the value as a typed literal. */
function literal(value: unknown): SQL {
  if (is(value, SQL)) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return sql.raw(String(value));
  if (typeof value === 'string') return sql.raw(quoted(value));
  return sql.raw(`${quoted(JSON.stringify(value))}::jsonb`);
}

/**
 * Inserts many rows with one statement and one parameter: the rows as a JSON array, turned back
 * into rows by PostgreSQL (`jsonb_to_recordset`, each column read by its TypeScript field name and
 * type). The query builder's multi-row INSERT spends most of the hot path's CPU on per-value
 * bookkeeping; this spends one `JSON.stringify` of the rows as they are. A column with a default
 * takes it when a row leaves it out (or null). Dates travel as ISO strings, arrays as JSON arrays
 * (read into PostgreSQL arrays), objects as jsonb; fields the table does not have are ignored.
 * The statement's text is made once per table: built from the schema at each call, it was 55 KiB
 * of garbage and most of drizzle's share of a single event (BENCHMARKS.md, item 13).
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
): Promise<void> {
  if (!rows.length) return;
  const { before, after, dates } = statementOf(table);
  await db.execute(
    sql`${before}${JSON.stringify(dates.length ? rows.map((r) => datesAsText(r, dates)) : rows)}${after}`,
  );
}

/**
 * A row with its dates as ISO text. A Date sends `JSON.stringify` down its slow path for the whole
 * statement (2–3 times the CPU of the same rows with text); a shallow copy costs far less. The rows
 * of a group share one instant, so its text is made once.
 */
function datesAsText(row: object, fields: readonly string[]): object {
  const copy: Record<string, unknown> = { ...row };
  for (const field of fields) {
    const value = copy[field];
    if (value instanceof Date) copy[field] = isoOf(value);
  }
  return copy;
}

let lastTime = Number.NaN;
let lastText = '';
const isoOf = (date: Date): string => {
  const time = date.getTime();
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
};

const statements = new WeakMap<PgTable, { before: SQL; after: SQL; dates: string[] }>();
const dialect = new PgDialect();

/** SQL without parameters as its text, once. */
function text(query: SQL): SQL {
  const { sql: rendered, params } = dialect.sqlToQuery(query);
  if (params.length) throw new Error(`bulk insert: the statement has parameters: ${rendered}`);
  return sql.raw(rendered);
}

/**
 * The statement's text around the rows: `insert into t (…) select … from jsonb_to_recordset(`, and
 * `::jsonb) as x(…)` with the record's columns (each field name with its column's type).
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
      before: text(sql`insert into ${target} (${names}) select ${values} from jsonb_to_recordset(`),
      after: text(sql`::jsonb) as x(${record})`),
      dates: columns.filter(([, c]) => c.dataType === 'date').map(([field]) => field),
    };
    statements.set(table, found);
  }
  return found;
}
