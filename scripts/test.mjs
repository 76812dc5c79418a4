// Runs every test of the repository: the vitest projects, then the widget's browser tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

let failed = run('pnpm', ['exec', 'vitest', 'run']) !== 0;

const widget = existsSync('widget/package.json')
  ? JSON.parse(readFileSync('widget/package.json', 'utf8'))
  : null;
if (widget?.scripts?.test) {
  failed = run('pnpm', ['--filter', '@aviso/widget', 'test']) !== 0 || failed;
}
process.exit(failed ? 1 : 0);
