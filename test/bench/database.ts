import postgres from 'postgres';

/** Runs one statement on `url` over a connection of its own, and closes it. */
async function once(url: string, statement: string): Promise<postgres.Row[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/**
 * A database named `name` made anew on the PostgreSQL server of `given` (one an earlier run left
 * is dropped first): a run inherits no other run's rows.
 */
export async function freshDatabase(given: string, name: string) {
  const drop = `drop database if exists ${name} with (force)`;
  await once(given, drop);
  await once(given, `create database ${name}`);
  const url = new URL(given);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    /** Runs one statement in the new database. */
    run: (statement: string) => once(url.href, statement),
    drop: async () => {
      await once(given, drop);
    },
  };
}
