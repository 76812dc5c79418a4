// The published widget works outside this workspace: `pnpm pack` of @aviso/widget, installed with
// npm into a plain app in a temporary folder (no workspace, no pnpm links), bundled by Vite,
// type-checked by tsc, and loaded in Chromium, where <aviso-bell> must be defined and render.
// Needs the npm registry for lit, socket.io-client and zod (from npm's cache when it has them).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile as read, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WIDGET = join(ROOT, 'widget');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const fromWidget = createRequire(join(WIDGET, 'package.json'));

// npm and pnpm read npm_config_* from the environment: the workspace's settings must not leak
// into the install that stands for a user's project.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
) as NodeJS.ProcessEnv;

async function registryReachable(): Promise<boolean> {
  try {
    await run('npm', ['ping'], { env: cleanEnv, timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

const online = await registryReachable();
if (!online) {
  console.warn(
    '[widget-pack] skipped: the npm registry is unreachable (`npm ping` failed), and the packed widget needs lit, socket.io-client and zod from it',
  );
}

describe.skipIf(!online)('the packed @aviso/widget in a plain Vite app', () => {
  let work: string;
  let app: string;
  let tarball: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'aviso-widget-pack-'));
    app = join(work, 'app');
    // Its workspace dependencies first (`...`): dist/lib copies their builds.
    await run('pnpm', ['--filter', '@aviso/widget...', 'build'], { cwd: ROOT, timeout: 240_000 });
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: WIDGET, timeout: 60_000 });
    const name = (await readdir(work)).find((f) => f.endsWith('.tgz'));
    if (!name) throw new Error('pnpm pack wrote no tarball');
    tarball = join(work, name);

    await run('mkdir', ['-p', join(app, 'src')]);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'shop', private: true, type: 'module' }),
    );
    await writeFile(
      join(app, 'index.html'),
      '<!doctype html><html lang="es"><body><aviso-bell></aviso-bell><script type="module" src="./src/main.ts"></script></body></html>',
    );
    await writeFile(
      join(app, 'src', 'main.ts'),
      [
        "import { AvisoBell, AvisoClient } from '@aviso/widget';",
        "import '@aviso/widget/aviso-bell';",
        "const bell: AvisoBell = document.createElement('aviso-bell');",
        "bell.addEventListener('aviso-navigate', (e) => console.log(e.link));",
        "(window as unknown as { aviso: unknown }).aviso = { defined: customElements.get('aviso-bell') === AvisoBell, client: typeof AvisoClient };",
        '',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
        },
        include: ['src'],
      }),
    );
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball],
      {
        cwd: app,
        env: cleanEnv,
        timeout: 180_000,
      },
    );
  }, 420_000);
  afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

  it('ships the bundle, the library and its types, and depends on published packages only', async () => {
    const installed = join(app, 'node_modules', '@aviso', 'widget');
    const manifest = JSON.parse(await read(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@aviso/'))).toEqual([]);
    expect(JSON.stringify(manifest.exports)).not.toContain('aviso-source');
    expect(await readdir(join(app, 'node_modules', '@aviso'))).toEqual(['widget']);
    const files = await readdir(join(installed, 'dist', 'lib'), { recursive: true });
    expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'aviso-bell.js']));
    expect(await readdir(join(installed, 'dist'))).toContain('aviso.js');
    for (const file of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
      const text = await read(join(installed, 'dist', 'lib', file), 'utf8');
      expect(text, file).not.toMatch(/from\s*['"]@aviso\//);
    }
  });

  it('type-checks in the app', async () => {
    const tsc = fromWidget.resolve('typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', app], { cwd: app, timeout: 120_000 });
  }, 120_000);

  describe('built by Vite', () => {
    let server: Server;
    let browser: Browser | undefined;
    let origin: string;

    beforeAll(async () => {
      const vite = join(dirname(fromWidget.resolve('vite/package.json')), 'bin', 'vite.js');
      await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
        cwd: app,
        env: cleanEnv,
        timeout: 120_000,
      });
      const dist = join(app, 'dist');
      server = createServer(async (req, res) => {
        const path = join(dist, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
        if (!path.startsWith(dist)) return void res.writeHead(404).end();
        try {
          const body = await read(path);
          const type = extname(path) === '.js' ? 'text/javascript' : 'text/html';
          res.writeHead(200, { 'content-type': type }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    }, 150_000);
    afterAll(async () => {
      await browser?.close();
      if (server) await new Promise((resolve) => server.close(resolve));
    });

    it('defines the custom element in its output', async () => {
      const assets = join(app, 'dist', 'assets');
      const scripts = (await readdir(assets)).filter((f) => f.endsWith('.js'));
      const text = (await Promise.all(scripts.map((f) => read(join(assets, f), 'utf8')))).join('\n');
      expect(text).toMatch(/customElements\.define\(\s*["']aviso-bell["']/);
      expect(text).not.toContain(ROOT);
    });

    it('defines <aviso-bell> in Chromium, and it renders', async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${origin}/`);
      // Page code as text: this project's TypeScript has no DOM types.
      await page.waitForFunction("'aviso' in window", undefined, { timeout: 15_000 });
      const state = await page.evaluate(`(async () => {
        await customElements.whenDefined('aviso-bell');
        const bell = document.querySelector('aviso-bell');
        await bell.updateComplete;
        return { aviso: window.aviso, rendered: (bell.shadowRoot?.childNodes.length ?? 0) > 0 };
      })()`);
      expect(state).toEqual({ aviso: { defined: true, client: 'function' }, rendered: true });
      expect(errors).toEqual([]);
    }, 60_000);
  });
});
