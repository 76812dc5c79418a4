import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under this condition and compiled `dist` files
// otherwise: tests run the sources.
const SOURCE = 'aviso-source';

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    projects: [
      { extends: true, test: { name: 'protocol', include: ['packages/*/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'server', include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'] },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000 } },
    ],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/support/global-setup.ts'],
    // Two cores: a few test files at a time keeps timing-sensitive socket tests honest.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
