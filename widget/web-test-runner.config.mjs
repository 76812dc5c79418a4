// Browser tests in real Chromium (Debian's /usr/bin/chromium, or CHROME_PATH), against real hubs.

import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { hubCommands, startHub } from './scripts/hub.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
let hub;
const ownHubs = hubCommands();

/** Starts one hub process for the end-to-end tests; the page asks `/__hub.json` where it is. */
const hubPlugin = {
  name: 'aviso-hub',
  serverStart() {
    hub = startHub();
    hub.catch(() => {});
  },
  async serverStop() {
    await (await hub.catch(() => undefined))?.stop();
    await ownHubs.disposeAll();
  },
  /** `executeServerCommand('aviso-hub', {action, id})`: hubs a test restarts (see scripts/hub.mjs). */
  async executeCommand({ command, payload }) {
    if (command !== 'aviso-hub') return undefined;
    return ownHubs.run(payload);
  },
  async serve(context) {
    if (context.path !== '/__hub.json') return undefined;
    const { url, adminToken } = await hub;
    return { body: JSON.stringify({ url, adminToken }), type: 'application/json' };
  },
};

export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: [process.env.WTR_FILES || 'test/**/*.test.ts'],
  // `production`: socket.io-client's development build imports the CommonJS `debug` package.
  nodeResolve: { browser: true, exportConditions: ['aviso-source', 'browser', 'production'] },
  // One page at a time: a background tab is `hidden`, which (by design) pauses toasts and seen reports.
  concurrency: 1,
  testFramework: {
    config: { timeout: 15000, ...(process.env.WTR_GREP ? { grep: process.env.WTR_GREP } : {}) },
  },
  // The restart tests start a hub three times (a PGlite folder takes up to a minute on a busy machine).
  testsFinishTimeout: Number(process.env.WTR_FINISH || 300000),
  browserStartTimeout: 60000,
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('tsconfig.json', import.meta.url)) }),
    hubPlugin,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
      },
    }),
  ],
};
