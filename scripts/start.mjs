// `pnpm start`: builds the widget bundle, the admin console and the demo when missing or older than their sources,
// then runs the hub (server/src/main.ts) in this process's place, passing signals through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pnpm = process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm';

/** The newest modification time under the given files and folders (node_modules and dist skipped). */
function newest(paths) {
  let max = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const info = statSync(p);
    if (info.isDirectory()) {
      for (const entry of readdirSync(p)) {
        if (entry !== 'node_modules' && entry !== 'dist') max = Math.max(max, newest([join(p, entry)]));
      }
    } else max = Math.max(max, info.mtimeMs);
  }
  return max;
}

const builds = [
  {
    pkg: '@aviso/widget',
    output: 'widget/dist/aviso.js',
    sources: ['widget/src', 'widget/vite.config.ts', 'packages/protocol/src'],
  },
  {
    pkg: '@aviso/admin',
    output: 'packages/admin/dist/index.html',
    sources: [
      'packages/admin/src',
      'packages/admin/index.html',
      'packages/admin/vite.config.ts',
      'widget/src/icons.ts',
    ],
  },
  {
    pkg: '@aviso/demo',
    output: 'demo/dist/index.html',
    sources: ['demo/src', 'demo/index.html', 'demo/pane.html', 'demo/vite.config.ts'],
  },
];
const demoOff =
  ['0', 'false'].includes(process.env.AVISO_DEMO ?? '') ||
  (process.env.NODE_ENV === 'production' && !process.env.AVISO_DEMO);

for (const { pkg, output, sources } of builds) {
  if (pkg === '@aviso/demo' && demoOff) continue;
  const out = join(root, output);
  const built = existsSync(out) ? statSync(out).mtimeMs : 0;
  if (built && built >= newest(sources.map((s) => join(root, s)))) continue;
  console.log(`aviso: building ${pkg} (${built ? 'sources changed' : `${output} is missing`})…`);
  const r = spawnSync(pnpm, ['--filter', pkg, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
