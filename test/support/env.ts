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
