// `pnpm --filter @aviso/widget test`: build the bundle, check its size, run the browser tests in
// Chromium (CHROME_PATH or /usr/bin/chromium). Without Chromium the browser tests are skipped, loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);
if (run('node', ['scripts/size.mjs']) !== 0) process.exit(1);

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.warn(
    `\n*** widget browser tests SKIPPED: no Chromium at ${chrome}.\n` +
      '*** Install it (apt-get install -y chromium) or set CHROME_PATH to a Chrome/Chromium binary.\n',
  );
  process.exit(0);
}
process.exit(run('pnpm', ['exec', 'wtr', '--config', 'web-test-runner.config.mjs', '--static-logging']));
