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
 * Inserts many rows with one statement: the rows as JSON arrays of a few dozen rows each, turned
 * back into rows by PostgreSQL (`jsonb_to_recordset`, each column read by its TypeScript field name
 * and type). The query builder's multi-row INSERT spends most of the hot path's CPU on per-value
 * bookkeeping; this spends `JSON.stringify` of the rows as they are. A column with a default takes
 * it when a row leaves it out (or null). Dates travel as ISO strings, arrays as JSON arrays (read
 * into PostgreSQL arrays), objects as jsonb; fields the table does not have are ignored. The
 * statement's text around the parts is made once per table: built from the schema at each
 * call, it was 55 KiB of garbage and most of drizzle's share of a single event (BENCHMARKS.md,
 * item 13).
 */
export async function bulkInsert<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
): Promise<void> {
  if (!rows.length) return;
  const statement = statementOf(table);
  const parts = partsOf(statement.dates.length ? rows.map((r) => datesAsText(r, statement.dates)) : rows);
  const values = sql.join(
    parts.map((part) => sql`(${part}::jsonb)`),
    sql`, `,
  );
  await db.execute(sql`${statement.before}${values}${statement.after}`);
}

/** Characters of JSON in one part at most, about: see `partsOf`. */
export const PART_CHARS = 32_000;

/**
 * The rows as JSON arrays of about `PART_CHARS` characters each (fewer rows in a part when they are
 * longer). One text of all the rows of a batch of 500 notifications is 150–200 KB: V8 makes a
 * string that large in its large-object space, on pages it maps anew for each one, and the first
 * read of it (postgres.js measures its bytes) cost 0.6–1 ms a batch on this VM, more than
 * `JSON.stringify` itself; parts of 32,000 characters stay in the young generation (BENCHMARKS.md,
 * item 23).
 */
function partsOf(rows: readonly object[]): string[] {
  const parts: string[] = [];
  let per = 64;
  for (let at = 0; at < rows.length; ) {
    const slice = rows.slice(at, at + per);
    const text = JSON.stringify(slice);
    parts.push(text);
    at += slice.length;
    per = Math.max(1, Math.floor((PART_CHARS * slice.length) / text.length));
  }
  return parts;
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
 * The statement's text around the parts: `insert into t (…) select … from (values `, and
 * `) as p(rows), jsonb_to_recordset(p.rows) as x(…)` with the record's columns (each field name
 * with its column's type).
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
      before: text(sql`insert into ${target} (${names}) select ${values} from (values `),
      after: text(sql`) as p(rows), jsonb_to_recordset(p.rows) as x(${record})`),
      dates: columns.filter(([, c]) => c.dataType === 'date').map(([field]) => field),
    };
    statements.set(table, found);
  }
  return found;
}
