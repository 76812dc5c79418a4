/** Where the integration tests find real services; unset on a laptop, set by `.ci/run`. */
export const testEnv = {
  postgresUrl: process.env.AVISO_TEST_DATABASE_URL || undefined,
  redisUrl: process.env.AVISO_TEST_REDIS_URL || undefined,
};

/** The databases every repository and API test runs against: always PGlite, PostgreSQL when given. */
export const databaseBackends: { name: string; url: string }[] = [
  { name: 'pglite', url: 'memory:' },
  ...(testEnv.postgresUrl ? [{ name: 'postgres', url: testEnv.postgresUrl }] : []),
];

/**
 * A database of its own on the PostgreSQL server at `url` (dropped by `drop`), so that suites whose
 * delivery workers claim due rows across tenants never take each other's rows. Other URLs pass through.
 */
export async function freshDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^postgres(ql)?:\/\//.test(url)) return { url, drop: async () => {} };
  const { default: postgres } = await import('postgres');
  const name = `aviso_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const again = postgres(url, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await again.end();
    },
  };
}
