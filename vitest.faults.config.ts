import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The fault suite (`pnpm test:faults`): two hub processes, their own Redis, a proxy to PostgreSQL
// and an SMTP server, broken one at a time. One file, one scenario after another: the scenarios
// share the cluster, and timing figures mean nothing with other tests competing for the 2 cores.
const SOURCE = 'aviso-source';

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
    minWorkers: 1,
    globalSetup: ['./test/support/global-setup.ts'],
  },
});
