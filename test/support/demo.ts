import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type ServiceProcess, startService } from './processes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEMO = join(ROOT, 'demo');
const MAIN = join(DEMO, 'dist-server/server/main.js');

/** The newest modification time under the given files and folders. */
function newest(paths: string[]): number {
  let max = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const info = statSync(p);
    max = info.isDirectory()
      ? Math.max(max, newest(readdirSync(p).map((e) => join(p, e))))
      : Math.max(max, info.mtimeMs);
  }
  return max;
}

/** Builds the demo (pages and backend) the way `pnpm start` does, when missing or older than its sources. */
export function ensureDemoBuilt(): void {
  const built = Math.min(
    ...[MAIN, join(DEMO, 'dist/index.html')].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)),
  );
  const sources = ['server', 'src', 'index.html', 'pane.html', 'vite.config.ts', 'tsconfig.server.json'];
  if (built && built >= newest(sources.map((s) => join(DEMO, s)))) return;
  const r = spawnSync('pnpm', ['--filter', '@aviso/demo', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('@aviso/demo did not build');
}

export type DemoProcess = ServiceProcess;

/**
 * Starts the demo's compiled backend with node, as `pnpm --filter @aviso/demo start` does, against
 * the hub at `hubUrl`, and waits until it serves its pages (it has seeded its tenant by then).
 */
export async function startDemoProcess(
  hubUrl: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<DemoProcess> {
  // A caller that must tell the hub the demo's address in advance (its egress allow-list) picks the port.
  const port = env.DEMO_PORT ? Number(env.DEMO_PORT) : await freePort();
  return startService('the demo', [MAIN], {
    cwd: DEMO,
    env: { ...process.env, AVISO_HUB_URL: hubUrl, DEMO_PORT: String(port), DEMO_HOST: '127.0.0.1', ...env },
    port,
    readyPath: '/api/state',
    timeoutMs,
    graceMs: 5_000,
  });
}
