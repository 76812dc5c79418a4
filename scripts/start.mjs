// `pnpm start`: builds what is stale (the hub and the packages it serves, and the demo when it is on),
// runs the hub as compiled JavaScript (server/dist/main.js), and once the hub is ready starts the demo
// POS's own backend beside it. Signals go to both; the hub's exit code is this process's.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStale, pnpm, root, workspacePackages } from './workspace.mjs';

const env = process.env;
const OFF = ['0', 'false', 'no', 'off'];
// The hub's own rule (server/src/config.ts): on unless turned off, off in production unless turned on.
const demoOn = env.AVISO_DEMO?.trim() ? !OFF.includes(env.AVISO_DEMO.trim()) : env.NODE_ENV !== 'production';
const packages = workspacePackages();
const demo = packages.find((p) => p.name === '@aviso/demo');
const runDemo = demoOn && !!demo?.manifest.scripts?.start;

// A production install (`pnpm install --prod`) has no compilers: it runs the tree as it was built.
if (existsSync(join(root, 'node_modules/.bin/tsc'))) {
  if (!buildStale(['@aviso/server', ...(runDemo ? ['@aviso/demo'] : [])], packages)) process.exit(1);
}

const main = join(root, 'server/dist/main.js');
if (!existsSync(main)) {
  console.error('aviso: server/dist/main.js is missing: run `pnpm install` and `pnpm build`');
  process.exit(1);
}

const port = Number(env.PORT?.trim() || 3000);
const host = ['', '0.0.0.0', '::'].includes(env.HOST?.trim() ?? '') ? '127.0.0.1' : env.HOST.trim();
const hubUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
const children = new Set();

/** Starts a child that shares this terminal and is stopped with this process. */
function run(command, args, options) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// The demo's mail catcher listens on loopback, which the hub's egress policy refuses unless listed:
// allow it, so the demo's fallback emails arrive as they do in production against a real server.
const demoSmtp = `${env.DEMO_SMTP_PUBLIC_HOST?.trim() || '127.0.0.1'}:${env.DEMO_SMTP_PORT?.trim() || '2525'}`;
// So is the demo's own server, whose stand-in of the Telegram Bot API gets the branch group's messages.
const demoHttp = `127.0.0.1:${env.DEMO_PORT?.trim() || '3100'}`;
const demoAllow = runDemo ? [demoSmtp, demoHttp] : [];
const egress = [env.AVISO_EGRESS_ALLOW?.trim(), ...demoAllow].filter(Boolean).join(',');
// A young generation of up to 64 MiB: the event path allocates fast and short-lived
// (docs/decisions/0017-young-generation.md); and no collections that shrink the heap while events
// flow (docs/decisions/0020-no-memory-reducer.md). Also in the Dockerfile and the benches.
const hub = run(process.execPath, ['--max-semi-space-size=64', '--no-memory-reducer', main], {
  env: { ...env, AVISO_EGRESS_ALLOW: egress },
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    for (const child of children) child.kill(signal);
  });
}
hub.on('exit', (code, signal) => {
  const status = code ?? (signal ? 1 : 0);
  if (!children.size) process.exit(status);
  // The demo cannot work without its hub: stop it, then leave with the hub's status.
  for (const child of children) {
    child.once('exit', () => !children.size && process.exit(status));
    child.kill('SIGTERM');
  }
});

/** Resolves once `url` answers 200, or false when `alive()` turns false first. */
async function answered(url, alive) {
  while (alive()) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (!demoOn) {
  // Nothing else to start.
} else if (!runDemo) {
  console.log('aviso: the demo package has no `start` script yet: starting the hub alone');
} else if (await answered(`${hubUrl}/readyz`, () => hub.exitCode === null && !stopping)) {
  const demoPort = env.DEMO_PORT?.trim() || '3100';
  const demoUrl = env.DEMO_PUBLIC_URL?.trim().replace(/\/+$/, '') || `http://localhost:${demoPort}`;
  const child = run(pnpm, ['--filter', '@aviso/demo', '--silent', 'start'], {
    env: {
      ...env,
      AVISO_HUB_URL: hubUrl,
      AVISO_HUB_PUBLIC_URL: env.AVISO_PUBLIC_URL?.trim() || `http://localhost:${port}`,
    },
  });
  child.on('exit', (code) => {
    if (!stopping && hub.exitCode === null) {
      console.error(`aviso: the demo stopped (exit code ${code}); the hub keeps running`);
    }
  });
  const local = `http://127.0.0.1:${demoPort}/`;
  if (await answered(local, () => child.exitCode === null && !stopping)) {
    const lines = [
      `The demo POS is ON: ${demoUrl}/`,
      `It runs against this hub (${hubUrl}) with a demo tenant.`,
      'AVISO_DEMO=0 pnpm start runs the hub alone.',
    ];
    const width = Math.max(...lines.map((l) => l.length));
    const bar = '═'.repeat(width + 2);
    console.log(`\n  ╔${bar}╗\n${lines.map((l) => `  ║ ${l.padEnd(width)} ║`).join('\n')}\n  ╚${bar}╝\n`);
  }
}
