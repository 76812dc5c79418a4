import { testEnv } from './env.ts';

/** Says once, up front, which real services this run uses and what it skips without them. */
export default function setup() {
  const lines = [
    `PostgreSQL: ${testEnv.postgresUrl ? 'yes' : 'no (set AVISO_TEST_DATABASE_URL): the PostgreSQL runs of the shared suites are skipped'}`,
    `Redis:      ${testEnv.redisUrl ? 'yes' : 'no (set AVISO_TEST_REDIS_URL): the two-node tests are skipped'}`,
  ];
  console.log(`\n[aviso tests] services\n  ${lines.join('\n  ')}\n`);
}
